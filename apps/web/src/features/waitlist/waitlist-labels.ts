import type {
  WaitlistEntry,
  WaitlistEntryStatus,
  WaitlistOffer,
  WaitlistOfferState,
} from '@patientdesk/contracts';
import { formatMinutes, formatTime, localDate, zoneAbbreviation, formatDay } from '../../lib/zoned-time';
import { scheduleHref } from '../schedule/schedule-state';

/** How the desk says waitlist entries and offers: one place, so the table and the patient's record agree. */

export const OFFER_STATE_LABELS: Record<WaitlistOfferState, string> = {
  open: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  taken: 'Taken',
  withdrawn: 'Withdrawn',
};

/** What each state means, for the badge's title and the filter. */
export const OFFER_STATE_HELP: Record<WaitlistOfferState, string> = {
  open: 'Sent, waiting for the patient’s answer',
  accepted: 'The patient accepted: the time is booked',
  declined: 'The patient said no thanks; still waiting',
  expired: 'No answer in time; still waiting',
  taken: 'The patient tried to accept after someone else got the time',
  withdrawn: 'Closed without an answer: the time went to someone else, or the entry closed',
};

export const ENTRY_STATUS_LABELS: Record<WaitlistEntryStatus, string> = {
  active: 'Waiting',
  booked: 'Booked',
  cancelled: 'Removed',
  expired: 'Window passed',
};

export const OFFER_CHANNEL_LABELS: Record<WaitlistOffer['channel'], string> = {
  sms: 'by text',
  email: 'by email',
  phone: 'call needed',
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
/** Monday first, as the clinic's week reads. */
export const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export function weekdayName(day: number): string {
  return WEEKDAYS[day] ?? String(day);
}

const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const SHORT_DATE_YEAR = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A plain date as "Mar 3" (with the year when it is not this year's). */
export function shortDate(date: string, now: Date = new Date()): string {
  const value = new Date(`${date}T00:00:00Z`);
  return value.getUTCFullYear() === now.getFullYear()
    ? SHORT_DATE.format(value)
    : SHORT_DATE_YEAR.format(value);
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** "Mar 3 – Mar 20", or one day. */
export function windowDates(entry: Pick<WaitlistEntry, 'earliestDate' | 'latestDate'>, now?: Date): string {
  if (entry.earliestDate === entry.latestDate) return shortDate(entry.earliestDate, now);
  return `${shortDate(entry.earliestDate, now)} – ${shortDate(entry.latestDate, now)}`;
}

function dayList(weekdays: readonly number[] | null): string {
  const days = WEEKDAY_ORDER.filter((day) => weekdays?.includes(day));
  if (!weekdays || days.length === 0 || days.length === 7) return 'Any day';
  if (days.join() === '1,2,3,4,5') return 'Weekdays';
  if (days.join() === '6,0') return 'Weekends';
  return days.map(weekdayName).join(', ');
}

/** "8:00–11:30 AM", "11:00 AM–2:00 PM", "mornings", "afternoons" (the form's presets), or "any time". */
function timeSpan(earliest: string | null, latest: string | null): string {
  if (!earliest || !latest) return 'any time';
  if (earliest === '00:00' && latest === '11:59') return 'mornings';
  if (earliest === '12:00' && latest === '23:59') return 'afternoons';
  const from = formatMinutes(minutesOf(earliest));
  const to = formatMinutes(minutesOf(latest));
  const [fromTime, fromPeriod] = from.split(/[\s\u202f]/);
  const toPeriod = to.split(/[\s\u202f]/)[1];
  // Kept on one line (no-break spaces, a word joiner after the dash): split, it reads as two times.
  const span = fromPeriod === toPeriod ? `${fromTime}–${to}` : `${from}–${to}`;
  return span.replace(/[\s\u202f]/g, '\u00a0').replace('–', '–\u2060');
}

/** "Weekdays, mornings"; "Any day, any time". */
export function windowDays(entry: Pick<WaitlistEntry, 'weekdays' | 'earliestTime' | 'latestTime'>): string {
  return `${dayList(entry.weekdays)}, ${timeSpan(entry.earliestTime, entry.latestTime)}`;
}

/** "Tue, Mar 3, 9:00 AM EST": an offered time in its location's zone. */
export function offerWhen(offer: Pick<WaitlistOffer, 'start' | 'location'>): string {
  const zone = offer.location.timeZone;
  return `${formatDay(localDate(offer.start, zone))}, ${formatTime(offer.start, zone)} ${zoneAbbreviation(offer.start, zone)}`;
}

/** An open offer whose time to answer has passed is expired, whether or not the server has closed it yet. */
export function offerState(offer: WaitlistOffer, now: Date): WaitlistOfferState {
  return offer.state === 'open' && Date.parse(offer.expiresAt) <= now.getTime() ? 'expired' : offer.state;
}

/** The schedule on the offered time's day, with the booked appointment open when there is one. */
export function offerScheduleHref(offer: WaitlistOffer): string {
  return scheduleHref({
    date: localDate(offer.start, offer.location.timeZone),
    view: 'provider',
    locationId: offer.location.id,
    providerId: offer.provider.id,
    appointmentId: offer.appointmentId,
  });
}
