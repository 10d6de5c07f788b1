import {
  ZAuditEventList,
  ZMeta,
  ZOutboxList,
  ZPatient,
  ZPatientSearchResult,
  ZSession,
  ZWorkItem,
  ZWorkItemList,
  type AuditAction,
  type LoginRequest,
  type Meta,
  type OutboxMessage,
  type Patient,
  type PatientSummary,
  type Session,
  type WorkItem,
  type ZUpdateWorkItemRequest,
  type ZWorkItemListQuery,
} from '@patientdesk/contracts';
import type { z } from 'zod';
import { requestEmpty, requestJson, ifMatch } from './client';

/** One typed function per API call the web app makes. */

export type Page<T> = { items: T[]; nextCursor: string | null };

export function getMeta(signal?: AbortSignal): Promise<Meta> {
  return requestJson('/api/meta', ZMeta, { signal, unauthorizedIsExpected: true });
}

/** The current session, or a 401 ApiError when there is none (which is not treated as an ended session). */
export function getSession(options: { signal?: AbortSignal; quiet?: boolean } = {}): Promise<Session> {
  return requestJson('/api/auth/session', ZSession, {
    signal: options.signal,
    unauthorizedIsExpected: options.quiet ?? false,
  });
}

export function login(request: LoginRequest): Promise<Session> {
  return requestJson('/api/auth/login', ZSession, {
    method: 'POST',
    body: request,
    unauthorizedIsExpected: true,
  });
}

export function logout(everywhere: boolean): Promise<void> {
  return requestEmpty('/api/auth/logout', {
    method: 'POST',
    body: { everywhere },
    unauthorizedIsExpected: true,
  });
}

export function searchPatients(
  q: string,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<PatientSummary>> {
  return requestJson('/api/patients', ZPatientSearchResult, { query: { q, limit }, signal });
}

export function getPatient(id: string, signal?: AbortSignal): Promise<Patient> {
  return requestJson(`/api/patients/${encodeURIComponent(id)}`, ZPatient, { signal });
}

export type WorkItemQuery = Omit<z.input<typeof ZWorkItemListQuery>, 'limit'> & { limit?: number };

export function listWorkItems(query: WorkItemQuery, signal?: AbortSignal): Promise<Page<WorkItem>> {
  return requestJson('/api/work-items', ZWorkItemList, { query, signal });
}

export type WorkItemChange = z.input<typeof ZUpdateWorkItemRequest>;

/** Changes a work item at the version the user saw; a 412 ApiError means someone changed it first. */
export function updateWorkItem(
  item: Pick<WorkItem, 'id' | 'version'>,
  change: WorkItemChange,
): Promise<WorkItem> {
  return requestJson(`/api/work-items/${encodeURIComponent(item.id)}`, ZWorkItem, {
    method: 'PATCH',
    body: change,
    headers: ifMatch(item),
  });
}

export type OutboxQuery = {
  channel?: OutboxMessage['channel'];
  status?: OutboxMessage['status'];
  limit?: number;
  cursor?: string;
};

export function listOutboxMessages(query: OutboxQuery, signal?: AbortSignal): Promise<Page<OutboxMessage>> {
  return requestJson('/api/outbox-messages', ZOutboxList, { query, signal });
}

export type AuditQuery = {
  patientId?: string;
  actorId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
};

export function listAuditEvents(query: AuditQuery, signal?: AbortSignal) {
  return requestJson('/api/audit-events', ZAuditEventList, { query, signal });
}
