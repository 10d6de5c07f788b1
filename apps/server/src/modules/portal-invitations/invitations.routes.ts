import {
  ZAcceptPortalInvitation,
  ZNewPortalInvitation,
  ZPortalAccess,
  ZPortalInvitation,
  ZPortalInvitationLink,
  ZPortalInvitationLookup,
  ZSession,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { publicBaseUrl } from '../../platform/config/config';
import { loadSession, SESSION_COOKIE, sessionCookieOptions, sessionView } from '../../platform/auth/sessions';
import { actorContext } from '../../platform/http/context';
import { commonError } from '../../platform/http/errors';
import { ZIdParams } from '../../platform/http/route-schemas';
import type { App, ServerDeps } from '../../platform/http/server';
import { organizationSettings } from '../../platform/auth/auth.repository';
import { acceptInvitation, describeInvitation } from './accept-invitation';
import { inviteToPortal, readPortalAccess, withdrawInvitation } from './invite-to-portal';

/** The desk's view and invitations of a patient's portal access, and the public pages' link endpoints. */
export function registerPortalInvitationRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const invitationDeps = { db, clock: deps.clock, linkBase: publicBaseUrl(deps.config) };
  const source = (request: { id: string; ip: string; headers: Record<string, unknown> }) => ({
    requestId: request.id,
    sourceAddress: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });

  app.get(
    '/api/patients/:id/portal-access',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['portal-invitations'],
        summary: 'Whether the patient has a portal account, and the invitations sent',
        params: ZIdParams,
        response: { 200: ZPortalAccess },
      },
    },
    async (request) => readPortalAccess(invitationDeps, actorContext(request), request.params.id),
  );

  app.post(
    '/api/patients/:id/portal-invitations',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['portal-invitations'],
        summary: 'Email the patient (or a proxy) a single-use link to make a portal account',
        params: ZIdParams,
        body: ZNewPortalInvitation,
        response: { 201: ZPortalInvitation },
      },
    },
    async (request, reply) => {
      const invitation = await inviteToPortal(
        invitationDeps,
        actorContext(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(invitation);
    },
  );

  app.post(
    '/api/patients/:id/portal-invitations/:invitationId/revoke',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['portal-invitations'],
        summary: 'Withdraw an invitation not yet used',
        params: ZIdParams.extend({ invitationId: z.uuid() }),
        response: { 200: ZPortalInvitation },
      },
    },
    async (request) =>
      withdrawInvitation(
        invitationDeps,
        actorContext(request),
        request.params.id,
        request.params.invitationId,
      ),
  );

  app.post(
    '/api/portal-invitations/lookup',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['portal-invitations'],
        summary: 'What an invitation link is for (the token is the authority)',
        security: [],
        body: ZPortalInvitationLookup,
        response: { 200: ZPortalInvitationLink },
      },
    },
    async (request) => describeInvitation(invitationDeps, request.body.token, source(request)),
  );

  app.post(
    '/api/portal-invitations/accept',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['portal-invitations'],
        summary:
          'Use an invitation: date of birth and a password make (or add the record to) an account; signs in',
        security: [],
        body: ZAcceptPortalInvitation,
        response: { 200: ZSession },
      },
    },
    async (request, reply) => {
      const opened = await acceptInvitation(
        { db, clock: deps.clock, config: deps.config },
        request.body,
        source(request),
      );
      reply.setCookie(SESSION_COOKIE, opened.cookieValue, {
        ...sessionCookieOptions(deps.config, request.protocol),
        expires: opened.expiresAt,
      });
      const auth = await loadSession(db, deps.clock, opened.cookieValue, (id) =>
        organizationSettings(db, id),
      );
      if (!auth) throw commonError('UNAUTHENTICATED', 'The session could not be opened.');
      return sessionView(auth);
    },
  );
}
