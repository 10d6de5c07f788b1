import type { Role } from '@patientdesk/contracts';

/** Who is acting, for whom, and from where: every repository call takes one. */
export type ActorContext = {
  organizationId: string;
  actor: { id: string; role: Role } | null;
  /** For patients and proxies: the only patients they may see. Null for staff (organization-wide). */
  patientScope: readonly string[] | null;
  requestId: string | null;
  sourceAddress: string | null;
};

/** A context for work the system does itself (jobs, seeding, the CLI). */
export function systemContext(organizationId: string, requestId: string | null = null): ActorContext {
  return { organizationId, actor: null, patientScope: null, requestId, sourceAddress: null };
}

/** True when the context may see this patient (always, for staff; only within scope for portal accounts). */
export function canSeePatient(context: ActorContext, patientId: string): boolean {
  return context.patientScope === null || context.patientScope.includes(patientId);
}

const NO_PATIENT = '00000000-0000-0000-0000-000000000000';

/** The patient ids a portal account's queries are limited to; a uuid no patient has when the scope is empty. */
export function scopedPatientIds(scope: readonly string[]): string[] {
  return scope.length > 0 ? [...scope] : [NO_PATIENT];
}
