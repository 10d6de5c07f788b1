import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { closeWorkItemsFor } from '../worklist';
import { changeOffers, type OfferChange } from './waitlist-offers.repository';

/** The work item that asks the desk to call a patient who has neither phone nor email for an offer. */
export const OFFER_CALL_KIND = 'waitlist-offer';

/**
 * Closes offers (accepted, declined, expired, taken or withdrawn), audits each, and closes the desk's call item of
 * any that went by phone. Returns the offers changed.
 */
export async function closeOffers(
  executor: Executor,
  context: ActorContext,
  where: Parameters<typeof changeOffers>[2],
  change: OfferChange,
  now: Date,
) {
  const rows = await changeOffers(executor, context.organizationId, where, change, now);
  await recordAudit(
    executor,
    context,
    rows.map((row) => ({
      action: 'update' as const,
      patientId: row.patient_id,
      resourceType: 'WaitlistOffer',
      resourceId: row.id,
      details: { state: change.state, ...(change.withdrawnReason ? { reason: change.withdrawnReason } : {}) },
    })),
    now,
  );
  for (const row of rows) {
    if (row.channel !== 'phone') continue;
    await closeWorkItemsFor(
      executor,
      context,
      { kind: OFFER_CALL_KIND, type: 'WaitlistOffer', id: row.id },
      { status: change.state === 'accepted' ? 'done' : 'cancelled', resolution: `Offer ${change.state}` },
      now,
    );
  }
  return rows;
}
