import type { Role } from '@patientdesk/contracts';

/** Every permission a route may declare. */
export const PERMISSIONS = [
  'patients:search',
  'patients:read',
  'patients:write',
  'work-items:read',
  'work-items:write',
  'audit:read',
  'outbox:read',
  'directory:read',
  'users:manage',
  'portal:self',
  'appointments:read',
  'appointments:write',
  'appointments:overbook',
  'availability:manage',
  // Restricted records: set or clear a restriction and manage care teams; open one by breaking the glass; review.
  'patients:restrict',
  'patients:break-glass',
  'break-glass:review',
  // Duplicate records: review the detector's list, merge two records into one, undo a merge.
  'patients:merge',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a route requires: a permission, any signed-in account, or nothing (public). */
export type RouteAccess = Permission | 'authenticated' | 'public';

const FRONT_DESK: Permission[] = [
  'patients:search',
  'patients:read',
  'patients:write',
  'work-items:read',
  'work-items:write',
  'outbox:read',
  'directory:read',
  'appointments:read',
  'appointments:write',
  'patients:break-glass',
];

// 45 CFR 164.502(b) minimum necessary: each role gets what its work needs.
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  front_desk: FRONT_DESK,
  billing: [
    'patients:search',
    'patients:read',
    'work-items:read',
    'work-items:write',
    'directory:read',
    'appointments:read',
    'patients:break-glass',
  ],
  clinician: [
    'patients:search',
    'patients:read',
    'work-items:read',
    'work-items:write',
    'directory:read',
    'appointments:read',
    'patients:break-glass',
  ],
  supervisor: [
    ...FRONT_DESK,
    'audit:read',
    'appointments:overbook',
    'availability:manage',
    'patients:restrict',
    'break-glass:review',
    'patients:merge',
  ],
  admin: [
    'users:manage',
    'directory:read',
    'audit:read',
    'outbox:read',
    'work-items:read',
    'appointments:read',
    'availability:manage',
    'patients:restrict',
  ],
  patient: ['portal:self'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles that must pass TOTP when the organization requires it. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'supervisor'];
