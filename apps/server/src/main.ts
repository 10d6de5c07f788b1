import { createPatientDesk, type PatientDesk } from './app';
import { loadConfig } from './platform/config/config';
import { createLogger } from './platform/logging/logger';
import { seedDemoIfEmpty } from './demo/seed-demo';

/** `npm start`: the API, the web app and (unless WORKER=off) the job worker in one process. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Handlers first: a stop that arrives while starting still closes the database cleanly.
  let desk: PatientDesk | null = null;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    (desk ? desk.close() : Promise.resolve()).then(() => process.exit(0)).catch(() => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  desk = await createPatientDesk({ config, logger });
  if (stopping) {
    await desk.close();
    return;
  }
  if (!config.databaseUrl && config.seedDemo === 'auto') {
    const seeded = await seedDemoIfEmpty(desk.database.db);
    if (seeded)
      logger.info({ patients: seeded.patients }, 'demo clinic created (first start of an empty database)');
  }
  await desk.app.listen({ port: config.port, host: config.host });
  if (config.worker === 'embedded') desk.worker.start();
  const address = `http://localhost:${config.port}`;
  logger.info(
    { url: address, database: desk.database.kind, worker: config.worker },
    `PatientDesk is running at ${address}/desk`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
