import { z } from 'zod';

export const ROLES = ['front_desk', 'billing', 'clinician', 'supervisor', 'admin', 'patient'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;
export const STAFF_ROLES = [
  'front_desk',
  'billing',
  'clinician',
  'supervisor',
  'admin',
] as const satisfies Role[];

export const ROLE_LABELS: Record<Role, string> = {
  front_desk: 'Front desk',
  billing: 'Billing',
  clinician: 'Clinician',
  supervisor: 'Supervisor',
  admin: 'Administrator',
  patient: 'Patient',
};
