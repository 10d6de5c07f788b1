-- Appointment confirmations and reminders: patients' communication preferences, the messages planned and sent
-- about each appointment, single-use answer links for email, and the patients' answers.

-- How a patient wants to hear from us. Reminders are treatment communications, but plain SMS and email need the
-- patient to have been told of the risk and to have agreed (45 CFR 164.522(b); HHS FAQ on unencrypted email).
alter table patient
  add column preferred_language text not null default 'en' check (preferred_language in ('en', 'es')),
  -- Null: the default, SMS when the patient has a phone and email otherwise (it follows the contact details).
  add column preferred_channel text check (preferred_channel in ('sms', 'email', 'none')),
  add column sms_consent boolean not null default false,
  add column email_consent boolean not null default false,
  -- Local wall-clock time at the appointment's location; a window across midnight when start > end.
  add column quiet_hours_start time not null default '21:00',
  add column quiet_hours_end time not null default '08:00',
  -- minimal: no clinical detail in messages; full: the patient chose to see the visit type and place.
  add column message_detail text not null default 'minimal' check (message_detail in ('minimal', 'full')),
  -- The version the desk's If-Match names when it changes these preferences (apart from the record's own).
  add column communication_version integer not null default 1,
  add constraint patient_quiet_hours_differ check (quiet_hours_start <> quiet_hours_end);

-- One row per message about an appointment: a confirmation ('booked', 'moved'), a cancellation notice
-- ('cancelled') or a reminder ('reminder-72h', …). The row is planned when the appointment changes and its send
-- job is enqueued with it; the job turns it into sent or skipped exactly once (the row is the idempotency guard).
create table appointment_notice (
  organization_id uuid not null,
  appointment_id uuid not null,
  kind text not null,
  status text not null default 'planned' check (status in ('planned', 'sent', 'skipped', 'void')),
  -- When it is meant to go, and the start it was planned against (a moved visit voids it).
  planned_for timestamptz not null,
  appointment_starts_at timestamptz not null,
  -- Moved past the patient's quiet hours.
  deferred_to timestamptz,
  channel text check (channel in ('sms', 'email')),
  recipient text,
  language text,
  message_id uuid,
  -- Why it was skipped or voided (a code: no-consent, quiet-hours, daily-limit, moved, cancelled, …).
  reason text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (organization_id, appointment_id, kind),
  foreign key (organization_id, appointment_id) references appointment (organization_id, id)
);
-- TCPA limits count texts sent to a number; replies are matched to the appointments texted to a number.
create index appointment_notice_sms on appointment_notice (organization_id, recipient, sent_at)
  where status = 'sent' and channel = 'sms';

-- The link in an email: the token is random (256 bits) and kept only as its SHA-256; it names no patient.
create table appointment_response_link (
  organization_id uuid not null,
  token_hash text not null,
  appointment_id uuid not null,
  notice_kind text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_action text check (used_action in ('confirm', 'reschedule')),
  created_at timestamptz not null default now(),
  primary key (organization_id, token_hash),
  foreign key (organization_id, appointment_id) references appointment (organization_id, id)
);

-- What patients answered (by text or link), for the desk to see next to the messages.
create table appointment_reply (
  organization_id uuid not null,
  id uuid not null,
  appointment_id uuid not null,
  channel text not null check (channel in ('sms', 'email')),
  action text not null check (action in ('confirm', 'reschedule')),
  outcome text not null check (outcome in ('confirmed', 'already-confirmed', 'reschedule-requested')),
  received_at timestamptz not null,
  primary key (organization_id, id),
  foreign key (organization_id, appointment_id) references appointment (organization_id, id)
);
create index appointment_reply_appointment on appointment_reply (organization_id, appointment_id, received_at);
