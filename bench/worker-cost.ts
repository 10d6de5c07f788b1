/**
 * What the worker spends on each booked appointment: books N visits through the HTTP app (the worker not running),
 * then drains the `scheduling.appointment-changed@1` jobs alone and then the rest (the confirmations they plan),
 * counting round trips to PostgreSQL (BEGIN and COMMIT included) and the process's CPU time for each.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/worker-cost.ts [--bookings 300]
 *     [--reschedules 0] [--cancels 0] [--repeat 1] [--profile]
 *
 * On PostgreSQL only (the count patches the `pg` client); a database of its own is made and dropped.
 */
import { createHash } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { appointmentChangedHandler } from '../apps/server/src/modules/scheduling';
import { planAppointmentNotices } from '../apps/server/src/modules/reminders';
import { waitlistWorker } from '../apps/server/src/modules/waitlist';
import { manualClock } from '../apps/server/src/platform/clock';
import { Worker } from '../apps/server/src/platform/jobs/worker';
import { createLogger } from '../apps/server/src/platform/logging/logger';
import { testConfig } from '../apps/server/test/harness';
import { databaseStore, startReminderDesk } from '../apps/server/src/modules/reminders/test/reminder-desk';
import { reminderFixtures } from '../apps/server/src/modules/reminders/test/reminder-fixtures';

const { values } = parseArgs({
  options: {
    bookings: { type: 'string', default: '300' },
    reschedules: { type: 'string', default: '0' },
    cancels: { type: 'string', default: '0' },
    profile: { type: 'boolean', default: false },
  },
});
const bookings = Number(values.bookings);
const reschedules = Number(values.reschedules);
const cancels = Number(values.cancels);

if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server.');

let statements = 0;
const statementTexts = new Map<string, number>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  const first = args[0];
  const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '?');
  const key = text.replace(/\s+/g, ' ').slice(0, 90);
  statementTexts.set(key, (statementTexts.get(key) ?? 0) + 1);
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

// Monday March 2, 2026, 07:00 in New York: every visit booked is ahead, most far enough for both reminders.
const clock = manualClock(new Date('2026-03-02T07:00:00-05:00'));
const store = await databaseStore();
const t = await startReminderDesk({
  clock,
  store,
  settings: { displayName: 'Riverside Health', contactPhone: '212-555-0100' },
});
const f = await reminderFixtures(t);

// Visits on the 30-minute grid of Ada and Ben at the East Clinic, weekdays from Tuesday, 09:00–12:00 (Ben) and
// 09:00–17:00 (Ada), spread over patients so no patient holds two at once.
const starts: { start: string; providerId: string }[] = [];
for (let day = 3; starts.length < bookings + reschedules; day += 1) {
  const date = new Date(Date.UTC(2026, 2, day));
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) continue;
  const dateText = date.toISOString().slice(0, 10);
  const offset = day >= 8 ? '-04:00' : '-05:00';
  for (let minutes = 9 * 60; minutes < 17 * 60; minutes += 30) {
    if (minutes >= 12 * 60 && minutes < 13 * 60) continue;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    starts.push({ start: `${dateText}T${hh}:${mm}:00${offset}`, providerId: f.clinic.providers.ada });
    if (minutes < 12 * 60) {
      starts.push({ start: `${dateText}T${hh}:${mm}:00${offset}`, providerId: f.clinic.providers.ben });
    }
  }
}
const patients = await Promise.all(Array.from({ length: 4 }, () => f.patient()));
const booked: { id: string; version: number }[] = [];
for (let index = 0; index < bookings; index += 1) {
  const slot = starts[index]!;
  booked.push(
    await f.book(patients[index % patients.length]!.id, slot.start, { providerId: slot.providerId }),
  );
}

const cookie = await f.desk();
for (let index = 0; index < reschedules; index += 1) {
  const visit = booked[index]!;
  const slot = starts[bookings + index]!;
  const response = await t.request({
    method: 'POST',
    url: `/api/appointments/${visit.id}/reschedule`,
    cookie,
    headers: { 'if-match': `"${visit.version}"` },
    payload: {
      start: slot.start,
      providerId: slot.providerId,
      locationId: f.clinic.locations.east,
      by: 'clinic',
    },
  });
  if (response.statusCode >= 300)
    throw new Error(`reschedule answered ${response.statusCode}: ${response.body}`);
}
for (let index = 0; index < cancels; index += 1) {
  const visit = booked[booked.length - 1 - index]!;
  const response = await t.request({
    method: 'POST',
    url: `/api/appointments/${visit.id}/cancel`,
    cookie,
    headers: { 'if-match': `"${visit.version}"` },
    payload: { reason: 'patient-request', by: 'clinic' },
  });
  if (response.statusCode >= 300) throw new Error(`cancel answered ${response.statusCode}: ${response.body}`);
}

const changeJobs = bookings + reschedules + cancels;
const logger = createLogger('silent');
const waitlist = waitlistWorker({ db: t.database.db, clock, config: testConfig() });
const changesOnly = new Worker({
  db: t.database.db,
  handlers: [
    appointmentChangedHandler([planAppointmentNotices({ db: t.database.db, clock }), waitlist.listener]),
  ],
  logger,
});

const session = values.profile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const measure = async (label: string, jobs: number, work: () => Promise<number>) => {
  statements = 0;
  statementTexts.clear();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const ran = await work();
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  const perJob = (value: number) => (value / jobs).toFixed(2);
  console.log(
    `${label}: ${ran} jobs, ${statements} statements (${perJob(statements)} per change), ` +
      `CPU ${((used.user + used.system) / 1000).toFixed(0)} ms (${perJob((used.user + used.system) / 1000)} ms per change), ` +
      `wall ${wall.toFixed(0)} ms`,
  );
  for (const [text, count] of [...statementTexts].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
    console.log(`  ${perJob(count).padStart(6)}  ${text}`);
  }
};
await measure('appointment-changed', changeJobs, () => changesOnly.drain());
if (session) {
  const { profile } = await session.post('Profiler.stop');
  const file = path.join(
    'bench',
    'results',
    `worker-cost-${new Date().toISOString().replace(/:/g, '-')}.cpuprofile`,
  );
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`profile: ${file}`);
}
await measure('everything after', changeJobs, () => t.drain());

const noticeCount = await t.database.db
  .selectFrom('appointment_notice')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .executeTakeFirstOrThrow();
console.log(`notices planned: ${noticeCount.count}`);
// A fingerprint of what the worker left, free of ids and of the wall clock: compare it across versions.
const notices = await t.database.db
  .selectFrom('appointment_notice')
  .select(['kind', 'status', 'planned_for', 'appointment_starts_at', 'reason', 'deferred_to'])
  .execute();
const jobs = await t.database.db.selectFrom('job').select(['name', 'state', 'payload']).execute();
const fingerprint = [
  ...notices.map((row) => JSON.stringify(row)),
  ...jobs.map((row) => JSON.stringify([row.name, row.state, row.payload])),
]
  .map((line) => line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id'))
  .sort();
console.log(
  `fingerprint: ${createHash('sha256').update(fingerprint.join('\n')).digest('hex').slice(0, 16)} ` +
    `(${notices.length} notices, ${jobs.length} jobs)`,
);
await t.close();
await store.dispose();
