import type { FastifyRequest } from 'fastify';
import type { ProxyPermission } from '@patientdesk/contracts';
import type { ActorContext } from '../access/context';
import { commonError } from './errors';

/** The acting context of an authenticated request: what every use case and repository takes. */
export function actorContext(request: FastifyRequest): ActorContext {
  const auth = request.auth;
  if (!auth) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
  return {
    organizationId: auth.organizationId,
    actor: { id: auth.user.id, role: auth.user.role },
    patientScope: auth.patientScope,
    requestId: request.id,
    sourceAddress: request.ip,
  };
}

/**
 * The acting context of a portal request in one area of the portal (a proxy permission): the scope narrowed to the
 * patients this account may act for there. A proxy allowed only appointments sees no documents: to the document
 * routes, that patient is not in scope (404, as for anyone else's record). Staff contexts are unchanged.
 */
export function portalContext(request: FastifyRequest, area: ProxyPermission): ActorContext {
  const context = actorContext(request);
  const access = request.auth?.patientAccess;
  if (!access) return context;
  return {
    ...context,
    patientScope: access.filter((entry) => entry.areas.includes(area)).map((entry) => entry.patientId),
  };
}
