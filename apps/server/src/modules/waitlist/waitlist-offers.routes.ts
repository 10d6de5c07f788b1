import { ZWaitlistOfferTokenRequest, ZWaitlistOfferView } from '@patientdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { App, ServerDeps } from '../../platform/http/server';
import { acceptOffer } from './accept-offer';
import { declineOffer } from './decline-offer';
import { offerByToken } from './find-offer';
import { viewOffer } from './view-offer';
import { toOfferView } from './waitlist-view';

/**
 * The offer link's page calls these without a session: the token is the authority. POST, so the token travels in
 * a body, never in a URL that logs or proxies keep. Every refusal is the same shape and names no patient.
 */
export function registerWaitlistOfferRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const origin = (request: FastifyRequest) => ({ requestId: request.id, sourceAddress: request.ip });

  const routes = [
    ['lookup', 'What an offer link offers: the time, the place, and whether it is still open'],
    ['accept', 'Accept the offer: the first to accept gets the time; later ones get 409 OFFER_TAKEN'],
    ['decline', 'Decline the offer; the patient stays on the waitlist and the time goes to the next one'],
  ] as const;
  for (const [answer, summary] of routes) {
    app.post(
      `/api/waitlist-offers/${answer}`,
      {
        config: { permission: 'public' },
        schema: {
          tags: ['waitlist'],
          summary,
          security: [],
          body: ZWaitlistOfferTokenRequest,
          response: { 200: ZWaitlistOfferView },
        },
      },
      async (request) => {
        const { context, offer } = await offerByToken(db, request.body.token, origin(request));
        if (answer === 'accept') await acceptOffer(db, deps.clock, context, offer.id);
        if (answer === 'decline') await declineOffer(db, deps.clock, context, offer.id);
        const view = await viewOffer(db, context, offer.id, { afterChange: answer !== 'lookup' });
        return toOfferView(view.offer, view.clinicName);
      },
    );
  }
}
