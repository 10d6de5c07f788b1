import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { assertMayOpenRecord } from '../confidentiality';
import { patientError } from './patients.errors';
import { readPatientRecord } from './patients.repository';

/**
 * Reads one patient, with the fields the caller's role may see, and audits the read.
 * Another organization's patient, or one outside scope, is not found.
 */
export async function getPatient(db: Db, context: ActorContext, id: string, now: Date = new Date()) {
  const row = await readPatientRecord(db, context, id);
  if (!row) throw patientError('PATIENT_NOT_FOUND', 'No patient with that id.');
  await assertMayOpenRecord(db, context, row.id, now);
  await recordAudit(db, context, {
    action: 'read',
    patientId: row.id,
    resourceType: 'Patient',
    resourceId: row.id,
  });
  return row;
}
