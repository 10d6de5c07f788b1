import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { toPatientRestriction } from './confidentiality-view';
import { confidentialityError } from './confidentiality.errors';
import { findRestriction, patientExists, restrictionHistory } from './confidentiality.repository';

/** A patient's restriction and its history, as it stands (no audit: for the writer's own answer). */
export async function readRestriction(executor: Executor, context: ActorContext, patientId: string) {
  const row = await findRestriction(executor, context.organizationId, patientId);
  const history = await restrictionHistory(executor, context.organizationId, patientId);
  return toPatientRestriction(patientId, row, history);
}

/** A patient's restriction, its reason and who set or cleared it when; the read is audited. */
export async function getRestriction(executor: Executor, context: ActorContext, patientId: string) {
  if (!(await patientExists(executor, context.organizationId, patientId))) {
    throw confidentialityError('PATIENT_NOT_FOUND', 'No patient with that id.');
  }
  const view = await readRestriction(executor, context, patientId);
  await recordAudit(executor, context, {
    action: 'read',
    patientId,
    resourceType: 'PatientRestriction',
    resourceId: patientId,
  });
  return view;
}
