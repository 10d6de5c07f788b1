import type { FastifyRequest } from 'fastify';
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
