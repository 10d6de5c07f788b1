import {
  ZLeaveWaitlistRequest,
  ZPortalJoinWaitlistRequest,
  ZPortalWaitlistEntry,
  ZPortalWaitlistEntryList,
  ZWaitlistOfferView,
  type WaitlistEntry,
} from '@patientdesk/contracts';
import { z } from 'zod';
import type { ActorContext } from '../../platform/access/context';
import { portalContext } from '../../platform/http/context';
import { requireVersion } from '../../platform/http/errors';
import type { App, ServerDeps } from '../../platform/http/server';
import { acceptOffer } from './accept-offer';
import { declineOffer } from './decline-offer';
import { offerById } from './find-offer';
import { joinWaitlist } from './join-waitlist';
import { leaveWaitlist } from './leave-waitlist';
import { listWaitlist, readWaitlistEntry } from './list-waitlist';
import { viewOffer } from './view-offer';
import { toOfferView, toWaitlistEntry } from './waitlist-view';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

/** The portal leaves out the staff's note and priority. */
function toPortalEntry(entry: WaitlistEntry): z.infer<typeof ZPortalWaitlistEntry> {
  const { note: _note, priority: _priority, createdBy: _createdBy, ...shown } = entry;
  return shown;
}

/** The waitlist in the portal: a patient (or proxy) sees, joins and leaves their own entries and answers offers. */
export function registerPortalWaitlistRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const entry = async (context: ActorContext, id: string, afterChange = true) => {
    const { row, offers } = await readWaitlistEntry(db, context, id, { afterChange });
    return toPortalEntry(toWaitlistEntry(row, offers));
  };
  const offerView = async (context: ActorContext, id: string) => {
    const { offer, clinicName } = await viewOffer(db, context, id, { afterChange: true });
    return toOfferView(offer, clinicName);
  };

  app.get(
    '/api/portal/waitlist-entries',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'The account’s waitlist entries (its own patients only), with the offers made',
        querystring: z.strictObject({
          status: z.enum(['active', 'booked', 'cancelled', 'expired']).optional(),
        }),
        response: { 200: ZPortalWaitlistEntryList },
      },
    },
    async (request) => {
      const { rows, offers } = await listWaitlist(db, portalContext(request, 'appointments'), {
        status: request.query.status,
        limit: 100,
      });
      return { items: rows.map((row) => toPortalEntry(toWaitlistEntry(row, offers))) };
    },
  );

  app.post(
    '/api/portal/waitlist-entries',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Join the waitlist for a kind of visit open to online booking',
        body: ZPortalJoinWaitlistRequest,
        response: { 201: ZPortalWaitlistEntry },
      },
    },
    async (request, reply) => {
      const context = portalContext(request, 'appointments');
      const id = await joinWaitlist(db, deps.clock, context, request.body, 'portal');
      const body = await entry(context, id);
      return reply.status(201).header('etag', `W/"${body.version}"`).send(body);
    },
  );

  app.post(
    '/api/portal/waitlist-entries/:id/cancel',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Leave the waitlist (If-Match)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZLeaveWaitlistRequest,
        response: { 200: ZPortalWaitlistEntry },
      },
    },
    async (request, reply) => {
      const context = portalContext(request, 'appointments');
      const version = requireVersion(request.headers['if-match']);
      await leaveWaitlist(db, deps.clock, context, request.params.id, version, request.body.reason ?? null);
      const body = await entry(context, request.params.id);
      return reply.header('etag', `W/"${body.version}"`).send(body);
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/api/portal/waitlist-offers/:id/${answer}`,
      {
        config: { permission: 'portal:self' },
        schema: {
          tags: ['portal'],
          summary:
            answer === 'accept'
              ? 'Accept an offer: books the time, or 409 OFFER_TAKEN when someone was faster'
              : 'Decline an offer; you stay on the waitlist',
          params: ZIdParams,
          response: { 200: ZWaitlistOfferView },
        },
      },
      async (request) => {
        const context = portalContext(request, 'appointments');
        const offer = await offerById(db, context, request.params.id);
        if (answer === 'accept') await acceptOffer(db, deps.clock, context, offer.id);
        else await declineOffer(db, deps.clock, context, offer.id);
        return offerView(context, offer.id);
      },
    );
  }
}
