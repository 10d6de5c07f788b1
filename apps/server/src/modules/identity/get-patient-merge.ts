import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Executor } from '../../platform/audit/audit.repository';
import { identityError } from './identity.errors';
import { findMerge } from './merges.repository';

/** One merge, with what it moved; reading it is audited on both records. */
export async function getPatientMerge(executor: Executor, context: ActorContext, id: string) {
  const merge = await findMerge(executor, context.organizationId, id);
  if (!merge) throw identityError('MERGE_NOT_FOUND', 'No merge with that id.');
  await recordAudit(executor, context, {
    action: 'read',
    resourceType: 'PatientMerge',
    resourceId: merge.id,
    patientIds: [merge.survivor_id, merge.merged_id],
  });
  return merge;
}
