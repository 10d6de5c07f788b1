import type { ProxyPermission, Session } from '@patientdesk/contracts';

/** True when the account may act for this patient in this area of the portal (a proxy's permissions). */
export function mayActFor(session: Session, patientId: string, area: ProxyPermission): boolean {
  return session.patientAccess.some((entry) => entry.patientId === patientId && entry.areas.includes(area));
}

/** The patients the account may act for in an area, its own record first (the session's order). */
export function patientsOpenFor(session: Session, area: ProxyPermission): string[] {
  return session.patientAccess.filter((entry) => entry.areas.includes(area)).map((entry) => entry.patientId);
}
