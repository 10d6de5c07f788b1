/**
 * Wall-clock time in an IANA time zone, without a library: the platform's Intl data says what offset a zone has
 * at an instant, and everything else follows from that.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when the platform knows this IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type LocalDateTime = { date: string; minutes: number };

/**
 * Answers already worked out, per zone. Intl's formatToParts costs microseconds a call, and the slot engine asks
 * about the same grid instants and the same template boundaries for every provider and every request: a search
 * across a specialty would otherwise spend most of its time here. Cleared when full, so memory stays bounded.
 */
const MEMO_LIMIT = 100_000;
const localMemo = new Map<string, Map<number, LocalDateTime>>();
const boundaryMemo = new Map<string, number>();

function memoFor(timeZone: string): Map<number, LocalDateTime> {
  let memo = localMemo.get(timeZone);
  if (!memo) localMemo.set(timeZone, (memo = new Map<number, LocalDateTime>()));
  else if (memo.size >= MEMO_LIMIT) memo.clear();
  return memo;
}

/** The local calendar date and minutes after midnight at an instant. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const memo = memoFor(timeZone);
  const time = instant.getTime();
  let local = memo.get(time);
  if (!local) {
    const parts: Record<string, number> = {};
    for (const part of formatter(timeZone).formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const date = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
    local = { date, minutes: (parts.hour ?? 0) * 60 + (parts.minute ?? 0) };
    memo.set(time, local);
  }
  // A copy: the memo's own answer must not be changed by a caller.
  return { date: local.date, minutes: local.minutes };
}

/** The zone's offset from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day) + local.minutes * 60_000;
  const truncated = instant.getTime() - (((instant.getTime() % 60_000) + 60_000) % 60_000);
  return Math.round((asUtc - truncated) / 60_000);
}

function naiveUtc(date: string, minutes: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) + minutes * 60_000;
}

/**
 * Every instant at which the local clock reads `date` + `minutes`: none in a spring-forward gap, two in a
 * fall-back repeat, one otherwise. Earliest first.
 */
export function localToInstants(date: string, minutes: number, timeZone: string): Date[] {
  const naive = naiveUtc(date, minutes);
  const offsets = new Set([
    offsetMinutes(new Date(naive - 14 * 3600_000), timeZone),
    offsetMinutes(new Date(naive + 14 * 3600_000), timeZone),
  ]);
  const instants: number[] = [];
  for (const offset of offsets) {
    const candidate = naive - offset * 60_000;
    if (offsetMinutes(new Date(candidate), timeZone) === offset) instants.push(candidate);
  }
  return [...new Set(instants)].sort((a, b) => a - b).map((time) => new Date(time));
}

/**
 * The instant a local boundary stands for. A start takes the earliest reading of the clock and an end the latest,
 * so a block that spans a repeated hour covers both of its readings; a boundary inside a skipped hour moves to the
 * instant the clock jumps.
 */
export function boundaryInstant(
  date: string,
  minutes: number,
  timeZone: string,
  edge: 'start' | 'end',
): Date {
  const key = `${timeZone}|${date}|${minutes}|${edge}`;
  let time = boundaryMemo.get(key);
  if (time === undefined) {
    time = findBoundary(date, minutes, timeZone, edge).getTime();
    if (boundaryMemo.size >= MEMO_LIMIT) boundaryMemo.clear();
    boundaryMemo.set(key, time);
  }
  return new Date(time);
}

function findBoundary(date: string, minutes: number, timeZone: string, edge: 'start' | 'end'): Date {
  const instants = localToInstants(date, minutes, timeZone);
  if (instants.length > 0) return (edge === 'start' ? instants[0] : instants[instants.length - 1]) as Date;
  // In a gap: the first local time after it is the instant the clock jumped.
  for (let later = minutes + 1; later <= minutes + 180; later += 1) {
    const after = localToInstants(date, later, timeZone);
    if (after[0]) return after[0];
  }
  throw new Error(`No instant for ${date} ${minutes} in ${timeZone}`);
}

/** `YYYY-MM-DD` plus n days. */
export function addDays(date: string, days: number): string {
  return new Date(naiveUtc(date, 0) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(naiveUtc(date, 0)).getUTCDay();
}

/** Minutes after midnight of `HH:MM` (or `HH:MM:SS`). */
export function parseLocalTime(value: string): number {
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** An instant written in ISO 8601 with the zone's offset at that instant: 2026-11-01T01:30:00-05:00. */
export function toZonedIso(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  const seconds = String(instant.getUTCSeconds()).padStart(2, '0');
  return `${local.date}T${formatLocalTime(local.minutes)}:${seconds}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
