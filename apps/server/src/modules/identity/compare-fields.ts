import type { PreparedRecord } from './match-record';
import {
  DEFAULT_SHARE,
  DEFAULT_STATS,
  SHARED_CONTACT_DISCOUNT,
  WEIGHTS,
  type MatchField,
  type MatchKind,
  type MatchReason,
  type PopulationStats,
} from './match-weights';
import { areNicknames } from '../patients';
import { hammingDistance, isAdjacentTransposition, isOneEditApart, jaroWinkler } from './string-similarity';

/** Field-by-field comparisons of two prepared records, each giving its outcome and weight. */

/** log2(m / share) of an exact name, within bounds: the rarer the name, the more its agreement says. */
export function nameWeight(
  weights: { m: number; min: number; max: number },
  count: number | undefined,
  defaultShare: number,
  stats: PopulationStats,
): number {
  const share =
    stats === DEFAULT_STATS ? defaultShare : Math.max(count ?? 2, 2) / Math.max(stats.patients, 2);
  return round(Math.min(weights.max, Math.max(weights.min, Math.log2(weights.m / share))));
}

export function reason(
  field: MatchField,
  kind: MatchKind,
  weight: number,
  detail: string | null = null,
): MatchReason {
  return { field, kind, weight, detail };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function similarSpelling(a: string, b: string, threshold: number): boolean {
  if (a.length < 3 || b.length < 3) return false;
  // Jaro–Winkler rewards a shared prefix: "Ama" is not a misspelt "Amanda".
  if (Math.abs(a.length - b.length) <= 2 && jaroWinkler(a, b) >= threshold) return true;
  // One keying error in a short name ("Mary" / "Maoy") costs Jaro–Winkler more than the threshold allows.
  const shortest = Math.min(a.length, b.length);
  return (shortest >= 4 || a[0] === b[0]) && isOneEditApart(a, b);
}

function compareFamily(a: PreparedRecord, b: PreparedRecord, stats: PopulationStats): MatchReason | null {
  if (!a.family || !b.family) return null;
  const weights = WEIGHTS.familyName;
  if (a.family === b.family) {
    const count = stats.familyCounts.get(a.familyParts.join(' '));
    return reason('familyName', 'exact', nameWeight(weights, count, DEFAULT_SHARE.family, stats));
  }
  // "García-López" and "García", "Van der Berg" and "Berg": one part of a multi-part name.
  const shared = a.familyParts.some((part) => part.length >= 3 && b.familyParts.includes(part));
  if (shared) return reason('familyName', 'similar', weights.namePart, 'name-part');
  if (similarSpelling(a.family, b.family, 0.9))
    return reason('familyName', 'similar', weights.spelling, 'spelling');
  return reason('familyName', 'different', weights.different);
}

function compareGiven(a: PreparedRecord, b: PreparedRecord, stats: PopulationStats): MatchReason | null {
  if (!a.given || !b.given) return null;
  const weights = WEIGHTS.givenName;
  if (a.given === b.given) {
    const count = stats.givenCounts.get(a.given);
    return reason('givenName', 'exact', nameWeight(weights, count, DEFAULT_SHARE.given, stats));
  }
  if (areNicknames(a.given, b.given)) return reason('givenName', 'similar', weights.nickname, 'nickname');
  const preferredMatch =
    a.preferred.some((name) => name === b.given || areNicknames(name, b.given)) ||
    b.preferred.some((name) => name === a.given || areNicknames(name, a.given));
  if (preferredMatch) return reason('givenName', 'similar', weights.preferred, 'preferred-name');
  if (similarSpelling(a.given, b.given, 0.88))
    return reason('givenName', 'similar', weights.spelling, 'spelling');
  if (a.middleNames.includes(b.given) || b.middleNames.includes(a.given))
    return reason('givenName', 'similar', weights.middleName, 'middle-name');
  const [short, long] = a.given.length <= b.given.length ? [a.given, b.given] : [b.given, a.given];
  if (short.length === 1 && long.startsWith(short))
    return reason('givenName', 'similar', weights.initial, 'initial');
  return reason('givenName', 'different', weights.different);
}

function sameName(x: string, y: string): boolean {
  return x === y || areNicknames(x, y) || similarSpelling(x, y, 0.9);
}

export function compareNames(a: PreparedRecord, b: PreparedRecord, stats: PopulationStats): MatchReason[] {
  const family = compareFamily(a, b, stats);
  const given = compareGiven(a, b, stats);
  const compared = [family, given].filter((item): item is MatchReason => item !== null);
  if (family?.kind === 'exact' && given?.kind === 'exact') return compared;
  // Given and family names entered in each other's place ("Nguyen Thanh" / "Thanh Nguyen"), middle names and
  // all: a's first given name among b's family names and one of a's family names among b's given names.
  const givenOf = (record: PreparedRecord) => [record.given, ...record.middleNames].filter(Boolean);
  const crossed = (x: PreparedRecord, y: PreparedRecord) =>
    x.given !== '' &&
    y.familyParts.some((part) => sameName(x.given, part)) &&
    x.familyParts.some((part) => givenOf(y).some((name) => sameName(part, name)));
  if (crossed(a, b) || crossed(b, a)) {
    const swapped = [
      reason('familyName', 'similar', WEIGHTS.familyName.swapped, 'swapped'),
      reason('givenName', 'similar', WEIGHTS.givenName.swapped, 'swapped'),
    ];
    const weightOf = (items: MatchReason[]) => items.reduce((sum, item) => sum + item.weight, 0);
    if (weightOf(swapped) > weightOf(compared)) return swapped;
  }
  return compared;
}

export function compareBirthDates(a: string | null, b: string | null): MatchReason | null {
  if (!a || !b) return null;
  const weights = WEIGHTS.birthDate;
  if (a === b) return reason('birthDate', 'exact', weights.exact);
  const [yearA, monthA, dayA] = a.split('-');
  const [yearB, monthB, dayB] = b.split('-');
  if (yearA === yearB && monthA === dayB && dayA === monthB)
    return reason('birthDate', 'similar', weights.transposed, 'transposed-day-month');
  const digitsA = a.replace(/-/g, '');
  const digitsB = b.replace(/-/g, '');
  if (isAdjacentTransposition(digitsA, digitsB))
    return reason('birthDate', 'similar', weights.transposed, 'transposed-digits');
  if (hammingDistance(digitsA, digitsB) === 1)
    return reason('birthDate', 'similar', weights.oneDigit, 'one-digit');
  return reason('birthDate', 'different', weights.different);
}

export function comparePhones(a: PreparedRecord, b: PreparedRecord): MatchReason | null {
  if (a.phones.length === 0 || b.phones.length === 0) return null;
  if (a.phone && a.phone === b.phone) return reason('phone', 'exact', WEIGHTS.phone.exact);
  if (a.phones.some((phone) => b.phones.includes(phone)))
    return reason('phone', 'exact', WEIGHTS.phone.exact, 'other-phone');
  if (!a.phone || !b.phone) return reason('phone', 'different', WEIGHTS.phone.different);
  if (hammingDistance(a.phone, b.phone) === 1 || isAdjacentTransposition(a.phone, b.phone))
    return reason('phone', 'similar', WEIGHTS.phone.similar, 'one-digit');
  return reason('phone', 'different', WEIGHTS.phone.different);
}

export function compareEmails(a: PreparedRecord, b: PreparedRecord): MatchReason | null {
  if (!a.email || !b.email) return null;
  if (a.email === b.email) return reason('email', 'exact', WEIGHTS.email.exact);
  const localA = a.email.split('@')[0] ?? '';
  const localB = b.email.split('@')[0] ?? '';
  if (localA.length >= 4 && localA === localB)
    return reason('email', 'similar', WEIGHTS.email.similar, 'same-local-part');
  // A keying error, not a different number ("jsmith1@", "jsmith2@" are often two people).
  if (
    isOneEditApart(localA, localB) &&
    !/\d/.test(localA + localB) &&
    a.email.endsWith(b.email.slice(localB.length))
  )
    return reason('email', 'similar', WEIGHTS.email.similar, 'spelling');
  return reason('email', 'different', WEIGHTS.email.different);
}

export function compareAddresses(a: PreparedRecord, b: PreparedRecord): MatchReason | null {
  if (a.addresses.length === 0 || b.addresses.length === 0) return null;
  let best: MatchReason = reason('address', 'different', WEIGHTS.address.different);
  for (const left of a.addresses) {
    for (const right of b.addresses) {
      const samePlace =
        (left.postal !== null && left.postal === right.postal) ||
        (left.city !== null && left.city === right.city);
      if (left.line1 === right.line1 && samePlace) return reason('address', 'exact', WEIGHTS.address.exact);
      if (!samePlace) continue;
      if (left.house !== null && left.house === right.house && similarSpelling(left.line1, right.line1, 0.85))
        best = reason('address', 'similar', WEIGHTS.address.similar, 'street-spelling');
    }
  }
  return best;
}

/** Phone, email and address agreements beyond the strongest count for less (see SHARED_CONTACT_DISCOUNT). */
export function discountSharedContacts(compared: (MatchReason | null)[]): MatchReason[] {
  const present = compared.filter((item): item is MatchReason => item !== null);
  const agreeing = present.filter((item) => item.weight > 0).sort((x, y) => y.weight - x.weight);
  agreeing.forEach((item, rank) => {
    item.weight = round(item.weight * SHARED_CONTACT_DISCOUNT ** rank);
  });
  return present;
}

export function compareIdentifiers(a: PreparedRecord, b: PreparedRecord): MatchReason | null {
  let sharedSystem = false;
  for (const [system, values] of a.identifiers) {
    const other = b.identifiers.get(system);
    if (!other) continue;
    sharedSystem = true;
    if (values.some((value) => other.includes(value)))
      return reason('identifier', 'exact', WEIGHTS.identifier.exact);
  }
  return sharedSystem ? reason('identifier', 'different', WEIGHTS.identifier.different) : null;
}
