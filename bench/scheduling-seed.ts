import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../apps/server/src/platform/db/database';
import { addDays, localToInstants, weekdayOf } from '../apps/server/src/modules/scheduling/zoned-time';
import { BLOCKS, type BenchClinic, type ClinicType } from './scheduling-clinic';

/** Days ahead that are booked: the window first-available searches. */
export const FUTURE_DAYS = 30;
/** Share of provider time held in the past (what was booked and kept), and ahead: 85% tomorrow to 55% in 30 days. */
const PAST_HELD = 0.95;
const futureHeld = (day: number) => 0.85 - (0.3 * day) / FUTURE_DAYS;
const CELL_MS = 15 * 60_000;
const BATCH_SIZE = 10_000;
const CANCEL_REASONS = [
  'patient-request',
  'patient-illness',
  'transportation',
  'schedule-conflict',
  'weather',
];

export type AppointmentSeedResult = {
  appointments: number;
  seconds: number;
  appointmentsPerSecond: number;
  /** The first and last day with appointments. */
  firstDay: string;
  lastDay: string;
  /** Share of open provider time from now to FUTURE_DAYS ahead held by appointments (booked or confirmed). */
  futureOccupancy: number;
  byStatus: Record<string, number>;
  /** VACUUM (ANALYZE) after the load. */
  analyzeSeconds: number;
};

/** One appointment, compactly, as jsonb_to_recordset reads it (times in epoch seconds, indexes into the clinic). */
type Row = {
  i: string;
  n: number;
  p: number;
  l: number;
  t: number;
  s: number;
  st: string;
  v: string;
  c: number;
  u: number;
  ve: number;
  x?: number;
  cb?: string;
  cr?: string;
  lc?: boolean;
  ca?: number;
};

type DayStats = { open: number; held: number };

/**
 * Loads `count` appointments: the next FUTURE_DAYS days first, partly booked (booked and confirmed, some
 * cancelled), then day by day backwards from yesterday, nearly full (completed, no-shows, cancellations, some of
 * them rebooked) until the count is reached. Each provider's day is walked in 15-minute cells, visits placed
 * one after another, so holding appointments never overlap (the exclusion constraints check it as they load).
 * Patients are dealt round-robin in time order, so nobody has two appointments on one day.
 */
export async function seedAppointments(
  database: DatabaseHandle,
  organizationId: string,
  clinic: BenchClinic,
  count: number,
  now: Date,
  onProgress: (done: number, perSecond: number) => void,
): Promise<AppointmentSeedResult> {
  const db = database.db;
  const started = performance.now();
  await sql`drop table if exists bench_patient_number`.execute(db);
  await sql`
    create table bench_patient_number as
    select (row_number() over (order by id) - 1)::int as n, id
      from patient where organization_id = ${organizationId}::uuid`.execute(db);
  await sql`alter table bench_patient_number add primary key (n)`.execute(db);
  const patients = await db
    .selectFrom('bench_patient_number' as never)
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  const generator = new DayGenerator(clinic, now.getTime());
  const today = localToday(now, clinic.locations[0]!.timeZone);

  // Ahead: scaled down when the count cannot fill the window at the usual occupancy (small runs).
  const future = (scale: number) => {
    generator.stats = { open: 0, held: 0 };
    return Array.from({ length: FUTURE_DAYS + 1 }, (_, day) =>
      generator.day(addDays(today, day), futureHeld(day) * scale),
    );
  };
  let days = future(1);
  const wanted = days.reduce((sum, rows) => sum + rows.length, 0);
  if (wanted > count) days = future(count / wanted);
  const stats = { ...generator.stats };

  // PGlite has one connection: batches queue behind each other there anyway.
  const parallel = database.kind === 'pglite' ? 1 : 2;
  const loader = new Loader(database, organizationId, clinic, patients.count, onProgress, started, parallel);
  for (const rows of days) await loader.day(rows.slice(0, count - loader.seq));
  let firstDay = today;
  for (let day = addDays(today, -1); loader.seq < count; day = addDays(day, -1)) {
    const rows = generator.day(day, PAST_HELD);
    if (rows.length) firstDay = day;
    await loader.day(rows.slice(0, count - loader.seq));
  }
  await loader.flush();
  await sql`drop table bench_patient_number`.execute(db);
  const loaded = performance.now();
  await sql`vacuum (analyze) appointment`.execute(db);
  await sql`analyze`.execute(db);
  const seconds = (loaded - started) / 1000;
  return {
    appointments: loader.seq,
    seconds,
    appointmentsPerSecond: loader.seq / seconds,
    firstDay,
    lastDay: addDays(today, FUTURE_DAYS),
    futureOccupancy: stats.open ? stats.held / stats.open : 0,
    byStatus: loader.byStatus,
    analyzeSeconds: (performance.now() - loaded) / 1000,
  };
}

function localToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

/** Batches rows into `insert … select` statements, numbering them and dealing out patients. */
class Loader {
  seq = 0;
  byStatus: Record<string, number> = {};
  private pending: Row[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private nextReport: number;
  private readonly ref: Record<string, string>;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly organizationId: string,
    clinic: BenchClinic,
    private readonly patients: number,
    private readonly onProgress: (done: number, perSecond: number) => void,
    private readonly started: number,
    private readonly parallel: number,
  ) {
    const array = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
    this.ref = {
      providers: array(clinic.providers.map((provider) => provider.id)),
      locations: array(clinic.locations.map((location) => location.id)),
      types: array(clinic.types.map((type) => type.id)),
      durations: array(clinic.types.map((type) => type.durationMinutes)),
      buffers: array(clinic.types.map((type) => type.bufferMinutes)),
      modalities: array(clinic.types.map((type) => type.modality)),
    };
    this.nextReport = 100_000;
  }

  async day(rows: Row[]): Promise<void> {
    if (rows.length > this.patients) {
      throw new Error(`${rows.length} appointments on one day need more than ${this.patients} patients`);
    }
    for (const row of rows) {
      row.n = this.seq % this.patients;
      this.seq += 1;
      this.byStatus[row.st] = (this.byStatus[row.st] ?? 0) + 1;
      this.pending.push(row);
    }
    if (this.pending.length >= BATCH_SIZE) await this.send();
  }

  /** Sends what is pending and waits for every batch in flight. */
  async flush(): Promise<void> {
    await this.send();
    await Promise.all(this.inFlight);
  }

  /** Sends a batch, keeping up to `parallel` in flight (PostgreSQL loads one per connection, one per core). */
  private async send(): Promise<void> {
    if (this.pending.length) {
      const batch = this.insert(this.pending).finally(() => this.inFlight.delete(batch));
      // Its failure surfaces through the race or the final wait; this only keeps it from counting as unhandled.
      batch.catch(() => undefined);
      this.inFlight.add(batch);
      this.pending = [];
    }
    while (this.inFlight.size >= this.parallel) await Promise.race(this.inFlight);
  }

  private async insert(rows: Row[]): Promise<void> {
    const ref = this.ref;
    await sql`
      with ref as materialized (
        select ${ref.providers}::uuid[] as providers, ${ref.locations}::uuid[] as locations,
               ${ref.types}::uuid[] as types, ${ref.durations}::int[] as durations,
               ${ref.buffers}::int[] as buffers, ${ref.modalities}::text[] as modalities)
      insert into appointment (organization_id, id, patient_id, provider_id, location_id, appointment_type_id,
                               starts_at, ends_at, blocked_until, status, modality, cancel_reason, cancelled_by,
                               cancelled_at, late_cancellation, confirmed_at, booked_via, created_at, updated_at,
                               version)
      select ${this.organizationId}::uuid, r.i, pn.id, ref.providers[r.p + 1], ref.locations[r.l + 1],
             ref.types[r.t + 1], to_timestamp(r.s), to_timestamp(r.s + 60 * ref.durations[r.t + 1]),
             to_timestamp(r.s + 60 * (ref.durations[r.t + 1] + ref.buffers[r.t + 1])), r.st,
             ref.modalities[r.t + 1], r.cr, r.cb, to_timestamp(r.x), coalesce(r.lc, false), to_timestamp(r.ca),
             r.v, to_timestamp(r.c), to_timestamp(r.u), r.ve
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
             as r(i uuid, n int, p int, l int, t int, s bigint, st text, cr text, cb text, x bigint, lc boolean,
                  ca bigint, v text, c bigint, u bigint, ve int)
        cross join ref
        join bench_patient_number pn on pn.n = r.n`.execute(this.database.db);
    if (this.seq >= this.nextReport) {
      this.onProgress(this.seq, this.seq / ((performance.now() - this.started) / 1000));
      this.nextReport = (Math.floor(this.seq / 100_000) + 1) * 100_000;
    }
  }
}

type TypeChoice = ClinicType & { index: number; cells: number };

/** Makes one day's appointments for every provider; deterministic for a given day. */
class DayGenerator {
  stats: DayStats = { open: 0, held: 0 };
  private readonly bySpecialty = new Map<string, { types: TypeChoice[]; meanCells: number }>();
  private readonly blockStarts = new Map<string, number>();
  private readonly ids = new IdMaker();
  private random: () => number = Math.random;

  constructor(
    private readonly clinic: BenchClinic,
    private readonly nowMs: number,
  ) {
    clinic.types.forEach((type, index) => {
      const entry = this.bySpecialty.get(type.specialty) ?? { types: [], meanCells: 0 };
      const cells = (type.durationMinutes + type.bufferMinutes) / 15;
      entry.types.push({ ...type, index, cells });
      entry.meanCells += type.share * cells;
      this.bySpecialty.set(type.specialty, entry);
    });
  }

  /** `held`: the share of each provider's open time to fill. */
  day(date: string, held: number): Row[] {
    const weekday = weekdayOf(date);
    if (weekday === 0 || weekday === 6 || this.clinic.holidays.has(date)) return [];
    this.random = mulberry32(Number(date.replace(/-/g, '')));
    const rows: Row[] = [];
    this.clinic.providers.forEach((provider, p) => {
      const { types, meanCells } = this.bySpecialty.get(provider.specialty)!;
      // Walking cells, a visit starts at a free cell with this chance: held time comes out at `held` on average.
      const start = held / (meanCells * (1 - held) + held);
      const perDay = new Map<number, number>();
      BLOCKS.forEach((block, b) => {
        const l = provider.blockLocations[b]!;
        const base = this.blockStart(date, block.start, this.clinic.locations[l]!.timeZone);
        const cells = (block.end - block.start) / 15;
        for (let cell = 0; cell < cells;) {
          const startMs = base + cell * CELL_MS;
          const ahead = startMs >= this.nowMs;
          let type = this.pick(types);
          const used = perDay.get(type.index) ?? 0;
          if (cell + type.cells > cells || (type.maxPerDay !== undefined && used >= type.maxPerDay))
            type = types[0]!;
          if (this.random() >= start) {
            if (ahead) this.stats.open += 1;
            cell += 1;
            continue;
          }
          perDay.set(type.index, (perDay.get(type.index) ?? 0) + 1);
          const holding = this.visit(rows, startMs, p, l, type);
          if (ahead) {
            this.stats.open += type.cells;
            if (holding) this.stats.held += type.cells;
          }
          cell += type.cells;
        }
      });
    });
    return rows;
  }

  private pick(types: TypeChoice[]): TypeChoice {
    let roll = this.random();
    for (const type of types) {
      roll -= type.share;
      if (roll < 0) return type;
    }
    return types[0]!;
  }

  /** The appointment at a time, and its rebooking when it was cancelled; whether the time ends up held. */
  private visit(rows: Row[], startMs: number, p: number, l: number, type: TypeChoice): boolean {
    const random = this.random;
    const endMs = startMs + type.durationMinutes * 60_000;
    const past = startMs < this.nowMs;
    const createdMs = Math.min(this.nowMs - 60_000, startMs - (1 + random() * 44) * 86_400_000);
    const row = (status: string, extra: Partial<Row>, updatedMs: number, version: number): Row => ({
      i: this.ids.at(createdMs),
      n: 0,
      p,
      l,
      t: type.index,
      s: Math.floor(startMs / 1000),
      st: status,
      v: random() < 0.7 ? 'desk' : random() < 0.85 ? 'portal' : 'api',
      c: Math.floor(createdMs / 1000),
      u: Math.floor(Math.min(updatedMs, this.nowMs) / 1000),
      ve: version,
      ...extra,
    });
    const cancelled = (): Row => {
      const atMs = createdMs + random() * (Math.min(startMs, this.nowMs) - createdMs);
      return row(
        'cancelled',
        {
          x: Math.floor(atMs / 1000),
          cb: random() < 0.8 ? 'patient' : 'clinic',
          cr: CANCEL_REASONS[Math.floor(random() * CANCEL_REASONS.length)]!,
          lc: startMs - atMs < 86_400_000,
        },
        atMs,
        2,
      );
    };
    const kept = (): Row => {
      if (past) return row('completed', {}, endMs, 6);
      const confirmMs = Math.max(createdMs, startMs - 2 * 86_400_000);
      if (confirmMs <= this.nowMs && random() < 0.8) {
        return row('confirmed', { ca: Math.floor(confirmMs / 1000) }, confirmMs, 2);
      }
      return row('booked', {}, createdMs, 1);
    };
    const roll = random();
    if (past && roll < 0.05) {
      rows.push(row('no_show', {}, endMs, 2));
      return false;
    }
    if (roll < (past ? 0.15 : 0.04)) {
      rows.push(cancelled());
      if (random() >= (past ? 0.6 : 0.3)) return false;
    }
    rows.push(kept());
    return true;
  }

  /** The instant a block starts on a local day (08:00 and 13:00 are never in a daylight-saving gap). */
  private blockStart(date: string, minutes: number, timeZone: string): number {
    const key = `${date}|${minutes}|${timeZone}`;
    let instant = this.blockStarts.get(key);
    if (instant === undefined) {
      instant = localToInstants(date, minutes, timeZone)[0]!.getTime();
      this.blockStarts.set(key, instant);
    }
    return instant;
  }
}

/** UUID version 7 ids for a given creation time (the app's uuidv7 only counts forward from the last one made). */
class IdMaker {
  private pool = Buffer.alloc(0);
  private offset = 0;

  at(ms: number): string {
    if (this.offset + 10 > this.pool.length) {
      this.pool = randomBytes(10 * 8192);
      this.offset = 0;
    }
    const random = this.pool.subarray(this.offset, (this.offset += 10)).toString('hex');
    const time = Math.floor(ms).toString(16).padStart(12, '0');
    const variant = ((parseInt(random.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(8, 20)}`;
  }
}

/** A small seeded generator: the same day always gets the same appointments. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
