import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { computeSlots, type Busy, type EngineInput, type EngineSlot, type HeldPairs } from './slot-engine';
import { schedulingError } from './scheduling.errors';
import { templateView } from './slot-view';
import {
  holdsOfType,
  LONGEST_HOLD_MS,
  offeredSchedule,
  providerBusy,
  type OfferedSchedule,
  roomHolds,
  type AppointmentTypeRow,
} from './scheduling.repository';
import { addDays, toLocal } from './zoned-time';

export type SlotSearch = {
  appointmentTypeId: string;
  providerId?: string | undefined;
  locationId?: string | undefined;
  from: Date;
  to: Date;
  now: Date;
  limit?: number;
  /** When moving an appointment: its own time does not count as taken. */
  exceptAppointmentId?: string;
};

/** What does not change while looking through a range: providers, their templates, blocks and holidays. */
export type Schedule = {
  type: AppointmentTypeRow;
  providerIds: string[];
  locations: Map<string, { timeZone: string }>;
  base: Pick<EngineInput, 'templates' | 'exceptions' | 'holidays'>;
};

export async function loadSchedule(
  executor: Executor,
  context: ActorContext,
  search: SlotSearch,
): Promise<Schedule> {
  return toSchedule(await offeredSchedule(executor, context.organizationId, scheduleFilter(search)));
}

/** The statement's filter for a search: its instants, and the local days around them (a day either side). */
export function scheduleFilter(
  search: Pick<SlotSearch, 'appointmentTypeId' | 'providerId' | 'locationId' | 'from' | 'to'>,
) {
  return {
    appointmentTypeId: search.appointmentTypeId,
    providerId: search.providerId,
    locationId: search.locationId,
    from: search.from,
    to: search.to,
    fromDay: addDays(search.from.toISOString().slice(0, 10), -1),
    toDay: addDays(search.to.toISOString().slice(0, 10), 1),
  };
}

/** The schedule of what the database found; throws when the type is not active. */
export function toSchedule(found: OfferedSchedule): Schedule {
  const { type } = found;
  if (!type) throw schedulingError('APPOINTMENT_TYPE_NOT_FOUND', 'No active appointment type with that id.');
  const { offered } = found;
  const providerIds = [...new Set(offered.map((row) => row.provider_id))];
  const locations = new Map(offered.map((row) => [row.location_id, { timeZone: row.time_zone }]));
  return {
    type,
    providerIds,
    locations,
    base: {
      templates: found.templates.map(templateView),
      exceptions: found.exceptions.map((row) => ({
        providerId: row.provider_id,
        locationId: row.location_id,
        kind: row.kind,
        start: new Date(Math.round(row.starts_at * 1000)),
        end: new Date(Math.round(row.ends_at * 1000)),
      })),
      holidays: found.holidays.map((row) => ({ day: row.day, locationId: row.location_id })),
    },
  };
}

/**
 * Whether held time (epoch-second pairs, as the database gives it) overlaps a visit of the type starting at
 * `start` with its buffer: the engine would offer no slot there.
 */
export function heldOverlaps(
  busy: readonly (readonly [number, number])[],
  type: AppointmentTypeRow,
  start: Date,
) {
  const from = start.getTime();
  const to = from + (type.duration_minutes + type.buffer_minutes) * 60_000;
  return busy.some(
    ([heldFrom, heldTo]) => Math.round(heldFrom * 1000) < to && Math.round(heldTo * 1000) > from,
  );
}

type BusyRows = Awaited<ReturnType<typeof providerBusy>>;

/** Slots of one window of time, given the schedule: loads what is held in the window and computes. */
export async function slotsInWindow(
  executor: Executor,
  context: ActorContext,
  schedule: Schedule,
  window: Window,
): Promise<EngineSlot[]> {
  const { type } = schedule;
  // A slot starts in [from, to) and holds its provider (and room) for the visit and its buffer: only what is held
  // somewhere in [from, to + that) can be in its way.
  const heldMs = (type.duration_minutes + type.buffer_minutes) * 60_000;
  const busy = providerBusy(
    executor,
    context.organizationId,
    schedule.providerIds,
    window.from,
    new Date(window.to.getTime() + heldMs),
    window.exceptAppointmentId,
  );
  return slotsGivenBusy(executor, context, schedule, window, busy);
}

type Window = { from: Date; to: Date; now: Date; limit?: number; exceptAppointmentId?: string };

/**
 * The providers' held time for a window, asked for by appointment type before the schedule has said who offers it
 * (to the end of the longest possible hold, since the type's own length is not known yet either): it then loads
 * alongside the schedule, one round trip less before the answer.
 */
function busyAhead(
  executor: Executor,
  context: ActorContext,
  search: Pick<SlotSearch, 'appointmentTypeId' | 'providerId' | 'exceptAppointmentId'>,
  window: { from: Date; to: Date },
): Promise<BusyRows> {
  return providerBusy(
    executor,
    context.organizationId,
    { appointmentTypeId: search.appointmentTypeId, providerId: search.providerId },
    window.from,
    new Date(window.to.getTime() + LONGEST_HOLD_MS),
    search.exceptAppointmentId,
  );
}

/** Slots of one window given the providers' held time (read already, or being read); reads the rest it needs. */
export async function slotsGivenBusy(
  executor: Executor,
  context: ActorContext,
  schedule: Schedule,
  window: Window,
  busyRows: BusyRows | Promise<BusyRows>,
): Promise<EngineSlot[]> {
  const { type } = schedule;
  const heldTo = new Date(window.to.getTime() + (type.duration_minutes + type.buffer_minutes) * 60_000);
  // A daily maximum counts the visits of each local day the window touches: a day either side covers them.
  const dayFrom = new Date(window.from.getTime() - 86_400_000);
  const dayTo = new Date(window.to.getTime() + 86_400_000);
  const [busy, ofType, rooms] = await Promise.all([
    busyRows,
    type.rules.maxPerDay !== undefined
      ? holdsOfType(
          executor,
          context.organizationId,
          schedule.providerIds,
          type.id,
          dayFrom,
          dayTo,
          window.exceptAppointmentId,
        )
      : Promise.resolve([]),
    type.room_kind
      ? roomHolds(
          executor,
          context.organizationId,
          type.room_kind,
          [...schedule.locations.keys()],
          window.from,
          heldTo,
          window.exceptAppointmentId,
        )
      : Promise.resolve({ rooms: [], holds: [] }),
  ]);
  const providerBusyTime = new Map<string, HeldPairs>(
    busy.map((row) => [
      row.provider_id,
      { pairs: row.busy.map(([start, end]) => [Math.round(start * 1000), Math.round(end * 1000)] as const) },
    ]),
  );
  const bookedOfTypePerDay = new Map<string, number>();
  for (const hold of ofType) {
    const timeZone = schedule.locations.get(hold.location_id)?.timeZone ?? 'UTC';
    const key = `${hold.provider_id}|${toLocal(hold.starts_at, timeZone).date}`;
    bookedOfTypePerDay.set(key, (bookedOfTypePerDay.get(key) ?? 0) + 1);
  }
  const roomsByLocation = new Map<string, { id: string; busy: Busy[] }[]>();
  for (const room of rooms.rooms) {
    const list = roomsByLocation.get(room.location_id) ?? [];
    list.push({
      id: room.id,
      busy: rooms.holds
        .filter((hold) => hold.room_id === room.id)
        .map((hold) => ({ start: hold.starts_at, end: hold.blocked_until })),
    });
    roomsByLocation.set(room.location_id, list);
  }
  return computeSlots({
    ...schedule.base,
    from: window.from,
    to: window.to,
    now: window.now,
    type: {
      id: type.id,
      durationMinutes: type.duration_minutes,
      bufferMinutes: type.buffer_minutes,
      roomKind: type.room_kind,
      rules: type.rules,
    },
    providerIds: schedule.providerIds,
    locations: schedule.locations,
    providerBusy: providerBusyTime,
    rooms: roomsByLocation,
    bookedOfTypePerDay,
    ...(window.limit ? { limit: window.limit } : {}),
  });
}

/** The bookable slots of a type in a range (for one provider or location, or all that offer it). */
export async function findSlots(executor: Executor, context: ActorContext, search: SlotSearch) {
  const [schedule, busy] = await Promise.all([
    loadSchedule(executor, context, search),
    busyAhead(executor, context, search, search),
  ]);
  const slots = await slotsGivenBusy(executor, context, schedule, search, busy);
  return { schedule, slots };
}

/**
 * The first free slots across every provider that offers the type, from `from` up to `days` ahead. Looks a day
 * at a time, then in growing windows, so a clinic with space tomorrow answers from one day's data.
 */
export async function firstAvailable(
  executor: Executor,
  context: ActorContext,
  search: Omit<SlotSearch, 'to'> & { days: number; limit: number },
) {
  const end = new Date(search.from.getTime() + search.days * 86_400_000);
  const windowEnd = (from: Date, days: number) =>
    new Date(Math.min(end.getTime(), from.getTime() + days * 86_400_000));
  // The first day's held time loads alongside the schedule.
  const [schedule, firstBusy] = await Promise.all([
    loadSchedule(executor, context, { ...search, to: end }),
    busyAhead(
      executor,
      context,
      { appointmentTypeId: search.appointmentTypeId, providerId: search.providerId },
      { from: search.from, to: windowEnd(search.from, 1) },
    ),
  ]);
  const found: EngineSlot[] = [];
  let windowDays = 1;
  let prefetched: BusyRows | null = firstBusy;
  for (let from = search.from; from < end && found.length < search.limit;) {
    const window = {
      from,
      to: windowEnd(from, windowDays),
      now: search.now,
      limit: search.limit - found.length,
    };
    found.push(
      ...(prefetched
        ? await slotsGivenBusy(executor, context, schedule, window, prefetched)
        : await slotsInWindow(executor, context, schedule, window)),
    );
    prefetched = null;
    from = window.to;
    windowDays = Math.min(windowDays * 2, 8);
  }
  return { schedule, slots: found };
}
