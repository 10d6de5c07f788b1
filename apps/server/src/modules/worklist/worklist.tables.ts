import type { Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../../platform/db/schema';

export type WorkItemTable = {
  organization_id: string;
  id: string;
  kind: string;
  title: string;
  patient_id: string | null;
  queue: 'front_desk' | 'billing' | 'clinical' | 'supervisor' | 'admin';
  assignee_id: string | null;
  priority: number;
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  due_at: Timestamp | null;
  subject_type: string | null;
  subject_id: string | null;
  detail: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
  resolution: string | null;
  version: Generated<number>;
};

declare module '../../platform/db/schema' {
  interface Database {
    work_item: WorkItemTable;
  }
}
