/**
 * Scoring two patient records in the Fellegi–Sunter way: each field's comparison adds a weight, log2 of how much
 * likelier that outcome is for two records of one person (m) than for two people (u), and the sum becomes a
 * probability. The weights below were set from those ratios and tuned on the duplicates bench
 * (bench/duplicates-run.ts); a field missing on either side adds nothing.
 */
import {
  compareAddresses,
  compareBirthDates,
  compareEmails,
  compareIdentifiers,
  compareNames,
  comparePhones,
  discountSharedContacts,
  reason,
  round,
} from './compare-fields';
import { prepareRecord, type MatchInput, type PreparedRecord } from './match-record';
import {
  DEFAULT_STATS,
  WEIGHTS,
  type MatchField,
  type MatchReason,
  type PopulationStats,
} from './match-weights';

export type { MatchAddress, MatchIdentifier, MatchInput, PreparedRecord } from './match-record';
export { prepareRecord } from './match-record';
export type { MatchField, MatchKind, MatchReason, PopulationStats } from './match-weights';
export { WEIGHTS } from './match-weights';

export type MatchResult = {
  /** 0..1: how likely the two records are one person. */
  score: number;
  /** The summed weight behind the score (log2 odds before the prior). */
  weight: number;
  reasons: MatchReason[];
};

/** At or above: a likely duplicate (the supervisor's list, and the bench's operating point). */
export const LIKELY_DUPLICATE = 0.9;
/** At or above: worth showing the desk before it saves a registration. */
export const POSSIBLE_DUPLICATE = 0.5;

/**
 * The prior: a pair's log2 odds of being one person before comparing it are about -log2(patients) less this
 * (set on the duplicates bench, where it holds precision at about 0.98 at the LIKELY_DUPLICATE threshold).
 */
const PRIOR_BITS = 5;

/**
 * The highest score of two records whose first given names differ (nickname, typo and order aside), whose birth
 * dates differ (typing slips aside), or whose sexes differ and whose first names are not the same: a possible
 * duplicate at most, for a person to judge.
 */
const DIFFERENT_PERSON_CAP = 0.6;

/** Compares two prepared records field by field. Pure: the same two records always score the same. */
export function scoreMatch(
  a: PreparedRecord,
  b: PreparedRecord,
  stats: PopulationStats = DEFAULT_STATS,
): MatchResult {
  const reasons: MatchReason[] = compareNames(a, b, stats);
  const birthDate = compareBirthDates(a.birthDate, b.birthDate);
  if (birthDate) reasons.push(birthDate);
  if (a.sex && b.sex) {
    reasons.push(
      a.sex === b.sex
        ? reason('sex', 'exact', WEIGHTS.sex.exact)
        : reason('sex', 'different', WEIGHTS.sex.different),
    );
  }
  reasons.push(...discountSharedContacts([comparePhones(a, b), compareEmails(a, b), compareAddresses(a, b)]));
  const identifier = compareIdentifiers(a, b);
  if (identifier) reasons.push(identifier);
  const weight = reasons.reduce((sum, item) => sum + item.weight, 0);
  let score = probability(weight, stats.patients);
  // Everything a household shares (a family name, a home, a phone; for twins a birthday) cannot make two people
  // with different first names one person; nor a different sex with a first name merely like the other
  // ("Daniel", "Danielle": twins, often); nor a birth date no slip of the keyboard away (a parent and a child of
  // one name at one address). At most a possible duplicate, for a person to judge.
  const kindOf = (field: MatchField) => reasons.find((item) => item.field === field)?.kind;
  const unlike =
    kindOf('givenName') === 'different' ||
    kindOf('birthDate') === 'different' ||
    (kindOf('sex') === 'different' && kindOf('givenName') !== 'exact');
  if (unlike) score = Math.min(score, DIFFERENT_PERSON_CAP);
  return { score, weight: round(weight), reasons };
}

/** Scores two records as given (normalizing both). */
export function scoreRecords(a: MatchInput, b: MatchInput, stats?: PopulationStats): MatchResult {
  return scoreMatch(prepareRecord(a), prepareRecord(b), stats);
}

function probability(weight: number, patients: number): number {
  const logOdds = weight - Math.log2(Math.max(patients, 1_000)) - PRIOR_BITS;
  return round(1 / (1 + 2 ** -logOdds), 4);
}
