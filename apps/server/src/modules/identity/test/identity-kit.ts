import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import { uuidv7 } from '../../../platform/ids';
import { nameSearchColumns } from '../../patients';

export type TestAddress = { line1: string; city: string; state: string; postalCode: string };

export type TestPatientFields = {
  familyName: string;
  givenNames: string;
  birthDate: string;
  preferredName?: string | null;
  sex?: 'female' | 'male' | 'intersex' | 'unknown';
  phone?: string | null;
  email?: string | null;
  addresses?: TestAddress[];
  identifiers?: { system: string; value: string }[];
  updatedAt?: Date;
};

/**
 * A patient row as registration leaves it (name search columns, MRN from the sequence, addresses, identifiers),
 * written directly so identity tests do not depend on the registration form's shape.
 */
export async function insertTestPatient(
  db: Db,
  organizationId: string,
  fields: TestPatientFields,
): Promise<string> {
  const id = uuidv7();
  const at = fields.updatedAt ?? new Date();
  const search = nameSearchColumns(fields.familyName, fields.givenNames, fields.preferredName ?? null);
  const addresses = (fields.addresses ?? []).map((address) => ({ use: 'home', country: 'US', ...address }));
  await sql`
    insert into patient (organization_id, id, mrn, family_name, given_names, preferred_name, birth_date, sex,
                         phone, email, addresses, name_search, family_search, given_search, created_at,
                         updated_at)
    values (${organizationId}::uuid, ${id}::uuid, mrn_with_check_digit(nextval('patient_mrn_seq')),
            ${fields.familyName}, ${fields.givenNames}, ${fields.preferredName ?? null}, ${fields.birthDate}::date,
            ${fields.sex ?? 'unknown'}, ${fields.phone ?? null}, ${fields.email ?? null},
            ${JSON.stringify(addresses)}::jsonb, ${search.name_search}, ${search.family_search},
            ${search.given_search}, ${at}::timestamptz, ${at}::timestamptz)`.execute(db);
  for (const identifier of fields.identifiers ?? []) {
    await sql`insert into patient_identifier (organization_id, patient_id, system, value)
              values (${organizationId}::uuid, ${id}::uuid, ${identifier.system}, ${identifier.value})`.execute(
      db,
    );
  }
  return id;
}

/** Marks a patient changed at `at` (what an edit through the patients module does to updated_at). */
export async function touchPatient(db: Db, organizationId: string, id: string, at: Date): Promise<void> {
  await sql`update patient set updated_at = ${at}::timestamptz
             where organization_id = ${organizationId}::uuid and id = ${id}::uuid`.execute(db);
}
