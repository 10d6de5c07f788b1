import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { assertMayOpenRecord } from '../confidentiality';
import { visibleFields } from './patient-fields';
import { toPatientVersion } from './patient-view';
import { patientError } from './patients.errors';
import { findPatient, patientVersions } from './patients.repository';

/** A record's versions, newest first: who changed which fields when, limited to fields the caller may see. */
export async function patientHistory(db: Db, context: ActorContext, id: string, now: Date) {
  const patient = await findPatient(db, context, id);
  if (!patient) throw patientError('PATIENT_NOT_FOUND', 'No patient with that id.');
  await assertMayOpenRecord(db, context, id, now, {
    action: 'read',
    resourceType: 'PatientHistory',
    resourceId: id,
  });
  const rows = await patientVersions(db, context.organizationId, id);
  await recordAudit(db, context, {
    action: 'read',
    patientId: id,
    resourceType: 'PatientHistory',
    resourceId: id,
  });
  const visible = visibleFields(context);
  return { items: rows.map((row) => toPatientVersion(row, visible)) };
}
