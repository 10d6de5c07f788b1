import {
  ZJoinWaitlistRequest,
  ZLeaveWaitlistRequest,
  ZWaitlistEntry,
  ZWaitlistEntryList,
  ZWaitlistEntryListQuery,
} from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { actorContext } from '../../platform/http/context';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import { requireVersion } from '../../platform/http/errors';
import type { App, ServerDeps } from '../../platform/http/server';
import { acceptOffer } from './accept-offer';
import { declineOffer } from './decline-offer';
import { offerById } from './find-offer';
import { joinWaitlist } from './join-waitlist';
import { leaveWaitlist } from './leave-waitlist';
import { listWaitlist, readWaitlistEntry } from './list-waitlist';
import { registerPortalWaitlistRoutes } from './portal-waitlist.routes';
import { registerWaitlistOfferRoutes } from './waitlist-offers.routes';
import { toWaitlistEntry } from './waitlist-view';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

/** The waitlist: the desk's routes, the portal's, and the public answers to an offer link. */
export function registerWaitlistRoutes(app: App, deps: ServerDeps): void {
  registerDeskWaitlistRoutes(app, deps);
  registerPortalWaitlistRoutes(app, deps);
  registerWaitlistOfferRoutes(app, deps);
}

function registerDeskWaitlistRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const entry = async (context: ActorContext, id: string, afterChange = true) => {
    const { row, offers } = await readWaitlistEntry(db, context, id, { afterChange });
    return toWaitlistEntry(row, offers);
  };

  app.get(
    '/api/waitlist-entries',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['waitlist'],
        summary:
          'The waitlist in its order (high priority, then oldest), each entry with its offers and their state',
        querystring: ZWaitlistEntryListQuery,
        response: { 200: ZWaitlistEntryList },
      },
    },
    async (request) => {
      const query = request.query;
      const after = query.cursor
        ? (decodeCursor(query.cursor, 'tuple') as [number, string, string])
        : undefined;
      const { rows, offers, more } = await listWaitlist(db, actorContext(request), { ...query, after });
      const last = rows.at(-1);
      return {
        items: rows.map((row) => toWaitlistEntry(row, offers)),
        nextCursor:
          more && last
            ? encodeCursor([last.priority === 'high' ? 0 : 1, last.created_at.toISOString(), last.id])
            : null,
      };
    },
  );

  app.post(
    '/api/waitlist-entries',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['waitlist'],
        summary: 'Put a patient on the waitlist for a kind of visit, a provider or location, and a window',
        body: ZJoinWaitlistRequest,
        response: { 201: ZWaitlistEntry },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const id = await joinWaitlist(db, deps.clock, context, request.body, 'desk');
      const body = await entry(context, id);
      return reply
        .status(201)
        .header('location', `/api/waitlist-entries/${id}`)
        .header('etag', `W/"${body.version}"`)
        .send(body);
    },
  );

  app.get(
    '/api/waitlist-entries/:id',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['waitlist'],
        summary: 'One waitlist entry with its offers',
        params: ZIdParams,
        response: { 200: ZWaitlistEntry },
      },
    },
    async (request, reply) => {
      const body = await entry(actorContext(request), request.params.id, false);
      return reply.header('etag', `W/"${body.version}"`).send(body);
    },
  );

  app.post(
    '/api/waitlist-entries/:id/cancel',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['waitlist'],
        summary:
          'Take an entry off the waitlist (If-Match); an open offer is withdrawn and goes to the next entry',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZLeaveWaitlistRequest,
        response: { 200: ZWaitlistEntry },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const version = requireVersion(request.headers['if-match']);
      await leaveWaitlist(db, deps.clock, context, request.params.id, version, request.body.reason ?? null);
      const body = await entry(context, request.params.id);
      return reply.header('etag', `W/"${body.version}"`).send(body);
    },
  );

  app.post(
    '/api/waitlist-offers/:id/accept',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['waitlist'],
        summary:
          'Accept an offer for the patient (they said yes by phone): books the time, or 409 OFFER_TAKEN',
        params: ZIdParams,
        response: { 200: ZWaitlistEntry },
      },
    },
    async (request) => {
      const context = actorContext(request);
      const offer = await offerById(db, context, request.params.id);
      await acceptOffer(db, deps.clock, context, offer.id);
      return entry(context, offer.entry_id);
    },
  );

  app.post(
    '/api/waitlist-offers/:id/decline',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['waitlist'],
        summary: 'Decline an offer for the patient; the entry stays on the waitlist',
        params: ZIdParams,
        response: { 200: ZWaitlistEntry },
      },
    },
    async (request) => {
      const context = actorContext(request);
      const offer = await offerById(db, context, request.params.id);
      await declineOffer(db, deps.clock, context, offer.id);
      return entry(context, offer.entry_id);
    },
  );
}
