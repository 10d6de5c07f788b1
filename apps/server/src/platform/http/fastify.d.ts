import type { RouteAccess } from '../access/permissions';
import type { AuthContext } from '../auth/sessions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route requires. Every route declares one; the server refuses to start otherwise. */
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}
