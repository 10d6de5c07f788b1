import { createHash } from 'node:crypto';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import { storageKey, type BlobStorage } from '../../platform/storage/storage';
import { recordsError } from './records.errors';
import { findDocument, insertDocument, patientInScope } from './records.repository';
import { sniffContentType } from './sniff-content-type';

/**
 * Puts a document on a patient's record: its type is read from its bytes (a disguised file is refused), the bytes
 * go to the store under an opaque key, and the row and its audit entry commit together. A store write whose row
 * then fails leaves an unreferenced object, never a row without its bytes.
 */
export async function uploadDocument(
  db: Db,
  storage: BlobStorage,
  context: ActorContext,
  input: {
    patientId: string;
    kind: DocumentKind;
    title?: string | undefined;
    bytes: Buffer;
    via: 'desk' | 'portal' | 'kiosk';
  },
  limits: { maxBytes: number },
) {
  if (input.bytes.length === 0) throw recordsError('DOCUMENT_EMPTY', 'The file is empty.');
  if (input.bytes.length > limits.maxBytes) {
    throw recordsError(
      'DOCUMENT_TOO_LARGE',
      `Files may be at most ${Math.floor(limits.maxBytes / 1024 / 1024)} MB.`,
    );
  }
  const contentType = sniffContentType(input.bytes);
  if (!contentType) {
    throw recordsError('DOCUMENT_TYPE_NOT_ALLOWED', 'Upload a PDF, or a JPEG, PNG or HEIC photo.');
  }
  if (!(await patientInScope(db, context, input.patientId))) {
    throw recordsError('PATIENT_NOT_FOUND', 'No patient with that id.');
  }
  const id = uuidv7();
  const key = storageKey(context.organizationId, id);
  await storage.put(key, input.bytes, contentType);
  await inTransaction(db, async (trx) => {
    await insertDocument(trx, context, {
      id,
      patient_id: input.patientId,
      kind: input.kind,
      title: input.title ?? DOCUMENT_KIND_LABELS[input.kind],
      content_type: contentType,
      size_bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      storage_key: key,
      uploaded_by: context.actor?.id ?? null,
      uploaded_via: input.via,
    });
    await recordAudit(trx, context, {
      action: 'create',
      patientId: input.patientId,
      resourceType: 'Document',
      resourceId: id,
      details: { kind: input.kind, contentType, sizeBytes: input.bytes.length },
    });
  });
  const row = await findDocument(db, context, id);
  if (!row) throw recordsError('DOCUMENT_NOT_FOUND', 'The document could not be read back.');
  return row;
}
