/**
 * `npm run bench`: seeds synthetic patients at scale into a fresh database (PGlite, PostgreSQL or both), starts the
 * real server with its worker (audit sealing on), and measures the hot paths through HTTP with autocannon.
 *
 *   npm run bench -- --patients 100000 --db both --duration 10 --connections 10 [--profile]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabase, log, type BenchOptions, type Cleanups } from './database-run';
import { postgresServerVersion } from './databases';
import { loadAverage, machineInfo } from './machine';
import {
  formatMachine,
  formatRun,
  writeReport,
  type BenchReport,
  type DatabaseKind,
  type DatabaseRun,
} from './report';

function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '100000' },
      db: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      profile: { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer`);
    return number;
  };
  const databases: Record<string, DatabaseKind[]> = {
    pglite: ['pglite'],
    postgres: ['postgres'],
    both: ['pglite', 'postgres'],
  };
  const chosen = databases[values.db];
  if (!chosen) throw new Error('--db must be pglite, postgres or both');
  return {
    patients: positive('patients', values.patients),
    databases: chosen,
    durationSeconds: positive('duration', values.duration),
    connections: positive('connections', values.connections),
    profile: values.profile,
  };
}

const cleanups: Cleanups = new Set();

async function cleanUp(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await Promise.resolve(cleanup()).catch((error: unknown) => console.error('cleanup failed:', error));
  }
}

let interrupted = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the server and dropping the benchmark database…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const machineBefore = machineInfo();
  const postgresVersion = options.databases.includes('postgres') ? await postgresServerVersion() : null;
  log(
    `PatientDesk bench: ${options.patients.toLocaleString('en-US')} patients, ${options.databases.join(' + ')}, ` +
      `${options.durationSeconds} s per scenario, ${options.connections} connections`,
  );
  const runs: DatabaseRun[] = [];
  for (const kind of options.databases) runs.push(await benchDatabase(kind, options, cleanups));

  const report: BenchReport = {
    startedAt,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    options: {
      patients: options.patients,
      databases: options.databases,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
    },
    machine: {
      ...machineBefore,
      loadAverageBefore: machineBefore.loadAverage,
      loadAverageAfter: loadAverage(),
      postgresVersion,
    },
    runs,
    ok: runs.every((run) => run.problems.length === 0),
  };
  console.log(`\n${formatMachine(report.machine)}`);
  for (const run of runs) console.log(formatRun(run));
  const file = writeReport(report);
  console.log(`\nbench took ${report.seconds} s; results in ${path.relative(process.cwd(), file)}`);
  if (!report.ok) {
    console.error('\nBENCHMARK INVALID: too many requests failed (see the !! lines above).');
    process.exitCode = 1;
  }
}

main()
  .catch(async (error: unknown) => {
    // After Ctrl-C the work in flight fails as its database goes away: that is not news.
    if (interrupted) return;
    console.error('\nbench failed:', error instanceof Error ? error.message : error);
    await cleanUp();
    process.exitCode = 1;
  })
  .finally(() => {
    // autocannon or a pool may keep handles open; the work is done.
    setTimeout(() => process.exit(), 200).unref();
  });
