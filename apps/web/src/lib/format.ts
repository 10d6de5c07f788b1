/** How the app writes names, dates, times and phone numbers: one place, so every screen reads the same. */

const LOCALE = 'en-US';

/** "Rivera, Alex", with a preferred name after it when there is one: "Rivera, Alexandra (Alex)". */
export function formatPatientName(patient: {
  familyName: string;
  givenNames: string;
  preferredName?: string | null;
}): string {
  const base = `${patient.familyName}, ${patient.givenNames}`;
  return patient.preferredName && patient.preferredName !== patient.givenNames
    ? `${base} (${patient.preferredName})`
    : base;
}

const PLAIN_DATE = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date (YYYY-MM-DD) as "Jun 14, 1988", without any time-zone shift. */
export function formatPlainDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return PLAIN_DATE.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** Age in whole years on `today` for a date of birth (YYYY-MM-DD). */
export function ageInYears(birthDate: string, today: Date = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - year;
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

/** "Jun 14, 1988 (37 y)". */
export function formatBirthDateWithAge(birthDate: string, today: Date = new Date()): string {
  const age = ageInYears(birthDate, today);
  return age === null ? formatPlainDate(birthDate) : `${formatPlainDate(birthDate)} (${age} y)`;
}

/** North American numbers as "(212) 555-0142"; others as stored (E.164). */
export function formatPhone(value: string | null): string {
  if (!value) return '';
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(value);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : value;
}

const DATE_TIME = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const DATE_TIME_WITH_YEAR = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const DATE_TIME_SECONDS = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

/** An instant in the viewer's time zone: "Thu, Nov 28, 3:15 PM" (the year only when it is not this year). */
export function formatDateTime(value: string, now: Date = new Date()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.getFullYear() === now.getFullYear() ? DATE_TIME.format(date) : DATE_TIME_WITH_YEAR.format(date);
}

const LONG_DAY = new Intl.DateTimeFormat(LOCALE, { month: 'long', day: 'numeric', year: 'numeric' });

/** The day of an instant in words, for patients: "December 2, 2026". */
export function formatLongDay(value: string): string {
  return LONG_DAY.format(new Date(value));
}

/** An instant to the second, for the audit log. */
export function formatPreciseDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : DATE_TIME_SECONDS.format(date);
}

const RELATIVE = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 2 hours", "3 days ago", "now". */
export function formatRelative(value: string, now: Date = new Date()): string {
  const difference = new Date(value).getTime() - now.getTime();
  if (Number.isNaN(difference)) return '';
  for (const [unit, size] of UNITS) {
    if (Math.abs(difference) >= size || unit === 'minute') {
      const amount = Math.round(difference / size);
      if (unit === 'minute' && amount === 0) return 'now';
      return RELATIVE.format(amount, unit);
    }
  }
  return '';
}

/** "records-request" → "Records request". */
export function humanize(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 item", "5 items". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The first word of a display name: "Alex Rivera" → "Alex". */
export function firstName(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] ?? displayName;
}
