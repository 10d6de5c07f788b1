import { z } from 'zod';
import { ZId, ZInstant } from './common';

export const DOCUMENT_KINDS = [
  'photo-id-front',
  'photo-id-back',
  'insurance-card-front',
  'insurance-card-back',
  'consent',
  'referral',
  'authorization',
  'other',
] as const;
export const ZDocumentKind = z.enum(DOCUMENT_KINDS);

/** What a patient may upload from the portal. */
export const PORTAL_DOCUMENT_KINDS = [
  'photo-id-front',
  'photo-id-back',
  'insurance-card-front',
  'insurance-card-back',
  'other',
] as const;

export const ZDocument = z.object({
  id: ZId,
  patientId: ZId,
  kind: ZDocumentKind,
  title: z.string(),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/heic']),
  sizeBytes: z.number().int(),
  uploadedVia: z.enum(['desk', 'portal', 'kiosk', 'api']),
  createdAt: ZInstant,
  voided: z.boolean(),
  voidReason: z.string().nullable(),
});
export type PatientDocument = z.infer<typeof ZDocument>;

export const ZDocumentList = z.object({ items: z.array(ZDocument) });

/** Upload: the raw file is the body (its type is read from its bytes); what it is goes in the query. */
export const ZUploadDocumentQuery = z.strictObject({
  kind: ZDocumentKind,
  title: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((value) => !/[\p{Cc}<>]/u.test(value), 'Plain text only')
    .optional(),
});

export const ZVoidDocumentRequest = z.strictObject({ reason: z.string().trim().min(3).max(300) });
