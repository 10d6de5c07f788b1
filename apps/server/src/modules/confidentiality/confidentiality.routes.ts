import {
  ZAddCareTeamMemberRequest,
  ZBreakGlassGrant,
  ZBreakGlassGrantList,
  ZBreakGlassGrantListQuery,
  ZBreakGlassGrantReview,
  ZBreakGlassRequest,
  ZCareTeam,
  ZCareTeamMember,
  ZCareTeamQuery,
  ZClearRestrictionRequest,
  ZEndCareTeamMemberRequest,
  ZId,
  ZPatientRestriction,
  ZReviewBreakGlassRequest,
  ZSetRestrictionRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/context';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import { commonError, requireVersion } from '../../platform/http/errors';
import type { App, ServerDeps } from '../../platform/http/server';
import { addCareTeamMember } from './add-care-team-member';
import { breakGlass } from './break-glass';
import { clearRestriction } from './clear-restriction';
import { toBreakGlassGrant } from './confidentiality-view';
import { endCareTeamMember } from './end-care-team-member';
import { getRestriction } from './get-restriction';
import { getBreakGlassGrant, listBreakGlassGrants } from './list-break-glass-grants';
import { listCareTeam } from './list-care-team';
import type { ReviewQueue } from './review-queue';
import { reviewBreakGlass } from './review-break-glass';
import { setRestriction } from './set-restriction';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

const ZGrantPosition = z.tuple([z.iso.datetime({ offset: true }), ZId]);

/** A grant list position (granted at, id), as the list gave it out. */
function grantCursor(cursor: string): [string, string] {
  const position = ZGrantPosition.safeParse(decodeCursor(cursor, 'tuple'));
  if (!position.success) {
    throw commonError('VALIDATION_FAILED', 'The cursor is not valid. Start again from the first page.', {
      fields: [{ path: 'query.cursor', message: 'Not a cursor this list gave out' }],
    });
  }
  return position.data;
}

/** Restricted records: restrictions, care teams, break-the-glass and its review. */
export function confidentialityRoutes(queue: ReviewQueue) {
  return (app: App, deps: ServerDeps): void => {
    const db = deps.database.db;
    const { clock } = deps;

    app.get(
      '/api/patients/:id/restriction',
      {
        config: { permission: 'patients:restrict' },
        schema: {
          tags: ['confidentiality'],
          summary: 'A patient’s restriction, its reason, and who set or cleared it when',
          params: ZIdParams,
          response: { 200: ZPatientRestriction },
        },
      },
      async (request, reply) => {
        const view = await getRestriction(db, actorContext(request), request.params.id);
        return reply.header('etag', `W/"${view.version}"`).send(view);
      },
    );

    app.put(
      '/api/patients/:id/restriction',
      {
        config: { permission: 'patients:restrict' },
        schema: {
          tags: ['confidentiality'],
          summary:
            'Restrict a record (staff member, VIP, sensitive service), or change how (If-Match; W/"0" at first)',
          params: ZIdParams,
          headers: ZIfMatchHeaders,
          body: ZSetRestrictionRequest,
          response: { 200: ZPatientRestriction },
        },
      },
      async (request, reply) => {
        const version = requireVersion(request.headers['if-match']);
        const view = await setRestriction(
          db,
          clock,
          actorContext(request),
          request.params.id,
          version,
          request.body,
        );
        return reply.header('etag', `W/"${view.version}"`).send(view);
      },
    );

    app.delete(
      '/api/patients/:id/restriction',
      {
        config: { permission: 'patients:restrict' },
        schema: {
          tags: ['confidentiality'],
          summary: 'Lift a restriction, saying why (If-Match); the history keeps it',
          params: ZIdParams,
          headers: ZIfMatchHeaders,
          body: ZClearRestrictionRequest,
          response: { 200: ZPatientRestriction },
        },
      },
      async (request, reply) => {
        const version = requireVersion(request.headers['if-match']);
        const view = await clearRestriction(
          db,
          clock,
          actorContext(request),
          request.params.id,
          version,
          request.body.reason,
        );
        return reply.header('etag', `W/"${view.version}"`).send(view);
      },
    );

    app.get(
      '/api/patients/:id/care-team',
      {
        config: { permission: 'patients:restrict' },
        schema: {
          tags: ['confidentiality'],
          summary: 'Who is on a patient’s care team (and so may open a restricted record)',
          params: ZIdParams,
          querystring: ZCareTeamQuery,
          response: { 200: ZCareTeam },
        },
      },
      async (request) =>
        listCareTeam(db, clock, actorContext(request), request.params.id, request.query.include === 'all'),
    );

    app.post(
      '/api/patients/:id/care-team',
      {
        config: { permission: 'patients:restrict' },
        schema: {
          tags: ['confidentiality'],
          summary: 'Put a staff member on a patient’s care team',
          params: ZIdParams,
          body: ZAddCareTeamMemberRequest,
          response: { 201: ZCareTeamMember },
        },
      },
      async (request, reply) => {
        const member = await addCareTeamMember(
          db,
          clock,
          actorContext(request),
          request.params.id,
          request.body,
        );
        return reply.status(201).send(member);
      },
    );

    app.post(
      '/api/patients/:id/care-team/:memberId/end',
      {
        config: { permission: 'patients:restrict' },
        schema: {
          tags: ['confidentiality'],
          summary: 'End a care team membership now, saying why',
          params: z.object({ id: ZId, memberId: ZId }),
          body: ZEndCareTeamMemberRequest,
          response: { 200: ZCareTeamMember },
        },
      },
      async (request) =>
        endCareTeamMember(
          db,
          clock,
          actorContext(request),
          request.params.id,
          request.params.memberId,
          request.body.reason,
        ),
    );

    app.post(
      '/api/patients/:id/break-glass',
      {
        config: { permission: 'patients:break-glass' },
        schema: {
          tags: ['confidentiality'],
          summary:
            'Break the glass: time-limited access to a restricted record, audited and reviewed (201; 200 with the running grant when one is active)',
          params: ZIdParams,
          body: ZBreakGlassRequest,
          response: { 200: ZBreakGlassGrant, 201: ZBreakGlassGrant },
        },
      },
      async (request, reply) => {
        const { grant, created } = await breakGlass(
          db,
          { clock, queue },
          actorContext(request),
          request.params.id,
          request.body,
        );
        return reply.status(created ? 201 : 200).send(toBreakGlassGrant(grant));
      },
    );

    app.get(
      '/api/break-glass-grants',
      {
        config: { permission: 'break-glass:review' },
        schema: {
          tags: ['confidentiality'],
          summary: 'Break-the-glass grants: ?reviewed=false is the review queue, oldest first',
          querystring: ZBreakGlassGrantListQuery,
          response: { 200: ZBreakGlassGrantList },
        },
      },
      async (request) => {
        const query = request.query;
        const { items, next } = await listBreakGlassGrants(db, clock, actorContext(request), {
          reviewed: query.reviewed === undefined ? undefined : query.reviewed === 'true',
          patientId: query.patientId,
          after: query.cursor ? grantCursor(query.cursor) : undefined,
          limit: query.limit,
        });
        return { items, nextCursor: next ? encodeCursor(next) : null };
      },
    );

    app.get(
      '/api/break-glass-grants/:id',
      {
        config: { permission: 'break-glass:review' },
        schema: {
          tags: ['confidentiality'],
          summary: 'One break-the-glass grant, with the requester’s reason and the review',
          params: ZIdParams,
          response: { 200: ZBreakGlassGrantReview },
        },
      },
      async (request) => getBreakGlassGrant(db, clock, actorContext(request), request.params.id),
    );

    app.post(
      '/api/break-glass-grants/:id/review',
      {
        config: { permission: 'break-glass:review' },
        schema: {
          tags: ['confidentiality'],
          summary: 'Review a grant (not your own): appropriate, or inappropriate (ends it if still running)',
          params: ZIdParams,
          body: ZReviewBreakGlassRequest,
          response: { 200: ZBreakGlassGrantReview },
        },
      },
      async (request) =>
        reviewBreakGlass(db, { clock, queue }, actorContext(request), request.params.id, request.body),
    );
  };
}
