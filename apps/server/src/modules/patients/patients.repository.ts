import { sql, type Selectable } from 'kysely';
import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { PatientQuery } from './name-search';
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
  nameSearch: string;
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
      name_search: patient.nameSearch,
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
  if (context.patientScope)
    query = query.where('id', 'in', context.patientScope.length ? [...context.patientScope] : ['']);
  return await query.executeTakeFirst();
}

/**
 * Patients matching every term of the query, ranked by name similarity. With `fuzzy`, name parts match by trigram
 * similarity (typos) instead of as word prefixes.
 */
export async function searchPatients(
  executor: Executor,
  context: ActorContext,
  query: PatientQuery,
  options: { limit: number; fuzzy: boolean },
) {
  let select = executor
    .selectFrom('patient')
    .select(PATIENT_COLUMNS)
    .where('organization_id', '=', context.organizationId);
  if (context.patientScope) {
    select = select.where('id', 'in', context.patientScope.length ? [...context.patientScope] : ['']);
  }
  const fullName = query.nameTokens.join(' ');
  if (query.nameTokens.length > 0) {
    if (options.fuzzy) {
      select = select.where(sql<boolean>`name_search % ${fullName}`);
    } else {
      for (const token of query.nameTokens) {
        select = select.where('name_search', 'like', `% ${escapeLike(token)}%`);
      }
    }
  }
  if (query.birthDate) select = select.where('birth_date', '=', query.birthDate);
  if (query.mrn) select = select.where('mrn', '=', query.mrn);
  if (query.phone) select = select.where('phone', '=', query.phone);
  if (query.phoneSuffix) select = select.where('phone', 'like', `%${query.phoneSuffix}`);
  if (query.email) select = select.where(sql<string>`lower(email)`, '=', query.email);
  if (query.nameTokens.length > 0) select = select.orderBy(sql`similarity(name_search, ${fullName})`, 'desc');
  return (await select
    .orderBy('family_name')
    .orderBy('given_names')
    .orderBy('id')
    .limit(options.limit)
    .execute()) as PatientRow[];
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
