/**
 * Dates and times in a location's own time zone. An appointment at a Chicago clinic is shown in Chicago time on
 * every screen, whatever zone the browser is in. Calendar dates are plain `YYYY-MM-DD` strings.
 */

export type PlainDate = string;

const LOCALE = 'en-US';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALE, options);
    formatters.set(key, found);
  }
  return found;
}

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** The wall-clock date and minutes after midnight of an instant in `timeZone`. */
export function zonedParts(value: Date | string, timeZone: string): { date: PlainDate; minutes: number } {
  const parts = formatter(`parts|${timeZone}`, {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(toDate(value));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** The calendar date of an instant in `timeZone`. */
export function localDate(value: Date | string, timeZone: string): PlainDate {
  return zonedParts(value, timeZone).date;
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): PlainDate {
  return localDate(now, timeZone);
}

function naiveUtc(date: PlainDate, minutes: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) + minutes * 60_000;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in minutes (-300 for New York in winter). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const { date, minutes } = zonedParts(instant, timeZone);
  const wall = naiveUtc(date, minutes);
  const truncated = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((wall - truncated) / 60_000);
}

/** The instant a wall-clock time on a date happens in `timeZone` (the earlier one when clocks fall back). */
export function instantAt(date: PlainDate, minutes: number, timeZone: string): Date {
  const naive = naiveUtc(date, minutes);
  const first = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  const second = naive - offsetMinutes(new Date(first), timeZone) * 60_000;
  return new Date(Math.min(first, second));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An instant written with the zone's own offset, as the API writes them: `2026-03-09T09:00:00-04:00`. */
export function zonedIso(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const { date, minutes } = zonedParts(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** The wall clock written in an API instant (`…T09:00:00-04:00` → 09:00), for times whose zone is not named. */
export function wallClockOf(iso: string): { date: PlainDate; minutes: number } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) return { date: iso.slice(0, 10), minutes: 0 };
  return { date: match[1] ?? '', minutes: Number(match[2]) * 60 + Number(match[3]) };
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: PlainDate, days: number): PlainDate {
  return new Date(naiveUtc(date, 0) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as availability templates count weekdays. */
export function weekdayOf(date: PlainDate): number {
  return new Date(naiveUtc(date, 0)).getUTCDay();
}

/** The Monday of the week `date` is in. */
export function startOfWeek(date: PlainDate): PlainDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** True for a real `YYYY-MM-DD`. */
export function isPlainDate(value: string | null): value is PlainDate {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(naiveUtc(value, 0)).toISOString().slice(0, 10) === value;
}

/** "9:00 AM" in the zone. */
export function formatTime(value: Date | string, timeZone: string): string {
  return formatter(`time|${timeZone}`, { timeZone, hour: 'numeric', minute: '2-digit' }).format(
    toDate(value),
  );
}

/** Minutes after midnight as "9:00 AM" (a wall-clock time, no zone involved). */
export function formatMinutes(minutes: number): string {
  return formatter('minutes', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(
    new Date(minutes * 60_000),
  );
}

/** The zone's short name at that instant: "EST", "CDT". */
export function zoneAbbreviation(value: Date | string, timeZone: string): string {
  const parts = formatter(`zone|${timeZone}`, { timeZone, timeZoneName: 'short' }).formatToParts(
    toDate(value),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** The zone's everyday name: "Eastern Time", "Central Time". */
export function zoneName(timeZone: string): string {
  const parts = formatter(`generic|${timeZone}`, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(
    new Date(),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** The browser's own zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const DATE_STYLES = {
  short: { weekday: 'short', month: 'short', day: 'numeric' },
  long: { weekday: 'long', month: 'long', day: 'numeric' },
  full: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A calendar date: "Mon, Nov 30" (short), "Monday, November 30" (long), with the year (full). */
export function formatDay(date: PlainDate, style: keyof typeof DATE_STYLES = 'short'): string {
  return formatter(`day|${style}`, { timeZone: 'UTC', ...DATE_STYLES[style] }).format(
    new Date(naiveUtc(date, 0)),
  );
}

/** "Mon, Nov 30, 9:00 AM EST": an instant in the location's zone, with the zone said. */
export function formatZonedDateTime(value: Date | string, timeZone: string): string {
  return `${formatDay(localDate(value, timeZone))}, ${formatTime(value, timeZone)} ${zoneAbbreviation(value, timeZone)}`;
}
