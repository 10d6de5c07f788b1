-- The specialist's single worklist: any module creates and closes items here.

create table work_item (
  organization_id uuid not null references organization (id),
  id uuid not null,
  kind text not null,
  title text not null,
  patient_id uuid,
  queue text not null default 'front_desk'
    check (queue in ('front_desk', 'billing', 'clinical', 'supervisor', 'admin')),
  assignee_id uuid,
  priority smallint not null default 2 check (priority between 0 and 3),
  status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'cancelled')),
  due_at timestamptz,
  subject_type text,
  subject_id text,
  detail jsonb not null default '{}',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by uuid,
  resolution text,
  version integer not null default 1,
  primary key (organization_id, id),
  foreign key (organization_id, patient_id) references patient (organization_id, id),
  foreign key (organization_id, assignee_id) references app_user (organization_id, id)
);
create index work_item_queue on work_item (organization_id, queue, status, priority, due_at);
create index work_item_assignee on work_item (organization_id, assignee_id, status);
create index work_item_patient on work_item (organization_id, patient_id) where patient_id is not null;
-- At most one active item per subject and kind: modules "ensure" an item without creating duplicates.
create unique index work_item_active_subject on work_item (organization_id, kind, subject_type, subject_id)
  where status in ('open', 'in_progress') and subject_id is not null;
