-- The directory: locations, providers, rooms and appointment types.

create table location (
  organization_id uuid not null references organization (id),
  id uuid not null,
  name text not null,
  time_zone text not null,
  phone text,
  address jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (organization_id, id)
);

create table provider (
  organization_id uuid not null references organization (id),
  id uuid not null,
  display_name text not null,
  family_name text not null,
  given_names text not null,
  credentials text,
  specialty text not null,
  npi text check (npi ~ '^[12][0-9]{9}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (organization_id, id)
);
create unique index provider_npi on provider (organization_id, npi) where npi is not null;

create table provider_location (
  organization_id uuid not null,
  provider_id uuid not null,
  location_id uuid not null,
  primary key (organization_id, provider_id, location_id),
  foreign key (organization_id, provider_id) references provider (organization_id, id),
  foreign key (organization_id, location_id) references location (organization_id, id)
);

create table room (
  organization_id uuid not null,
  id uuid not null,
  location_id uuid not null,
  name text not null,
  kind text not null default 'exam',
  primary key (organization_id, id),
  foreign key (organization_id, location_id) references location (organization_id, id)
);

create table appointment_type (
  organization_id uuid not null references organization (id),
  id uuid not null,
  code text not null,
  name text not null,
  specialty text not null,
  duration_minutes integer not null check (duration_minutes between 5 and 480),
  modality text not null default 'in_person' check (modality in ('in_person', 'video')),
  new_patient boolean not null default false,
  active boolean not null default true,
  primary key (organization_id, id)
);
create unique index appointment_type_code on appointment_type (organization_id, code);
