import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column the database fills on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A jsonb column holding T. Writes pass JSON text (see `json()`), so both drivers store the same thing. */
export type Json<T> = ColumnType<T, string, string>;

export type OrganizationTable = {
  id: string;
  slug: string;
  name: string;
  settings: Json<OrganizationSettings>;
  created_at: CreatedAt;
};

/** Organization-wide settings kept with the organization row. */
export type OrganizationSettings = {
  /** Require TOTP for admin and supervisor sign-ins. */
  mfaRequiredForPrivileged?: boolean;
  /** Session idle timeout in minutes; falls back to the server default. */
  sessionIdleMinutes?: number;
  /** A phone number patients can call, named in SMS messages. */
  contactPhone?: string;
  /** Name patients know the clinic by, used in messages. */
  displayName?: string;
  /** Let supervisors book over an existing appointment (with a reason). */
  allowOverbooking?: boolean;
  /** A patient cancelling closer than this to the start is counted as a late cancellation (default 24). */
  lateCancelHours?: number;
  /** The join link of a video visit; `{token}` becomes a random token per appointment. */
  videoUrlPattern?: string;
  /** Fee for a second accounting of disclosures within 12 months (the first is free), in cents. */
  accountingFeeCents?: number;
  /** Hours before an appointment that reminders go out (default [72, 24]; each only on a later day than the booking). */
  reminderHoursBefore?: number[];
  /** The reminder on the visit's day for visits booked too late for any other (default 2 hours before; 0: none). */
  sameDayReminderHoursBefore?: number;
  /** How long a waitlist offer stands before it expires, in hours (default 2). */
  waitlistOfferHours?: number;
  /** How many waiting patients are offered one freed time at once; the first to accept gets it (default 3). */
  waitlistOffersAtOnce?: number;
  /** How many days ahead the periodic sweep looks for free times to offer (default 14). */
  waitlistSweepDays?: number;
  /** How long a break-the-glass grant to a restricted record lasts, in minutes (default 60; 5 to 720). */
  breakGlassMinutes?: number;
};

export type UserTable = {
  id: string;
  organization_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  is_demo: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  version: Generated<number>;
};

export type SessionTable = {
  token_hash: string;
  organization_id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  idle_timeout_seconds: number;
  revoked_at: Timestamp | null;
  source_address: string | null;
  user_agent: string | null;
};

export type LoginAttemptTable = {
  id: Generated<number>;
  organization_id: string | null;
  account_key: string;
  source_address: string;
  succeeded: boolean;
  attempted_at: Timestamp;
};

export type AuditEventTable = {
  id: Generated<number>;
  organization_id: string;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
  patient_id: string | null;
  patient_ids: string[] | null;
  resource_type: string | null;
  resource_id: string | null;
  source_address: string | null;
  request_id: string | null;
  reason: string | null;
  details: Json<Record<string, unknown>> | null;
  chain_seq: number | null;
  hash: string | null;
};

export type AuditChainHeadTable = {
  organization_id: string;
  last_seq: number;
  last_hash: string;
  sealed_at: Timestamp;
};

export type JobTable = {
  id: string;
  organization_id: string | null;
  name: string;
  payload: Json<unknown>;
  state: string;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: number;
  singleton_key: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
};

export type AccountPatientLinkTable = {
  organization_id: string;
  user_id: string;
  patient_id: string;
  relationship: 'self' | 'parent' | 'guardian' | 'caregiver' | 'other';
  valid_until: Timestamp | null;
  created_at: CreatedAt;
};

export type OutboxMessageTable = {
  organization_id: string;
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  patient_id: string | null;
  purpose: string;
  status: 'queued' | 'sent' | 'held' | 'failed' | 'suppressed';
  transport: string | null;
  provider_message_id: string | null;
  error: string | null;
  attempts: Generated<number>;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
};

export type SmsInboundTable = {
  organization_id: string;
  id: string;
  from_number: string;
  to_number: string | null;
  body: string;
  provider_message_id: string | null;
  patient_id: string | null;
  handled_as: string;
  received_at: CreatedAt;
};

export type SmsOptOutTable = {
  organization_id: string;
  phone: string;
  keyword: string;
  opted_out_at: CreatedAt;
};

export type IdempotencyKeyTable = {
  organization_id: string;
  actor_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: CreatedAt;
};

export type SchemaMigrationTable = {
  version: number;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
};

/**
 * Every table PatientDesk has. Modules add their own tables to it by declaration merging
 * (`declare module '../../platform/db/schema'`), so the platform never imports a module.
 */
// An interface, not a type: declaration merging is how modules add their tables.
export interface Database {
  organization: OrganizationTable;
  app_user: UserTable;
  app_session: SessionTable;
  login_attempt: LoginAttemptTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  job: JobTable;
  schema_migration: SchemaMigrationTable;
  idempotency_key: IdempotencyKeyTable;
  account_patient_link: AccountPatientLinkTable;
  outbox_message: OutboxMessageTable;
  sms_inbound: SmsInboundTable;
  sms_opt_out: SmsOptOutTable;
}

/** JSON text for a jsonb column. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}
