/**
 * Compares the booking path of two checkouts on this noisy shared machine, where two full bench runs minutes apart
 * differ by more than most changes: one seeded PostgreSQL database, each checkout's server started in turn
 * (alternating which goes first), short contention runs, and medians of the attempts per second and of the server's
 * and PostgreSQL's CPU per request.
 *
 *   node --import tsx bench/compare-booking.ts --a /tmp/base --b . [--rounds 4] [--seconds 8] [--clients 50]
 *     [--patients 60000] [--appointments 100000] [--profile-dir /tmp/prof]
 *
 * The other checkout needs its dependencies (a `node_modules` link to this one's will do when they agree).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createTestOrganization } from '../apps/server/test/harness';
import {
  contentionFirstDay,
  PatientPool,
  runContention,
  SlotRounds,
  type ChooseMode,
} from './booking-contention';
import { log, signIn } from './database-run';
import { createPostgresDatabase } from './databases';
import { cpuBetween, loadAverage, sampleCpu } from './machine';
import { seedClinic } from './scheduling-clinic';
import { FUTURE_DAYS, seedAppointments } from './scheduling-seed';
import { seedPatients } from './seed';
import { startServer } from './server-process';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '8' },
    clients: { type: 'string', default: '50' },
    patients: { type: 'string', default: '60000' },
    appointments: { type: 'string', default: '100000' },
    'profile-dir': { type: 'string' },
  },
});
if (!values.a) throw new Error('--a <checkout> is required');
const checkouts = [path.resolve(values.a), path.resolve(values.b)];
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const clients = Number(values.clients);

type Row = {
  checkout: string;
  mode: ChooseMode;
  attempts: number;
  bookings: number;
  server: number;
  postgres: number;
  queries: number;
};

const median = (numbers: number[]) => [...numbers].sort((x, y) => x - y)[Math.floor(numbers.length / 2)] ?? 0;

const database = await createPostgresDatabase();
try {
  const handle = await database.open();
  const organization = await createTestOrganization(handle);
  const now = new Date();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(now);
  const clinic = await seedClinic(handle, organization.id, today);
  log(`seeding ${values.patients} patients and ${values.appointments} appointments…`);
  await seedPatients(handle, organization.id, Number(values.patients), () => undefined);
  await seedAppointments(handle, organization.id, clinic, Number(values.appointments), now, () => undefined);
  const sampled = await sql<{ id: string }>`
    select id from patient where organization_id = ${organization.id}::uuid order by random() limit 50000`.execute(
    handle.db,
  );
  await handle.close();
  const slotRounds = new SlotRounds(clinic, contentionFirstDay(today, FUTURE_DAYS));
  const patients = new PatientPool(sampled.rows.map((row) => row.id));
  const rows: Row[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const checkout of round % 2 ? [...checkouts].reverse() : checkouts) {
      const server = await startServer({
        dataDir: database.dataDir,
        databaseUrl: database.databaseUrl,
        entry: path.join(checkout, 'bench/server.ts'),
        nodeFlags: values['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-dir']}`] : [],
      });
      try {
        const cookie = await signIn(server.url, organization.users.front_desk.email);
        for (const mode of ['any', 'free'] as const) {
          const options = {
            baseUrl: server.url,
            cookie,
            appointmentTypeId: clinic.followUp.primary_care.id,
            clients,
            mode,
            rounds: slotRounds,
            patients,
          };
          await runContention(mode, { ...options, seconds: 2 });
          const statsBefore = await server.stats();
          const cpuBefore = sampleCpu(server.pid, server.databaseName);
          const result = await runContention(mode, { ...options, seconds });
          const cpu = cpuBetween(cpuBefore, sampleCpu(server.pid, server.databaseName));
          const statsAfter = await server.stats();
          const msPerRequest = (share: number | undefined) =>
            (((share ?? 0) / 100) * result.seconds * 1000) / result.requests;
          const row: Row = {
            checkout,
            mode,
            attempts: result.booking.attemptsPerSecond,
            bookings: result.booking.bookingsPerSecond,
            server: msPerRequest(cpu?.server),
            postgres: msPerRequest(cpu?.postgres),
            queries: (statsAfter.queries - statsBefore.queries) / result.requests,
          };
          rows.push(row);
          log(
            `${checkout} round ${round + 1} ${mode}: ${row.attempts} attempts/s, ${row.bookings} bookings/s, ` +
              `CPU ms/request server ${row.server.toFixed(2)} PostgreSQL ${row.postgres.toFixed(2)}, ` +
              `${row.queries.toFixed(2)} statements/request, other ${cpu?.other ?? '?'}%, load ${loadAverage()[0]}`,
          );
          if (result.errors) log(`  unexpected answers: ${JSON.stringify(result.booking.unexpected)}`);
        }
      } finally {
        await server.stop();
      }
    }
  }
  console.log(`\nmedians of ${rounds} runs of ${seconds} s, ${clients} clients:`);
  for (const checkout of checkouts) {
    for (const mode of ['any', 'free'] as const) {
      const mine = rows.filter((row) => row.checkout === checkout && row.mode === mode);
      const of = (key: keyof Omit<Row, 'checkout' | 'mode'>) => median(mine.map((row) => row[key]));
      console.log(
        `${checkout} ${mode}: ${of('attempts')} attempts/s, ${of('bookings')} bookings/s, CPU ms/request ` +
          `${of('server').toFixed(2)} + ${of('postgres').toFixed(2)}, ${of('queries').toFixed(2)} statements/request`,
      );
    }
  }
} finally {
  await database.drop();
}
