import os from 'node:os';
import path from 'node:path';
import { createTestOrganization, TEST_PASSWORD } from '../apps/server/test/harness';
import {
  createPgliteDatabase,
  createPostgresDatabase,
  databaseVersion,
  type BenchDatabase,
} from './databases';
import { cpuBetween, loadAverage, sampleCpu } from './machine';
import {
  judge,
  MAX_ERROR_RATE,
  type BenchReport,
  type DatabaseKind,
  type DatabaseRun,
  type MeasuredScenario,
} from './report';
import {
  createPatientRequests,
  readPatientRequests,
  runLoad,
  searchDeck,
  searchRequests,
  searchText,
  signInRequests,
  SEARCH_MIX,
  type ScenarioResult,
  type ScenarioSpec,
  type SearchKind,
} from './scenarios';
import { samplePatients, seedPatients } from './seed';
import { startServer, type ServerProcess } from './server-process';

export type BenchOptions = BenchReport['options'] & { profile: boolean };

/** Work to undo however the process ends (a failure, Ctrl-C): kill the server, drop the database. */
export type Cleanups = Set<() => Promise<void> | void>;

/** Searches per second in the one-connection scenario: a desk of 250 specialists each searching every 5 seconds. */
const PACED_SEARCH_RATE = 50;

export function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('pd_session='));
  if (response.status !== 200 || !cookie) {
    throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  }
  return cookie.split(';')[0]!;
}

/** One request of the scenario before the load: a wrong cookie or a bad body fails here, with the answer shown. */
export async function probe(baseUrl: string, spec: ScenarioSpec): Promise<void> {
  const request = spec.next();
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: { 'content-type': 'application/json', ...spec.headers },
    ...(request.body ? { body: request.body } : {}),
  });
  if (response.status < 200 || response.status > 299) {
    throw new Error(
      `${spec.name}: ${request.method} ${request.path} answered ${response.status}: ${await response.text()}`,
    );
  }
}

/** Share of queries of each kind that find somebody (a few of each, before the load). */
async function searchMatchRate(baseUrl: string, cookie: string, samples: Parameters<typeof searchDeck>[0]) {
  const rates: Partial<Record<SearchKind, number>> = {};
  for (const kind of Object.keys(SEARCH_MIX) as SearchKind[]) {
    let asked = 0;
    let found = 0;
    for (const sample of samples) {
      if (asked === 20) break;
      const q = searchText(kind, sample);
      if (!q) continue;
      const response = await fetch(`${baseUrl}/api/patients?q=${encodeURIComponent(q)}`, {
        headers: { cookie },
      });
      const body = (await response.json()) as { items?: unknown[] };
      asked += 1;
      if (response.ok && (body.items?.length ?? 0) > 0) found += 1;
    }
    if (asked) rates[kind] = found / asked;
  }
  return rates;
}

export async function measure(
  server: ServerProcess,
  spec: ScenarioSpec,
  kind: DatabaseKind,
  verdicts: (kind: DatabaseKind, result: ScenarioResult) => string[] = judge,
): Promise<MeasuredScenario> {
  await probe(server.url, spec);
  if (spec.warmupSeconds > 0) await runLoad(server.url, spec, spec.warmupSeconds);
  const statsBefore = await server.stats();
  const cpuBefore = sampleCpu(server.pid, server.databaseName);
  const result = await runLoad(server.url, spec, spec.durationSeconds);
  const cpu = cpuBetween(cpuBefore, sampleCpu(server.pid, server.databaseName));
  const statsAfter = await server.stats();
  return {
    ...result,
    cpu,
    queriesPerRequest: result.requests
      ? Math.round(((statsAfter.queries - statsBefore.queries) / result.requests) * 10) / 10
      : null,
    auditUnsealedAfter: statsAfter.auditUnsealed,
    verdicts: verdicts(kind, result),
  };
}

/** One database, start to end: create it, seed it, serve it, measure every scenario, drop it. */
export async function benchDatabase(
  kind: DatabaseKind,
  options: BenchOptions,
  cleanups: Cleanups,
): Promise<DatabaseRun> {
  const started = performance.now();
  const loadAverageBefore = loadAverage();
  const database: BenchDatabase = kind === 'pglite' ? createPgliteDatabase() : await createPostgresDatabase();
  const drop = () => database.drop();
  cleanups.add(drop);
  log(`${kind}: fresh database ${database.databaseUrl ?? database.dataDir}`);

  const handle = await database.open();
  const version = await databaseVersion(handle);
  const organization = await createTestOrganization(handle);
  log(`${kind}: seeding ${options.patients.toLocaleString('en-US')} patients…`);
  const seed = await seedPatients(handle, organization.id, options.patients, (done, rate) =>
    log(
      `${kind}:   ${done.toLocaleString('en-US')} patients (${Math.round(rate).toLocaleString('en-US')}/s)`,
    ),
  );
  log(`${kind}: seeded at ${Math.round(seed.patientsPerSecond).toLocaleString('en-US')} patients/s`);
  const samples = await samplePatients(handle, organization.id, 5000);
  await handle.close();

  // --profile: a V8 CPU profile of the server process, written when it stops (open it in Chrome DevTools).
  const profileDir = path.join(os.tmpdir(), `pd-bench-profile-${kind}-${Date.now()}`);
  const server = await startServer({
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    nodeFlags: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const kill = () => server.kill();
  cleanups.add(kill);
  const problems: string[] = [];
  const scenarios: MeasuredScenario[] = [];
  let matchRate: DatabaseRun['searchMatchRate'] = {};
  let auditEventsAtEnd: number | null = null;
  try {
    const cookie = await signIn(server.url, organization.users.front_desk.email);
    const { connections, durationSeconds } = options;
    const warmupSeconds = Math.min(2, durationSeconds);
    const staff = (['front_desk', 'billing', 'clinician', 'supervisor', 'admin'] as const).map(
      (role) => organization.users[role].email,
    );
    const specs: ScenarioSpec[] = [
      {
        // argon2id costs ~30 ms of CPU a sign-in: a few connections saturate it.
        name: 'sign-in',
        connections: Math.min(4, connections),
        durationSeconds: Math.max(2, Math.ceil(durationSeconds / 2)),
        warmupSeconds: 0,
        headers: {},
        next: signInRequests(staff, TEST_PASSWORD),
      },
      {
        name: 'create patient',
        connections,
        durationSeconds,
        warmupSeconds,
        headers: { cookie },
        next: createPatientRequests(),
      },
      {
        name: 'read patient',
        connections,
        durationSeconds,
        warmupSeconds,
        headers: { cookie },
        next: readPatientRequests(samples),
      },
      {
        // After the creates on purpose: the patients just registered wait in the trigram index's pending list, as
        // they do between two vacuums in production, and every name search reads that list.
        name: 'search patients',
        connections,
        durationSeconds,
        warmupSeconds,
        headers: { cookie },
        next: searchRequests(searchDeck(samples)),
      },
      {
        // The same mix from one connection at a desk-like rate: the latency of a search itself, without queueing.
        // (autocannon paces per connection in bursts, so pacing ten connections would measure a queue again.)
        name: 'search patients, 1 connection',
        connections: 1,
        durationSeconds,
        warmupSeconds: 0,
        rate: PACED_SEARCH_RATE,
        headers: { cookie },
        next: searchRequests(searchDeck(samples)),
      },
    ];
    matchRate = await searchMatchRate(server.url, cookie, samples);
    for (const spec of specs) {
      const load = `${spec.connections} connection${spec.connections === 1 ? '' : 's'}`;
      const pace = spec.rate ? ` at ${spec.rate}/s` : '';
      log(`${kind}: ${spec.name} — ${load}${pace}, ${spec.durationSeconds} s…`);
      const result = await measure(server, spec, kind);
      scenarios.push(result);
      log(
        `${kind}:   ${result.requestsPerSecond} req/s, p95 ${result.latency.p95} ms, ${result.errors} errors ` +
          `(${JSON.stringify(result.statusCodes)})`,
      );
      if (result.errorRate > MAX_ERROR_RATE) {
        problems.push(
          `${spec.name}: ${(result.errorRate * 100).toFixed(2)}% of requests failed ` +
            `(status codes ${JSON.stringify(result.statusCodes)}, ${result.timeouts} timeouts) — these numbers are not valid`,
        );
      }
    }
    auditEventsAtEnd = (await server.stats()).auditEvents;
  } finally {
    await server.stop().catch(() => server.kill());
    cleanups.delete(kill);
    if (options.profile) log(`${kind}: server CPU profile in ${profileDir}`);
    await drop();
    cleanups.delete(drop);
  }
  return {
    database: kind,
    databaseVersion: version,
    patients: options.patients,
    seed,
    searchMatchRate: matchRate,
    scenarios,
    auditEventsAtEnd,
    loadAverageBefore,
    loadAverageAfter: loadAverage(),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    problems,
  };
}
