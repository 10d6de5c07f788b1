-- Disclosures of patient information and the patient's own requests: access to their records (45 CFR 164.524),
-- an accounting of disclosures (164.528), and release of information to a third party with an authorization.

-- A disclosure outside the organization. Those made under the patient's authorization, or for treatment,
-- payment or operations, are recorded but left out of an accounting (164.528(a)(1)).
create table disclosure (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  disclosed_at timestamptz not null,
  recipient_name text not null,
  recipient_address text,
  purpose text not null,
  description text not null,
  legal_basis text not null check (legal_basis in ('authorization', 'treatment-payment-operations',
                                                    'required-by-law', 'public-health', 'health-oversight',
                                                    'judicial', 'law-enforcement', 'research', 'other')),
  authorization_document_id uuid,
  records_request_id uuid,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id)
);
create index disclosure_patient on disclosure (organization_id, patient_id, disclosed_at desc);

create table records_request (
  organization_id uuid not null,
  id uuid not null,
  patient_id uuid not null,
  kind text not null check (kind in ('access', 'accounting', 'release')),
  status text not null default 'open' check (status in ('open', 'fulfilled', 'denied', 'withdrawn')),
  requested_at timestamptz not null,
  requested_by uuid,
  requested_via text not null check (requested_via in ('portal', 'desk')),
  format text not null default 'both' check (format in ('fhir', 'pdf', 'both')),
  -- 164.524(b)(2): 30 days for access; 164.528(c): 60 days for an accounting; one 30-day extension each.
  due_at timestamptz not null,
  extended_at timestamptz,
  extension_reason text,
  -- Release of information: to whom, under which signed authorization, what.
  recipient_name text,
  recipient_address text,
  authorization_document_id uuid,
  scope text,
  fee_cents integer not null default 0 check (fee_cents >= 0),
  decided_at timestamptz,
  decided_by uuid,
  decision_note text,
  export_document_ids uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  check (kind <> 'release' or (recipient_name is not null and authorization_document_id is not null))
);
create index records_request_patient on records_request (organization_id, patient_id, requested_at desc);
create index records_request_open on records_request (organization_id, status, due_at);
