-- Duplicate patients and merges: the pairs the detector found (and what a supervisor decided about each), the
-- merges with every row each one moved (so an undo moves exactly those back), and the merged record's pointer to
-- the record that survived it. A merged record is never deleted.

-- Deferred: a restore inserts patients in id order, and a record may be merged into a younger one.
alter table patient
  add column merged_into uuid,
  add constraint patient_merged_into_other check (merged_into <> id),
  add constraint patient_merged_into_fkey
    foreign key (organization_id, merged_into) references patient (organization_id, id)
    deferrable initially deferred;
create index patient_merged_into on patient (organization_id, merged_into) where merged_into is not null;

-- A blocking key of the detector: the main address's postal code (first five characters) and house number.
-- The expressions must stay the same as in the identity module's candidate query.
create index patient_address_block on patient (
  organization_id,
  (left(addresses -> 0 ->> 'postalCode', 5)),
  (substring(addresses -> 0 ->> 'line1' from '^\s*([0-9]+)'))
) where jsonb_array_length(addresses) > 0;

-- A pair of records that may be one person. The pair is stored in id order, once, whichever side was found first;
-- 'not-duplicate' is remembered, so the detector does not raise the pair again.
create table duplicate_candidate (
  organization_id uuid not null,
  id uuid not null,
  patient_a_id uuid not null,
  patient_b_id uuid not null,
  score real not null check (score between 0 and 1),
  -- [{ "field", "kind", "weight", "detail" }]: why the detector thinks so.
  reasons jsonb not null check (jsonb_typeof(reasons) = 'array'),
  status text not null default 'open' check (status in ('open', 'merged', 'not-duplicate')),
  detected_at timestamptz not null,
  updated_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid,
  decision_reason text check (char_length(decision_reason) <= 500),
  -- The merge that settled the pair. No foreign key: patient_merge.candidate_id points the other way, and a
  -- cycle of keys would leave backups no order to write the tables in.
  merge_id uuid,
  primary key (organization_id, id),
  foreign key (organization_id, patient_a_id) references patient (organization_id, id),
  foreign key (organization_id, patient_b_id) references patient (organization_id, id),
  check (patient_a_id < patient_b_id),
  check ((status = 'open') = (decided_at is null))
);
create unique index duplicate_candidate_pair on duplicate_candidate (organization_id, patient_a_id, patient_b_id);
create index duplicate_candidate_b on duplicate_candidate (organization_id, patient_b_id);
-- The supervisor's list: best first.
create index duplicate_candidate_list on duplicate_candidate (organization_id, status, score desc, id);

-- Per organization: how far the detector has looked at new and changed registrations (a keyset position over
-- (updated_at, id), which the index below walks; null: not yet), and when it last counted names.
create table duplicate_scan_state (
  organization_id uuid primary key references organization (id),
  scanned_through timestamptz,
  scanned_through_id uuid,
  -- Patients (not merged away) when the names were last counted.
  patients integer,
  frequencies_at timestamptz,
  updated_at timestamptz not null,
  check ((scanned_through is null) = (scanned_through_id is null))
);
-- How many patients share each normalized family name and first given name (names only one patient has are
-- left out): the detector weighs an agreeing "Smith" less than an agreeing "Okonkwo".
create table name_frequency (
  organization_id uuid not null references organization (id),
  kind text not null check (kind in ('family', 'given')),
  name text not null,
  patients integer not null check (patients > 1),
  primary key (organization_id, kind, name)
);
create index patient_changed on patient (organization_id, updated_at, id);

create table patient_merge (
  organization_id uuid not null,
  id uuid not null,
  survivor_id uuid not null,
  merged_id uuid not null,
  reason text not null check (char_length(reason) between 1 and 500),
  candidate_id uuid,
  status text not null default 'merged' check (status in ('merged', 'undone')),
  merged_at timestamptz not null,
  merged_by uuid,
  undo_until timestamptz not null,
  undone_at timestamptz,
  undone_by uuid,
  undo_reason text check (char_length(undo_reason) <= 500),
  -- Rows moved per table, { "appointment": 3, … }: the summary; patient_merge_row holds the rows.
  moved jsonb not null default '{}',
  primary key (organization_id, id),
  foreign key (organization_id, survivor_id) references patient (organization_id, id),
  foreign key (organization_id, merged_id) references patient (organization_id, id),
  foreign key (organization_id, candidate_id) references duplicate_candidate (organization_id, id),
  check (merged_id <> survivor_id),
  check ((status = 'undone') = (undone_at is not null))
);
-- A record is merged away at most once at a time.
create unique index patient_merge_active on patient_merge (organization_id, merged_id) where status = 'merged';
create index patient_merge_survivor on patient_merge (organization_id, survivor_id, merged_at desc);

-- Every row a merge moved to the survivor ('moved', by its key), or took away because the survivor already had its
-- equal ('removed', with the whole row to put back). An undo replays exactly these, so rows created for the
-- survivor after the merge stay where they are.
create table patient_merge_row (
  organization_id uuid not null,
  merge_id uuid not null,
  seq bigint generated by default as identity,
  table_name text not null,
  column_name text not null,
  action text not null check (action in ('moved', 'removed')),
  row_key jsonb not null,
  snapshot jsonb,
  primary key (organization_id, merge_id, seq),
  foreign key (organization_id, merge_id) references patient_merge (organization_id, id),
  check ((action = 'removed') = (snapshot is not null))
);
create index patient_merge_row_table on patient_merge_row (organization_id, merge_id, table_name);
