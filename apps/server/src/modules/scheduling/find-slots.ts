import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { computeSlots, type Busy, type EngineInput, type EngineSlot } from './slot-engine';
import { schedulingError } from './scheduling.errors';
import {
  exceptionsFor,
  findAppointmentType,
  holidaysBetween,
  providerHolds,
  providersFor,
  roomHolds,
  templatesFor,
} from './scheduling.repository';
import { addDays, toLocal } from './zoned-time';

type AppointmentTypeRow = NonNullable<Awaited<ReturnType<typeof findAppointmentType>>>;

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
  const type = await findAppointmentType(executor, context.organizationId, search.appointmentTypeId);
  if (!type) throw schedulingError('APPOINTMENT_TYPE_NOT_FOUND', 'No active appointment type with that id.');
  const offered = await providersFor(executor, context.organizationId, {
    specialty: type.specialty,
    providerId: search.providerId,
    locationId: search.locationId,
  });
  const providerIds = [...new Set(offered.map((row) => row.provider_id))];
  const locations = new Map(offered.map((row) => [row.location_id, { timeZone: row.time_zone }]));
  const [templates, exceptions, holidays] = await Promise.all([
    templatesFor(executor, context.organizationId, providerIds, [...locations.keys()]),
    exceptionsFor(executor, context.organizationId, providerIds, search.from, search.to),
    holidaysBetween(
      executor,
      context.organizationId,
      addDays(search.from.toISOString().slice(0, 10), -1),
      addDays(search.to.toISOString().slice(0, 10), 1),
    ),
  ]);
  // A provider is offered only at the locations they work at.
  const worksAt = new Set(offered.map((row) => `${row.provider_id}|${row.location_id}`));
  return {
    type,
    providerIds,
    locations,
    base: {
      templates: templates
        .filter((row) => worksAt.has(`${row.provider_id}|${row.location_id}`))
        .map((row) => ({
          providerId: row.provider_id,
          locationId: row.location_id,
          weekday: row.weekday,
          startTime: row.start_time,
          endTime: row.end_time,
          effectiveFrom: row.effective_from,
          effectiveTo: row.effective_to,
          appointmentTypeIds: row.appointment_type_ids,
        })),
      exceptions: exceptions.map((row) => ({
        providerId: row.provider_id,
        locationId: row.location_id,
        kind: row.kind,
        start: row.starts_at,
        end: row.ends_at,
      })),
      holidays: holidays.map((row) => ({ day: row.day, locationId: row.location_id })),
    },
  };
}

/** Slots of one window of time, given the schedule: loads what is held in the window and computes. */
export async function slotsInWindow(
  executor: Executor,
  context: ActorContext,
  schedule: Schedule,
  window: { from: Date; to: Date; now: Date; limit?: number; exceptAppointmentId?: string },
): Promise<EngineSlot[]> {
  const { type } = schedule;
  // Holds that start before the window can still reach into it; a day either side covers buffers and day counts.
  const loadFrom = new Date(window.from.getTime() - 86_400_000);
  const loadTo = new Date(window.to.getTime() + 86_400_000);
  const [holds, rooms] = await Promise.all([
    providerHolds(
      executor,
      context.organizationId,
      schedule.providerIds,
      loadFrom,
      loadTo,
      window.exceptAppointmentId,
    ),
    type.room_kind
      ? roomHolds(
          executor,
          context.organizationId,
          type.room_kind,
          [...schedule.locations.keys()],
          loadFrom,
          loadTo,
          window.exceptAppointmentId,
        )
      : Promise.resolve({ rooms: [], holds: [] }),
  ]);
  const providerBusy = new Map<string, Busy[]>();
  const bookedOfTypePerDay = new Map<string, number>();
  for (const hold of holds) {
    const list = providerBusy.get(hold.provider_id) ?? [];
    if (!hold.overbooked) list.push({ start: hold.starts_at, end: hold.blocked_until });
    providerBusy.set(hold.provider_id, list);
    if (hold.appointment_type_id === type.id) {
      const timeZone = schedule.locations.get(hold.location_id)?.timeZone ?? 'UTC';
      const key = `${hold.provider_id}|${toLocal(hold.starts_at, timeZone).date}`;
      bookedOfTypePerDay.set(key, (bookedOfTypePerDay.get(key) ?? 0) + 1);
    }
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
    providerBusy,
    rooms: roomsByLocation,
    bookedOfTypePerDay,
    ...(window.limit ? { limit: window.limit } : {}),
  });
}

/** The bookable slots of a type in a range (for one provider or location, or all that offer it). */
export async function findSlots(executor: Executor, context: ActorContext, search: SlotSearch) {
  const schedule = await loadSchedule(executor, context, search);
  const slots = await slotsInWindow(executor, context, schedule, search);
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
  const schedule = await loadSchedule(executor, context, { ...search, to: end });
  const found: EngineSlot[] = [];
  let windowDays = 1;
  for (let from = search.from; from < end && found.length < search.limit;) {
    const to = new Date(Math.min(end.getTime(), from.getTime() + windowDays * 86_400_000));
    found.push(
      ...(await slotsInWindow(executor, context, schedule, {
        from,
        to,
        now: search.now,
        limit: search.limit - found.length,
      })),
    );
    from = to;
    windowDays = Math.min(windowDays * 2, 8);
  }
  return { schedule, slots: found };
}
