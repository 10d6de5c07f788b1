import { sql } from 'kysely';
import { z } from 'zod';
import { migrationStatus } from '../db/migrate';
import type { App, ServerDeps } from './server';

/** Liveness (the process answers) and readiness (the database answers and its schema is current). */
export function registerHealthRoutes(app: App, deps: ServerDeps): void {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Liveness',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const ZReady = z.object({
    status: z.enum(['ready', 'not-ready']),
    database: z.enum(['up', 'down']),
    migrations: z.enum(['current', 'pending', 'unknown']),
    databaseKind: z.enum(['pglite', 'postgres']),
  });
  app.get(
    '/api/ready',
    {
      config: { permission: 'public' },
      schema: { tags: ['meta'], summary: 'Readiness', security: [], response: { 200: ZReady, 503: ZReady } },
    },
    async (_request, reply) => {
      const kind = deps.database.kind;
      try {
        await sql`select 1`.execute(deps.database.db);
      } catch {
        return reply.status(503).send({
          status: 'not-ready' as const,
          database: 'down' as const,
          migrations: 'unknown' as const,
          databaseKind: kind,
        });
      }
      const status = await migrationStatus(deps.database.db);
      const body = {
        status: status.current ? ('ready' as const) : ('not-ready' as const),
        database: 'up' as const,
        migrations: status.current ? ('current' as const) : ('pending' as const),
        databaseKind: kind,
      };
      return reply.status(status.current ? 200 : 503).send(body);
    },
  );
}
