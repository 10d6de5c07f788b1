import type { Appointment } from '@patientdesk/contracts';
import type { Availability } from '../../api/scheduling';
import { addDays, formatDay, startOfWeek, zonedParts, type PlainDate } from '../../lib/zoned-time';
import { isActive, specialtyLabel } from './appointment-labels';
import type { ScheduleState } from './schedule-state';
import { merge, subtract, workingTime, type Interval } from './working-time';

export type { Interval } from './working-time';

export type PlacedAppointment = {
  appointment: Appointment;
  start: number;
  end: number;
  lane: number;
  lanes: number;
};

/** One column of the calendar: a provider, a room, or a whole location, on one day. */
export type Column = {
  key: string;
  date: PlainDate;
  label: string;
  sublabel: string | null;
  providerId: string | null;
  roomId: string | null;
  placed: PlacedAppointment[];
  /** Working time (lighter background). */
  open: Interval[];
  /** Working time not held by an appointment: clicking it starts a booking. Empty where it would be ambiguous. */
  free: Interval[];
};

export type ScheduleData = {
  timeZone: string;
  locationId: string;
  providers: { id: string; displayName: string; specialty: string }[];
  availability: ReadonlyMap<string, Availability>;
  appointments: Appointment[];
  /** Buffer after each appointment type, which keeps the provider busy after the visit ends. */
  bufferMinutes: ReadonlyMap<string, number>;
};

/** Providers who work at the location at all (any weekday), by name. */
export function providersAtLocation(data: ScheduleData) {
  return data.providers.filter((provider) =>
    data.availability.get(provider.id)?.templates.some((template) => template.locationId === data.locationId),
  );
}

/** Rooms named by the loaded appointments (no endpoint lists rooms yet). */
export function roomsInAppointments(appointments: readonly Appointment[]) {
  const rooms = new Map<string, string>();
  for (const appointment of appointments)
    if (appointment.room) rooms.set(appointment.room.id, appointment.room.name);
  return [...rooms.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Side-by-side lanes for appointments that overlap, as a calendar draws them. */
function place(appointments: Appointment[], timeZone: string): PlacedAppointment[] {
  const items = appointments
    .map((appointment) => {
      const start = zonedParts(appointment.start, timeZone).minutes;
      return {
        appointment,
        start,
        end: start + appointment.appointmentType.durationMinutes,
        lane: 0,
        lanes: 1,
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let cluster: PlacedAppointment[] = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((item) => item.lane + 1));
    for (const item of cluster) item.lanes = lanes;
    cluster = [];
  };
  for (const item of items) {
    if (item.start >= clusterEnd) close();
    const taken = new Set(cluster.filter((other) => other.end > item.start).map((other) => other.lane));
    let lane = 0;
    while (taken.has(lane)) lane += 1;
    item.lane = lane;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.end);
  }
  close();
  return items;
}

function freeTime(data: ScheduleData, open: Interval[], appointments: Appointment[]): Interval[] {
  let free = open;
  for (const appointment of appointments) {
    if (!isActive(appointment)) continue;
    const start = zonedParts(appointment.start, data.timeZone).minutes;
    const buffer = data.bufferMinutes.get(appointment.appointmentType.id) ?? 0;
    free = subtract(free, { start, end: start + appointment.appointmentType.durationMinutes + buffer });
  }
  return free.filter((interval) => interval.end - interval.start >= 15);
}

/** The days a span shows: one, or Monday to Friday plus any weekend day that has work. */
export function daysOf(
  state: Pick<ScheduleState, 'span'>,
  date: PlainDate,
  busy: (day: PlainDate) => boolean,
) {
  if (state.span === 'day') return [date];
  const monday = startOfWeek(date);
  return [0, 1, 2, 3, 4, 5, 6]
    .map((offset) => addDays(monday, offset))
    .filter((day, index) => index < 5 || busy(day) || day === date);
}

/** The columns for what the state asks to see. */
export function buildColumns(state: ScheduleState, date: PlainDate, data: ScheduleData): Column[] {
  const shown = data.appointments.filter(
    (appointment) => state.showCancelled || appointment.status !== 'cancelled',
  );
  const dayOf = (appointment: Appointment) => zonedParts(appointment.start, data.timeZone).date;
  const providers = providersAtLocation(data);
  const column = (
    key: string,
    day: PlainDate,
    label: string,
    sublabel: string | null,
    who: { providerId?: string; roomId?: string },
    appointments: Appointment[],
    open: Interval[],
    withFree: boolean,
  ): Column => ({
    key,
    date: day,
    label,
    sublabel,
    providerId: who.providerId ?? null,
    roomId: who.roomId ?? null,
    placed: place(appointments, data.timeZone),
    open,
    free: withFree ? freeTime(data, open, appointments) : [],
  });

  if (state.view === 'provider') {
    const provider = providers.find((candidate) => candidate.id === state.providerId) ?? providers[0];
    if (!provider) return [];
    const mine = shown.filter((appointment) => appointment.provider.id === provider.id);
    const busy = (day: PlainDate) =>
      mine.some((appointment) => dayOf(appointment) === day) ||
      workingTime(data, provider.id, day).length > 0;
    return daysOf(state, date, busy).map((day) => {
      const list = mine.filter((appointment) => dayOf(appointment) === day);
      return column(
        `${provider.id}|${day}`,
        day,
        formatDay(day),
        null,
        { providerId: provider.id },
        list,
        workingTime(data, provider.id, day),
        true,
      );
    });
  }

  // The location's opening hours that day: when anyone works there.
  const openOn = (day: PlainDate) =>
    merge(providers.flatMap((provider) => workingTime(data, provider.id, day)));

  if (state.view === 'room') {
    const rooms = roomsInAppointments(data.appointments);
    const inRoom = (roomId: string) => shown.filter((appointment) => appointment.room?.id === roomId);
    if (state.span === 'day') {
      return rooms.map((room) => {
        const list = inRoom(room.id).filter((appointment) => dayOf(appointment) === date);
        return column(
          `${room.id}|${date}`,
          date,
          room.name,
          null,
          { roomId: room.id },
          list,
          openOn(date),
          false,
        );
      });
    }
    const room = rooms.find((candidate) => candidate.id === state.roomId) ?? rooms[0];
    if (!room) return [];
    const list = inRoom(room.id);
    return daysOf(state, date, (day) => list.some((appointment) => dayOf(appointment) === day)).map((day) =>
      column(
        `${room.id}|${day}`,
        day,
        formatDay(day),
        null,
        { roomId: room.id },
        list.filter((a) => dayOf(a) === day),
        openOn(day),
        false,
      ),
    );
  }

  if (state.span === 'day') {
    const working = providers.filter(
      (provider) =>
        workingTime(data, provider.id, date).length > 0 ||
        shown.some((appointment) => appointment.provider.id === provider.id && dayOf(appointment) === date),
    );
    return working.map((provider) => {
      const list = shown.filter(
        (appointment) => appointment.provider.id === provider.id && dayOf(appointment) === date,
      );
      return column(
        `${provider.id}|${date}`,
        date,
        provider.displayName,
        specialtyLabel(provider.specialty),
        { providerId: provider.id },
        list,
        workingTime(data, provider.id, date),
        true,
      );
    });
  }
  const busy = (day: PlainDate) =>
    openOn(day).length > 0 || shown.some((appointment) => dayOf(appointment) === day);
  return daysOf(state, date, busy).map((day) =>
    column(
      `all|${day}`,
      day,
      formatDay(day),
      null,
      {},
      shown.filter((appointment) => dayOf(appointment) === day),
      openOn(day),
      false,
    ),
  );
}

/** The hours the time axis covers: working time and every appointment shown, whole hours, 08:00–17:00 at least. */
export function hourRange(columns: readonly Column[]): Interval {
  let start = 8 * 60;
  let end = 17 * 60;
  for (const column of columns) {
    for (const interval of column.open) {
      start = Math.min(start, interval.start);
      end = Math.max(end, interval.end);
    }
    for (const item of column.placed) {
      start = Math.min(start, item.start);
      end = Math.max(end, item.end);
    }
  }
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}
