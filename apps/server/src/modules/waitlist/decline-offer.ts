import type { ActorContext } from '../../platform/access/context';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { answerable, refuse } from './accept-offer';
import { closeOffers } from './close-offers';
import { enqueueReconcile } from './jobs/waitlist-jobs';
import { waitlistError } from './waitlist.errors';
import { lockProviderOffers } from './waitlist.repository';
import { findOffer } from './waitlist-offers.repository';

/**
 * Declines an open offer. The entry stays on the waitlist (this time is not offered to it again), and the time is
 * queued for the next-ranked entry.
 */
export async function declineOffer(
  db: Db,
  clock: Clock,
  context: ActorContext,
  offerId: string,
): Promise<void> {
  const now = clock.now();
  const first = await findOffer(db, context, offerId);
  if (!first) throw waitlistError('OFFER_NOT_FOUND', 'This offer link is not valid.');
  const refused = await inTransaction(db, async (trx) => {
    await lockProviderOffers(trx, context.organizationId, first.provider_id);
    const offer = await findOffer(trx, context, offerId, true);
    if (!offer) throw waitlistError('OFFER_NOT_FOUND', 'This offer link is not valid.');
    const why = await answerable(trx, context, offer, now, 'decline');
    if (why) return why;
    const [declined] = await closeOffers(
      trx,
      context,
      { ids: [offer.id], from: ['open'] },
      { state: 'declined', responded: true },
      now,
    );
    if (declined) await enqueueReconcile(trx, context.organizationId, declined.slot, { now });
    return null;
  });
  if (refused) throw refuse(refused);
}
