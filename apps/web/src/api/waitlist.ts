import {
  ZWaitlistEntry,
  ZWaitlistEntryList,
  type WaitlistEntry,
  type WaitlistEntryStatus,
  type ZJoinWaitlistRequest,
} from '@patientdesk/contracts';
import type { z } from 'zod';
import type { Page } from './endpoints';
import { requestJson, ifMatch } from './client';

/** The desk's waitlist calls: the list with each entry's offers, joining, leaving, and answering for a patient. */

export type JoinWaitlistRequest = z.input<typeof ZJoinWaitlistRequest>;

export type WaitlistQuery = {
  status?: WaitlistEntryStatus;
  patientId?: string;
  appointmentTypeId?: string;
  providerId?: string;
  locationId?: string;
  limit?: number;
  cursor?: string;
};

const entryPath = (id: string) => `/api/waitlist-entries/${encodeURIComponent(id)}`;
const offerPath = (id: string) => `/api/waitlist-offers/${encodeURIComponent(id)}`;

/** In the waitlist's order: high priority first, then the longest waiting. */
export function listWaitlistEntries(
  query: WaitlistQuery,
  signal?: AbortSignal,
): Promise<Page<WaitlistEntry>> {
  return requestJson('/api/waitlist-entries', ZWaitlistEntryList, { query, signal });
}

export function joinWaitlist(request: JoinWaitlistRequest): Promise<WaitlistEntry> {
  return requestJson('/api/waitlist-entries', ZWaitlistEntry, { method: 'POST', body: request });
}

/** Takes an entry off the waitlist at the version the user saw; a 412 means it changed meanwhile. */
export function leaveWaitlist(entry: Pick<WaitlistEntry, 'id' | 'version'>, reason?: string) {
  return requestJson(`${entryPath(entry.id)}/cancel`, ZWaitlistEntry, {
    method: 'POST',
    body: reason ? { reason } : {},
    headers: ifMatch(entry),
  });
}

/** The patient said yes by phone: books the offered time (409 OFFER_TAKEN when it is gone). */
export function acceptOfferForPatient(offerId: string): Promise<WaitlistEntry> {
  return requestJson(`${offerPath(offerId)}/accept`, ZWaitlistEntry, { method: 'POST', body: {} });
}

/** The patient said no by phone: they stay on the waitlist and the time goes to the next one. */
export function declineOfferForPatient(offerId: string): Promise<WaitlistEntry> {
  return requestJson(`${offerPath(offerId)}/decline`, ZWaitlistEntry, { method: 'POST', body: {} });
}
