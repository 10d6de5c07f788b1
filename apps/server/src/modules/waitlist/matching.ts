/** What an entry asks for, as the matcher reads it (times as `HH:MM`). */
export type EntryCriteria = {
  providerId: string | null;
  locationId: string | null;
  earliestDate: string;
  latestDate: string;
  weekdays: readonly number[] | null;
  earliestTime: string | null;
  latestTime: string | null;
};

/** A concrete time, in the wall-clock time of its location. */
export type LocalSlot = {
  providerId: string;
  locationId: string;
  /** `YYYY-MM-DD` at the location. */
  localDate: string;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes after local midnight of the start. */
  localMinutes: number;
};

function minutesOf(value: string): number {
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/**
 * Whether a time suits an entry: the provider and location it named (if any), a local date inside its window, one
 * of its weekdays (if any), and a start inside its time-of-day range (if any; both ends included, like the type
 * rules' earliest and latest start).
 */
export function matchesSlot(entry: EntryCriteria, slot: LocalSlot): boolean {
  if (entry.providerId !== null && entry.providerId !== slot.providerId) return false;
  if (entry.locationId !== null && entry.locationId !== slot.locationId) return false;
  if (slot.localDate < entry.earliestDate || slot.localDate > entry.latestDate) return false;
  if (entry.weekdays !== null && !entry.weekdays.includes(slot.weekday)) return false;
  if (entry.earliestTime !== null && slot.localMinutes < minutesOf(entry.earliestTime)) return false;
  if (entry.latestTime !== null && slot.localMinutes > minutesOf(entry.latestTime)) return false;
  return true;
}

export type Ranked = { priority: 'normal' | 'high'; createdAt: Date; id: string };

/**
 * The waitlist's order: staff priority first (high before normal: clinical urgency outranks waiting time), then
 * the oldest entry (first come, first served), then the id, so the order is total and stable.
 */
export function compareRank(a: Ranked, b: Ranked): number {
  if (a.priority !== b.priority) return a.priority === 'high' ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
