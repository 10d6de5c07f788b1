import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Tx } from '../../platform/db/transaction';
import { pgErrorCode } from '../../platform/db/transaction';
import { reopenCandidatesOfMerge } from './duplicate-candidates.repository';
import { identityError } from './identity.errors';
import {
  findMerge,
  lockPatients,
  markMergeUndone,
  moveRowsBack,
  restoreRemovedRows,
  setMergedInto,
} from './merges.repository';
import { MOVED_REFERENCES } from './patient-references';

/**
 * Undoes a merge within 30 days, in the caller's transaction: exactly the rows the merge moved go back to the
 * merged record (rows created for the survivor since stay with it), rows it removed as duplicates come back, the
 * merged record stands on its own again, and its pair returns to the duplicate list. Audited on both records.
 */
export async function undoPatientMerge(
  trx: Tx,
  context: ActorContext,
  mergeId: string,
  reason: string,
  now: Date,
): Promise<void> {
  const organizationId = context.organizationId;
  const merge = await findMerge(trx, organizationId, mergeId, { lock: true });
  if (!merge) throw identityError('MERGE_NOT_FOUND', 'No merge with that id.');
  if (merge.status === 'undone')
    throw identityError('MERGE_ALREADY_UNDONE', 'This merge was already undone.');
  if (now.getTime() > merge.undo_until.getTime()) {
    throw identityError(
      'MERGE_UNDO_EXPIRED',
      `A merge can be undone for 30 days; this one could be until ${merge.undo_until.toISOString()}.`,
    );
  }
  const locked = await lockPatients(trx, organizationId, [merge.survivor_id, merge.merged_id]);
  const survivor = locked.find((row) => row.id === merge.survivor_id);
  const merged = locked.find((row) => row.id === merge.merged_id);
  if (!survivor || !merged || merged.merged_into !== merge.survivor_id) {
    throw identityError('UNDO_CONFLICT', 'The merged record no longer points at the survivor.');
  }
  if (survivor.merged_into) {
    throw identityError(
      'MERGE_SUPERSEDED',
      `The survivor was since merged into record ${survivor.merged_into}. Undo that merge first.`,
    );
  }
  const moved: Record<string, number> = {};
  try {
    for (const reference of [...MOVED_REFERENCES].reverse()) {
      const count =
        (await moveRowsBack(trx, organizationId, mergeId, reference, merge.survivor_id, merge.merged_id)) +
        (await restoreRemovedRows(trx, organizationId, mergeId, reference));
      if (count > 0) moved[reference.table] = count;
    }
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === '23P01' || code === '23505') {
      throw identityError(
        'UNDO_CONFLICT',
        'Moving the rows back would collide with rows added to the merged record since. Nothing was changed.',
      );
    }
    throw error;
  }
  await setMergedInto(trx, organizationId, merge.merged_id, {
    from: merge.survivor_id,
    to: null,
    by: context.actor?.id ?? null,
    at: now,
  });
  await markMergeUndone(trx, organizationId, mergeId, { by: context.actor?.id ?? null, at: now, reason });
  await reopenCandidatesOfMerge(trx, organizationId, mergeId, now);
  const details = {
    operation: 'undo-merge',
    survivorId: merge.survivor_id,
    mergedId: merge.merged_id,
    moved,
  };
  await recordAudit(
    trx,
    context,
    [merge.survivor_id, merge.merged_id].map((patientId) => ({
      action: 'update' as const,
      patientId,
      resourceType: 'PatientMerge',
      resourceId: mergeId,
      reason,
      details,
    })),
    now,
  );
}
