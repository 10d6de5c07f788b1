import { z } from 'zod';
import { ZId, ZInstant, ZPage } from './common';

export const ZOutboxMessage = z.object({
  id: ZId,
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  patientId: ZId.nullable(),
  purpose: z.string(),
  status: z.enum(['queued', 'sent', 'held', 'failed', 'suppressed']),
  transport: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: ZInstant,
  sentAt: ZInstant.nullable(),
});
export type OutboxMessage = z.infer<typeof ZOutboxMessage>;

export const ZOutboxQuery = z.strictObject({
  channel: z.enum(['email', 'sms']).optional(),
  status: z.enum(['queued', 'sent', 'held', 'failed', 'suppressed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZOutboxList = ZPage(ZOutboxMessage);

/** What an SMS gateway posts to the inbound webhook for a reply. */
export const ZInboundSms = z.object({
  from: z.string().min(3).max(32),
  to: z.string().min(3).max(32).optional(),
  body: z.string().max(1600),
  messageId: z.string().max(200).optional(),
});
