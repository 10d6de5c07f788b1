-- Portal invitations: the desk emails a patient (or one of their proxies) a single-use link that makes a portal
-- account, or adds the record to the account that email already has. Only the token's SHA-256 is stored.
create table portal_invitation (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  -- Null: for the patient; otherwise the proxy it is for.
  proxy_id uuid,
  email text not null check (char_length(email) between 3 and 254),
  language text not null check (language in ('en', 'es')),
  token_hash text not null,
  expires_at timestamptz not null,
  -- Wrong dates of birth given with the link; at the limit the invitation is revoked.
  failed_tries integer not null default 0 check (failed_tries >= 0),
  accepted_at timestamptz,
  accepted_user_id uuid,
  revoked_at timestamptz,
  revoked_by uuid,
  revoked_reason text check (revoked_reason in ('withdrawn', 'replaced', 'too-many-tries')),
  created_by uuid,
  created_at timestamptz not null,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, proxy_id) references patient_proxy (organization_id, id),
  foreign key (organization_id, accepted_user_id) references app_user (organization_id, id),
  foreign key (organization_id, revoked_by) references app_user (organization_id, id),
  foreign key (organization_id, created_by) references app_user (organization_id, id),
  check ((accepted_at is null) = (accepted_user_id is null)),
  check ((revoked_at is null) = (revoked_reason is null)),
  check (accepted_at is null or revoked_at is null)
);
create unique index portal_invitation_token on portal_invitation (organization_id, token_hash);
create index portal_invitation_patient on portal_invitation (organization_id, patient_id, created_at desc);
