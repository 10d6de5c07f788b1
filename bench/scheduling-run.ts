import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { saveScanPosition } from '../apps/server/src/modules/identity/scan-state.repository';
import { createTestOrganization } from '../apps/server/test/harness';
import type { DatabaseHandle } from '../apps/server/src/platform/db/database';
import {
  contentionFirstDay,
  PatientPool,
  runContention,
  SlotRounds,
  type ChooseMode,
} from './booking-contention';
import { log, measure, probe, signIn, type Cleanups } from './database-run';
import { createPgliteDatabase, createPostgresDatabase, databaseVersion } from './databases';
import { cpuBetween, loadAverage, sampleCpu } from './machine';
import { MAX_ERROR_RATE, type DatabaseKind } from './report';
import type { BenchRequest, ScenarioSpec } from './scenarios';
import { seedClinic, type BenchClinic } from './scheduling-clinic';
import { SCHEDULING_SCENARIOS as NAMES, judgeScheduling, type SchedulingRun } from './scheduling-report';
import { FUTURE_DAYS, seedAppointments } from './scheduling-seed';
import { seedPatients } from './seed';
import { startServer } from './server-process';

export type SchedulingOptions = {
  patients: number;
  appointments: number;
  durationSeconds: number;
  connections: number;
  /** Booking clients contending for the same 100 slots. */
  clients: number;
  profile: boolean;
  /** Leave the seeded database in place when done (its address is logged). */
  keep: boolean;
};

const DAY_MS = 86_400_000;
/** Booking attempts can use at most this many patients (each books once; a refused one tries again). */
const BOOKING_PATIENTS = 50_000;

/**
 * First-available for a type, 10 slots, 30 days ahead: half from now (what the desk asks first), half from a
 * quarter hour anywhere in the next 30 days ("after my trip"), where the days are fuller or emptier.
 */
function firstAvailableRequests(typeId: string): () => BenchRequest {
  return () => {
    const query = `appointmentTypeId=${typeId}&days=30&limit=10`;
    if (Math.random() < 0.5) {
      return { method: 'GET', path: `/api/slots/first-available?${query}`, label: 'from now' };
    }
    const from = new Date(Math.ceil((Date.now() + Math.random() * FUTURE_DAYS * DAY_MS) / 900_000) * 900_000);
    return {
      method: 'GET',
      path: `/api/slots/first-available?${query}&from=${encodeURIComponent(from.toISOString())}`,
      label: 'from a later day',
    };
  };
}

/** One provider's follow-up slots for one of the next four weeks, any provider of any specialty. */
function weekRequests(clinic: BenchClinic): () => BenchRequest {
  return () => {
    const provider = clinic.providers[Math.floor(Math.random() * clinic.providers.length)]!;
    const midnight = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const from = new Date(midnight + Math.floor(Math.random() * 4) * 7 * DAY_MS);
    const to = new Date(from.getTime() + 7 * DAY_MS);
    const query =
      `appointmentTypeId=${clinic.followUp[provider.specialty].id}&providerId=${provider.id}` +
      `&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    return { method: 'GET', path: `/api/slots?${query}` };
  };
}

/** One database: create, seed the clinic, patients and appointments, serve, measure, check, drop. */
export async function benchScheduling(
  kind: DatabaseKind,
  options: SchedulingOptions,
  cleanups: Cleanups,
): Promise<SchedulingRun> {
  const started = performance.now();
  const loadAverageBefore = loadAverage();
  const database = kind === 'pglite' ? createPgliteDatabase() : await createPostgresDatabase();
  const drop = () => database.drop();
  cleanups.add(drop);
  log(`${kind}: fresh database ${database.databaseUrl ?? database.dataDir}`);
  let handle = await database.open();
  const version = await databaseVersion(handle);
  const organization = await createTestOrganization(handle);
  const now = new Date();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(now);
  const clinic = await seedClinic(handle, organization.id, today);
  log(
    `${kind}: ${clinic.providers.length} providers; seeding ${options.patients.toLocaleString('en-US')} patients…`,
  );
  const patients = await seedPatients(handle, organization.id, options.patients, (done, rate) =>
    log(
      `${kind}:   ${done.toLocaleString('en-US')} patients (${Math.round(rate).toLocaleString('en-US')}/s)`,
    ),
  );
  await markRegistrationsScanned(handle, organization.id);
  log(`${kind}: the duplicate detector counts the seeded registrations as looked at (its steady state)`);
  log(`${kind}: seeding ${options.appointments.toLocaleString('en-US')} appointments…`);
  const appointments = await seedAppointments(
    handle,
    organization.id,
    clinic,
    options.appointments,
    now,
    (done, rate) =>
      log(
        `${kind}:   ${done.toLocaleString('en-US')} appointments (${Math.round(rate).toLocaleString('en-US')}/s)`,
      ),
  );
  log(
    `${kind}: appointments at ${Math.round(appointments.appointmentsPerSecond).toLocaleString('en-US')}/s, ` +
      `${appointments.firstDay} to ${appointments.lastDay}, next 30 days ` +
      `${(appointments.futureOccupancy * 100).toFixed(0)}% booked`,
  );
  const bookingPatients = await sql<{ id: string }>`
    select id from patient where organization_id = ${organization.id}::uuid
     order by random() limit ${BOOKING_PATIENTS}`.execute(handle.db);
  await handle.close();

  const profileDir = path.join(os.tmpdir(), `pd-bench-profile-scheduling-${kind}-${Date.now()}`);
  const server = await startServer({
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    nodeFlags: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const kill = () => server.kill();
  cleanups.add(kill);
  const problems: string[] = [];
  const scenarios: SchedulingRun['scenarios'] = [];
  const rounds = new SlotRounds(clinic, contentionFirstDay(today, FUTURE_DAYS));
  let auditEventsAtEnd: number | null = null;
  try {
    const cookie = await signIn(server.url, organization.users.front_desk.email);
    const { connections, durationSeconds } = options;
    const warmupSeconds = Math.min(2, durationSeconds);
    const base = { durationSeconds, warmupSeconds, headers: { cookie } };
    const specs: ScenarioSpec[] = [
      {
        ...base,
        name: NAMES.firstAvailable,
        connections,
        next: firstAvailableRequests(clinic.followUp.primary_care.id),
      },
      // One desk at a time: the latency of the search itself, without queueing behind others.
      {
        ...base,
        name: NAMES.firstAvailablePaced,
        connections: 1,
        rate: 10,
        warmupSeconds: 0,
        next: firstAvailableRequests(clinic.followUp.primary_care.id),
      },
      { ...base, name: NAMES.week, connections, next: weekRequests(clinic) },
      {
        ...base,
        name: NAMES.weekPaced,
        connections: 1,
        rate: 50,
        warmupSeconds: 0,
        next: weekRequests(clinic),
      },
    ];
    await expectSlots(server.url, cookie, specs[0]!);
    for (const spec of specs) {
      log(
        `${kind}: ${spec.name} — ${spec.connections} connection(s)${spec.rate ? ` at ${spec.rate}/s` : ''}, ${spec.durationSeconds} s…`,
      );
      const result = await measure(server, spec, kind, judgeScheduling);
      scenarios.push(result);
      log(
        `${kind}:   ${result.requestsPerSecond} req/s, p95 ${result.latency.p95} ms, ${result.errors} errors`,
      );
      if (result.errorRate > MAX_ERROR_RATE) {
        problems.push(
          `${spec.name}: ${(result.errorRate * 100).toFixed(2)}% of requests failed (${JSON.stringify(result.statusCodes)})`,
        );
      }
    }
    const pool = new PatientPool(bookingPatients.rows.map((row) => row.id));
    for (const [name, mode] of [
      [NAMES.bookAny, 'any'],
      [NAMES.bookFree, 'free'],
    ] as [string, ChooseMode][]) {
      log(`${kind}: ${name} — ${options.clients} clients, ${durationSeconds} s…`);
      const contention = {
        baseUrl: server.url,
        cookie,
        appointmentTypeId: clinic.followUp.primary_care.id,
        clients: options.clients,
        mode,
        rounds,
        patients: pool,
      };
      await runContention(name, { ...contention, seconds: warmupSeconds });
      const statsBefore = await server.stats();
      const cpuBefore = sampleCpu(server.pid, server.databaseName);
      const result = await runContention(name, { ...contention, seconds: durationSeconds });
      const cpu = cpuBetween(cpuBefore, sampleCpu(server.pid, server.databaseName));
      const statsAfter = await server.stats();
      const b = result.booking;
      scenarios.push({
        ...result,
        cpu,
        queriesPerRequest: result.requests
          ? Math.round(((statsAfter.queries - statsBefore.queries) / result.requests) * 10) / 10
          : null,
        auditUnsealedAfter: statsAfter.auditUnsealed,
        verdicts: judgeScheduling(kind, result),
      });
      log(
        `${kind}:   ${b.attemptsPerSecond} attempts/s, ${b.bookingsPerSecond} bookings/s, ${b.takenPerSecond} 409/s, ${b.fullRounds} rounds full, ${result.errors} unexpected`,
      );
      if (result.errors > 0) {
        problems.push(
          `${name}: ${result.errors} answers other than 201 and 409 SLOT_TAKEN: ${JSON.stringify(b.unexpected)}`,
        );
      }
    }
    auditEventsAtEnd = (await server.stats()).auditEvents;
  } finally {
    log(`${kind}: stopping the server (it finishes the jobs in hand)…`);
    await server.stop().catch(() => server.kill());
    cleanups.delete(kill);
    if (options.profile) log(`${kind}: server CPU profile in ${profileDir}`);
  }
  log(`${kind}: checking every booking against the database…`);
  handle = await database.open();
  let bookingCheck: SchedulingRun['bookingCheck'];
  try {
    bookingCheck = await checkBookings(handle, organization.id, rounds, problems);
    log(
      `${kind}:   ${bookingCheck.doubleBooked} slots booked twice, ${bookingCheck.overlaps} overlapping holds, ` +
        `${bookingCheck.mismatched} slots whose rows differ from the answers`,
    );
  } finally {
    await handle.close();
    if (options.keep) log(`${kind}: kept the database: ${database.databaseUrl ?? database.dataDir}`);
    else await drop();
    cleanups.delete(drop);
  }
  return {
    database: kind,
    databaseVersion: version,
    seed: {
      providers: clinic.providers.length,
      templates: clinic.providers.length * 10,
      patients,
      appointments,
    },
    scenarios,
    bookingCheck,
    auditEventsAtEnd,
    loadAverageBefore,
    loadAverageAfter: loadAverage(),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    problems,
  };
}

/**
 * A steady state for the duplicate detector, as VACUUM ANALYZE is for the planner: every seeded registration
 * already looked at. Otherwise its first scan of the whole population (10,000 patients a minute, in the server's
 * worker) starts a minute after the server and runs through the measurements: on PGlite, whose one connection it
 * holds for seconds at a time, booking requests wait past their 30-second timeout.
 */
async function markRegistrationsScanned(handle: DatabaseHandle, organizationId: string): Promise<void> {
  const last = await sql<{ id: string; updated_at: Date }>`
    select id, updated_at from patient where organization_id = ${organizationId}::uuid
     order by updated_at desc, id desc limit 1`.execute(handle.db);
  const row = last.rows[0];
  if (row) {
    await saveScanPosition(handle.db, organizationId, { updatedAt: row.updated_at, id: row.id }, new Date());
  }
}

/** A search that finds nothing measures nothing: the first-available probe must answer with slots. */
async function expectSlots(baseUrl: string, cookie: string, spec: ScenarioSpec): Promise<void> {
  await probe(baseUrl, spec);
  const response = await fetch(`${baseUrl}${spec.next().path}`, { headers: { cookie } });
  const body = (await response.json()) as { items?: unknown[] };
  if (!body.items?.length) throw new Error(`${spec.name} found no slots: ${JSON.stringify(body)}`);
}

/**
 * In the database, after the server has stopped: each offered slot holds at most one active appointment, and
 * exactly as many as the clients saw 201 answers for; no two active appointments of a provider overlap anywhere
 * in the booking days. Any failure is a problem of the run, stated loudly.
 */
async function checkBookings(
  handle: DatabaseHandle,
  organizationId: string,
  rounds: SlotRounds,
  problems: string[],
): Promise<SchedulingRun['bookingCheck']> {
  const slots = rounds.all.flatMap((round) =>
    round.slots.map((slot, index) => ({
      p: slot.providerId,
      t: new Date(slot.startMs).toISOString(),
      ok: round.booked[index]!,
    })),
  );
  if (slots.length === 0) return { slots: 0, bookedSlots: 0, doubleBooked: 0, mismatched: 0, overlaps: 0 };
  const found = await sql<{ i: number; rows: number }>`
    select s.i, count(a.id)::int as rows
      from jsonb_to_recordset(${JSON.stringify(slots.map((slot, i) => ({ ...slot, i })))}::jsonb)
           as s(i int, p uuid, t timestamptz)
      left join appointment a
        on a.organization_id = ${organizationId}::uuid and a.provider_id = s.p and a.starts_at = s.t
       and a.status not in ('proposed', 'cancelled', 'no_show')
     group by s.i`.execute(handle.db);
  let doubleBooked = 0;
  let mismatched = 0;
  let bookedSlots = 0;
  for (const row of found.rows) {
    const answered = slots[row.i]!.ok;
    if (row.rows > 0) bookedSlots += 1;
    if (row.rows > 1 || answered > 1) doubleBooked += 1;
    if (row.rows !== answered) mismatched += 1;
  }
  const from = new Date(Math.min(...rounds.all.map((round) => round.slots[0]!.startMs)) - DAY_MS);
  const overlaps = await sql<{ n: number }>`
    select count(*)::int as n
      from appointment a
      join appointment b
        on b.organization_id = a.organization_id and b.provider_id = a.provider_id and b.id > a.id
       and tstzrange(b.starts_at, b.blocked_until) && tstzrange(a.starts_at, a.blocked_until)
     where a.organization_id = ${organizationId}::uuid and a.starts_at >= ${from} and b.starts_at >= ${from}
       and a.status not in ('proposed', 'cancelled', 'no_show') and not a.overbooked
       and b.status not in ('proposed', 'cancelled', 'no_show') and not b.overbooked`.execute(handle.db);
  const check = {
    slots: slots.length,
    bookedSlots,
    doubleBooked,
    mismatched,
    overlaps: overlaps.rows[0]?.n ?? 0,
  };
  if (check.doubleBooked || check.overlaps) {
    problems.push(
      `DOUBLE BOOKING: ${check.doubleBooked} slots booked more than once, ${check.overlaps} overlapping holds`,
    );
  }
  if (check.mismatched) {
    problems.push(
      `${check.mismatched} slots whose active appointments differ from the 201 answers the clients saw`,
    );
  }
  return check;
}
