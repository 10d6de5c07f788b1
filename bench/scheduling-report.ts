import type { BookingFigures, ContentionResult } from './booking-contention';
import { scenarioTable, table, type DatabaseKind, type MeasuredScenario } from './report';
import type { ScenarioResult } from './scenarios';
import type { AppointmentSeedResult } from './scheduling-seed';
import type { SeedResult } from './seed';

export const SCHEDULING_SCENARIOS = {
  firstAvailable: 'first available, 30 days',
  firstAvailablePaced: 'first available, 1 connection',
  week: 'slots, 1 provider, 1 week',
  weekPaced: 'slots, 1 provider, 1 week, 1 connection',
  bookAny: 'book, random of 100 slots',
  bookFree: 'book, free of 100 slots',
} as const;

export type SchedulingRun = {
  database: DatabaseKind;
  databaseVersion: string;
  seed: {
    providers: number;
    templates: number;
    patients: SeedResult;
    appointments: AppointmentSeedResult;
  };
  scenarios: (MeasuredScenario & { booking?: BookingFigures })[];
  /** What the database held after the booking scenarios: every slot booked at most once, as many rows as 201s. */
  bookingCheck: {
    slots: number;
    bookedSlots: number;
    doubleBooked: number;
    mismatched: number;
    overlaps: number;
  };
  auditEventsAtEnd: number | null;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  seconds: number;
  problems: string[];
};

type Target = { scenario: string; text: string; met(result: ScenarioResult): boolean };

const booking = (result: ScenarioResult) => (result as Partial<ContentionResult>).booking;

/**
 * The goals, for PostgreSQL with 200 providers, 1M patients and 2M appointments. Booking throughput is held
 * to successful bookings per second where clients pick among the slots still free (bookings are then limited by
 * the server, not by clients retrying slots they know are gone), and to decided attempts (201 + 409) per second
 * where they pick at random among all 100.
 */
export const SCHEDULING_TARGETS: readonly Target[] = [
  { scenario: SCHEDULING_SCENARIOS.firstAvailable, text: 'p95 ≤ 50 ms', met: (r) => r.latency.p95 <= 50 },
  {
    scenario: SCHEDULING_SCENARIOS.firstAvailablePaced,
    text: 'p95 ≤ 50 ms',
    met: (r) => r.latency.p95 <= 50,
  },
  { scenario: SCHEDULING_SCENARIOS.week, text: 'p95 ≤ 10 ms', met: (r) => r.latency.p95 <= 10 },
  { scenario: SCHEDULING_SCENARIOS.weekPaced, text: 'p95 ≤ 10 ms', met: (r) => r.latency.p95 <= 10 },
  {
    scenario: SCHEDULING_SCENARIOS.bookFree,
    text: '≥ 300 bookings/s',
    met: (r) => (booking(r)?.bookingsPerSecond ?? 0) >= 300,
  },
  {
    scenario: SCHEDULING_SCENARIOS.bookAny,
    text: '≥ 300 attempts/s',
    met: (r) => (booking(r)?.attemptsPerSecond ?? 0) >= 300,
  },
];

export function judgeScheduling(database: DatabaseKind, result: ScenarioResult): string[] {
  return SCHEDULING_TARGETS.filter((target) => target.scenario === result.name).map((target) => {
    if (database !== 'postgres') return `${target.text} (PostgreSQL target)`;
    return `${target.text}: ${target.met(result) ? 'met' : 'MISSED'}`;
  });
}

const count = (value: number) => value.toLocaleString('en-US');

export function formatSchedulingRun(run: SchedulingRun): string {
  const { patients, appointments } = run.seed;
  const statuses = Object.entries(appointments.byStatus)
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status} ${((n / appointments.appointments) * 100).toFixed(1)}%`)
    .join(', ');
  const lines = [
    `\nScheduling — ${run.database === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${run.databaseVersion}`,
    `${run.seed.providers} providers, ${run.seed.templates} weekly templates; ` +
      `${count(patients.patients)} patients in ${patients.seconds.toFixed(1)} s ` +
      `(${count(Math.round(patients.patientsPerSecond))}/s), vacuum + analyze ${patients.analyzeSeconds.toFixed(1)} s`,
    `${count(appointments.appointments)} appointments in ${appointments.seconds.toFixed(1)} s ` +
      `(${count(Math.round(appointments.appointmentsPerSecond))}/s), vacuum + analyze ` +
      `${appointments.analyzeSeconds.toFixed(1)} s; ${appointments.firstDay} to ${appointments.lastDay}; ` +
      `next 30 days ${(appointments.futureOccupancy * 100).toFixed(0)}% booked`,
    `seeding took ${(patients.seconds + patients.analyzeSeconds + appointments.seconds + appointments.analyzeSeconds).toFixed(0)} s in all; statuses: ${statuses}`,
    `load average before ${run.loadAverageBefore.join(' ')}, after ${run.loadAverageAfter.join(' ')}`,
    '',
    scenarioTable(run.database, run.scenarios),
  ];
  for (const scenario of run.scenarios) {
    if (!scenario.byLabel) continue;
    const parts = Object.entries(scenario.byLabel).map(
      ([label, stats]) => `${label}: ${stats.requests} requests, p50/p95/p99 ${percentiles(stats)} ms`,
    );
    lines.push(`  ${scenario.name} — ${parts.join('; ')}`);
  }
  const bookings = run.scenarios.flatMap((scenario) =>
    scenario.booking ? [[scenario.name, scenario.booking] as const] : [],
  );
  if (bookings.length) {
    lines.push(
      '',
      'booking under contention (50 clients, rounds of the same 100 slots; a fresh 100 when all are booked):',
      table(
        [
          'scenario',
          'attempts/s',
          'bookings/s',
          '409/s',
          'rounds full',
          'fill s (median)',
          '201 p50/p95/p99 ms',
          '409 p50/p95/p99 ms',
          'unexpected',
        ],
        bookings.map(([name, b]) => [
          name,
          b.attemptsPerSecond.toFixed(1),
          b.bookingsPerSecond.toFixed(1),
          b.takenPerSecond.toFixed(1),
          `${b.fullRounds}/${b.rounds}`,
          b.fillSecondsMedian === null ? '-' : b.fillSecondsMedian.toFixed(2),
          percentiles(b.booked),
          percentiles(b.refused),
          b.unexpected.length ? b.unexpected.map((u) => `${u.count}× ${u.status} ${u.code}`).join(', ') : '0',
        ]),
      ),
      'req/s above is decided attempts (201 + 409 SLOT_TAKEN) per second and its latencies are of both; ' +
        'any other answer is an error. "random of 100": each attempt picks any of the 100, taken or not (so a ' +
        'round\'s tail is mostly 409s); "free of 100": it picks among those the clients have not yet seen taken.',
    );
    const check = run.bookingCheck;
    lines.push(
      `database check: ${check.slots} slots offered, ${check.bookedSlots} booked, ${check.doubleBooked} booked ` +
        `more than once, ${check.mismatched} where rows ≠ 201 answers, ${check.overlaps} overlapping holds`,
    );
  }
  const audit = run.scenarios.map((scenario) => `${scenario.name} ${scenario.auditUnsealedAfter ?? '-'}`);
  lines.push(
    '',
    `audit rows: ${run.auditEventsAtEnd ?? '-'} at the end; unsealed after each scenario: ${audit.join(', ')}`,
  );
  for (const problem of run.problems) lines.push(`!! ${problem}`);
  return lines.join('\n');
}

function percentiles(latency: { p50: number; p95: number; p99: number }): string {
  return [latency.p50, latency.p95, latency.p99].map((value) => value.toFixed(1)).join('/');
}
