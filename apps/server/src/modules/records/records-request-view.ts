import type { RecordsRequest } from '@patientdesk/contracts';
import { toDocument } from './document-view';
import type { DocumentRow, RecordsRequestRow } from './records.repository';

export function toRecordsRequest(row: RecordsRequestRow, files: readonly DocumentRow[]): RecordsRequest {
  return {
    id: row.id,
    patientId: row.patient_id,
    kind: row.kind,
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    requestedVia: row.requested_via,
    format: row.format,
    dueAt: row.due_at.toISOString(),
    extended: row.extended_at !== null,
    extensionReason: row.extension_reason,
    recipientName: row.recipient_name,
    feeCents: row.fee_cents,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    files: files.map(toDocument),
    version: row.version,
  };
}
