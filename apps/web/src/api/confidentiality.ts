import {
  ZBreakGlassGrant,
  ZBreakGlassGrantList,
  ZBreakGlassGrantReview,
  ZBreakGlassRequiredProblem,
  ZCareTeam,
  ZCareTeamMember,
  ZPatientRestriction,
  ZStaffList,
  type AddCareTeamMemberRequest,
  type BreakGlassGrant,
  type BreakGlassGrantReview,
  type BreakGlassRequest,
  type BreakGlassRequiredProblem,
  type CareTeamMember,
  type PatientRestriction,
  type ReviewBreakGlassRequest,
  type SetRestrictionRequest,
  type StaffMember,
} from '@patientdesk/contracts';
import { ifMatch, isApiError, requestJson } from './client';
import type { Page } from './endpoints';

/** Restricted records at the desk: breaking the glass, and the supervisors' review of each time it was broken. */

/** The problem of a record that needs break-the-glass, with what the dialog needs; null for any other failure. */
export function breakGlassRequired(error: unknown): BreakGlassRequiredProblem | null {
  if (!isApiError(error, 403, 'BREAK_THE_GLASS_REQUIRED')) return null;
  const parsed = ZBreakGlassRequiredProblem.safeParse(error.body);
  return parsed.success ? parsed.data : null;
}

/** A time-limited grant to open one restricted record (the running one, if there is one already). */
export function breakGlass(patientId: string, request: BreakGlassRequest): Promise<BreakGlassGrant> {
  return requestJson(`/api/patients/${encodeURIComponent(patientId)}/break-glass`, ZBreakGlassGrant, {
    method: 'POST',
    body: request,
  });
}

export type GrantQuery = { reviewed?: 'true' | 'false'; limit?: number; cursor?: string };

/** `reviewed: 'false'` is the review queue, oldest first; otherwise every grant, newest first. */
export function listBreakGlassGrants(
  query: GrantQuery,
  signal?: AbortSignal,
): Promise<Page<BreakGlassGrantReview>> {
  return requestJson('/api/break-glass-grants', ZBreakGlassGrantList, { query, signal });
}

export function reviewBreakGlassGrant(
  id: string,
  request: ReviewBreakGlassRequest,
): Promise<BreakGlassGrantReview> {
  return requestJson(`/api/break-glass-grants/${encodeURIComponent(id)}/review`, ZBreakGlassGrantReview, {
    method: 'POST',
    body: request,
  });
}

// The API says whether a record needs the glass broken, but not whether the caller opened it that way: the
// desk remembers the grants it was given, per account and for this tab only, for "opened by break-the-glass
// until …".
type StoredGrants = Record<string, { id: string; expiresAt: string }>;
const grantsKey = (userId: string) => `patientdesk.break-glass-grants.${userId}`;

function storedGrants(userId: string): StoredGrants {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(grantsKey(userId)) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as StoredGrants) : {};
  } catch {
    return {};
  }
}

function storeGrants(userId: string, grants: StoredGrants): void {
  try {
    window.sessionStorage.setItem(grantsKey(userId), JSON.stringify(grants));
  } catch {
    // Storage full or turned off: the banner will not survive a reload, and nothing else depends on it.
  }
}

/** Remembers a grant for the banner on the record (and drops the ones that have run out). */
export function rememberGrant(userId: string, grant: BreakGlassGrant): void {
  const now = Date.now();
  const kept = Object.fromEntries(
    Object.entries(storedGrants(userId)).filter(([, value]) => new Date(value.expiresAt).getTime() > now),
  );
  kept[grant.patientId] = { id: grant.id, expiresAt: grant.expiresAt };
  storeGrants(userId, kept);
}

/** The grant this tab was given for a patient, while it runs. */
export function rememberedGrant(
  userId: string,
  patientId: string,
  now = new Date(),
): { expiresAt: string } | null {
  const grant = storedGrants(userId)[patientId];
  return grant && new Date(grant.expiresAt).getTime() > now.getTime() ? grant : null;
}

/** Forgets a grant that no longer opens the record (it expired, or a reviewer ended it). */
export function forgetGrant(userId: string, patientId: string): void {
  const grants = storedGrants(userId);
  if (!(patientId in grants)) return;
  delete grants[patientId];
  storeGrants(userId, grants);
}

// Supervisors' management of restricted records: the restriction itself and the care team that opens it.

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export function getRestriction(patientId: string, signal?: AbortSignal): Promise<PatientRestriction> {
  return requestJson(`${patientPath(patientId)}/restriction`, ZPatientRestriction, { signal });
}

/** Restricts the record, or changes how (`current.version` is 0 for a record never restricted). */
export function setRestriction(
  patientId: string,
  current: PatientRestriction,
  request: SetRestrictionRequest,
): Promise<PatientRestriction> {
  return requestJson(`${patientPath(patientId)}/restriction`, ZPatientRestriction, {
    method: 'PUT',
    headers: ifMatch(current),
    body: request,
  });
}

export function clearRestriction(
  patientId: string,
  current: PatientRestriction,
  reason: string,
): Promise<PatientRestriction> {
  return requestJson(`${patientPath(patientId)}/restriction`, ZPatientRestriction, {
    method: 'DELETE',
    headers: ifMatch(current),
    body: { reason },
  });
}

export async function listCareTeam(
  patientId: string,
  include: 'current' | 'all',
  signal?: AbortSignal,
): Promise<CareTeamMember[]> {
  return (await requestJson(`${patientPath(patientId)}/care-team`, ZCareTeam, { query: { include }, signal }))
    .items;
}

export function addCareTeamMember(
  patientId: string,
  request: AddCareTeamMemberRequest,
): Promise<CareTeamMember> {
  return requestJson(`${patientPath(patientId)}/care-team`, ZCareTeamMember, {
    method: 'POST',
    body: request,
  });
}

export function endCareTeamMember(
  patientId: string,
  memberId: string,
  reason: string,
): Promise<CareTeamMember> {
  return requestJson(
    `${patientPath(patientId)}/care-team/${encodeURIComponent(memberId)}/end`,
    ZCareTeamMember,
    { method: 'POST', body: { reason } },
  );
}

/** Active staff members by name, to choose a care team member from. */
export async function listStaff(signal?: AbortSignal): Promise<StaffMember[]> {
  return (await requestJson('/api/directory/staff', ZStaffList, { signal })).items;
}
