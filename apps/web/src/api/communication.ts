import {
  ZCommunicationPreferences,
  type CommunicationPreferences,
  type CommunicationPreferencesRequest,
} from '@patientdesk/contracts';
import { ifMatch, requestJson } from './client';

/** How a patient wants to hear about appointments: channel, consent, quiet hours, how much a message says. */

const path = (patientId: string) =>
  `/api/patients/${encodeURIComponent(patientId)}/communication-preferences`;

export function getCommunicationPreferences(
  patientId: string,
  signal?: AbortSignal,
): Promise<CommunicationPreferences> {
  return requestJson(path(patientId), ZCommunicationPreferences, { signal });
}

/** Replaces them; a version someone else changed meanwhile answers 412. */
export function setCommunicationPreferences(
  current: CommunicationPreferences,
  request: CommunicationPreferencesRequest,
): Promise<CommunicationPreferences> {
  return requestJson(path(current.patientId), ZCommunicationPreferences, {
    method: 'PUT',
    headers: ifMatch(current),
    body: request,
  });
}
