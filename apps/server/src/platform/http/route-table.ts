import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess } from '../access/permissions';

export type RouteEntry = { method: string; url: string; permission: RouteAccess | undefined };

/**
 * Records every route as it is added, and refuses to start the server if any route lacks a declared permission.
 * Plugins that add routes of their own (static files, API docs) mark them public in their own scope.
 */
export function enforceRoutePermissions(app: FastifyInstance): RouteEntry[] {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  const table = (): RouteEntry[] =>
    routes.flatMap((route) =>
      (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({
        method: String(method),
        url: route.url,
        permission: route.config?.permission,
      })),
    );
  const entries: RouteEntry[] = [];
  app.addHook('onReady', async () => {
    entries.push(...table());
    const missing = entries.filter((entry) => entry.permission === undefined);
    if (missing.length > 0) {
      throw new Error(
        `Routes without a declared permission: ${missing.map((entry) => `${entry.method} ${entry.url}`).join(', ')}`,
      );
    }
  });
  return entries;
}

/** Marks every route added in this plugin scope as public (for third-party plugins that serve files). */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), permission: 'public' };
  });
}
