import {
  ZAccessLog,
  ZDocument,
  ZDocumentList,
  ZPatient,
  ZRecordsRequest,
  ZRecordsRequestList,
  type Patient,
  type PatientDocument,
  type PortalDocumentKind,
  type RecordsRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { requestJson } from './client';

/** The portal's calls about a patient's own record: whose records the account may act for, and who looked. */

const ZPortalPatients = z.object({ items: z.array(ZPatient) });

export type AccessLogEntry = z.infer<typeof ZAccessLog>['items'][number];

/** The records this portal account may act for, its own first. */
export async function listPortalPatients(signal?: AbortSignal): Promise<Patient[]> {
  return (await requestJson('/api/portal/patients', ZPortalPatients, { signal })).items;
}

/** Who at the clinic looked at or changed a record, newest first, a page at a time. */
export function getAccessLog(
  patientId: string,
  query: { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<z.infer<typeof ZAccessLog>> {
  return requestJson(`/api/portal/patients/${encodeURIComponent(patientId)}/access-log`, ZAccessLog, {
    query,
    signal,
  });
}

/** The account's requests for copies of a record or accountings of disclosures, with their files when ready. */
export async function listRecordsRequests(signal?: AbortSignal): Promise<RecordsRequest[]> {
  return (await requestJson('/api/portal/records-requests', ZRecordsRequestList, { signal })).items;
}

/** Asks for a copy of the record (both a PDF and a FHIR file) or for who the information was shared with. */
export function askForRecords(patientId: string, kind: 'access' | 'accounting'): Promise<RecordsRequest> {
  return requestJson('/api/portal/records-requests', ZRecordsRequest, {
    method: 'POST',
    body: { patientId, request: kind === 'access' ? { kind, format: 'both' } : { kind } },
  });
}

/** Where a file of the account's own record is (each download is audited). */
export const portalDocumentUrl = (id: string) => `/api/portal/documents/${encodeURIComponent(id)}/content`;

const portalDocumentsPath = (patientId: string) =>
  `/api/portal/patients/${encodeURIComponent(patientId)}/documents`;

/** The documents on a record the account may see (its records area). */
export async function listPortalDocuments(
  patientId: string,
  signal?: AbortSignal,
): Promise<PatientDocument[]> {
  return (await requestJson(portalDocumentsPath(patientId), ZDocumentList, { signal })).items;
}

/** Sends a photo (or PDF) of an ID or insurance card; the server reads its type from the bytes. */
export function uploadPortalDocument(
  patientId: string,
  file: File,
  kind: PortalDocumentKind,
): Promise<PatientDocument> {
  return requestJson(portalDocumentsPath(patientId), ZDocument, {
    method: 'POST',
    query: { kind },
    body: file,
  });
}
