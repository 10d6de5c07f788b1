import {
  ZPortalAccess,
  ZPortalInvitation,
  ZPortalInvitationLink,
  ZSession,
  type AcceptPortalInvitation,
  type NewPortalInvitation,
  type PortalAccess,
  type PortalInvitation,
  type PortalInvitationLink,
  type Session,
} from '@patientdesk/contracts';
import { requestJson } from './client';

/**
 * Portal invitations: the desk's calls (who can use the portal for a patient, sending and withdrawing emailed
 * invitations), and the two public calls behind the page the emailed link opens, where the token is the authority.
 */

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

/** The patient's own portal account, the email on file, and the invitations sent (newest first). */
export function getPortalAccess(patientId: string, signal?: AbortSignal): Promise<PortalAccess> {
  return requestJson(`${patientPath(patientId)}/portal-access`, ZPortalAccess, { signal });
}

/** Emails an invitation to the patient or to one of their proxies (a pending one for the same person is replaced). */
export function sendPortalInvitation(
  patientId: string,
  request: NewPortalInvitation,
): Promise<PortalInvitation> {
  return requestJson(`${patientPath(patientId)}/portal-invitations`, ZPortalInvitation, {
    method: 'POST',
    body: request,
  });
}

export function revokePortalInvitation(patientId: string, invitationId: string): Promise<PortalInvitation> {
  return requestJson(
    `${patientPath(patientId)}/portal-invitations/${encodeURIComponent(invitationId)}/revoke`,
    ZPortalInvitation,
    { method: 'POST' },
  );
}

/** What an invitation link is for (no sign-in). No 401 can happen here, so none ends another tab's session. */
export function describePortalInvitation(token: string, signal?: AbortSignal): Promise<PortalInvitationLink> {
  // In a body, never the URL: proxies and access logs keep URLs.
  return requestJson('/api/portal-invitations/lookup', ZPortalInvitationLink, {
    method: 'POST',
    body: { token },
    signal,
    unauthorizedIsExpected: true,
  });
}

/** Makes (or links) the portal account; the answer sets the session cookie, so the portal opens signed in. */
export function acceptPortalInvitation(request: AcceptPortalInvitation): Promise<Session> {
  return requestJson('/api/portal-invitations/accept', ZSession, {
    method: 'POST',
    body: request,
    unauthorizedIsExpected: true,
  });
}
