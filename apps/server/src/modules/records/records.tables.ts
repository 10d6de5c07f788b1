import type { CreatedAt, Timestamp } from '../../platform/db/schema';

export type DocumentTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  kind: string;
  title: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_via: 'desk' | 'portal' | 'kiosk' | 'api';
  created_at: CreatedAt;
  voided_at: Timestamp | null;
  voided_by: string | null;
  void_reason: string | null;
};

declare module '../../platform/db/schema' {
  interface Database {
    document: DocumentTable;
  }
}
