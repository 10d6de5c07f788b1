import { z } from 'zod';
import { ZId, ZInstant } from './common';
import { PROXY_PERMISSIONS } from './patients';
import { ZRole } from './roles';

export const ZLoginRequest = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app')
    .optional(),
  organization: z.string().min(1).max(63).optional(),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZSession = z.object({
  user: z.object({
    id: ZId,
    email: z.string(),
    displayName: z.string(),
    role: ZRole,
    patientId: ZId.nullable(),
    mfaEnabled: z.boolean(),
  }),
  organization: z.object({ id: ZId, slug: z.string(), name: z.string() }),
  permissions: z.array(z.string()),
  expiresAt: ZInstant,
  idleTimeoutSeconds: z.number().int(),
  /** Patients this account may act for: its own record and any it is a proxy for. */
  patientScope: z.array(ZId),
  /** For each of them, what this account may see and do there (a proxy's permissions; everything for its own). */
  patientAccess: z.array(z.object({ patientId: ZId, areas: z.array(z.enum(PROXY_PERMISSIONS)) })),
});
export type Session = z.infer<typeof ZSession>;

export const ZLogoutRequest = z
  .strictObject({
    /** End every session of this account, on every device. */
    everywhere: z.boolean().default(false),
  })
  .default({ everywhere: false });

export const ZTotpEnrollment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
});

export const ZTotpConfirmRequest = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app'),
});

export const ZMeta = z.object({
  name: z.literal('PatientDesk'),
  version: z.string(),
  /** True while demo accounts exist: every page shows a DEMO banner. */
  demo: z.boolean(),
  demoAccounts: z.array(z.object({ email: z.string(), role: ZRole })),
});
export type Meta = z.infer<typeof ZMeta>;
