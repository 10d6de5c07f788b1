import type { ReviewBreakGlassRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { grantIsActive, requireActor } from './access-rules';
import { toBreakGlassGrantReview } from './confidentiality-view';
import { confidentialityError } from './confidentiality.errors';
import { findGrantReview, lockGrant, recordReview } from './break-glass.repository';
import { REVIEW_ITEM, type ReviewQueue } from './review-queue';

/**
 * A supervisor's review of a grant: appropriate, or inappropriate (which also ends a grant still running). Closes
 * the review item. Nobody reviews their own access.
 */
export async function reviewBreakGlass(
  db: Db,
  deps: { clock: Clock; queue: ReviewQueue },
  context: ActorContext,
  grantId: string,
  input: ReviewBreakGlassRequest,
) {
  const now = deps.clock.now();
  const reviewer = requireActor(context);
  return inTransaction(db, async (trx) => {
    const grant = await lockGrant(trx, context.organizationId, grantId);
    if (!grant) throw confidentialityError('GRANT_NOT_FOUND', 'No break-the-glass grant with that id.');
    if (grant.user_id === reviewer.id) {
      throw confidentialityError(
        'SELF_REVIEW_NOT_ALLOWED',
        'You cannot review your own access: another supervisor will.',
      );
    }
    const revoke = input.outcome === 'inappropriate' && grantIsActive(grant, now);
    const reviewed = await recordReview(trx, context.organizationId, grantId, {
      outcome: input.outcome,
      note: input.note ?? null,
      reviewedBy: reviewer.id,
      now,
      revoke,
    });
    if (!reviewed) throw confidentialityError('GRANT_ALREADY_REVIEWED', 'This access was already reviewed.');
    await deps.queue.close(
      trx,
      context,
      { kind: REVIEW_ITEM.kind, type: REVIEW_ITEM.subjectType, id: grantId },
      { status: 'done', resolution: `Reviewed: ${input.outcome}` },
      now,
    );
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId: grant.patient_id,
        resourceType: 'BreakGlassGrant',
        resourceId: grantId,
        details: { review: input.outcome, revoked: revoke },
      },
      now,
    );
    const row = await findGrantReview(trx, context.organizationId, grantId);
    if (!row) throw new Error('grant vanished after review');
    return toBreakGlassGrantReview(row, now);
  });
}
