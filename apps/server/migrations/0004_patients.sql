-- Patients: the minimal record the foundation needs; the patients issue deepens it.

create sequence patient_mrn_seq start with 1000000 maxvalue 9999999;

-- An MRN is seven digits and a Luhn check digit (the same rule as formatMrn in the patients module), so a
-- mistyped MRN is caught rather than opening another patient's record.
create function mrn_with_check_digit(value bigint) returns text language plpgsql immutable as $$
declare
  body text := lpad(value::text, 7, '0');
  total integer := 0;
  digit integer;
begin
  for position in 1..length(body) loop
    digit := substr(body, length(body) - position + 1, 1)::integer;
    if position % 2 = 1 then
      digit := digit * 2;
      if digit > 9 then digit := digit - 9; end if;
    end if;
    total := total + digit;
  end loop;
  return body || ((10 - total % 10) % 10)::text;
end
$$;

create table patient (
  organization_id uuid not null references organization (id),
  id uuid not null,
  mrn text not null,
  family_name text not null,
  given_names text not null,
  preferred_name text,
  birth_date date not null,
  sex text not null default 'unknown' check (sex in ('female', 'male', 'intersex', 'unknown')),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text,
  -- " family given preferred": lower case, accent-free, with a leading space so "% jo%" matches the start of
  -- any name part through the trigram index. Kept by the application.
  name_search text not null,
  -- The normalized family and given names, in byte order ("C"), so a btree answers "family name starts with …"
  -- in alphabetical order without sorting: the usual desk search.
  family_search text collate "C" not null,
  given_search text collate "C" not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version integer not null default 1,
  primary key (organization_id, id)
);
create unique index patient_mrn on patient (organization_id, mrn);
-- fastupdate off: with a pending list, every search reads every name registered since the last vacuum.
create index patient_name_trgm on patient using gin (name_search gin_trgm_ops) with (fastupdate = off);
create index patient_family_given on patient (organization_id, family_search, given_search);
create index patient_birth_date on patient (organization_id, birth_date);
create index patient_phone on patient (organization_id, phone) where phone is not null;
create index patient_email on patient (organization_id, lower(email)) where email is not null;

alter table account_patient_link
  add foreign key (organization_id, patient_id) references patient (organization_id, id);
