import type { OrganizationSettings } from '../../platform/db/schema';
import { toLocal } from '../scheduling';

const HOUR = 3600_000;
const DEFAULT_HOURS_BEFORE = [72, 24];
const DEFAULT_SAME_DAY_HOURS_BEFORE = 2;
/** Reminders further ahead than this are not planned (a settings typo must not text a patient a year early). */
const MAX_HOURS_BEFORE = 30 * 24;

export type PlannedReminder = { kind: string; plannedFor: Date };

function validHours(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_HOURS_BEFORE;
}

/** The organization's reminder schedule, with the defaults: 72 and 24 hours before, and 2 hours on the day. */
export function reminderSchedule(settings: OrganizationSettings): { hoursBefore: number[]; sameDay: number } {
  const hoursBefore = (settings.reminderHoursBefore ?? DEFAULT_HOURS_BEFORE).filter(validHours);
  const sameDay = settings.sameDayReminderHoursBefore ?? DEFAULT_SAME_DAY_HOURS_BEFORE;
  return {
    hoursBefore: [...new Set(hoursBefore)].sort((a, b) => b - a),
    sameDay: validHours(sameDay) ? sameDay : 0,
  };
}

/**
 * The reminders to plan for a visit booked (or moved) at `now`. A reminder is planned only when it falls on a
 * later local day than the booking: the confirmation already told the patient that day, and the TCPA allows one
 * text a day. The short same-day reminder is for visits booked too close for every other one (the evening before,
 * say); a visit booked for later the same day gets its confirmation only.
 */
export function planReminders(input: {
  startsAt: Date;
  now: Date;
  timeZone: string;
  hoursBefore: readonly number[];
  sameDay: number;
}): PlannedReminder[] {
  const today = toLocal(input.now, input.timeZone).date;
  const laterDay = (at: Date) => at > input.now && toLocal(at, input.timeZone).date > today;
  const planned = input.hoursBefore
    .map((hours) => ({
      kind: `reminder-${hours}h`,
      plannedFor: new Date(input.startsAt.getTime() - hours * HOUR),
    }))
    .filter((reminder) => laterDay(reminder.plannedFor));
  if (planned.length === 0 && input.sameDay > 0) {
    const plannedFor = new Date(input.startsAt.getTime() - input.sameDay * HOUR);
    if (laterDay(plannedFor)) planned.push({ kind: `reminder-${input.sameDay}h`, plannedFor });
  }
  return planned;
}
