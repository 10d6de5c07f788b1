import { addDays, boundaryInstant, parseLocalTime, toLocal } from '../scheduling';

/**
 * When a patient's quiet hours (local wall-clock times at the location) end, if `now` falls inside them; null
 * otherwise. A window whose start is later than its end runs across midnight (21:00–08:00, the default).
 */
export function quietHoursEnd(now: Date, timeZone: string, start: string, end: string): Date | null {
  const startMinutes = parseLocalTime(start);
  const endMinutes = parseLocalTime(end);
  if (startMinutes === endMinutes) return null;
  const local = toLocal(now, timeZone);
  const minutes = local.minutes;
  let endDate: string;
  if (startMinutes > endMinutes) {
    if (minutes >= startMinutes) endDate = addDays(local.date, 1);
    else if (minutes < endMinutes) endDate = local.date;
    else return null;
  } else {
    if (minutes < startMinutes || minutes >= endMinutes) return null;
    endDate = local.date;
  }
  return boundaryInstant(endDate, endMinutes, timeZone, 'start');
}
