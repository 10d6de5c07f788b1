import type { AccessibilityNeed } from '@patientdesk/contracts';
import { sql, type Selectable } from 'kysely';
import { ADHOC } from '../../platform/db/database';
import { scopedPatientIds, type ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { NameSearchColumns, PatientQuery } from './name-search';
import { json } from '../../platform/db/schema';
import { FIELD_COLUMNS, visibleFields, type ColumnField } from './patient-fields';
import type { FieldChange, PatientTable } from './patients.tables';

/** The columns a search result or list shows: identity and the main phone, the same for every role. */
const PATIENT_COLUMNS = [
  'id',
  'mrn',
  'family_name',
  'given_names',
  'preferred_name',
  'birth_date',
  'sex',
  'phone',
  'email',
  'created_at',
  'updated_at',
  'version',
] as const;

/** The columns of the full record beyond those, each read only by roles whose field groups include it. */
const DETAIL_COLUMNS = [
  'pronouns',
  'phone_type',
  'other_phones',
  'addresses',
  'preferred_language',
  'interpreter_needed',
  'gender_identity',
  'accessibility_needs',
  'accessibility_note',
  'emergency_contacts',
] as const;
type DetailColumn = (typeof DETAIL_COLUMNS)[number];

/** A patient as the module reads it: the record's columns, without the search helper and tenant key. */
export type PatientRow = Pick<Selectable<PatientTable>, (typeof PATIENT_COLUMNS)[number]>;

/** A full record as one role may read it: detail columns outside its field groups are absent. */
export type PatientRecordRow = PatientRow &
  Partial<Pick<Selectable<PatientTable>, DetailColumn>> & {
    identifiers?: { system: string; value: string }[];
  };

/** The detail columns the caller's role reads, and whether it reads identifiers. */
function recordColumnsFor(context: ActorContext) {
  const visible = visibleFields(context);
  const columns = (Object.entries(FIELD_COLUMNS) as [ColumnField, string][])
    .filter(([field, column]) => visible.has(field) && (DETAIL_COLUMNS as readonly string[]).includes(column))
    .map(([, column]) => column as DetailColumn);
  return { columns: [...PATIENT_COLUMNS, ...columns], identifiers: visible.has('identifiers') };
}

/** Every column of the record, for a change (the caller then shows only what its role may see). */
export const ALL_RECORD_COLUMNS = [...PATIENT_COLUMNS, ...DETAIL_COLUMNS] as const;
export type FullPatientRow = Pick<Selectable<PatientTable>, (typeof ALL_RECORD_COLUMNS)[number]>;

export type NewPatient = {
  id: string;
  familyName: string;
  givenNames: string;
  preferredName: string | null;
  birthDate: string;
  sex: PatientTable['sex'];
  phone: string | null;
  email: string | null;
  search: NameSearchColumns;
  details?: PatientDetails;
};

/** The registration details beyond identity and main contact, as columns. */
export type PatientDetails = {
  pronouns: string | null;
  phone_type: PatientTable['phone_type'];
  other_phones: string;
  addresses: string;
  preferred_language: string;
  interpreter_needed: boolean;
  gender_identity: PatientTable['gender_identity'];
  accessibility_needs: AccessibilityNeed[];
  accessibility_note: string | null;
  emergency_contacts: string;
  sms_consent: boolean;
};

/** Inserts a patient; the database assigns the MRN from its sequence. */
export async function insertPatient(
  executor: Executor,
  context: ActorContext,
  patient: NewPatient,
  now: Date,
) {
  const row = await executor
    .insertInto('patient')
    .values({
      organization_id: context.organizationId,
      id: patient.id,
      mrn: sql<string>`mrn_with_check_digit(nextval('patient_mrn_seq'))`,
      family_name: patient.familyName,
      given_names: patient.givenNames,
      preferred_name: patient.preferredName,
      birth_date: patient.birthDate,
      sex: patient.sex,
      phone: patient.phone,
      email: patient.email,
      ...patient.search,
      created_at: now,
      updated_at: now,
      created_by: context.actor?.id ?? null,
      ...patient.details,
    })
    .returning(ALL_RECORD_COLUMNS)
    .executeTakeFirstOrThrow();
  await rememberNameWords(executor, context.organizationId, patient.search.name_search);
  return row;
}

/**
 * Adds the words of a patient's name (`name_search`) to the organization's name dictionary, which typo search
 * corrects against. In sorted order, so two registrations sharing new words wait for each other, never deadlock.
 */
export async function rememberNameWords(executor: Executor, organizationId: string, nameSearch: string) {
  const words = [...new Set(nameSearch.split(' '))]
    .filter((word) => word !== '' && word.length <= 100)
    .sort();
  if (words.length === 0) return;
  await executor
    .insertInto('patient_name_word')
    .values(words.map((word) => ({ organization_id: organizationId, word })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/** Fills the name dictionary from every patient of the organization (after a bulk load that bypassed insertPatient). */
export async function rememberAllNameWords(executor: Executor, organizationId: string) {
  await sql`
    insert into patient_name_word (organization_id, word)
    select distinct p.organization_id, w.word
      from patient p, unnest(string_to_array(btrim(p.name_search), ' ')) as w (word)
     where p.organization_id = ${organizationId}::uuid and w.word <> '' and length(w.word) <= 100
     order by 1, 2
    on conflict do nothing`.execute(executor);
}

/**
 * Spelling corrections for name tokens: for each token of three or more letters that no dictionary word starts
 * with, up to three dictionary words most like it by trigram similarity (at least pg_trgm's threshold, 0.3), best
 * first. Known tokens and short ones get none.
 */
export async function correctNameTokens(
  executor: Executor,
  organizationId: string,
  tokens: readonly string[],
): Promise<string[][]> {
  const result = await sql<{ position: string; closest: string[] | null }>`
    select t.position, c.words as closest
      from unnest(${[...tokens]}::text[]) with ordinality as t (token, position)
           cross join lateral (
             select exists (
               select from patient_name_word w
                where w.organization_id = ${organizationId}::uuid
                  and w.word >= t.token collate "C" and w.word < (t.token || '~') collate "C"
             ) as known
           ) k
           cross join lateral (
             select array_agg(s.word order by s.score desc, s.word) as words
               from (select w.word, similarity(w.word, t.token) as score
                       from patient_name_word w
                      where not k.known and length(t.token) >= 3
                        and w.organization_id = ${organizationId}::uuid and w.word % t.token
                      order by score desc, w.word
                      limit 3) s
           ) c
     order by t.position`.execute(executor);
  return result.rows.map((row) => row.closest ?? []);
}

/** One patient, within the caller's organization and (for portal accounts) their patients. */
export async function findPatient(executor: Executor, context: ActorContext, id: string) {
  let query = executor
    .selectFrom('patient')
    .select(PATIENT_COLUMNS)
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', id);
  if (context.patientScope) query = query.where('id', 'in', scopedPatientIds(context.patientScope));
  return await query.executeTakeFirst();
}

/** One full record, with only the fields the caller's role may see (minimum necessary). */
export async function readPatientRecord(
  executor: Executor,
  context: ActorContext,
  id: string,
): Promise<PatientRecordRow | undefined> {
  const { columns, identifiers } = recordColumnsFor(context);
  let query = executor
    .selectFrom('patient')
    .select(columns)
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', id);
  if (context.patientScope) query = query.where('id', 'in', scopedPatientIds(context.patientScope));
  const row = (await query.executeTakeFirst()) as PatientRecordRow | undefined;
  if (row && identifiers) row.identifiers = await identifiersOf(executor, context.organizationId, id);
  return row;
}

/** The whole record, locked for a change in this transaction. */
export async function lockPatientForChange(executor: Executor, context: ActorContext, id: string) {
  return await executor
    .selectFrom('patient')
    .select(ALL_RECORD_COLUMNS)
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function identifiersOf(executor: Executor, organizationId: string, patientId: string) {
  return await executor
    .selectFrom('patient_identifier')
    .select(['system', 'value'])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('system')
    .orderBy('value')
    .execute();
}

/** Replaces a patient's identifiers with `identifiers`. */
export async function replaceIdentifiers(
  executor: Executor,
  organizationId: string,
  patientId: string,
  identifiers: readonly { system: string; value: string }[],
) {
  await executor
    .deleteFrom('patient_identifier')
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .execute();
  if (identifiers.length === 0) return;
  await executor
    .insertInto('patient_identifier')
    .values(
      identifiers.map((identifier) => ({
        organization_id: organizationId,
        patient_id: patientId,
        system: identifier.system,
        value: identifier.value,
      })),
    )
    .execute();
}

/** Another patient of the organization already holding one of these identifiers, if any. */
export async function identifierHolder(
  executor: Executor,
  organizationId: string,
  patientId: string,
  identifiers: readonly { system: string; value: string }[],
) {
  for (const identifier of identifiers) {
    const holder = await executor
      .selectFrom('patient_identifier')
      .select(['patient_id', 'system', 'value'])
      .where('organization_id', '=', organizationId)
      .where('system', '=', identifier.system)
      .where('value', '=', identifier.value)
      .where('patient_id', '<>', patientId)
      .executeTakeFirst();
    if (holder) return holder;
  }
  return undefined;
}

export async function insertPatientVersion(
  executor: Executor,
  context: ActorContext,
  entry: { patientId: string; version: number; changedAt: Date; changes: FieldChange[] },
) {
  await executor
    .insertInto('patient_version')
    .values({
      organization_id: context.organizationId,
      patient_id: entry.patientId,
      version: entry.version,
      changed_at: entry.changedAt,
      changed_by: context.actor?.id ?? null,
      changes: json(entry.changes),
    })
    .execute();
}

/** A record's versions, newest first, with the name and role of whoever made each. */
export async function patientVersions(executor: Executor, organizationId: string, patientId: string) {
  return await executor
    .selectFrom('patient_version as v')
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'v.organization_id').onRef('u.id', '=', 'v.changed_by'),
    )
    .select(['v.version', 'v.changed_at', 'v.changes', 'u.display_name', 'u.role'])
    .where('v.organization_id', '=', organizationId)
    .where('v.patient_id', '=', patientId)
    .orderBy('v.version', 'desc')
    .execute();
}

/**
 * How name parts are matched:
 * - `family-given`: the first part starts the family name, the second the given name (alphabetical, btree);
 * - `given-family`: the same with the two parts swapped ("Maria Garcia");
 * - `words`: every part starts some word of any name (trigram index), ranked by similarity (of WORDS_RANKED);
 * - `nickname`: the first given name is one of `givenNames`, and the parts start the family name then any name
 *   word ("Bob Smith" as Robert Smith: one btree range per name within the family name's).
 */
export type NameMatch = 'family-given' | 'given-family' | 'words' | 'nickname';

/** At most this many candidates of a `words` search are ranked. */
const WORDS_RANKED = 1000;

/** Patients matching every term of the query, by one way of matching names, leaving out `exclude`. */
export async function searchPatients(
  executor: Executor,
  context: ActorContext,
  query: PatientQuery,
  options: { limit: number; match: NameMatch; exclude?: readonly string[]; givenNames?: readonly string[] },
) {
  let select = executor
    .selectFrom('patient')
    .select(PATIENT_COLUMNS)
    .where('organization_id', '=', context.organizationId)
    // A merged record lives on in its survivor: search shows the survivor only.
    .where('merged_into', 'is', null);
  if (context.patientScope) {
    select = select.where('id', 'in', scopedPatientIds(context.patientScope));
  }
  if (options.exclude?.length) select = select.where('id', 'not in', [...options.exclude]);
  if (query.birthDate) select = select.where('birth_date', '=', query.birthDate);
  if (query.mrn) select = select.where('mrn', '=', query.mrn);
  if (query.phone) select = select.where('phone', '=', query.phone);
  if (query.phoneSuffix) select = select.where('phone', 'like', `%${query.phoneSuffix}`);
  if (query.email) select = select.where(sql<string>`lower(email)`, '=', query.email);

  const tokens = query.nameTokens;
  const fullName = tokens.join(' ');
  const alphabetical = options.match === 'family-given' || options.match === 'given-family';
  if (tokens.length > 0) {
    if (alphabetical) {
      const [first = '', second, ...rest] = tokens;
      const [family, given] = options.match === 'family-given' ? [first, second] : [second ?? '', first];
      select = select.where('family_search', 'like', `${escapeLike(family)}%`);
      if (given) select = select.where('given_search', 'like', `${escapeLike(given)}%`);
      for (const token of rest) select = select.where('name_search', 'like', `% ${escapeLike(token)}%`);
    } else if (options.match === 'nickname') {
      const [family = '', ...rest] = tokens;
      select = select.where('family_search', 'like', `${escapeLike(family)}%`);
      for (const token of rest) select = select.where('name_search', 'like', `% ${escapeLike(token)}%`);
    } else {
      for (const token of tokens) select = select.where('name_search', 'like', `% ${escapeLike(token)}%`);
    }
  }
  if (options.match === 'nickname') {
    // Normalized names are [a-z0-9]: nothing in them is special to LIKE or to a regular expression. The prefixes
    // are index ranges within the family name's (a shorter one covers its extensions: "rob" covers "robert"); the
    // expression keeps whole first names only.
    const names = (options.givenNames ?? []).filter((name) => /^[a-z0-9]+$/.test(name));
    const prefixes = [...names]
      .sort((a, b) => a.length - b.length)
      .filter((name, index, sorted) => !sorted.slice(0, index).some((shorter) => name.startsWith(shorter)));
    if (prefixes.length === 0) return [];
    select = select
      .where((eb) => eb.or(prefixes.map((prefix) => eb('given_search', 'like', `${prefix}%`))))
      .where('given_search', '~', `^(${names.join('|')})( |$)`);
  }
  if (options.match === 'words') {
    // Ranking by similarity reads every candidate: a prefix that begins thousands of names ("mar") ranks the first
    // WORDS_RANKED found, which keeps its cost near the usual case's. Such a search needs another word anyway.
    const candidates = select
      .select([
        'family_search',
        'given_search',
        sql<number>`similarity(name_search, ${fullName})`.as('score'),
      ])
      .limit(WORDS_RANKED);
    return await executor
      .selectFrom(candidates.as('c'))
      .selectAll()
      .orderBy('score', 'desc')
      .orderBy('family_search')
      .orderBy('given_search')
      .orderBy('id')
      .limit(options.limit)
      .modifyEnd(sql.raw(ADHOC))
      .execute();
  }
  return (
    select
      .orderBy('family_search')
      .orderBy('given_search')
      .orderBy('id')
      .limit(options.limit)
      // Pattern searches are planned for their own values each time (never a generic prepared plan).
      .modifyEnd(sql.raw(ADHOC))
      .execute()
  );
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function patientIdsByPhone(executor: Executor, context: ActorContext, phone: string) {
  const rows = await executor
    .selectFrom('patient')
    .select('id')
    .where('organization_id', '=', context.organizationId)
    .where('phone', '=', phone)
    .limit(2)
    .execute();
  return rows.map((row) => row.id);
}

/** The patients in a portal account's scope, in the scope's order (its own record first). */
export async function findPatientsInScope(executor: Executor, context: ActorContext) {
  const scope = context.patientScope ?? [];
  if (scope.length === 0) return [];
  const rows = (await executor
    .selectFrom('patient')
    .select(PATIENT_COLUMNS)
    .where('organization_id', '=', context.organizationId)
    .where('id', 'in', [...scope])
    .execute()) as PatientRow[];
  return [...rows].sort((a, b) => scope.indexOf(a.id) - scope.indexOf(b.id));
}
