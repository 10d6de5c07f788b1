import type { AppointmentTypeRules } from '@patientdesk/contracts';
import { addDays, boundaryInstant, parseLocalTime, toLocal, weekdayOf } from './zoned-time';

/** Slots are offered on this grid (minutes), measured from the start of each block of availability. */
export const SLOT_STEP_MINUTES = 15;

export type EngineTemplate = {
  providerId: string;
  locationId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  appointmentTypeIds: readonly string[] | null;
};

export type EngineException = {
  providerId: string;
  locationId: string | null;
  kind: 'block' | 'extra';
  start: Date;
  end: Date;
};

export type Busy = { start: Date; end: Date };

/** Held time as [start, end] pairs in epoch milliseconds, in any order. */
export type HeldPairs = { pairs: readonly (readonly [number, number])[] };

export type EngineInput = {
  /** Offer slots starting at or after `from` and before `to`. */
  from: Date;
  to: Date;
  now: Date;
  type: {
    id: string;
    durationMinutes: number;
    bufferMinutes: number;
    roomKind: string | null;
    rules: AppointmentTypeRules;
  };
  /** The providers to offer, and the zone of each location. */
  providerIds: readonly string[];
  locations: ReadonlyMap<string, { timeZone: string }>;
  templates: readonly EngineTemplate[];
  exceptions: readonly EngineException[];
  holidays: readonly { day: string; locationId: string | null }[];
  /**
   * Each provider's held time: active appointments from their start to the end of their buffer, as a list or as
   * [start, end] pairs in epoch milliseconds (what the database hands over, without a Date for each).
   */
  providerBusy: ReadonlyMap<string, readonly Busy[] | HeldPairs>;
  /** Rooms of the type's kind, per location, with their held time. Needed only when the type needs a room. */
  rooms: ReadonlyMap<string, readonly { id: string; busy: readonly Busy[] }[]>;
  /** Active appointments of this type per provider and local day (`providerId|YYYY-MM-DD`), for maxPerDay. */
  bookedOfTypePerDay: ReadonlyMap<string, number>;
  limit?: number;
};

export type EngineSlot = {
  start: Date;
  end: Date;
  providerId: string;
  locationId: string;
  roomId: string | null;
};

type Interval = { start: number; end: number };

function subtract(intervals: Interval[], cut: Interval): Interval[] {
  return intervals.flatMap((interval) => {
    if (cut.end <= interval.start || cut.start >= interval.end) return [interval];
    const parts: Interval[] = [];
    if (cut.start > interval.start) parts.push({ start: interval.start, end: cut.start });
    if (cut.end < interval.end) parts.push({ start: cut.end, end: interval.end });
    return parts;
  });
}

/**
 * Held time sorted by start, with the latest end reached so far: whether anything overlaps a candidate is a binary
 * search rather than a pass over every hold (a specialty's month holds thousands).
 */
class HeldTime {
  private readonly starts: Float64Array;
  private readonly latestEnds: Float64Array;

  constructor(busy: readonly Busy[] | HeldPairs) {
    const pairs =
      'pairs' in busy ? busy.pairs : busy.map((held) => [held.start.getTime(), held.end.getTime()] as const);
    const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
    this.starts = Float64Array.from(sorted, (held) => held[0]);
    this.latestEnds = new Float64Array(sorted.length);
    let latest = Number.NEGATIVE_INFINITY;
    sorted.forEach((held, index) => {
      latest = Math.max(latest, held[1]);
      this.latestEnds[index] = latest;
    });
  }

  /** Whether something held starts before `end` and ends after `start`. */
  overlaps(start: number, end: number): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.starts[middle]! < end) low = middle + 1;
      else high = middle;
    }
    return low > 0 && this.latestEnds[low - 1]! > start;
  }
}

/** The input's templates, exceptions and holidays indexed once, by provider and location. */
type Availability = {
  templates: Map<string, EngineTemplate[]>;
  extras: Map<string, Interval[]>;
  blocks: Map<string, { locationId: string | null; interval: Interval }[]>;
};

const pairKey = (providerId: string, locationId: string) => `${providerId}|${locationId}`;

function indexAvailability(input: EngineInput): Availability {
  const availability: Availability = { templates: new Map(), extras: new Map(), blocks: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const template of input.templates) {
    add(availability.templates, pairKey(template.providerId, template.locationId), template);
  }
  for (const exception of input.exceptions) {
    const interval = { start: exception.start.getTime(), end: exception.end.getTime() };
    if (exception.kind === 'block') {
      add(availability.blocks, exception.providerId, { locationId: exception.locationId, interval });
    } else if (exception.locationId !== null) {
      add(availability.extras, pairKey(exception.providerId, exception.locationId), interval);
    }
  }
  return availability;
}

/**
 * A location's local days to expand templates over (a day either side of the range, holidays left out), and the
 * instants of the blocks worked out on them so far: every provider with the same hours shares them.
 */
type LocationDays = {
  locationId: string;
  timeZone: string;
  days: { day: string; weekday: number }[];
  blocks: Map<string, Interval>;
};

function locationDays(input: EngineInput, locationId: string, timeZone: string): LocationDays {
  const closed = new Set(
    input.holidays.filter((h) => h.locationId === null || h.locationId === locationId).map((h) => h.day),
  );
  const days: LocationDays['days'] = [];
  const last = addDays(toLocal(input.to, timeZone).date, 1);
  for (let day = addDays(toLocal(input.from, timeZone).date, -1); day <= last; day = addDays(day, 1)) {
    if (!closed.has(day)) days.push({ day, weekday: weekdayOf(day) });
  }
  return { locationId, timeZone, days, blocks: new Map() };
}

/** A template's block on one local day, as instants. */
function blockOn(location: LocationDays, day: string, template: EngineTemplate): Interval {
  const key = `${day}|${template.startTime}|${template.endTime}`;
  let block = location.blocks.get(key);
  if (!block) {
    const { timeZone } = location;
    block = {
      start: boundaryInstant(day, parseLocalTime(template.startTime), timeZone, 'start').getTime(),
      end: boundaryInstant(day, parseLocalTime(template.endTime), timeZone, 'end').getTime(),
    };
    location.blocks.set(key, block);
  }
  return { start: block.start, end: block.end };
}

/**
 * Open time of one provider at one location: weekly templates expanded day by day in the location's wall-clock
 * time (so 9:00 stays 9:00 across daylight-saving changes), minus holidays and blocks, plus extra clinics.
 */
function openIntervals(
  input: EngineInput,
  availability: Availability,
  providerId: string,
  location: LocationDays,
): Interval[] {
  const key = pairKey(providerId, location.locationId);
  const templates = availability.templates.get(key) ?? [];
  const extras = availability.extras.get(key) ?? [];
  if (templates.length === 0 && extras.length === 0) return [];
  let open: Interval[] = [];
  for (const { day, weekday } of templates.length > 0 ? location.days : []) {
    for (const template of templates) {
      if (template.weekday !== weekday || day < template.effectiveFrom) continue;
      if (template.effectiveTo !== null && day > template.effectiveTo) continue;
      if (template.appointmentTypeIds && !template.appointmentTypeIds.includes(input.type.id)) continue;
      open.push(blockOn(location, day, template));
    }
  }
  for (const extra of extras) open.push({ ...extra });
  for (const block of availability.blocks.get(providerId) ?? []) {
    if (block.locationId !== null && block.locationId !== location.locationId) continue;
    open = subtract(open, block.interval);
  }
  return merge(open);
}

/** Overlapping or touching intervals as one, in order (two templates that overlap offer each slot once). */
function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The bookable slots for one appointment type: each provider's open time, stepped on the slot grid in real time
 * (a repeated hour yields both of its readings, a skipped hour none), where the visit fits in open time, the visit
 * and its buffer do not overlap anything the provider (or a free room of the needed kind) holds, and the type's
 * rules allow it. Sorted by start, then provider.
 */
export function computeSlots(input: EngineInput): EngineSlot[] {
  const { type, now } = input;
  const durationMs = type.durationMinutes * 60_000;
  const heldMs = (type.durationMinutes + type.bufferMinutes) * 60_000;
  const stepMs = SLOT_STEP_MINUTES * 60_000;
  const rules = type.rules;
  const earliest = Math.max(input.from.getTime(), now.getTime() + (rules.minNoticeHours ?? 0) * 3600_000);
  const latest = Math.min(
    input.to.getTime(),
    rules.horizonDays ? now.getTime() + rules.horizonDays * 86_400_000 : Number.POSITIVE_INFINITY,
  );
  const earliestLocal = rules.earliestLocalTime ? parseLocalTime(rules.earliestLocalTime) : null;
  const latestLocal = rules.latestLocalTime ? parseLocalTime(rules.latestLocalTime) : null;
  const needsLocal = earliestLocal !== null || latestLocal !== null || rules.maxPerDay !== undefined;
  // Plain numbers until the sort and the limit have picked the slots to hand back: a search across a specialty
  // finds thousands to return ten.
  const found: { start: number; providerId: string; locationId: string; roomId: string | null }[] = [];
  const availability = indexAvailability(input);
  const locations: LocationDays[] = [];
  const locationIds = new Set([
    ...input.templates.map((t) => t.locationId),
    ...input.exceptions.flatMap((e) => (e.kind === 'extra' && e.locationId ? [e.locationId] : [])),
  ]);
  for (const locationId of locationIds) {
    const location = input.locations.get(locationId);
    if (location) locations.push(locationDays(input, locationId, location.timeZone));
  }
  const rooms = new Map(
    [...input.rooms].map(([locationId, list]) => [
      locationId,
      list.map((room) => ({ id: room.id, held: new HeldTime(room.busy) })),
    ]),
  );
  for (const providerId of input.providerIds) {
    const held = new HeldTime(input.providerBusy.get(providerId) ?? []);
    for (const location of locations) {
      const { locationId, timeZone } = location;
      for (const interval of openIntervals(input, availability, providerId, location)) {
        // The grid runs from the start of the open interval; skip straight to its first point in range.
        let start = interval.start;
        if (start < earliest) start += Math.ceil((earliest - start) / stepMs) * stepMs;
        for (; start + durationMs <= interval.end && start < latest; start += stepMs) {
          if (held.overlaps(start, start + heldMs)) continue;
          if (needsLocal) {
            const local = toLocal(new Date(start), timeZone);
            if (earliestLocal !== null && local.minutes < earliestLocal) continue;
            if (latestLocal !== null && local.minutes > latestLocal) continue;
            if (rules.maxPerDay !== undefined) {
              const key = `${providerId}|${local.date}`;
              if ((input.bookedOfTypePerDay.get(key) ?? 0) >= rules.maxPerDay) continue;
            }
          }
          let roomId: string | null = null;
          if (type.roomKind) {
            const free = (rooms.get(locationId) ?? []).find(
              (room) => !room.held.overlaps(start, start + heldMs),
            );
            if (!free) continue;
            roomId = free.id;
          }
          found.push({ start, providerId, locationId, roomId });
        }
      }
    }
  }
  // Provider ids are uuids: comparing code units orders them as a collation would, without its cost.
  found.sort(
    (a, b) => a.start - b.start || (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
  );
  return (input.limit ? found.slice(0, input.limit) : found).map((slot) => ({
    start: new Date(slot.start),
    end: new Date(slot.start + durationMs),
    providerId: slot.providerId,
    locationId: slot.locationId,
    roomId: slot.roomId,
  }));
}
