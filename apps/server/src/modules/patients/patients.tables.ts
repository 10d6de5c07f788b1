import type { CreatedAt, Timestamp } from '../../platform/db/schema';
import type { Generated } from 'kysely';

export type PatientTable = {
  organization_id: string;
  id: string;
  mrn: string;
  family_name: string;
  given_names: string;
  preferred_name: string | null;
  birth_date: string;
  sex: 'female' | 'male' | 'intersex' | 'unknown';
  phone: string | null;
  email: string | null;
  name_search: string;
  family_search: string;
  given_search: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  created_by: string | null;
  version: Generated<number>;
};

declare module '../../platform/db/schema' {
  interface Database {
    patient: PatientTable;
  }
}
