import { loadConfig } from '../platform/config/config';
import { createLogger } from '../platform/logging/logger';
import { describeDatabase, type Command } from './command';

const STOP_GRACE_MS = 10_000;

/** `pd worker`: the job worker (and audit sealer) without the HTTP server, for scaled-out deployments. */
export const workerCommand: Command = {
  path: ['worker'],
  summary: 'Run the job worker alone (stop with Ctrl-C or SIGTERM)',
  details: [
    'Runs the durable job queue and the audit sealer without serving HTTP. Start API processes with WORKER=off ' +
      'and run as many `pd worker` processes beside them as the queue needs. Applies pending migrations first, ' +
      'as the server does.',
  ],
  options: {
    drain: { type: 'boolean', description: 'Run the jobs that are due, then exit' },
  },
  run: async (args, io) => {
    // Listening before anything else: a stop asked for while starting (or right after "running" is printed)
    // must still end in an orderly close, not in the default action of the signal.
    const stopped = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const config = loadConfig(io.env);
    const logger = createLogger(config.logLevel);
    // Loaded here, not at the top: the HTTP app's modules would slow every other `pd` command's start.
    const { createPatientDesk } = await import('../app');
    const desk = await createPatientDesk({ config, logger });
    try {
      if (args.flags.has('drain')) {
        const ran = await desk.worker.drain();
        io.out(`Ran ${ran} job(s).`);
        return 0;
      }
      desk.worker.start();
      io.out(`Job worker running on ${describeDatabase(config)}. Stop it with Ctrl-C.`);
      const signal = await stopped;
      io.out(`Stopping (${signal}): finishing the jobs in hand.`);
      // A handler stuck on a remote call must not keep the process from stopping; its job is retried later.
      const force = setTimeout(() => {
        io.err('The worker did not stop in time; exiting anyway.');
        process.exit(1);
      }, STOP_GRACE_MS);
      force.unref();
      return 0;
    } finally {
      await desk.close();
    }
  },
};
