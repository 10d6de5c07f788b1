import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { readLinkToken } from '../../platform/link-token';
import { waitlistError } from './waitlist.errors';
import { findOffer, findOfferByToken, type OfferRow } from './waitlist-offers.repository';

const notFound = () =>
  waitlistError('OFFER_NOT_FOUND', 'This offer link is not valid. Check that you opened the whole link.');

/**
 * The offer a link's token names, and the context to answer it in: the token is the only authority, so the context
 * has no account — only the organization the token names and where the request came from. An unknown or malformed
 * token is refused with the same answer, which says nothing about any patient.
 */
export async function offerByToken(
  executor: Executor,
  token: string,
  origin: { requestId: string | null; sourceAddress: string | null },
): Promise<{ context: ActorContext; offer: OfferRow }> {
  const parsed = readLinkToken(token);
  if (!parsed) throw notFound();
  const offer = await findOfferByToken(executor, parsed.organizationId, parsed.hash);
  if (!offer) throw notFound();
  return {
    context: { organizationId: parsed.organizationId, actor: null, patientScope: null, ...origin },
    offer,
  };
}

/** An offer by id for a signed-in caller: staff in the organization, or a portal account for its own patients. */
export async function offerById(executor: Executor, context: ActorContext, id: string): Promise<OfferRow> {
  const offer = await findOffer(executor, context, id);
  if (!offer) throw notFound();
  return offer;
}
