import { z } from 'zod';
import { ZId, ZInstant, ZPage, ZPlainDate } from './common';
import { SEX_VALUES, ZPatientSummary } from './patients';

/** The fields duplicate detection compares. */
export const MATCH_FIELDS = [
  'familyName',
  'givenName',
  'birthDate',
  'sex',
  'phone',
  'email',
  'address',
  'identifier',
] as const;
export const ZMatchField = z.enum(MATCH_FIELDS);
export type MatchField = z.infer<typeof ZMatchField>;

/** How one field of two records compares. */
export const MATCH_KINDS = ['exact', 'similar', 'different'] as const;

/**
 * One reason behind a score: a field, how it compared, and what it added to the match weight (log2 of how much
 * likelier that comparison is for the same person than for two people; negative when it speaks against).
 * `detail` names the kind of likeness (`nickname`, `swapped`, `transposed-day-month`, `one-digit`, …).
 */
export const ZMatchReason = z.object({
  field: ZMatchField,
  kind: z.enum(MATCH_KINDS),
  weight: z.number(),
  detail: z.string().nullable(),
});
export type MatchReason = z.infer<typeof ZMatchReason>;

export const ZMatchAddress = z.object({
  use: z.string().max(20).optional(),
  line1: z.string().trim().max(200).optional(),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().max(100).optional(),
  state: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: z.string().trim().max(100).optional(),
});

export const ZMatchIdentifier = z.object({
  system: z.string().trim().min(1).max(200),
  value: z.string().trim().min(1).max(100),
});

/**
 * What the desk is about to register (the registration form as it stands). Not strict: the form may carry fields
 * the check does not compare, and they are ignored rather than refused.
 */
export const ZDuplicateCheckRequest = z.object({
  familyName: z.string().trim().min(1).max(100),
  givenNames: z.string().trim().min(1).max(100),
  preferredName: z.string().trim().max(100).nullish(),
  birthDate: ZPlainDate,
  sex: z.enum(SEX_VALUES).nullish(),
  phone: z.string().trim().max(32).nullish(),
  otherPhones: z
    .array(z.object({ number: z.string().trim().max(32) }))
    .max(5)
    .nullish(),
  email: z.string().trim().max(254).nullish(),
  addresses: z.array(ZMatchAddress).max(10).nullish(),
  identifiers: z.array(ZMatchIdentifier).max(20).nullish(),
  /** When checking an existing record being edited: leave it out of its own matches. */
  patientId: ZId.optional(),
});
export type DuplicateCheckRequest = z.input<typeof ZDuplicateCheckRequest>;

/** `likely`: at or above the threshold the duplicate list uses; `possible`: worth a look before saving. */
export const ZMatchLevel = z.enum(['likely', 'possible']);

export const ZDuplicateMatch = z.object({
  patient: ZPatientSummary,
  score: z.number().min(0).max(1),
  level: ZMatchLevel,
  reasons: z.array(ZMatchReason),
});
export type DuplicateMatch = z.infer<typeof ZDuplicateMatch>;

export const ZDuplicateCheckResult = z.object({ matches: z.array(ZDuplicateMatch) });
export type DuplicateCheckResult = z.infer<typeof ZDuplicateCheckResult>;

export const DUPLICATE_CANDIDATE_STATUSES = ['open', 'merged', 'not-duplicate'] as const;
export const ZDuplicateCandidateStatus = z.enum(DUPLICATE_CANDIDATE_STATUSES);

export const ZDuplicateCandidate = z.object({
  id: ZId,
  status: ZDuplicateCandidateStatus,
  score: z.number().min(0).max(1),
  reasons: z.array(ZMatchReason),
  /** The pair, in a stable order (the older registration first). */
  patients: z.tuple([ZPatientSummary, ZPatientSummary]),
  detectedAt: ZInstant,
  updatedAt: ZInstant,
  decidedAt: ZInstant.nullable(),
  decidedBy: ZId.nullable(),
  decisionReason: z.string().nullable(),
  mergeId: ZId.nullable(),
});
export type DuplicateCandidate = z.infer<typeof ZDuplicateCandidate>;

export const ZDuplicateCandidateListQuery = z.strictObject({
  status: ZDuplicateCandidateStatus.default('open'),
  minScore: z.coerce.number().min(0).max(1).optional(),
  patientId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const ZDuplicateCandidateList = ZPage(ZDuplicateCandidate);

export const ZDismissDuplicateRequest = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});

/**
 * Merge `mergedId` into `survivorId`. Both versions are required (the versions the supervisor compared): a merge
 * changes two records, and one If-Match header can name only one, so the pair travels in the body; a stale one
 * is 412.
 */
export const ZCreatePatientMergeRequest = z.strictObject({
  survivorId: ZId,
  mergedId: ZId,
  survivorVersion: z.number().int().min(1),
  mergedVersion: z.number().int().min(1),
  reason: z.string().trim().min(1).max(500),
  /** The duplicate candidate this merge settles, if it came from the list. */
  candidateId: ZId.optional(),
});
export type CreatePatientMergeRequest = z.input<typeof ZCreatePatientMergeRequest>;

export const ZUndoPatientMergeRequest = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});

export const ZPatientMerge = z.object({
  id: ZId,
  survivorId: ZId,
  mergedId: ZId,
  status: z.enum(['merged', 'undone']),
  reason: z.string(),
  candidateId: ZId.nullable(),
  mergedAt: ZInstant,
  mergedBy: ZId.nullable(),
  /** Until when the merge can be undone (30 days after it). */
  undoUntil: ZInstant,
  undoneAt: ZInstant.nullable(),
  undoneBy: ZId.nullable(),
  undoReason: z.string().nullable(),
  /** How many rows of each table moved to the survivor (and, after an undo, back). */
  moved: z.array(z.object({ table: z.string(), rows: z.number().int() })),
});
export type PatientMerge = z.infer<typeof ZPatientMerge>;
