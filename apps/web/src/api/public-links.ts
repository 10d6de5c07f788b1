import {
  ZAppointmentResponseLink,
  ZAppointmentResponseResult,
  ZWaitlistOfferView,
  type AppointmentResponseLink,
  type AppointmentResponseRequest,
  type WaitlistOfferView,
} from '@patientdesk/contracts';
import type { z } from 'zod';
import { requestJson } from './client';

/**
 * The calls behind the pages that emailed and texted links open, with no sign-in: the token is the authority. No
 * 401 can happen here, so none of them ends a session another tab may have.
 */

export type AppointmentResponseOutcome = z.infer<typeof ZAppointmentResponseResult>['outcome'];

export function describeResponseLink(token: string, signal?: AbortSignal): Promise<AppointmentResponseLink> {
  return requestJson(`/api/appointment-responses/${encodeURIComponent(token)}`, ZAppointmentResponseLink, {
    signal,
    unauthorizedIsExpected: true,
  });
}

export async function answerResponseLink(
  request: AppointmentResponseRequest,
): Promise<AppointmentResponseOutcome> {
  const result = await requestJson('/api/appointment-responses', ZAppointmentResponseResult, {
    method: 'POST',
    body: request,
    unauthorizedIsExpected: true,
  });
  return result.outcome;
}

export type OfferAnswer = 'lookup' | 'accept' | 'decline';

/** Looks up, accepts or declines a waitlist offer; the token travels in the body, never in a URL. */
export function answerOffer(
  answer: OfferAnswer,
  token: string,
  signal?: AbortSignal,
): Promise<WaitlistOfferView> {
  return requestJson(`/api/waitlist-offers/${answer}`, ZWaitlistOfferView, {
    method: 'POST',
    body: { token },
    signal,
    unauthorizedIsExpected: true,
  });
}
