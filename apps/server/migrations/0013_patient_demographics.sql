-- The full registration record: identity as the patient states it, how to reach them and help them, who may act
-- for them, identifiers from other systems, and a version history of every change.

-- Preferred language is any BCP 47 tag (messages fall back to English where no translation exists; the
-- interpreter flag tells the desk to book one).
alter table patient drop constraint if exists patient_preferred_language_check;
alter table patient
  add constraint patient_preferred_language_tag check (preferred_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  -- Sex (administrative, assigned at birth where known) and gender identity are separate facts (USCDI v3).
  add column gender_identity text check (gender_identity in (
    'female', 'male', 'non-binary', 'transgender-female', 'transgender-male', 'other', 'declined')),
  add column pronouns text check (char_length(pronouns) <= 40),
  add column interpreter_needed boolean not null default false,
  add column accessibility_needs text[] not null default '{}'
    check (accessibility_needs <@ array['wheelchair', 'hearing', 'vision', 'cognitive', 'mobility', 'other']),
  add column accessibility_note text check (char_length(accessibility_note) <= 500),
  -- The primary phone (`phone`, searched and texted) has a kind; more numbers sit in other_phones.
  add column phone_type text check (phone_type in ('mobile', 'home', 'work')),
  -- [{ "number": "+1…", "type": "home" }]
  add column other_phones jsonb not null default '[]' check (jsonb_typeof(other_phones) = 'array'),
  -- [{ "use": "home", "line1", "line2", "city", "state", "postalCode", "country" }], the first is the main one.
  add column addresses jsonb not null default '[]' check (jsonb_typeof(addresses) = 'array'),
  -- [{ "name", "relationship", "phone" }]
  add column emergency_contacts jsonb not null default '[]' check (jsonb_typeof(emergency_contacts) = 'array');

-- Identifiers other systems gave this patient (another EHR's MRN, a payer's member id, a state id), each with
-- its system. One identifier names one patient in an organization.
create table patient_identifier (
  organization_id uuid not null,
  patient_id uuid not null,
  system text not null check (char_length(system) between 1 and 200),
  value text not null check (char_length(value) between 1 and 100),
  created_at timestamptz not null default now(),
  primary key (organization_id, patient_id, system, value),
  foreign key (organization_id, patient_id) references patient (organization_id, id)
);
create unique index patient_identifier_value on patient_identifier (organization_id, system, value);

-- People who may act for a patient (a parent, guardian or caregiver): what each may see and do, and until when.
-- A proxy with a portal account (user_id) is also linked in account_patient_link, which the portal reads.
create table patient_proxy (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  name text not null check (char_length(name) between 1 and 200),
  relationship text not null check (relationship in ('parent', 'guardian', 'caregiver', 'other')),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text,
  permissions text[] not null check (
    cardinality(permissions) > 0
    and permissions <@ array['appointments', 'messages', 'records', 'billing', 'forms']),
  valid_until date,
  user_id uuid,
  created_at timestamptz not null default now(),
  created_by uuid,
  ended_at timestamptz,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id)
);
create index patient_proxy_patient on patient_proxy (organization_id, patient_id);

-- Every version of the registration record: who changed which fields, when, and from what to what. Written in
-- the same transaction as the change, so history and record cannot disagree.
create table patient_version (
  organization_id uuid not null,
  patient_id uuid not null,
  version integer not null,
  changed_at timestamptz not null,
  changed_by uuid,
  -- [{ "field": "phone", "from": …, "to": … }]; the first version lists every field it set.
  changes jsonb not null,
  primary key (organization_id, patient_id, version),
  foreign key (organization_id, patient_id) references patient (organization_id, id)
);

-- Records registered before history was kept start it at their current version.
insert into patient_version (organization_id, patient_id, version, changed_at, changed_by, changes)
select organization_id, id, version, updated_at, created_by, '[]'::jsonb from patient;
