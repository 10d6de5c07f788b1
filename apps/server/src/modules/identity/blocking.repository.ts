import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';
import { ADHOC } from '../../platform/db/database';
import { json } from '../../platform/db/schema';
import type { MatchAddress, MatchIdentifier } from './match-score';

/**
 * Candidate generation ("blocking"): the pairs worth scoring, found through keys two records of one person are
 * likely to share, so nobody compares a million records with a million. Each pass is one equi-join that
 * PostgreSQL answers with an index for a few subjects and with a hash join for the whole population:
 * - `birth-date`: the same date of birth and a related name (same family name, same first given name, or
 *   trigram-similar full names — which also catches given and family names swapped);
 * - `phone`, `email`: the same number or address;
 * - `name-year`, `name-day`: the same family and first given name, and the same birth year or the same birth day
 *   and month (a typo elsewhere in the date);
 * - `address`: the same postal code and house number on the main address;
 * - `identifier`: an identifier another system gave (only for a record not yet saved: two saved records cannot
 *   share one, a unique index sees to that).
 */
export type CandidatePass =
  'birth-date' | 'phone' | 'email' | 'name-year' | 'name-day' | 'address' | 'identifier';

/** The blocking keys of a record that is not saved yet (the desk's registration form). */
export type SubjectKeys = {
  birthDate: string;
  nameSearch: string;
  familySearch: string;
  firstGiven: string;
  phone: string | null;
  email: string | null;
  postal: string | null;
  house: string | null;
  identifiers: readonly MatchIdentifier[];
};

/** Whose candidates to find: an unsaved record, some saved patients, or one shard of everyone. */
export type CandidateSubjects =
  | { kind: 'record'; keys: SubjectKeys; excludeId: string | null }
  | { kind: 'patients'; ids: readonly string[] }
  | { kind: 'all'; shard: number; shards: number };

/** A pair found by one or more passes; `subject` is null for an unsaved record. */
export type CandidatePair = { subject: string | null; other: string; passes: CandidatePass[] };

/** Trigram similarity of whole names at or above which two same-birthday records are compared. */
const NAME_SIMILARITY = 0.35;

/** The block keys every pass reads, for patient rows (alias `p`). The address expressions match the index. */
const patientKeys = sql`
  p.id, p.birth_date, p.name_search, p.family_search, split_part(p.given_search, ' ', 1) as first_given, p.phone,
  lower(p.email) as email,
  case when jsonb_array_length(p.addresses) > 0 then left(p.addresses -> 0 ->> 'postalCode', 5) end as postal,
  case when jsonb_array_length(p.addresses) > 0
       then substring(p.addresses -> 0 ->> 'line1' from '^\\s*([0-9]+)') end as house`;

function subjectRelation(organizationId: string, subjects: CandidateSubjects): RawBuilder<unknown> {
  switch (subjects.kind) {
    case 'record': {
      const keys = subjects.keys;
      return sql`select null::uuid as id, ${keys.birthDate}::date as birth_date, ${keys.nameSearch}::text as name_search,
                        ${keys.familySearch}::text collate "C" as family_search,
                        ${keys.firstGiven}::text collate "C" as first_given, ${keys.phone}::text as phone,
                        ${keys.email}::text as email, ${keys.postal}::text as postal, ${keys.house}::text as house`;
    }
    case 'patients':
      return sql`select ${patientKeys} from patient p
                  where p.organization_id = ${organizationId}::uuid and p.merged_into is null
                    and p.id = any(${[...subjects.ids]}::uuid[])`;
    case 'all':
      return sql`select ${patientKeys} from patient p
                  where p.organization_id = ${organizationId}::uuid and p.merged_into is null`;
  }
}

type Pass = {
  name: CandidatePass;
  /** The join of subject `s` to other patient `o` (organization and merged filters are added). */
  on: RawBuilder<unknown>;
  /** The block key of `s` and of `o`, hashed to split a whole-population scan into shards. */
  shardKey: [RawBuilder<unknown>, RawBuilder<unknown>];
};

const ADDRESS_POSTAL = sql`left(o.addresses -> 0 ->> 'postalCode', 5)`;
const ADDRESS_HOUSE = sql`substring(o.addresses -> 0 ->> 'line1' from '^\\s*([0-9]+)')`;

const PASSES: readonly Pass[] = [
  {
    name: 'birth-date',
    on: sql`o.birth_date = s.birth_date
            and (o.family_search = s.family_search
                 or split_part(o.given_search, ' ', 1) = s.first_given
                 or similarity(o.name_search, s.name_search) >= ${NAME_SIMILARITY})`,
    shardKey: [sql`s.birth_date::text`, sql`o.birth_date::text`],
  },
  {
    name: 'phone',
    on: sql`o.phone = s.phone`,
    shardKey: [sql`s.phone`, sql`o.phone`],
  },
  {
    name: 'email',
    on: sql`lower(o.email) = s.email`,
    shardKey: [sql`s.email`, sql`lower(o.email)`],
  },
  {
    name: 'name-year',
    // The range lets the (family_search, given_search) index find the first given name: names are normalized to
    // [a-z0-9 ], so in byte order everything from 'john' up to 'john!' is 'john' or 'john …', never 'johnny'.
    on: sql`o.family_search = s.family_search
            and o.given_search >= s.first_given and o.given_search < s.first_given || '!'
            and split_part(o.given_search, ' ', 1) = s.first_given
            and extract(year from o.birth_date) = extract(year from s.birth_date)`,
    shardKey: [sql`s.family_search`, sql`o.family_search`],
  },
  {
    name: 'name-day',
    on: sql`o.family_search = s.family_search
            and o.given_search >= s.first_given and o.given_search < s.first_given || '!'
            and split_part(o.given_search, ' ', 1) = s.first_given
            and extract(month from o.birth_date) = extract(month from s.birth_date)
            and extract(day from o.birth_date) = extract(day from s.birth_date)`,
    shardKey: [sql`s.family_search`, sql`o.family_search`],
  },
  {
    name: 'address',
    on: sql`jsonb_array_length(o.addresses) > 0 and ${ADDRESS_POSTAL} = s.postal and ${ADDRESS_HOUSE} = s.house`,
    shardKey: [sql`s.postal || s.house`, sql`${ADDRESS_POSTAL} || ${ADDRESS_HOUSE}`],
  },
];

/**
 * The candidate pairs of the subjects, each with the passes that found it. For a whole-population scan
 * (`all`), each pair comes once (subject < other) and only from blocks that hash to the shard.
 */
export async function findCandidatePairs(
  executor: Executor,
  organizationId: string,
  subjects: CandidateSubjects,
): Promise<CandidatePair[]> {
  const pairFilter =
    subjects.kind === 'all'
      ? sql`o.id > s.id`
      : subjects.kind === 'patients'
        ? sql`o.id <> s.id`
        : subjects.excludeId
          ? sql`o.id <> ${subjects.excludeId}::uuid`
          : sql`true`;
  const hashOf = (key: RawBuilder<unknown>) =>
    sql`(hashtext(${key}) & 2147483647) % ${shards(subjects)}::int`;
  const shardOf = (key: RawBuilder<unknown>) =>
    subjects.kind === 'all' ? sql`${hashOf(key)} = ${subjects.shard}::int` : sql`true`;
  const parts = PASSES.map(
    (pass) => sql`
      select s.id as subject, o.id as other, ${pass.name}::text as pass
        from s join patient o on o.organization_id = ${organizationId}::uuid and ${pass.on}
       where o.merged_into is null and ${pairFilter} and ${shardOf(pass.shardKey[0])} and ${shardOf(pass.shardKey[1])}`,
  );
  if (subjects.kind === 'record' && subjects.keys.identifiers.length > 0) {
    parts.push(sql`
      select null::uuid as subject, o.id as other, 'identifier'::text as pass
        from jsonb_to_recordset(${json(subjects.keys.identifiers)}::jsonb) as i(system text, value text)
        join patient_identifier pi on pi.organization_id = ${organizationId}::uuid and pi.system = i.system
                                  and pi.value = i.value
        join patient o on o.organization_id = pi.organization_id and o.id = pi.patient_id
       where o.merged_into is null and ${pairFilter}`);
  }
  const found = sql`
    with s as materialized (${subjectRelation(organizationId, subjects)}),
         found as (${sql.join(parts, sql` union all `)}),
         pairs as (select subject, other, array_agg(distinct pass) as passes from found group by subject, other)`;
  if (subjects.kind !== 'all') {
    const result =
      await sql<CandidatePair>`${found} select subject, other, passes from pairs ${sql.raw(ADHOC)}`.execute(
        executor,
      );
    return result.rows;
  }
  // A pair two passes find (same birth date, same phone) may sit in two shards' blocks: it belongs to the shard of
  // the first of its blocks, so a whole-population scan compares each pair once. Every pass is checked on the
  // pair itself, which also names all the passes that would find it.
  const matching = (pass: Pass) => sql`case when ${pass.on} then ${pass.name}::text end`;
  const home = sql`least(${sql.join(PASSES.map((pass) => sql`case when ${pass.on} then ${hashOf(pass.shardKey[0])} end`))})`;
  const result = await sql<CandidatePair>`${found}
    select p.subject, p.other, array_remove(array[${sql.join(PASSES.map(matching))}], null) as passes
      from pairs p
      join s on s.id = p.subject
      join patient o on o.organization_id = ${organizationId}::uuid and o.id = p.other
     where ${home} = ${subjects.shard}::int`.execute(executor);
  return result.rows;
}

function shards(subjects: CandidateSubjects): number {
  return subjects.kind === 'all' ? subjects.shards : 1;
}

/** A patient as the scorer and the candidate views read it. */
export type MatchablePatient = {
  id: string;
  mrn: string;
  family_name: string;
  given_names: string;
  preferred_name: string | null;
  birth_date: string;
  sex: 'female' | 'male' | 'intersex' | 'unknown';
  phone: string | null;
  email: string | null;
  addresses: MatchAddress[];
  other_phones: { number: string }[];
  identifiers: MatchIdentifier[];
  created_at: Date;
  merged_into: string | null;
};

/** The patients' fields duplicate detection compares, by id, within the organization. */
export async function patientsForMatching(
  executor: Executor,
  organizationId: string,
  ids: readonly string[],
): Promise<MatchablePatient[]> {
  if (ids.length === 0) return [];
  const result = await sql<MatchablePatient>`
    select p.id, p.mrn, p.family_name, p.given_names, p.preferred_name, p.birth_date, p.sex, p.phone, p.email,
           p.addresses, p.other_phones, p.created_at, p.merged_into,
           coalesce((select jsonb_agg(jsonb_build_object('system', i.system, 'value', i.value))
                       from patient_identifier i
                      where i.organization_id = p.organization_id and i.patient_id = p.id), '[]') as identifiers
      from patient p
     where p.organization_id = ${organizationId}::uuid and p.id = any(${[...new Set(ids)]}::uuid[])`.execute(
    executor,
  );
  return result.rows;
}
