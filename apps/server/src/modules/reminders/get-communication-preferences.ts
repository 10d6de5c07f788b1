import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { reminderError } from './reminders.errors';
import { findPreferences } from './reminders.repository';

/** A patient's communication preferences, audited as a read of the patient's record. */
export async function getCommunicationPreferences(db: Db, context: ActorContext, patientId: string) {
  const row = await findPreferences(db, context, patientId);
  if (!row) throw reminderError('PATIENT_NOT_FOUND', 'No patient with that id.');
  await recordAudit(db, context, {
    action: 'read',
    patientId,
    resourceType: 'Patient',
    resourceId: patientId,
    details: { part: 'communication-preferences' },
  });
  return row;
}
