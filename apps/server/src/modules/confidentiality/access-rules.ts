import {
  BREAK_GLASS_DETAIL_LENGTH,
  BREAK_GLASS_REASONS,
  BREAK_GLASS_REASON_LABELS,
  type BreakGlassRequiredProblem,
  type RestrictionKind,
  type Role,
} from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import type { OrganizationSettings } from '../../platform/db/schema';
import { commonError } from '../../platform/http/errors';

/** What the database knows about one person and one patient's record at one moment. */
export type AccessFacts = {
  /** The record's restriction, or null when it has none. */
  restriction: RestrictionKind | null;
  onCareTeam: boolean;
  /** A booked (not cancelled, not a no-show) appointment starting within DESK_APPOINTMENT_WINDOW_MS of now. */
  appointmentNearNow: boolean;
  /** A break-the-glass grant of this person for this record, not expired and not revoked. */
  activeGrant: boolean;
};

export type AccessBasis = 'unrestricted' | 'care-team' | 'desk-appointment' | 'break-glass';
export type AccessDecision =
  { allowed: true; basis: AccessBasis } | { allowed: false; restriction: RestrictionKind };

/**
 * Roles whose work is the patient at the counter: a visit booked around today is their care relationship, so the
 * desk can check in a restricted patient without breaking the glass. Supervisors are left out on purpose: they
 * break the glass like everyone else, and their access is reviewed by another supervisor.
 */
export const DESK_ROLES: readonly Role[] = ['front_desk'];

/**
 * ±1 day around now. Wide enough that the visit booked "today" counts at any location and in any time zone (the
 * desk's day and the clinic's day can differ by hours), narrow enough that a booking next month opens nothing.
 */
export const DESK_APPOINTMENT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Grants last this long unless the organization sets `breakGlassMinutes`. */
export const DEFAULT_GRANT_MINUTES = 60;
const GRANT_MINUTES_RANGE = { min: 5, max: 720 } as const;

/**
 * Supervisors review each grant within 72 hours: a grant made on a Friday evening is reviewed by Monday evening,
 * and an inappropriate access is found while people still remember why. Finding it late has a cost: the HIPAA
 * breach notification clock (45 CFR 164.404(a)(2)) runs from when a breach would have been known with reasonable
 * diligence.
 */
export const REVIEW_DUE_HOURS = 72;

/** Staff are asked; portal accounts (the patient, their proxies) and the system's own work never are. */
export function mustBeAsked(context: ActorContext): boolean {
  // A portal account only reaches patients in its scope (the caller's query enforces it): its own records.
  return context.actor !== null && context.patientScope === null;
}

/** The signed-in person acting; every route of this module has one. */
export function requireActor(context: ActorContext): { id: string; role: Role } {
  if (!context.actor) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
  return context.actor;
}

/** Whether a staff member may open a record now, and on what basis. */
export function decideAccess(role: Role, facts: AccessFacts): AccessDecision {
  if (facts.restriction === null) return { allowed: true, basis: 'unrestricted' };
  if (facts.onCareTeam) return { allowed: true, basis: 'care-team' };
  if (facts.appointmentNearNow && DESK_ROLES.includes(role))
    return { allowed: true, basis: 'desk-appointment' };
  if (facts.activeGrant) return { allowed: true, basis: 'break-glass' };
  return { allowed: false, restriction: facts.restriction };
}

/** How long a grant lasts: the organization's setting within 5 minutes to 12 hours, else 60 minutes. */
export function grantMinutes(settings: OrganizationSettings): number {
  const minutes = settings.breakGlassMinutes;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return DEFAULT_GRANT_MINUTES;
  return Math.min(GRANT_MINUTES_RANGE.max, Math.max(GRANT_MINUTES_RANGE.min, Math.round(minutes)));
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** A grant opens the record until it expires or a reviewer revokes it. */
export function grantIsActive(grant: { expires_at: Date; revoked_at: Date | null }, now: Date): boolean {
  return grant.revoked_at === null && grant.expires_at.getTime() > now.getTime();
}

/** The extension members of a BREAK_THE_GLASS_REQUIRED problem: what the dialog shows, nothing of the patient. */
export function breakGlassProblemMembers(
  kind: RestrictionKind,
  minutes: number,
): Pick<BreakGlassRequiredProblem, 'restriction' | 'breakGlass'> {
  return {
    restriction: { kind },
    breakGlass: {
      reasons: BREAK_GLASS_REASONS.map((code) => ({ code, label: BREAK_GLASS_REASON_LABELS[code] })),
      detail: { minLength: BREAK_GLASS_DETAIL_LENGTH.min, maxLength: BREAK_GLASS_DETAIL_LENGTH.max },
      grantMinutes: minutes,
    },
  };
}
