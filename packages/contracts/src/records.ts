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
  'records-export',
  'disclosure-accounting',
  'other',
] as const;
export const ZDocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof ZDocumentKind>;

/** Each kind of document in words: the title a document gets when none is given, and how lists name the kind. */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  'photo-id-front': 'Photo ID (front)',
  'photo-id-back': 'Photo ID (back)',
  'insurance-card-front': 'Insurance card (front)',
  'insurance-card-back': 'Insurance card (back)',
  consent: 'Consent',
  referral: 'Referral',
  authorization: 'Authorization',
  'records-export': 'Copy of the record',
  'disclosure-accounting': 'Accounting of disclosures',
  other: 'Other document',
};

/** What a patient may upload from the portal. */
export const PORTAL_DOCUMENT_KINDS = [
  'photo-id-front',
  'photo-id-back',
  'insurance-card-front',
  'insurance-card-back',
  'other',
] as const;
export type PortalDocumentKind = (typeof PORTAL_DOCUMENT_KINDS)[number];

export const ZDocument = z.object({
  id: ZId,
  patientId: ZId,
  kind: ZDocumentKind,
  title: z.string(),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'application/fhir+json']),
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

export const DISCLOSURE_LEGAL_BASES = [
  'authorization',
  'treatment-payment-operations',
  'required-by-law',
  'public-health',
  'health-oversight',
  'judicial',
  'law-enforcement',
  'research',
  'other',
] as const;

/** Each legal basis in words. */
export const DISCLOSURE_LEGAL_BASIS_LABELS: Record<(typeof DISCLOSURE_LEGAL_BASES)[number], string> = {
  authorization: 'The patient’s written authorization',
  'treatment-payment-operations': 'Treatment, payment or health care operations',
  'required-by-law': 'Required by law',
  'public-health': 'Public health activity',
  'health-oversight': 'Health oversight',
  judicial: 'Court order or subpoena',
  'law-enforcement': 'Law enforcement',
  research: 'Research',
  other: 'Other',
};

export const ZDisclosure = z.object({
  id: ZId,
  patientId: ZId,
  disclosedAt: ZInstant,
  recipientName: z.string(),
  recipientAddress: z.string().nullable(),
  purpose: z.string(),
  description: z.string(),
  legalBasis: z.enum(DISCLOSURE_LEGAL_BASES),
  /** Whether it belongs in an accounting of disclosures (45 CFR 164.528: not TPO, not authorized). */
  accountable: z.boolean(),
});

export type Disclosure = z.infer<typeof ZDisclosure>;

const ZText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\p{Cc}<>]/u.test(value.replace(/\n/g, ' ')), 'Plain text only');

export const ZRecordDisclosureRequest = z.strictObject({
  disclosedAt: ZInstant,
  recipientName: ZText(200),
  recipientAddress: ZText(300).optional(),
  purpose: ZText(300),
  description: ZText(1000),
  legalBasis: z.enum(DISCLOSURE_LEGAL_BASES),
  authorizationDocumentId: ZId.optional(),
});

export type RecordDisclosureRequest = z.infer<typeof ZRecordDisclosureRequest>;

export const RECORDS_REQUEST_KINDS = ['access', 'accounting', 'release'] as const;

export const ZRecordsRequest = z.object({
  id: ZId,
  patientId: ZId,
  kind: z.enum(RECORDS_REQUEST_KINDS),
  status: z.enum(['open', 'fulfilled', 'denied', 'withdrawn']),
  requestedAt: ZInstant,
  requestedVia: z.enum(['portal', 'desk']),
  format: z.enum(['fhir', 'pdf', 'both']),
  dueAt: ZInstant,
  extended: z.boolean(),
  extensionReason: z.string().nullable(),
  recipientName: z.string().nullable(),
  feeCents: z.number().int(),
  decidedAt: ZInstant.nullable(),
  decisionNote: z.string().nullable(),
  files: z.array(ZDocument),
  version: z.number().int(),
});
export type RecordsRequest = z.infer<typeof ZRecordsRequest>;

export const ZRecordsRequestList = z.object({ items: z.array(ZRecordsRequest) });

export const ZCreateRecordsRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('access'), format: z.enum(['fhir', 'pdf', 'both']).default('both') }),
  z.strictObject({ kind: z.literal('accounting') }),
  z.strictObject({
    kind: z.literal('release'),
    recipientName: ZText(200),
    recipientAddress: ZText(300).optional(),
    authorizationDocumentId: ZId,
    scope: ZText(500),
    format: z.enum(['fhir', 'pdf', 'both']).default('pdf'),
  }),
]);

/** What a client sends (the format may be left to its default). */
export type NewRecordsRequest = z.input<typeof ZCreateRecordsRequest>;

export const ZExtendRecordsRequest = z.strictObject({ reason: ZText(500) });
export const ZDenyRecordsRequest = z.strictObject({ reason: ZText(1000) });

/** One entry of "who looked at my record": people by name and role, never internal ids. */
export const ZAccessLogEntry = z.object({
  at: ZInstant,
  who: z.string(),
  role: z.string(),
  what: z.string(),
});
export const ZAccessLog = z.object({ items: z.array(ZAccessLogEntry), nextCursor: z.string().nullable() });
