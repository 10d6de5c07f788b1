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
      ...patient.details,
    })
    .returning(ALL_RECORD_COLUMNS)
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
