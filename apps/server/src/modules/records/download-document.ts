import { createHash } from 'node:crypto';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import type { BlobStorage } from '../../platform/storage/storage';
import { assertMayOpenRecord } from '../confidentiality';
import { recordsError } from './records.errors';
import { findDocument } from './records.repository';

/**
 * A document's bytes, for someone allowed to see them. Every download is audited; bytes that no longer match their
 * checksum are not served (the copy is damaged or was changed outside PatientDesk).
 */
export async function downloadDocument(
  db: Db,
  storage: BlobStorage,
  context: ActorContext,
  id: string,
  now: Date,
) {
  const row = await findDocument(db, context, id);
  if (!row) throw recordsError('DOCUMENT_NOT_FOUND', 'No document with that id.');
  await assertMayOpenRecord(db, context, row.patient_id, now, {
    action: 'export',
    resourceType: 'Document',
    resourceId: row.id,
  });
  const bytes = await storage.get(row.storage_key);
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    await recordAudit(db, context, {
      action: 'export',
      outcome: 'failure',
      patientId: row.patient_id,
      resourceType: 'Document',
      resourceId: row.id,
      details: { problem: 'checksum mismatch' },
    });
    throw recordsError(
      'DOCUMENT_DAMAGED',
      'The stored copy of this document is damaged. Tell an administrator.',
    );
  }
  await recordAudit(db, context, {
    action: 'export',
    patientId: row.patient_id,
    resourceType: 'Document',
    resourceId: row.id,
  });
  return { row, bytes };
}
