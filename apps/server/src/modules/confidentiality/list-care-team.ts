import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { toCareTeamMember } from './confidentiality-view';
import { confidentialityError } from './confidentiality.errors';
import { careTeamOf, patientExists } from './confidentiality.repository';

/** A patient's care team (current and upcoming members, or everyone ever on it); the read is audited. */
export async function listCareTeam(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  includePast: boolean,
) {
  const now = clock.now();
  if (!(await patientExists(db, context.organizationId, patientId))) {
    throw confidentialityError('PATIENT_NOT_FOUND', 'No patient with that id.');
  }
  const rows = await careTeamOf(db, context.organizationId, patientId, { includePast, now });
  await recordAudit(db, context, { action: 'read', patientId, resourceType: 'CareTeamMember' }, now);
  return { items: rows.map((row) => toCareTeamMember(row, now)) };
}
