-- Outbound email and SMS, their delivery state, inbound SMS replies and SMS opt-outs.

create table outbox_message (
  organization_id uuid not null references organization (id),
  id uuid not null,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text,
  body text not null,
  patient_id uuid,
  purpose text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'held', 'failed', 'suppressed')),
  transport text,
  provider_message_id text,
  error text,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (organization_id, id)
);
create index outbox_message_recent on outbox_message (organization_id, created_at desc, id desc);
create index outbox_message_patient on outbox_message (organization_id, patient_id) where patient_id is not null;

create table sms_inbound (
  organization_id uuid not null references organization (id),
  id uuid not null,
  from_number text not null,
  to_number text,
  body text not null,
  provider_message_id text,
  patient_id uuid,
  handled_as text not null,
  received_at timestamptz not null default now(),
  primary key (organization_id, id)
);
create unique index sms_inbound_provider_id on sms_inbound (organization_id, provider_message_id)
  where provider_message_id is not null;

-- TCPA: a STOP (or any plain request to stop) is honoured at once, for every purpose, until the patient opts in.
create table sms_opt_out (
  organization_id uuid not null references organization (id),
  phone text not null,
  keyword text not null,
  opted_out_at timestamptz not null default now(),
  primary key (organization_id, phone)
);
