import { z } from 'zod';
import { ZId, ZInstant, ZPage } from './common';

export const AUDIT_ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'search',
  'login',
  'logout',
  'login-failed',
  'login-locked',
  'export',
  'break-glass',
  'mfa-enroll',
  'disclose',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof ZAuditAction>;

export const ZAuditOutcome = z.enum(['success', 'failure', 'denied']);

export const ZAuditEvent = z.object({
  id: z.string(),
  occurredAt: ZInstant,
  actor: z.object({ id: ZId, name: z.string(), role: z.string().nullable() }).nullable(),
  action: z.string(),
  outcome: z.string(),
  patientId: ZId.nullable(),
  /** Every patient an event showed at once (a search, a list); empty for single-patient events. */
  patientIds: z.array(ZId),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  reason: z.string().nullable(),
  sealed: z.boolean(),
});
export type AuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditEventQuery = z.strictObject({
  patientId: ZId.optional(),
  actorId: ZId.optional(),
  action: ZAuditAction.optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZAuditEventList = ZPage(ZAuditEvent);
