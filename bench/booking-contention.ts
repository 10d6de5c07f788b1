import { randomUUID } from 'node:crypto';
import http from 'node:http';
import {
  addDays,
  localToInstants,
  toZonedIso,
  weekdayOf,
} from '../apps/server/src/modules/scheduling/zoned-time';
import { BLOCKS, type BenchClinic } from './scheduling-clinic';
import { summarize, type Latency, type ScenarioResult } from './scenarios';

export const SLOTS_PER_ROUND = 100;
const PROVIDERS_PER_ROUND = 25;
const TIMES_PER_ROUND = SLOTS_PER_ROUND / PROVIDERS_PER_ROUND;

/**
 * How a client picks its slot. `any`: at random among all 100, taken or not (as the issue states it; once most are
 * taken nearly every attempt is a 409). `free`: at random among those it has not yet seen taken (a desk that
 * refreshes the slot list after each answer), so attempts collide only when two clients race for the same slot.
 */
export type ChooseMode = 'any' | 'free';

export type BookingSlot = { providerId: string; locationId: string; start: string; startMs: number };

/** 100 slots that 50 clients contend for; a fresh round when all are taken. */
export type BookingRound = {
  slots: BookingSlot[];
  /** 201 answers per slot (more than one is a double booking). */
  booked: number[];
  bookedCount: number;
  seen: boolean[];
  startedAt: number | null;
  fullAfterMs: number | null;
};

export type BookingFigures = {
  mode: ChooseMode;
  clients: number;
  attempts: number;
  attemptsPerSecond: number;
  bookings: number;
  bookingsPerSecond: number;
  taken: number;
  takenPerSecond: number;
  rounds: number;
  fullRounds: number;
  /** Median time from a round's first attempt to its 100th booking. */
  fillSecondsMedian: number | null;
  booked: Latency;
  refused: Latency;
  unexpected: { status: number; code: string; count: number }[];
};

export type ContentionResult = ScenarioResult & { booking: BookingFigures };

/**
 * Rounds of 100 follow-up slots: 25 primary-care providers × 4 consecutive 15-minute starts, a day after the
 * seeded window (no seeded appointment or patient is busy then), walking through times, provider groups and days.
 */
export class SlotRounds {
  readonly all: BookingRound[] = [];
  private day: string;
  private index = 0;

  constructor(
    private readonly clinic: BenchClinic,
    firstDay: string,
  ) {
    this.day = firstDay;
  }

  next(): BookingRound {
    const providers = this.clinic.providers.filter((provider) => provider.specialty === 'primary_care');
    const groups = Math.floor(providers.length / PROVIDERS_PER_ROUND);
    const timesPerDay =
      BLOCKS.reduce((sum, block) => sum + block.end - block.start, 0) / 15 / TIMES_PER_ROUND;
    if (this.index === groups * timesPerDay) {
      this.index = 0;
      this.day = addDays(this.day, 1);
    }
    while ([0, 6].includes(weekdayOf(this.day)) || this.clinic.holidays.has(this.day))
      this.day = addDays(this.day, 1);
    const group = this.index % groups;
    const firstCell = Math.floor(this.index / groups) * TIMES_PER_ROUND;
    this.index += 1;
    const slots: BookingSlot[] = [];
    for (const provider of providers.slice(group * PROVIDERS_PER_ROUND, (group + 1) * PROVIDERS_PER_ROUND)) {
      for (let cell = firstCell; cell < firstCell + TIMES_PER_ROUND; cell += 1) {
        const morningCells = (BLOCKS[0].end - BLOCKS[0].start) / 15;
        const block = cell < morningCells ? 0 : 1;
        const location = this.clinic.locations[provider.blockLocations[block]]!;
        const minutes = BLOCKS[block].start + (cell - (block ? morningCells : 0)) * 15;
        const instant = localToInstants(this.day, minutes, location.timeZone)[0]!;
        slots.push({
          providerId: provider.id,
          locationId: location.id,
          start: toZonedIso(instant, location.timeZone),
          startMs: instant.getTime(),
        });
      }
    }
    const round: BookingRound = {
      slots,
      booked: slots.map(() => 0),
      bookedCount: 0,
      seen: slots.map(() => false),
      startedAt: null,
      fullAfterMs: null,
    };
    this.all.push(round);
    return round;
  }
}

/** Patients for the attempts: one never books twice; one refused goes back for another try. */
export class PatientPool {
  private next = 0;
  private readonly returned: string[] = [];

  constructor(private readonly ids: readonly string[]) {}

  take(): string {
    const id = this.returned.pop() ?? this.ids[this.next++];
    if (!id)
      throw new Error(`the ${this.ids.length} sampled patients have all booked: use a shorter --duration`);
    return id;
  }

  giveBack(id: string): void {
    this.returned.push(id);
  }
}

type Options = {
  baseUrl: string;
  cookie: string;
  appointmentTypeId: string;
  clients: number;
  seconds: number;
  mode: ChooseMode;
  rounds: SlotRounds;
  patients: PatientPool;
};

/** `clients` loops, each booking one slot at a time with a fresh patient and Idempotency-Key, for `seconds`. */
export async function runContention(name: string, options: Options): Promise<ContentionResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const booked: number[] = [];
  const refused: number[] = [];
  const statusCodes: Record<string, number> = {};
  const unexpected = new Map<string, { status: number; code: string; count: number }>();
  let round = options.rounds.next();
  const started = performance.now();
  const endAt = started + options.seconds * 1000;
  const roundsBefore = options.rounds.all.length - 1;

  const choose = (current: BookingRound): number | null => {
    if (options.mode === 'any') return Math.floor(Math.random() * current.slots.length);
    const open = current.seen.flatMap((seen, index) => (seen ? [] : [index]));
    return open.length ? open[Math.floor(Math.random() * open.length)]! : null;
  };
  const client = async () => {
    while (performance.now() < endAt) {
      const current = round;
      const index = choose(current);
      if (index === null || current.bookedCount === current.slots.length) {
        if (round === current) round = options.rounds.next();
        continue;
      }
      current.startedAt ??= performance.now();
      const slot = current.slots[index]!;
      const patientId = options.patients.take();
      const sent = performance.now();
      const answer = await post(agent, options, {
        patientId,
        appointmentTypeId: options.appointmentTypeId,
        providerId: slot.providerId,
        locationId: slot.locationId,
        start: slot.start,
      });
      const elapsed = performance.now() - sent;
      statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
      if (answer.status === 201) {
        booked.push(elapsed);
        current.booked[index] = (current.booked[index] ?? 0) + 1;
        current.bookedCount += 1;
        current.seen[index] = true;
        if (current.bookedCount === current.slots.length)
          current.fullAfterMs = performance.now() - current.startedAt;
      } else if (answer.status === 409 && answer.code === 'SLOT_TAKEN') {
        refused.push(elapsed);
        current.seen[index] = true;
        options.patients.giveBack(patientId);
      } else {
        const key = `${answer.status} ${answer.code}`;
        const entry = unexpected.get(key) ?? { status: answer.status, code: answer.code, count: 0 };
        entry.count += 1;
        unexpected.set(key, entry);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const rounds = options.rounds.all.slice(roundsBefore);
  const fills = rounds
    .flatMap((r) => (r.fullAfterMs === null ? [] : [r.fullAfterMs / 1000]))
    .sort((a, b) => a - b);
  const errors = [...unexpected.values()].reduce((sum, entry) => sum + entry.count, 0);
  const decided = booked.length + refused.length;
  const rate = (value: number) => Math.round((value / seconds) * 10) / 10;
  return {
    name,
    connections: options.clients,
    seconds: Math.round(seconds * 100) / 100,
    requests: decided,
    requestsPerSecond: rate(decided),
    latency: summarize([...booked, ...refused]),
    errors,
    errorRate: decided + errors ? errors / (decided + errors) : 1,
    statusCodes,
    timeouts: 0,
    booking: {
      mode: options.mode,
      clients: options.clients,
      attempts: decided + errors,
      attemptsPerSecond: rate(decided + errors),
      bookings: booked.length,
      bookingsPerSecond: rate(booked.length),
      taken: refused.length,
      takenPerSecond: rate(refused.length),
      rounds: rounds.filter((r) => r.startedAt !== null).length,
      fullRounds: fills.length,
      fillSecondsMedian: fills.length ? Math.round(fills[Math.floor(fills.length / 2)]! * 1000) / 1000 : null,
      booked: summarize(booked),
      refused: summarize(refused),
      unexpected: [...unexpected.values()],
    },
  };
}

function post(
  agent: http.Agent,
  options: Options,
  body: Record<string, string>,
): Promise<{ status: number; code: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const request = http.request(
      `${options.baseUrl}/api/appointments`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          cookie: options.cookie,
          'idempotency-key': randomUUID(),
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let code = '';
          if (response.statusCode !== 201) {
            try {
              code = String((JSON.parse(Buffer.concat(chunks).toString()) as { code?: string }).code ?? '');
            } catch {
              code = 'unreadable body';
            }
          }
          resolve({ status: response.statusCode ?? 0, code });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ status: 0, code: error.message }));
    request.end(payload);
  });
}

/** A day to book in: the first weekday after the seeded window and a margin. */
export function contentionFirstDay(today: string, seededDays: number): string {
  return addDays(today, seededDays + 5);
}
