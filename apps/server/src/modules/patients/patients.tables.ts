import type { CreatedAt, Json, Timestamp } from '../../platform/db/schema';
import type { ColumnType, Generated } from 'kysely';
import type {
  AccessibilityNeed,
  Address,
  GenderIdentity,
  PhoneType,
  PROXY_RELATIONSHIPS,
  ProxyPermission,
} from '@patientdesk/contracts';

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
  /** A BCP 47 tag; messages are written in English or Spanish (see the reminders module) and fall back to English. */
  preferred_language: Generated<string>;
  /** Null: SMS when the patient has a phone, email otherwise. */
  preferred_channel: 'sms' | 'email' | 'none' | null;
  sms_consent: Generated<boolean>;
  email_consent: Generated<boolean>;
  /** `time` columns: local wall-clock time at the appointment's location. */
  quiet_hours_start: Generated<string>;
  quiet_hours_end: Generated<string>;
  message_detail: Generated<'minimal' | 'full'>;
  communication_version: Generated<number>;
  // The full registration record (migration 0013).
  gender_identity: GenderIdentity | null;
  pronouns: string | null;
  interpreter_needed: Generated<boolean>;
  accessibility_needs: Generated<AccessibilityNeed[]>;
  accessibility_note: string | null;
  phone_type: PhoneType | null;
  other_phones: JsonWithDefault<{ number: string; type: PhoneType }[]>;
  addresses: JsonWithDefault<Address[]>;
  emergency_contacts: JsonWithDefault<{ name: string; relationship: string; phone: string }[]>;
  /** Set when a supervisor merged this record into another (migration 0014; the identity module). */
  merged_into: string | null;
};

/** A jsonb column with a default: JSON text to write (or nothing), the value when read. */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export type PatientIdentifierTable = {
  organization_id: string;
  patient_id: string;
  system: string;
  value: string;
  created_at: CreatedAt;
};

export type PatientProxyTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  name: string;
  relationship: (typeof PROXY_RELATIONSHIPS)[number];
  phone: string | null;
  email: string | null;
  permissions: ProxyPermission[];
  valid_until: string | null;
  user_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  ended_at: Timestamp | null;
};

export type PatientVersionTable = {
  organization_id: string;
  patient_id: string;
  version: number;
  changed_at: Timestamp;
  changed_by: string | null;
  changes: Json<FieldChange[]>;
};

/** One word of the organization's patients' names, normalized (see 0015_patient_name_words.sql). */
export type PatientNameWordTable = {
  organization_id: string;
  word: string;
};

/** One field of a record changed: its API name, and the values before and after (null: not set). */
export type FieldChange = { field: string; from: unknown; to: unknown };

declare module '../../platform/db/schema' {
  interface Database {
    patient: PatientTable;
    patient_identifier: PatientIdentifierTable;
    patient_proxy: PatientProxyTable;
    patient_version: PatientVersionTable;
    patient_name_word: PatientNameWordTable;
  }
}
