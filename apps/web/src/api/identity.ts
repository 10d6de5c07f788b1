import {
  ZDuplicateCandidate,
  ZDuplicateCandidateList,
  ZPatientMerge,
  type CreatePatientMergeRequest,
  type DuplicateCandidate,
  type PatientMerge,
} from '@patientdesk/contracts';
import { requestJson } from './client';

/** The supervisors' calls for duplicate records: the pairs the scan found, merging two records, undoing it. */

export async function listDuplicateCandidates(
  query: { patientId?: string; limit?: number },
  signal?: AbortSignal,
): Promise<DuplicateCandidate[]> {
  return (await requestJson('/api/duplicate-candidates', ZDuplicateCandidateList, { query, signal })).items;
}

export function dismissDuplicateCandidate(id: string, reason: string): Promise<DuplicateCandidate> {
  return requestJson(`/api/duplicate-candidates/${encodeURIComponent(id)}/dismiss`, ZDuplicateCandidate, {
    method: 'POST',
    body: reason ? { reason } : {},
  });
}

export function mergePatients(request: CreatePatientMergeRequest): Promise<PatientMerge> {
  return requestJson('/api/patient-merges', ZPatientMerge, { method: 'POST', body: request });
}

export function undoPatientMerge(id: string, reason: string): Promise<PatientMerge> {
  return requestJson(`/api/patient-merges/${encodeURIComponent(id)}/undo`, ZPatientMerge, {
    method: 'POST',
    body: { reason },
  });
}
