import { ZDocument, ZDocumentList, type DocumentKind, type PatientDocument } from '@patientdesk/contracts';
import { requestJson } from './client';

/** The desk's calls for documents on a patient's record: the list, uploading a file, voiding one. */

const documentsPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/documents`;

export async function listDocuments(patientId: string, signal?: AbortSignal): Promise<PatientDocument[]> {
  return (await requestJson(documentsPath(patientId), ZDocumentList, { signal })).items;
}

/** Sends the file itself; the server reads its type from the bytes and refuses what is not a PDF or image. */
export function uploadDocument(
  patientId: string,
  file: File,
  details: { kind: DocumentKind; title?: string },
): Promise<PatientDocument> {
  return requestJson(documentsPath(patientId), ZDocument, {
    method: 'POST',
    query: { kind: details.kind, title: details.title },
    body: file,
  });
}

export function voidDocument(id: string, reason: string): Promise<PatientDocument> {
  return requestJson(`/api/documents/${encodeURIComponent(id)}/void`, ZDocument, {
    method: 'POST',
    body: { reason },
  });
}

/** Where a document's bytes are (each download is audited). */
export const documentContentUrl = (id: string) => `/api/documents/${encodeURIComponent(id)}/content`;
