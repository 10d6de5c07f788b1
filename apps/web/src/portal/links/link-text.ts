import { useSyncExternalStore } from 'react';
import { browserTimeZone, localDate, offsetMinutes } from '../../lib/zoned-time';
import { prefersSpanish } from '../appointments/visit-text';

/**
 * What the pages opened from emailed and texted links share: their two languages, dates and times said in the
 * language at the clinic's own clock, and the token read from the address's fragment.
 */

export type LinkLanguage = 'en' | 'es';

/** The browser's language when it is Spanish, else English (as the portal chooses preparation text). */
export function browserLanguage(): LinkLanguage {
  return prefersSpanish() ? 'es' : 'en';
}

const LOCALES: Record<LinkLanguage, string> = { en: 'en-US', es: 'es-US' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(language: LinkLanguage, options: Intl.DateTimeFormatOptions, value: string): string {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALES[language], options);
    formatters.set(key, found);
  }
  return found.format(new Date(value));
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Monday, March 9" / "Lunes, 9 de marzo", at the clinic. */
export function linkDay(iso: string, timeZone: string, language: LinkLanguage): string {
  return capitalized(format(language, { timeZone, weekday: 'long', month: 'long', day: 'numeric' }, iso));
}

/** "9:00 AM" / "9:00 a. m.", at the clinic. */
export function linkTime(iso: string, timeZone: string, language: LinkLanguage): string {
  return format(language, { timeZone, hour: 'numeric', minute: '2-digit' }, iso);
}

/** A deadline: its time, with its day in front when that is not today at the clinic. */
export function linkDeadline(
  iso: string,
  timeZone: string,
  language: LinkLanguage,
  now = new Date(),
): string {
  const time = linkTime(iso, timeZone, language);
  if (localDate(iso, timeZone) === localDate(now, timeZone)) return time;
  const day = format(language, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }, iso);
  return `${capitalized(day)}, ${time}`;
}

/** "Eastern Time" / "hora del este" when the clinic's clock differs from this phone's, so nobody is an hour out. */
export function linkZoneNote(iso: string, timeZone: string, language: LinkLanguage): string {
  const instant = new Date(iso);
  if (offsetMinutes(instant, timeZone) === offsetMinutes(instant, browserTimeZone())) return '';
  const parts = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    timeZoneName: 'longGeneric',
  }).formatToParts(instant);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** A phone number as a `tel:` address: "(212) 555-0100" → "tel:+12125550100". */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${/^\d{10}$/.test(digits) ? `+1${digits}` : digits}`;
}

function subscribeToHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = () => window.location.hash;

/**
 * The token a link carries in its fragment (`#token=…`, or the bare `#…` of an offer link). The fragment never
 * reaches a server, a proxy's log or a Referer; a second link pasted into the same tab is read too.
 */
export function useFragmentToken(): string {
  const hash = useSyncExternalStore(subscribeToHash, currentHash).replace(/^#/, '');
  // Read by hand, not with URLSearchParams, which would turn a "+" into a space.
  const named = hash.split('&').find((part) => part.startsWith('token='));
  const raw = named ? named.slice('token='.length) : hash.includes('=') ? '' : hash;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}
