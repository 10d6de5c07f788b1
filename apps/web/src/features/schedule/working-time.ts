import type { AvailabilityTemplate } from '@patientdesk/contracts';
import type { Availability } from '../../api/scheduling';
import { weekdayOf, zonedParts, type PlainDate } from '../../lib/zoned-time';

/** Working time as minutes after local midnight: weekly templates, blocks and extra clinics on one date. */

/** Minutes after local midnight. */
export type Interval = { start: number; end: number };

function parseTime(value: string): number {
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

export function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

export function subtract(intervals: Interval[], cut: Interval): Interval[] {
  return intervals.flatMap((interval) => {
    if (cut.end <= interval.start || cut.start >= interval.end) return [interval];
    const parts: Interval[] = [];
    if (cut.start > interval.start) parts.push({ start: interval.start, end: cut.start });
    if (cut.end < interval.end) parts.push({ start: cut.end, end: interval.end });
    return parts;
  });
}

function appliesOn(template: AvailabilityTemplate, date: PlainDate): boolean {
  return (
    template.weekday === weekdayOf(date) &&
    template.effectiveFrom <= date &&
    (template.effectiveTo === null || template.effectiveTo >= date)
  );
}

/** The part of an instant range that falls on `date` in the zone, in minutes. */
function onDate(start: string, end: string, date: PlainDate, timeZone: string): Interval | null {
  const from = zonedParts(start, timeZone);
  const to = zonedParts(end, timeZone);
  if (to.date < date || from.date > date) return null;
  return { start: from.date < date ? 0 : from.minutes, end: to.date > date ? 24 * 60 : to.minutes };
}

/** When a provider works at the location on a date: weekly templates, less blocks, plus extra clinics. */
export function workingTime(
  data: { availability: ReadonlyMap<string, Availability>; locationId: string; timeZone: string },
  providerId: string,
  date: PlainDate,
): Interval[] {
  const availability = data.availability.get(providerId);
  if (!availability) return [];
  let open = merge(
    availability.templates
      .filter((template) => template.locationId === data.locationId && appliesOn(template, date))
      .map((template) => ({ start: parseTime(template.startTime), end: parseTime(template.endTime) })),
  );
  for (const exception of availability.exceptions) {
    const part = onDate(exception.start, exception.end, date, data.timeZone);
    if (!part) continue;
    if (
      exception.kind === 'block' &&
      (exception.locationId === null || exception.locationId === data.locationId)
    )
      open = subtract(open, part);
    if (exception.kind === 'extra' && exception.locationId === data.locationId) open = merge([...open, part]);
  }
  return open;
}
