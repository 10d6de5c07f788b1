-- Scheduling: availability, appointments without double booking, their history, and idempotent creation.

-- What an appointment type needs and allows.
alter table appointment_type
  add column buffer_minutes integer not null default 0 check (buffer_minutes between 0 and 120),
  -- A room of this kind at the location must be free (null: no room needed).
  add column room_kind text,
  add column self_schedulable boolean not null default false,
  -- Rules: earliestLocalTime / latestLocalTime ("HH:MM", when a visit may start), maxPerDay (per provider),
  -- minNoticeHours, horizonDays. Checked when slots are offered and again when a booking is made.
  add column rules jsonb not null default '{}',
  -- Plain-language preparation instructions by language code ({"en": "...", "es": "..."}).
  add column preparation jsonb not null default '{}',
  -- Forms the patient must complete before the visit (codes the check-in module knows).
  add column required_forms text[] not null default '{}';

-- Weekly availability in local wall-clock time at the location, valid between two dates.
create table availability_template (
  organization_id uuid not null,
  id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  weekday smallint not null check (weekday between 0 and 6), -- 0 = Sunday
  start_time time not null,
  end_time time not null check (end_time > start_time),
  effective_from date not null,
  effective_to date check (effective_to is null or effective_to >= effective_from),
  -- Only these appointment types in this block (null: any type the provider offers).
  appointment_type_ids uuid[],
  created_at timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, provider_id) references provider (organization_id, id),
  foreign key (organization_id, location_id) references location (organization_id, id)
);
create index availability_template_provider on availability_template (organization_id, provider_id);

-- A blocked time (vacation, a closed afternoon) or a one-off extra clinic, as instants.
create table availability_exception (
  organization_id uuid not null,
  id uuid not null,
  provider_id uuid not null,
  location_id uuid,
  kind text not null check (kind in ('block', 'extra')),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  reason text,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, provider_id) references provider (organization_id, id),
  check (kind = 'block' or location_id is not null)
);
create index availability_exception_provider on availability_exception (organization_id, provider_id, starts_at);

-- Days the organization (or one location) is closed.
create table holiday (
  organization_id uuid not null references organization (id),
  id uuid not null,
  day date not null,
  name text not null,
  location_id uuid,
  primary key (organization_id, id)
);
create unique index holiday_day on holiday (organization_id, day, coalesce(location_id, '00000000-0000-0000-0000-000000000000'));

create table appointment (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  room_id uuid,
  appointment_type_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  -- The provider (and room) are held until the end plus the type's buffer.
  blocked_until timestamptz not null check (blocked_until >= ends_at),
  status text not null check (status in ('proposed', 'booked', 'confirmed', 'arrived', 'checked_in', 'in_room',
                                         'completed', 'cancelled', 'no_show')),
  modality text not null check (modality in ('in_person', 'video')),
  video_url text,
  note text,
  -- Overbooking: allowed only where the organization permits it, by a supervisor, with a reason.
  overbooked boolean not null default false,
  overbook_reason text,
  rescheduled_from_id uuid,
  rescheduled_to_id uuid,
  cancel_reason text,
  cancelled_by text check (cancelled_by in ('patient', 'clinic', 'provider')),
  cancelled_at timestamptz,
  late_cancellation boolean not null default false,
  confirmed_at timestamptz,
  booked_by uuid,
  booked_via text not null default 'desk' check (booked_via in ('desk', 'portal', 'waitlist', 'api')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, provider_id) references provider (organization_id, id),
  foreign key (organization_id, location_id) references location (organization_id, id),
  foreign key (organization_id, room_id) references room (organization_id, id),
  foreign key (organization_id, appointment_type_id) references appointment_type (organization_id, id),
  -- No double booking, ever: the database refuses overlapping active appointments of a provider, a room or a
  -- patient (23P01), whatever the application does. Overbooked appointments are outside the provider rule only.
  constraint appointment_no_provider_overlap exclude using gist (
    organization_id with =, provider_id with =, tstzrange(starts_at, blocked_until) with &&
  ) where (status not in ('proposed', 'cancelled', 'no_show') and not overbooked),
  constraint appointment_no_room_overlap exclude using gist (
    organization_id with =, room_id with =, tstzrange(starts_at, blocked_until) with &&
  ) where (room_id is not null and status not in ('proposed', 'cancelled', 'no_show')),
  constraint appointment_no_patient_overlap exclude using gist (
    organization_id with =, patient_id with =, tstzrange(starts_at, ends_at) with &&
  ) where (status not in ('proposed', 'cancelled', 'no_show'))
);
create index appointment_provider_time on appointment (organization_id, provider_id, starts_at);
create index appointment_location_time on appointment (organization_id, location_id, starts_at);
create index appointment_patient_time on appointment (organization_id, patient_id, starts_at);

-- Every status change, with who, when and why: the appointment's history.
create table appointment_status_change (
  organization_id uuid not null,
  appointment_id uuid not null,
  seq integer not null,
  from_status text,
  to_status text not null,
  changed_at timestamptz not null,
  changed_by uuid,
  reason text,
  primary key (organization_id, appointment_id, seq),
  foreign key (organization_id, appointment_id) references appointment (organization_id, id)
);

-- Idempotency keys for creating bookings (and later payments): a retried request returns the first answer.
create table idempotency_key (
  organization_id uuid not null references organization (id),
  actor_id uuid not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (organization_id, actor_id, key)
);
