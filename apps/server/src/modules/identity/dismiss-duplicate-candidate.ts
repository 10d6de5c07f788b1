import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { decideCandidate, lockCandidate } from './duplicate-candidates.repository';
import { identityError } from './identity.errors';

/**
 * Records that a pair is not one person. Remembered: the detector will not raise the pair again. Dismissing a
 * dismissed pair again changes nothing; a merged pair cannot be dismissed (undo the merge instead).
 */
export async function dismissDuplicateCandidate(
  db: Db,
  clock: Clock,
  context: ActorContext,
  id: string,
  reason: string | null,
): Promise<void> {
  const now = clock.now();
  await inTransaction(db, async (trx) => {
    const candidate = await lockCandidate(trx, context.organizationId, id);
    if (!candidate) throw identityError('CANDIDATE_NOT_FOUND', 'No duplicate candidate with that id.');
    if (candidate.status === 'not-duplicate') return;
    if (candidate.status === 'merged') {
      throw identityError('CANDIDATE_DECIDED', 'These records were merged. Undo the merge instead.');
    }
    await decideCandidate(
      trx,
      context.organizationId,
      id,
      {
        status: 'not-duplicate',
        decidedBy: context.actor?.id ?? null,
        decidedAt: now,
        reason,
        mergeId: null,
      },
      now,
    );
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        resourceType: 'DuplicateCandidate',
        resourceId: id,
        patientIds: [candidate.patient_a_id, candidate.patient_b_id],
        reason,
        details: { status: 'not-duplicate' },
      },
      now,
    );
  });
}
