/**
 * The server under test, in a process of its own so the load generator does not share its event loop: the real
 * createPatientDesk over the benchmark's database, listening on a free port, with the job worker (and so the audit
 * sealer) running as in production. Driven by its parent over IPC (see server-process.ts).
 */
import path from 'node:path';
import { sql, type KyselyPlugin } from 'kysely';
import { createPatientDesk } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/platform/config/config';
import { openDatabase } from '../apps/server/src/platform/db/database';
import type { ParentMessage, ServerMessage } from './server-process';

let queries = 0;

// Counts the statements the app runs. Counted on results, so a subquery is not counted apart from its statement;
// BEGIN and COMMIT are the driver's own and not counted.
const countQueries: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    queries += 1;
    return args.result;
  },
};

function send(message: ServerMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    dataDir: path.join(config.dataDir, 'pgdata'),
  });
  const desk = await createPatientDesk({
    config,
    database: { ...database, db: database.db.withPlugin(countQueries) },
  });
  await desk.app.listen({ port: 0, host: '127.0.0.1' });
  desk.worker.start();
  const address = desk.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      // Requests whose client has gone (autocannon stops by closing its sockets) may still be running.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await desk.close();
      await database.close();
    })();
    return stopping;
  };

  process.on('message', (message: ParentMessage) => {
    void (async () => {
      if (message.type === 'stats') {
        const counted = queries;
        const audit = await sql<{ total: number; unsealed: number }>`
          select count(*)::int as total, (count(*) filter (where chain_seq is null))::int as unsealed
            from audit_event`.execute(database.db);
        send({
          type: 'stats',
          queries: counted,
          auditEvents: audit.rows[0]?.total ?? 0,
          auditUnsealed: audit.rows[0]?.unsealed ?? 0,
        });
      } else {
        await stop();
        send({ type: 'stopped' });
        process.disconnect();
      }
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  // The parent went away (Ctrl-C, a crash): do not linger holding the database.
  process.on('disconnect', () => {
    void stop().finally(() => setTimeout(() => process.exit(0), 100).unref());
  });
  send({ type: 'ready', port: address.port, pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
