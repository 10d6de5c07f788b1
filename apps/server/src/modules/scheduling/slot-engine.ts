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
  /** Each provider's held time: active appointments from their start to the end of their buffer. */
  providerBusy: ReadonlyMap<string, readonly Busy[]>;
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

function overlaps(busy: readonly Busy[], start: number, end: number): boolean {
  return busy.some((held) => held.start.getTime() < end && held.end.getTime() > start);
}

/**
 * Open time of one provider at one location: weekly templates expanded day by day in the location's wall-clock
 * time (so 9:00 stays 9:00 across daylight-saving changes), minus holidays and blocks, plus extra clinics.
 */
function openIntervals(
  input: EngineInput,
  providerId: string,
  locationId: string,
  timeZone: string,
): Interval[] {
  const first = addDays(toLocal(input.from, timeZone).date, -1);
  const last = addDays(toLocal(input.to, timeZone).date, 1);
  const holidays = new Set(
    input.holidays.filter((h) => h.locationId === null || h.locationId === locationId).map((h) => h.day),
  );
  let open: Interval[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (holidays.has(day)) continue;
    const weekday = weekdayOf(day);
    for (const template of input.templates) {
      if (template.providerId !== providerId || template.locationId !== locationId) continue;
      if (template.weekday !== weekday || day < template.effectiveFrom) continue;
      if (template.effectiveTo !== null && day > template.effectiveTo) continue;
      if (template.appointmentTypeIds && !template.appointmentTypeIds.includes(input.type.id)) continue;
      open.push({
        start: boundaryInstant(day, parseLocalTime(template.startTime), timeZone, 'start').getTime(),
        end: boundaryInstant(day, parseLocalTime(template.endTime), timeZone, 'end').getTime(),
      });
    }
  }
  for (const exception of input.exceptions) {
    if (
      exception.providerId !== providerId ||
      exception.kind !== 'extra' ||
      exception.locationId !== locationId
    ) {
      continue;
    }
    open.push({ start: exception.start.getTime(), end: exception.end.getTime() });
  }
  for (const exception of input.exceptions) {
    if (exception.providerId !== providerId || exception.kind !== 'block') continue;
    if (exception.locationId !== null && exception.locationId !== locationId) continue;
    open = subtract(open, { start: exception.start.getTime(), end: exception.end.getTime() });
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
  const slots: EngineSlot[] = [];
  const locationIds = [
    ...new Set(input.templates.map((t) => t.locationId)),
    ...input.exceptions.flatMap((e) => (e.kind === 'extra' && e.locationId ? [e.locationId] : [])),
  ];
  for (const providerId of input.providerIds) {
    const busy = input.providerBusy.get(providerId) ?? [];
    for (const locationId of new Set(locationIds)) {
      const location = input.locations.get(locationId);
      if (!location) continue;
      for (const interval of openIntervals(input, providerId, locationId, location.timeZone)) {
        for (let start = interval.start; start + durationMs <= interval.end; start += stepMs) {
          if (start < earliest || start >= latest) continue;
          if (overlaps(busy, start, start + heldMs)) continue;
          const local = toLocal(new Date(start), location.timeZone);
          if (earliestLocal !== null && local.minutes < earliestLocal) continue;
          if (latestLocal !== null && local.minutes > latestLocal) continue;
          if (rules.maxPerDay !== undefined) {
            const key = `${providerId}|${local.date}`;
            if ((input.bookedOfTypePerDay.get(key) ?? 0) >= rules.maxPerDay) continue;
          }
          let roomId: string | null = null;
          if (type.roomKind) {
            const free = (input.rooms.get(locationId) ?? []).find(
              (room) => !overlaps(room.busy, start, start + heldMs),
            );
            if (!free) continue;
            roomId = free.id;
          }
          slots.push({
            start: new Date(start),
            end: new Date(start + durationMs),
            providerId,
            locationId,
            roomId,
          });
        }
      }
    }
  }
  slots.sort((a, b) => a.start.getTime() - b.start.getTime() || a.providerId.localeCompare(b.providerId));
  return input.limit ? slots.slice(0, input.limit) : slots;
}
