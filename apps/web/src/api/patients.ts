import {
  ZDuplicateCheckResult,
  ZPatient,
  ZPatientHistory,
  type CreatePatientRequest,
  type DuplicateCheckRequest,
  type DuplicateMatch,
  type Patient,
  type PatientVersion,
  type UpdatePatientRequest,
} from '@patientdesk/contracts';
import { requestJson, ifMatch } from './client';

/** The desk's calls for a patient's record: registering, the duplicate check, changing it, and its history. */

const patientPath = (id: string) => `/api/patients/${encodeURIComponent(id)}`;

export function registerPatient(request: CreatePatientRequest): Promise<Patient> {
  return requestJson('/api/patients', ZPatient, { method: 'POST', body: request });
}

/** Records the registration about to be saved may duplicate, best first, each with its reasons. */
export async function checkDuplicates(
  request: DuplicateCheckRequest,
  signal?: AbortSignal,
): Promise<DuplicateMatch[]> {
  const result = await requestJson('/api/patients/duplicate-check', ZDuplicateCheckResult, {
    method: 'POST',
    body: request,
    signal,
  });
  return result.matches;
}

/** Changes a record at the version the user saw (merge patch); a 412 ApiError means someone changed it first. */
export function updatePatient(
  patient: Pick<Patient, 'id' | 'version'>,
  change: UpdatePatientRequest,
): Promise<Patient> {
  return requestJson(patientPath(patient.id), ZPatient, {
    method: 'PATCH',
    body: change,
    headers: ifMatch(patient),
  });
}

/** Every version of the record, newest first, with the fields the caller may see. */
export async function getPatientHistory(id: string, signal?: AbortSignal): Promise<PatientVersion[]> {
  return (await requestJson(`${patientPath(id)}/history`, ZPatientHistory, { signal })).items;
}
