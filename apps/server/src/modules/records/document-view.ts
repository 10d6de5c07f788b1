import type { PatientDocument } from '@patientdesk/contracts';
import type { DocumentRow } from './records.repository';

export function toDocument(row: DocumentRow): PatientDocument {
  return {
    id: row.id,
    patientId: row.patient_id,
    kind: row.kind as PatientDocument['kind'],
    title: row.title,
    contentType: row.content_type as PatientDocument['contentType'],
    sizeBytes: row.size_bytes,
    uploadedVia: row.uploaded_via,
    createdAt: row.created_at.toISOString(),
    voided: row.voided_at !== null,
    voidReason: row.void_reason,
  };
}
