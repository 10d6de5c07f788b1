import type { PortalAppointment } from '@patientdesk/contracts';
import {
  browserTimeZone,
  formatDay,
  formatMinutes,
  formatTime,
  localDate,
  offsetMinutes,
  wallClockOf,
  zoneName,
} from '../../lib/zoned-time';

/** How the portal says visits: days and times at the clinic, and how to prepare in the patient's language. */

/** True when the browser's language is Spanish: preparation is then shown in Spanish where the clinic wrote it. */
export function prefersSpanish(): boolean {
  return (navigator.languages[0] ?? navigator.language).toLowerCase().startsWith('es');
}

/** The preparation text in the patient's language (Spanish or English), with its language tag. */
export function preparationText(preparation: Record<string, string>): { text: string; lang: string } | null {
  const order = prefersSpanish() ? ['es', 'en'] : ['en', 'es'];
  for (const lang of order) {
    const text = preparation[lang];
    if (text) return { text, lang };
  }
  const [lang, text] = Object.entries(preparation)[0] ?? [];
  return lang && text ? { text, lang } : null;
}

/** "Monday, November 30": the clinic's date (from the zone when known, else from the time as the API wrote it). */
export function visitDay(iso: string, timeZone?: string | null): string {
  return formatDay(timeZone ? localDate(iso, timeZone) : wallClockOf(iso).date, 'long');
}

/** "9:00 AM" at the clinic. */
export function visitTime(iso: string, timeZone?: string | null): string {
  return timeZone ? formatTime(iso, timeZone) : formatMinutes(wallClockOf(iso).minutes);
}

/** "Central Time" when the clinic's clock differs from this device's, so nobody is an hour out; else "". */
export function clinicZoneNote(iso: string, timeZone?: string | null): string {
  const instant = new Date(iso);
  const here = offsetMinutes(instant, browserTimeZone());
  if (timeZone) return offsetMinutes(instant, timeZone) === here ? '' : zoneName(timeZone);
  const match = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!match) return '';
  const offset = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  return offset === here
    ? ''
    : `the clinic’s local time (UTC${match[1] === '-' ? '−' : '+'}${Number(match[2])})`;
}

/** Still ahead and holding its time. */
export function isUpcomingActive(visit: PortalAppointment): boolean {
  return visit.status !== 'cancelled' && visit.status !== 'no_show' && visit.status !== 'completed';
}

/** May still be moved or cancelled online. */
export function isChangeable(visit: PortalAppointment): boolean {
  return visit.status === 'booked' || visit.status === 'confirmed';
}

const PAST_WORDS: Partial<Record<PortalAppointment['status'], string>> = {
  completed: 'Completed',
  no_show: 'Missed',
  cancelled: 'Cancelled',
};

export function pastStatus(visit: PortalAppointment): string {
  return PAST_WORDS[visit.status] ?? 'Visited';
}

export const PORTAL_CANCEL_REASONS = [
  { value: 'schedule-conflict', label: 'The time no longer works for me' },
  { value: 'patient-illness', label: 'I am sick' },
  { value: 'transportation', label: 'I have no way to get there' },
  { value: 'weather', label: 'The weather' },
  { value: 'patient-request', label: 'I no longer need this visit' },
  { value: 'other', label: 'Another reason' },
] as const;
