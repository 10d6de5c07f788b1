import { sql, type Selectable } from 'kysely';
import { ADHOC } from '../../platform/db/database';
import { scopedPatientIds, type ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { NameSearchColumns, PatientQuery } from './name-search';
import type { PatientTable } from './patients.tables';

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

/** A patient as the module reads it: the record's columns, without the search helper and tenant key. */
export type PatientRow = Pick<Selectable<PatientTable>, (typeof PATIENT_COLUMNS)[number]>;

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
};

/** Inserts a patient; the database assigns the MRN from its sequence. */
export async function insertPatient(
  executor: Executor,
  context: ActorContext,
  patient: NewPatient,
  now: Date,
) {
  return await executor
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
    })
    .returning(PATIENT_COLUMNS)
    .executeTakeFirstOrThrow();
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

/**
 * How name parts are matched:
 * - `family-given`: the first part starts the family name, the second the given name (alphabetical, btree);
 * - `given-family`: the same with the two parts swapped ("Maria Garcia");
 * - `words`: every part starts some word of any name (trigram index), ranked by similarity;
 * - `fuzzy`: the whole name is similar, for typos (trigram index), ranked by similarity.
 */
export type NameMatch = 'family-given' | 'given-family' | 'words' | 'fuzzy';

/** Patients matching every term of the query, by one way of matching names, leaving out `exclude`. */
export async function searchPatients(
  executor: Executor,
  context: ActorContext,
  query: PatientQuery,
  options: { limit: number; match: NameMatch; exclude?: readonly string[] },
) {
  let select = executor
    .selectFrom('patient')
    .select(PATIENT_COLUMNS)
    .where('organization_id', '=', context.organizationId);
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
    } else if (options.match === 'fuzzy') {
      select = select.where(sql<boolean>`name_search % ${fullName}`);
    } else {
      for (const token of tokens) select = select.where('name_search', 'like', `% ${escapeLike(token)}%`);
    }
  }
  if (tokens.length > 0 && !alphabetical) {
    select = select.orderBy(sql`similarity(name_search, ${fullName})`, 'desc');
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
