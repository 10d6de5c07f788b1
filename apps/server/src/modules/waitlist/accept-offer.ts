import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/http/errors';
import { bookAppointment } from '../scheduling';
import { closeOffers } from './close-offers';
import { waitlistError, type WaitlistErrors } from './waitlist.errors';
import { closeEntry, lockProviderOffers } from './waitlist.repository';
import { findOffer, type OfferRow } from './waitlist-offers.repository';

// Booking errors that mean the time is gone, not that the request was wrong.
const TIME_GONE = new Set([
  'SLOT_TAKEN',
  'PROVIDER_NOT_OFFERED',
  'APPOINTMENT_TYPE_NOT_FOUND',
  'START_NOT_BOOKABLE',
  'ROOM_INVALID',
]);

type Refusal = keyof typeof WaitlistErrors &
  ('OFFER_USED' | 'OFFER_EXPIRED' | 'OFFER_TAKEN' | 'OFFER_CLOSED');

const REFUSALS: Record<Refusal, string> = {
  OFFER_USED: 'This offer was already answered. Each offer link works once.',
  OFFER_EXPIRED: 'The time to answer this offer has passed. You are still on the waitlist.',
  OFFER_TAKEN:
    'This time was just taken by someone else. You are still on the waitlist; we will offer you the next time that opens up.',
  OFFER_CLOSED: 'This offer was withdrawn because the waitlist entry was closed.',
};

export function refuse(code: Refusal): AppError {
  return waitlistError(code, REFUSALS[code]);
}

/**
 * Why an offer cannot be answered now, if it cannot. Trying to accept a withdrawn offer whose time went to someone
 * else marks it `taken` (the patient tried); an open one past its time becomes `expired`.
 */
export async function answerable(
  executor: Executor,
  context: ActorContext,
  offer: OfferRow,
  now: Date,
  answer: 'accept' | 'decline',
): Promise<Refusal | null> {
  switch (offer.state) {
    case 'accepted':
    case 'declined':
      return 'OFFER_USED';
    case 'expired':
      return 'OFFER_EXPIRED';
    case 'taken':
      return 'OFFER_TAKEN';
    case 'withdrawn':
      if (offer.withdrawn_reason === 'entry-closed') return 'OFFER_CLOSED';
      if (answer === 'decline') return 'OFFER_TAKEN';
      await closeOffers(
        executor,
        context,
        { ids: [offer.id], from: ['withdrawn'] },
        { state: 'taken', responded: true },
        now,
      );
      return 'OFFER_TAKEN';
    case 'open':
      if (offer.expires_at > now) return null;
      await closeOffers(executor, context, { ids: [offer.id], from: ['open'] }, { state: 'expired' }, now);
      return 'OFFER_EXPIRED';
  }
}

/**
 * Accepts an offer: books its time for the patient through `bookAppointment` (via 'waitlist': the same slot check
 * and exclusion constraints as any booking). The first acceptance gets the time — its entry becomes booked and the
 * other open offers of the time are withdrawn; a later one is refused with OFFER_TAKEN, its offer marked `taken`
 * and its entry left active. Acceptances of one provider's times run one at a time (an advisory lock), so two
 * patients racing for a time never deadlock. Returns the appointment's id.
 */
export async function acceptOffer(
  db: Db,
  clock: Clock,
  context: ActorContext,
  offerId: string,
): Promise<string> {
  const now = clock.now();
  const first = await findOffer(db, context, offerId);
  if (!first) throw waitlistError('OFFER_NOT_FOUND', 'This offer link is not valid.');
  let outcome: { refused: Refusal } | { appointmentId: string };
  try {
    outcome = await inTransaction(db, async (trx) => {
      await lockProviderOffers(trx, context.organizationId, first.provider_id);
      const offer = await findOffer(trx, context, offerId, true);
      if (!offer) throw waitlistError('OFFER_NOT_FOUND', 'This offer link is not valid.');
      const refused = await answerable(trx, context, offer, now, 'accept');
      if (refused) return { refused };
      const { id: appointmentId } = await bookAppointment(
        trx,
        context,
        {
          patientId: offer.patient_id,
          appointmentTypeId: offer.appointment_type_id,
          providerId: offer.provider_id,
          locationId: offer.location_id,
          start: offer.starts_at.toISOString(),
        },
        { now, via: 'waitlist', mayOverbook: false },
      );
      await closeOffers(
        trx,
        context,
        { ids: [offer.id], from: ['open'] },
        { state: 'accepted', appointmentId, responded: true },
        now,
      );
      await closeEntry(
        trx,
        context.organizationId,
        offer.entry_id,
        { status: 'booked', reason: 'offer-accepted', appointmentId },
        now,
      );
      await recordAudit(
        trx,
        context,
        {
          action: 'update',
          patientId: offer.patient_id,
          resourceType: 'WaitlistEntry',
          resourceId: offer.entry_id,
          details: { status: 'booked', offerId: offer.id, appointmentId },
        },
        now,
      );
      // Every other open offer of this time (or overlapping it) can no longer be taken.
      await closeOffers(
        trx,
        context,
        {
          overlapping: { providerId: offer.provider_id, from: offer.starts_at, to: offer.ends_at },
          from: ['open'],
        },
        { state: 'withdrawn', withdrawnReason: 'slot-booked' },
        now,
      );
      return { appointmentId };
    });
  } catch (error) {
    if (!(error instanceof AppError) || !TIME_GONE.has(error.code)) throw error;
    // The booking failed and its transaction is gone; record the attempt on its own.
    await inTransaction(db, (trx) =>
      closeOffers(
        trx,
        context,
        { ids: [offerId], from: ['open', 'withdrawn'] },
        { state: 'taken', responded: true },
        now,
      ),
    );
    throw refuse('OFFER_TAKEN');
  }
  if ('refused' in outcome) throw refuse(outcome.refused);
  return outcome.appointmentId;
}
