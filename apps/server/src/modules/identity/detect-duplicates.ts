import type { Executor } from '../../platform/audit/audit.repository';
import {
  findCandidatePairs,
  patientsForMatching,
  type CandidatePass,
  type CandidateSubjects,
  type MatchablePatient,
} from './blocking.repository';
import {
  prepareRecord,
  scoreMatch,
  type MatchInput,
  type MatchResult,
  type PreparedRecord,
} from './match-score';
import { populationStatsFor } from './population-stats';

/** A pair of saved records the detector compared: the pair in id order, how it was found, and its score. */
export type DetectedPair = { a: string; b: string; passes: CandidatePass[]; result: MatchResult };

/** What the scorer reads from a stored patient. */
export function matchInputOf(patient: MatchablePatient): MatchInput {
  return {
    familyName: patient.family_name,
    givenNames: patient.given_names,
    preferredName: patient.preferred_name,
    birthDate: patient.birth_date,
    sex: patient.sex,
    phone: patient.phone,
    otherPhones: Array.isArray(patient.other_phones) ? patient.other_phones.map((other) => other.number) : [],
    email: patient.email,
    addresses: Array.isArray(patient.addresses) ? patient.addresses : [],
    identifiers: patient.identifiers,
  };
}

/**
 * Finds and scores the candidate pairs of saved records: some patients (after a registration or a change), or
 * one shard of the whole organization (the bench, a full rescan). The server and the bench both come through here.
 */
export async function detectDuplicates(
  executor: Executor,
  organizationId: string,
  subjects: Exclude<CandidateSubjects, { kind: 'record' }>,
): Promise<DetectedPair[]> {
  const pairs = await findCandidatePairs(executor, organizationId, subjects);
  const unique = new Map<string, { a: string; b: string; passes: Set<CandidatePass> }>();
  for (const pair of pairs) {
    if (!pair.subject) continue;
    const [a, b] = pair.subject < pair.other ? [pair.subject, pair.other] : [pair.other, pair.subject];
    const key = `${a}|${b}`;
    const entry = unique.get(key) ?? { a, b, passes: new Set<CandidatePass>() };
    pair.passes.forEach((pass) => entry.passes.add(pass));
    unique.set(key, entry);
  }
  const ids = new Set<string>();
  for (const pair of unique.values()) ids.add(pair.a).add(pair.b);
  const prepared = new Map<string, PreparedRecord>();
  for (const patient of await patientsForMatching(executor, organizationId, [...ids])) {
    prepared.set(patient.id, prepareRecord(matchInputOf(patient)));
  }
  const stats = await populationStatsFor(executor, organizationId, prepared.values());
  const detected: DetectedPair[] = [];
  for (const pair of unique.values()) {
    const a = prepared.get(pair.a);
    const b = prepared.get(pair.b);
    if (!a || !b) continue;
    detected.push({ a: pair.a, b: pair.b, passes: [...pair.passes].sort(), result: scoreMatch(a, b, stats) });
  }
  return detected;
}
