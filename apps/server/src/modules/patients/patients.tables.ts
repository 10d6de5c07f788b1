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
  // Communication preferences (migration 0007; read and written by the reminders module).
  preferred_language: Generated<'en' | 'es'>;
  /** Null: SMS when the patient has a phone, email otherwise. */
  preferred_channel: 'sms' | 'email' | 'none' | null;
  sms_consent: Generated<boolean>;
  email_consent: Generated<boolean>;
  /** `time` columns: local wall-clock time at the appointment's location. */
  quiet_hours_start: Generated<string>;
  quiet_hours_end: Generated<string>;
  message_detail: Generated<'minimal' | 'full'>;
  communication_version: Generated<number>;
};

declare module '../../platform/db/schema' {
  interface Database {
    patient: PatientTable;
  }
}
