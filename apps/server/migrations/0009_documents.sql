-- Documents on a patient's record: photo ID and insurance card images, consents, referrals. The bytes live in a
-- storage adapter (a local folder by default, an S3-compatible store by configuration); this table holds what
-- they are, who put them there, and their checksum. Documents are never deleted: they are voided, with who and why.

create table document (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  kind text not null check (kind in ('photo-id-front', 'photo-id-back', 'insurance-card-front',
                                     'insurance-card-back', 'consent', 'referral', 'authorization',
                                     'records-export', 'disclosure-accounting', 'other')),
  title text not null,
  -- The type read from the file's first bytes, never from its name or the uploader's say-so.
  content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/heic',
                                                     'application/fhir+json')),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  storage_key text not null,
  uploaded_by uuid,
  uploaded_via text not null check (uploaded_via in ('desk', 'portal', 'kiosk', 'api')),
  created_at timestamptz not null default now(),
  voided_at timestamptz,
  voided_by uuid,
  void_reason text,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  check ((voided_at is null) = (void_reason is null))
);
create index document_patient on document (organization_id, patient_id, created_at desc);
create unique index document_storage_key on document (organization_id, storage_key);
