import type { z } from 'zod';
import type { ZDuplicateCheckRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { normalizePhone } from '../../platform/phone';
import { nameSearchColumns } from '../patients';
import { findCandidatePairs, patientsForMatching, type MatchablePatient } from './blocking.repository';
import { matchInputOf } from './detect-duplicates';
import { populationStatsFor } from './population-stats';
import {
  LIKELY_DUPLICATE,
  POSSIBLE_DUPLICATE,
  prepareRecord,
  scoreMatch,
  type MatchInput,
  type MatchResult,
} from './match-score';

export type DuplicateCheckInput = z.output<typeof ZDuplicateCheckRequest>;

export type DuplicateCheckMatch = {
  patient: MatchablePatient;
  result: MatchResult;
  level: 'likely' | 'possible';
};

/** How many matches the desk is shown at most. */
const MAX_MATCHES = 10;

/**
 * The records a registration the desk is about to save may duplicate, best first: everything scoring at least
 * "possible", each with its reasons. Each patient shown is audited as a search hit (the desk sees their details).
 */
export async function checkDuplicates(
  db: Db,
  context: ActorContext,
  input: DuplicateCheckInput,
): Promise<DuplicateCheckMatch[]> {
  const phone = input.phone ? normalizePhone(input.phone) : null;
  const record: MatchInput = {
    familyName: input.familyName,
    givenNames: input.givenNames,
    preferredName: input.preferredName ?? null,
    birthDate: input.birthDate,
    sex: input.sex ?? null,
    phone,
    otherPhones: (input.otherPhones ?? []).flatMap((other) => normalizePhone(other.number) ?? []),
    email: input.email ?? null,
    addresses: input.addresses ?? [],
    identifiers: input.identifiers ?? [],
  };
  const search = nameSearchColumns(input.familyName, input.givenNames, input.preferredName ?? null);
  const main = input.addresses?.[0];
  const pairs = await findCandidatePairs(db, context.organizationId, {
    kind: 'record',
    excludeId: input.patientId ?? null,
    keys: {
      birthDate: input.birthDate,
      nameSearch: search.name_search,
      familySearch: search.family_search,
      firstGiven: search.given_search.split(' ')[0] ?? '',
      phone,
      email: input.email?.toLowerCase() ?? null,
      // The same expressions as the address index: the first five characters, the leading house number.
      postal: main?.postalCode ? main.postalCode.slice(0, 5) : null,
      house: main?.line1 ? (/^\s*([0-9]+)/.exec(main.line1)?.[1] ?? null) : null,
      identifiers: (input.identifiers ?? []).map((identifier) => ({
        system: identifier.system,
        value: identifier.value,
      })),
    },
  });
  const patients = await patientsForMatching(
    db,
    context.organizationId,
    pairs.map((pair) => pair.other),
  );
  const subject = prepareRecord(record);
  const others = patients.map((patient) => ({ patient, prepared: prepareRecord(matchInputOf(patient)) }));
  const stats = await populationStatsFor(db, context.organizationId, [
    subject,
    ...others.map((other) => other.prepared),
  ]);
  const matches = others
    .map(({ patient, prepared }) => ({ patient, result: scoreMatch(subject, prepared, stats) }))
    .filter((match) => match.result.score >= POSSIBLE_DUPLICATE)
    .sort((x, y) => y.result.score - x.result.score)
    .slice(0, MAX_MATCHES)
    .map((match) => ({
      ...match,
      level: match.result.score >= LIKELY_DUPLICATE ? ('likely' as const) : ('possible' as const),
    }));
  await recordShown(
    db,
    context,
    'search',
    'Patient',
    matches.map((match) => match.patient.id),
  );
  return matches;
}
