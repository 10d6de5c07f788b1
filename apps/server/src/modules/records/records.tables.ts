import type { Generated } from 'kysely';
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

export type DisclosureTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  disclosed_at: Timestamp;
  recipient_name: string;
  recipient_address: string | null;
  purpose: string;
  description: string;
  legal_basis: string;
  authorization_document_id: string | null;
  records_request_id: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
};

export type RecordsRequestTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  kind: 'access' | 'accounting' | 'release';
  status: Generated<'open' | 'fulfilled' | 'denied' | 'withdrawn'>;
  requested_at: Timestamp;
  requested_by: string | null;
  requested_via: 'portal' | 'desk';
  format: Generated<'fhir' | 'pdf' | 'both'>;
  due_at: Timestamp;
  extended_at: Timestamp | null;
  extension_reason: string | null;
  recipient_name: string | null;
  recipient_address: string | null;
  authorization_document_id: string | null;
  scope: string | null;
  fee_cents: Generated<number>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
  export_document_ids: Generated<string[]>;
  created_at: CreatedAt;
  version: Generated<number>;
};

declare module '../../platform/db/schema' {
  interface Database {
    document: DocumentTable;
    disclosure: DisclosureTable;
    records_request: RecordsRequestTable;
  }
}
