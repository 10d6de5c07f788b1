import {
  ZDisclosure,
  ZRecordsRequest,
  ZRecordsRequestList,
  type Disclosure,
  type NewRecordsRequest,
  type RecordDisclosureRequest,
  type RecordsRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { ifMatch, requestJson } from './client';

/**
 * The desk's calls for a patient's rights over their record: requests for a copy, for an accounting of
 * disclosures, or to release it to someone else (each with its clock), and the disclosures recorded.
 */

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

/** A patient's requests, soonest due first. */
export async function listPatientRecordsRequests(
  patientId: string,
  signal?: AbortSignal,
): Promise<RecordsRequest[]> {
  return (await requestJson('/api/records-requests', ZRecordsRequestList, { query: { patientId }, signal }))
    .items;
}

export function logRecordsRequest(patientId: string, request: NewRecordsRequest): Promise<RecordsRequest> {
  return requestJson(`${patientPath(patientId)}/records-requests`, ZRecordsRequest, {
    method: 'POST',
    body: request,
  });
}

const decide = (request: RecordsRequest, step: 'fulfil' | 'extend' | 'deny', body: object) =>
  requestJson(`/api/records-requests/${encodeURIComponent(request.id)}/${step}`, ZRecordsRequest, {
    method: 'POST',
    headers: ifMatch(request),
    body,
  });

/** Makes the copy or the accounting (the files appear on the request and in the patient's portal). */
export const fulfilRecordsRequest = (request: RecordsRequest) => decide(request, 'fulfil', {});
/** Takes the one 30-day extension the rule allows, with the reason the patient is told. */
export const extendRecordsRequest = (request: RecordsRequest, reason: string) =>
  decide(request, 'extend', { reason });
export const denyRecordsRequest = (request: RecordsRequest, reason: string) =>
  decide(request, 'deny', { reason });

/** Disclosures of the patient's information in the last six years, newest first. */
export async function listDisclosures(patientId: string, signal?: AbortSignal): Promise<Disclosure[]> {
  return (
    await requestJson(`${patientPath(patientId)}/disclosures`, z.object({ items: z.array(ZDisclosure) }), {
      signal,
    })
  ).items;
}

export function recordDisclosure(
  patientId: string,
  request: RecordDisclosureRequest,
): Promise<{ id: string }> {
  return requestJson(`${patientPath(patientId)}/disclosures`, z.object({ id: z.string() }), {
    method: 'POST',
    body: request,
  });
}
