-- Confidentiality: restricted records (staff members, VIPs, sensitive services), care teams, and break-the-glass
-- grants with their supervisor review. Opening a restricted record needs a care relationship or a grant.

-- A patient's current restriction: one row per patient ever restricted. Clearing keeps the row (kind null) so its
-- version keeps counting; every set and clear is also kept, with who and why, in patient_restriction_change.
create table patient_restriction (
  organization_id uuid not null,
  patient_id uuid not null,
  kind text check (kind in ('staff', 'vip', 'sensitive')),
  category text check (category in ('behavioral-health', 'substance-use', 'reproductive-health', 'hiv', 'other')),
  reason text,
  set_by uuid,
  set_at timestamptz,
  version integer not null check (version > 0),
  updated_at timestamptz not null,
  primary key (organization_id, patient_id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, set_by) references app_user (organization_id, id),
  -- Restricted rows say what, why, by whom and since when; cleared rows say none of it.
  check ((kind is null) = (reason is null) and (kind is null) = (set_by is null) and (kind is null) = (set_at is null)),
  -- A category names the sensitive service, and only sensitive restrictions have one.
  check (category is null or kind is not distinct from 'sensitive'),
  check (kind is distinct from 'sensitive' or category is not null)
);

create table patient_restriction_change (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  action text not null check (action in ('set', 'clear')),
  kind text check (kind in ('staff', 'vip', 'sensitive')),
  category text check (category in ('behavioral-health', 'substance-use', 'reproductive-health', 'hiv', 'other')),
  reason text not null,
  changed_by uuid not null,
  changed_at timestamptz not null,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, changed_by) references app_user (organization_id, id),
  check ((action = 'set') = (kind is not null)),
  check (category is null or kind is not distinct from 'sensitive'),
  check (kind is distinct from 'sensitive' or category is not null)
);
create index patient_restriction_change_patient on patient_restriction_change (organization_id, patient_id, changed_at);

-- Who looks after a patient, from when until when. Ending a membership sets ends_at; nothing is deleted.
create table care_team_member (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  user_id uuid not null,
  role text not null check (role in ('primary-clinician', 'treating-clinician', 'nurse', 'care-coordinator',
                                     'case-manager', 'front-desk', 'billing', 'other')),
  starts_at timestamptz not null,
  -- Null: open-ended. Equal to starts_at: ended before it began (an empty range, never current).
  ends_at timestamptz check (ends_at is null or ends_at >= starts_at),
  added_by uuid not null,
  added_at timestamptz not null,
  ended_by uuid,
  end_reason text,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, user_id) references app_user (organization_id, id),
  foreign key (organization_id, added_by) references app_user (organization_id, id),
  foreign key (organization_id, ended_by) references app_user (organization_id, id),
  check ((ended_by is null) = (end_reason is null)),
  -- One membership at a time per person and patient, whatever the application does (23P01).
  constraint care_team_member_no_overlap exclude using gist (
    organization_id with =, patient_id with =, user_id with =, tstzrange(starts_at, ends_at) with &&
  )
);
create index care_team_member_patient_user on care_team_member (organization_id, patient_id, user_id, starts_at);

-- Break the glass: one person's time-boxed access to one restricted record, and its review by a supervisor.
create table break_glass_grant (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  user_id uuid not null,
  reason text not null check (reason in ('emergency-care', 'patient-request-at-desk', 'scheduling-or-check-in',
                                         'billing-question', 'other')),
  -- The requester's own words, for the reviewer. Kept here only: never in logs, never in the audit trail.
  detail text not null check (char_length(detail) between 10 and 500),
  restriction_kind text not null check (restriction_kind in ('staff', 'vip', 'sensitive')),
  granted_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > granted_at),
  revoked_at timestamptz,
  revoked_by uuid,
  reviewed_at timestamptz,
  reviewed_by uuid,
  review_outcome text check (review_outcome in ('appropriate', 'inappropriate')),
  review_note text,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, user_id) references app_user (organization_id, id),
  foreign key (organization_id, revoked_by) references app_user (organization_id, id),
  foreign key (organization_id, reviewed_by) references app_user (organization_id, id),
  check ((revoked_at is null) = (revoked_by is null)),
  check ((reviewed_at is null) = (reviewed_by is null) and (reviewed_at is null) = (review_outcome is null)),
  -- Nobody reviews their own access.
  check (reviewed_by is null or reviewed_by <> user_id)
);
create index break_glass_grant_holder on break_glass_grant (organization_id, patient_id, user_id, expires_at);
create index break_glass_grant_unreviewed on break_glass_grant (organization_id, granted_at, id)
  where reviewed_at is null;
create index break_glass_grant_granted on break_glass_grant (organization_id, granted_at, id);
