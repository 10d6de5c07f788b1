/**
 * `npm run bench`: seeds synthetic data at scale into a fresh database (PGlite, PostgreSQL or both), starts the
 * real server with its worker (audit sealing on), and measures the hot paths through HTTP.
 *
 *   npm run bench -- --patients 100000 --db both --duration 10 --connections 10 [--profile]
 *   npm run bench -- --suite scheduling --patients 1000000 --appointments 2000000 --db both [--clients 50]
 *     [--pglite-patients 200000 --pglite-appointments 200000] [--keep]
 *   npm run bench -- --suite duplicates --patients 1000000 --duplicates 3000 --db postgres
 *
 * Suites: `patients` (the default: sign-in, create, read, search), `scheduling` (first available, a provider's
 * week, booking under contention; PostgreSQL first), `duplicates` (the duplicate detector's precision and recall
 * over planted duplicates and hard negatives; bench/duplicates-run.ts), `all` (every one).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabase, log, type Cleanups } from './database-run';
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
import { benchDuplicates, writeDuplicatesReport } from './duplicates-run';
import { formatDuplicatesRun, type DuplicatesRun } from './duplicates-report';
import { benchScheduling, type SchedulingOptions } from './scheduling-run';
import { formatSchedulingRun, type SchedulingRun } from './scheduling-report';

type Suite = 'patients' | 'scheduling' | 'duplicates';

type Options = {
  suites: Suite[];
  databases: DatabaseKind[];
  /** Unset: each suite's own default. */
  patients: number | undefined;
  durationSeconds: number;
  connections: number;
  profile: boolean;
  appointments: number;
  /** PGlite's patients and appointments in the scheduling suite (it loads far slower than PostgreSQL). */
  pglitePatients: number | undefined;
  pgliteAppointments: number | undefined;
  clients: number;
  /** Duplicates suite: planted duplicate registrations. */
  duplicates: number;
  /** Scheduling suite: leave the seeded database in place (to EXPLAIN queries against it). */
  keep: boolean;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string', default: 'patients' },
      patients: { type: 'string' },
      appointments: { type: 'string', default: '2000000' },
      'pglite-patients': { type: 'string' },
      'pglite-appointments': { type: 'string' },
      keep: { type: 'boolean', default: false },
      clients: { type: 'string', default: '50' },
      duplicates: { type: 'string', default: '3000' },
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
  const suites: Record<string, Suite[]> = {
    patients: ['patients'],
    scheduling: ['scheduling'],
    duplicates: ['duplicates'],
    all: ['patients', 'scheduling', 'duplicates'],
  };
  const suite = suites[values.suite];
  if (!suite) throw new Error('--suite must be patients, scheduling, duplicates or all');
  return {
    suites: suite,
    patients: values.patients === undefined ? undefined : positive('patients', values.patients),
    appointments: positive('appointments', values.appointments),
    pglitePatients:
      values['pglite-patients'] === undefined
        ? undefined
        : positive('pglite-patients', values['pglite-patients']),
    pgliteAppointments:
      values['pglite-appointments'] === undefined
        ? undefined
        : positive('pglite-appointments', values['pglite-appointments']),
    keep: values.keep,
    clients: positive('clients', values.clients),
    duplicates: positive('duplicates', values.duplicates),
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
  const runs: DatabaseRun[] = [];
  const scheduling: SchedulingRun[] = [];
  const duplicates: DuplicatesRun[] = [];
  const patientsSuite = { ...options, patients: options.patients ?? 100_000 };
  if (options.suites.includes('patients')) {
    log(
      `PatientDesk bench: ${patientsSuite.patients.toLocaleString('en-US')} patients, ` +
        `${options.databases.join(' + ')}, ${options.durationSeconds} s per scenario, ${options.connections} connections`,
    );
    for (const kind of options.databases) runs.push(await benchDatabase(kind, patientsSuite, cleanups));
  }
  if (options.suites.includes('scheduling')) {
    const schedulingOptions = (kind: DatabaseKind): SchedulingOptions => {
      const patients = options.patients ?? 1_000_000;
      return {
        ...options,
        patients: kind === 'pglite' ? (options.pglitePatients ?? patients) : patients,
        appointments:
          kind === 'pglite' ? (options.pgliteAppointments ?? options.appointments) : options.appointments,
      };
    };
    // PostgreSQL first: its figures are the ones held to the targets.
    const kinds = (['postgres', 'pglite'] as const).filter((kind) => options.databases.includes(kind));
    for (const kind of kinds) {
      const sizes = schedulingOptions(kind);
      log(
        `PatientDesk scheduling bench on ${kind}: ${sizes.patients.toLocaleString('en-US')} patients, ` +
          `${sizes.appointments.toLocaleString('en-US')} appointments, ${options.durationSeconds} s per scenario, ` +
          `${options.connections} connections, ${options.clients} booking clients`,
      );
      scheduling.push(await benchScheduling(kind, sizes, cleanups));
    }
  }

  if (options.suites.includes('duplicates')) {
    const kinds = (['postgres', 'pglite'] as const).filter((kind) => options.databases.includes(kind));
    for (const kind of kinds) {
      const patients = options.patients ?? 1_000_000;
      log(
        `PatientDesk duplicates bench on ${kind}: ${patients.toLocaleString('en-US')} patients, ` +
          `${options.duplicates.toLocaleString('en-US')} planted duplicates`,
      );
      const run = await benchDuplicates({
        patients,
        duplicates: options.duplicates,
        hardNegatives: Math.round(options.duplicates * 0.67),
        db: kind,
        log: (line) => log(`${kind}: ${line.trim()}`),
      });
      duplicates.push(run);
      writeDuplicatesReport(run);
    }
  }

  const report: BenchReport = {
    startedAt,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    options: {
      suites: options.suites,
      patients: options.suites.includes('patients')
        ? patientsSuite.patients
        : (options.patients ?? 1_000_000),
      databases: options.databases,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      ...(options.suites.includes('scheduling')
        ? {
            appointments: options.appointments,
            pglitePatients: options.pglitePatients ?? options.patients ?? 1_000_000,
            pgliteAppointments: options.pgliteAppointments ?? options.appointments,
            clients: options.clients,
          }
        : {}),
    },
    machine: {
      ...machineBefore,
      loadAverageBefore: machineBefore.loadAverage,
      loadAverageAfter: loadAverage(),
      postgresVersion,
    },
    runs,
    ...(scheduling.length ? { scheduling } : {}),
    ...(duplicates.length ? { duplicates } : {}),
    ok: [...runs, ...scheduling].every((run) => run.problems.length === 0),
  };
  console.log(`\n${formatMachine(report.machine)}`);
  for (const run of runs) console.log(formatRun(run));
  for (const run of scheduling) console.log(formatSchedulingRun(run));
  for (const run of duplicates) console.log(`\n${formatDuplicatesRun(run)}`);
  const file = writeReport(report);
  console.log(`\nbench took ${report.seconds} s; results in ${path.relative(process.cwd(), file)}`);
  if (!report.ok) {
    console.error(
      '\nBENCHMARK INVALID: requests failed or a slot was booked twice (see the !! lines above).',
    );
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
