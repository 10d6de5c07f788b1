-- The waitlist: patients waiting for a time of a kind of visit, and the offers made to them when a time frees up.

create table waitlist_entry (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  appointment_type_id uuid not null,
  -- Null: any provider who offers the type; any location.
  provider_id uuid,
  location_id uuid,
  -- The window, in local dates at the location of the offered time.
  earliest_date date not null,
  latest_date date not null check (latest_date >= earliest_date),
  -- Preferred weekdays (0 = Sunday); null: any day.
  weekdays smallint[] check (weekdays is null or weekdays <@ array[0, 1, 2, 3, 4, 5, 6]::smallint[]),
  -- The visit starts within this local time-of-day range (both ends included); null: any time.
  earliest_time time,
  latest_time time,
  note text,
  -- Staff set 'high' for clinical urgency; it ranks before every 'normal' entry.
  priority text not null default 'normal' check (priority in ('normal', 'high')),
  status text not null default 'active' check (status in ('active', 'booked', 'cancelled', 'expired')),
  -- The appointment that satisfied the entry.
  appointment_id uuid,
  created_by uuid,
  created_via text not null check (created_via in ('desk', 'portal')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  closed_reason text,
  version integer not null default 1,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, appointment_type_id) references appointment_type (organization_id, id),
  foreign key (organization_id, provider_id) references provider (organization_id, id),
  foreign key (organization_id, location_id) references location (organization_id, id),
  foreign key (organization_id, appointment_id) references appointment (organization_id, id),
  check ((earliest_time is null) = (latest_time is null)),
  check (earliest_time is null or earliest_time <= latest_time)
);
-- Ranked candidates for a freed time: active entries of a type, high priority first, then oldest.
create index waitlist_entry_rank on waitlist_entry (organization_id, appointment_type_id, status, priority, created_at, id);
create index waitlist_entry_patient on waitlist_entry (organization_id, patient_id, status);
-- One active entry per patient and kind of visit: a second would compete with the first for the same times.
create unique index waitlist_entry_active_once on waitlist_entry (organization_id, patient_id, appointment_type_id)
  where status = 'active';

create table waitlist_offer (
  organization_id uuid not null,
  id uuid not null,
  entry_id uuid not null,
  patient_id uuid not null,
  appointment_type_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  -- SHA-256 of the offer link's token; the token itself is never stored.
  token_hash text not null,
  channel text not null check (channel in ('sms', 'email', 'phone')),
  message_id uuid,
  state text not null default 'open'
    check (state in ('open', 'accepted', 'declined', 'expired', 'taken', 'withdrawn')),
  -- Why an offer was withdrawn: 'slot-booked', 'slot-unavailable' or 'entry-closed'.
  withdrawn_reason text,
  sent_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > sent_at),
  responded_at timestamptz,
  closed_at timestamptz,
  appointment_id uuid,
  primary key (organization_id, id),
  foreign key (organization_id, entry_id) references waitlist_entry (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, appointment_id) references appointment (organization_id, id),
  check (state = 'open' or closed_at is not null)
);
create unique index waitlist_offer_token on waitlist_offer (organization_id, token_hash);
-- An entry holds at most one open offer at a time: two offering runs cannot both reach the same patient.
create unique index waitlist_offer_open on waitlist_offer (organization_id, entry_id) where state = 'open';
create index waitlist_offer_slot on waitlist_offer (organization_id, provider_id, starts_at, location_id);
create index waitlist_offer_entry on waitlist_offer (organization_id, entry_id, sent_at);
