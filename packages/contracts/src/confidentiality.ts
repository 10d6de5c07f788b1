import { z } from 'zod';
import { ZId, ZInstant, ZPage, ZProblem } from './common';
import { ZRole } from './roles';

/** Why a record is restricted. Every kind needs a care relationship or break-the-glass to open. */
export const RESTRICTION_KINDS = ['staff', 'vip', 'sensitive'] as const;
export const ZRestrictionKind = z.enum(RESTRICTION_KINDS);
export type RestrictionKind = z.infer<typeof ZRestrictionKind>;

export const RESTRICTION_KIND_LABELS: Record<RestrictionKind, string> = {
  staff: 'Staff member',
  vip: 'VIP',
  sensitive: 'Sensitive services',
};

/** The sensitive service a `sensitive` restriction protects. Never shown to someone who may not open the record. */
export const SENSITIVE_CATEGORIES = [
  'behavioral-health',
  'substance-use',
  'reproductive-health',
  'hiv',
  'other',
] as const;
export const ZSensitiveCategory = z.enum(SENSITIVE_CATEGORIES);
export type SensitiveCategory = z.infer<typeof ZSensitiveCategory>;

export const SENSITIVE_CATEGORY_LABELS: Record<SensitiveCategory, string> = {
  'behavioral-health': 'Behavioral health',
  'substance-use': 'Substance use disorder treatment (42 CFR Part 2)',
  'reproductive-health': 'Reproductive health',
  hiv: 'HIV',
  other: 'Other sensitive service',
};

const ZPlainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `At least ${min} characters`)
    .max(max, `At most ${max} characters`)
    .refine((value) => !/[\p{Cc}<>]/u.test(value.replace(/\n/g, ' ')), 'Plain text only');

/** PUT /api/patients/:id/restriction (If-Match: the restriction's version, W/"0" when never restricted). */
export const ZSetRestrictionRequest = z
  .strictObject({
    kind: ZRestrictionKind,
    /** Required for `sensitive`, refused otherwise. */
    category: ZSensitiveCategory.optional(),
    reason: ZPlainText(5, 500),
  })
  .superRefine((value, context) => {
    if (value.kind === 'sensitive' && !value.category) {
      context.addIssue({ code: 'custom', path: ['category'], message: 'Choose the sensitive service' });
    }
    if (value.kind !== 'sensitive' && value.category) {
      context.addIssue({
        code: 'custom',
        path: ['category'],
        message: 'Only sensitive restrictions have one',
      });
    }
  });
export type SetRestrictionRequest = z.infer<typeof ZSetRestrictionRequest>;

/** DELETE /api/patients/:id/restriction (If-Match): why the restriction no longer applies. */
export const ZClearRestrictionRequest = z.strictObject({ reason: ZPlainText(5, 500) });

const ZPerson = z.object({ id: ZId, name: z.string() });

export const ZRestrictionChange = z.object({
  action: z.enum(['set', 'clear']),
  kind: ZRestrictionKind.nullable(),
  category: ZSensitiveCategory.nullable(),
  reason: z.string(),
  by: ZPerson,
  at: ZInstant,
});

/** A patient's restriction as supervisors manage it, with every change (newest first). */
export const ZPatientRestriction = z.object({
  patientId: ZId,
  restricted: z.boolean(),
  kind: ZRestrictionKind.nullable(),
  category: ZSensitiveCategory.nullable(),
  reason: z.string().nullable(),
  setBy: ZPerson.nullable(),
  setAt: ZInstant.nullable(),
  /** Send it back as If-Match to change the restriction; 0 when the patient was never restricted. */
  version: z.number().int(),
  history: z.array(ZRestrictionChange),
});
export type PatientRestriction = z.infer<typeof ZPatientRestriction>;

/** What someone does on the patient's care team. */
export const CARE_TEAM_ROLES = [
  'primary-clinician',
  'treating-clinician',
  'nurse',
  'care-coordinator',
  'case-manager',
  'front-desk',
  'billing',
  'other',
] as const;
export const ZCareTeamRole = z.enum(CARE_TEAM_ROLES);
export type CareTeamRole = z.infer<typeof ZCareTeamRole>;

export const CARE_TEAM_ROLE_LABELS: Record<CareTeamRole, string> = {
  'primary-clinician': 'Primary clinician',
  'treating-clinician': 'Treating clinician',
  nurse: 'Nurse',
  'care-coordinator': 'Care coordinator',
  'case-manager': 'Case manager',
  'front-desk': 'Front desk',
  billing: 'Billing',
  other: 'Other',
};

export const ZAddCareTeamMemberRequest = z
  .strictObject({
    userId: ZId,
    role: ZCareTeamRole,
    /** Defaults to now. */
    startsAt: ZInstant.optional(),
    /** Open-ended when left out. */
    endsAt: ZInstant.optional(),
  })
  .refine((value) => !value.startsAt || !value.endsAt || new Date(value.startsAt) < new Date(value.endsAt), {
    message: 'Must be after the start',
    path: ['endsAt'],
  });
export type AddCareTeamMemberRequest = z.infer<typeof ZAddCareTeamMemberRequest>;

export const ZEndCareTeamMemberRequest = z.strictObject({ reason: ZPlainText(3, 300) });

export const ZCareTeamMember = z.object({
  id: ZId,
  patientId: ZId,
  user: z.object({ id: ZId, name: z.string(), role: ZRole }),
  role: ZCareTeamRole,
  startsAt: ZInstant,
  endsAt: ZInstant.nullable(),
  /** On the team now: started, and not yet ended. */
  current: z.boolean(),
  addedBy: ZPerson,
  addedAt: ZInstant,
  endedBy: ZPerson.nullable(),
  endReason: z.string().nullable(),
});
export type CareTeamMember = z.infer<typeof ZCareTeamMember>;

export const ZCareTeamQuery = z.strictObject({
  /** `current` (default): members now and those starting later; `all`: past members too. */
  include: z.enum(['current', 'all']).default('current'),
});

export const ZCareTeam = z.object({ items: z.array(ZCareTeamMember) });

/** Why someone without a care relationship opens a restricted record. */
export const BREAK_GLASS_REASONS = [
  'emergency-care',
  'patient-request-at-desk',
  'scheduling-or-check-in',
  'billing-question',
  'other',
] as const;
export const ZBreakGlassReason = z.enum(BREAK_GLASS_REASONS);
export type BreakGlassReason = z.infer<typeof ZBreakGlassReason>;

export const BREAK_GLASS_REASON_LABELS: Record<BreakGlassReason, string> = {
  'emergency-care': 'Emergency care',
  'patient-request-at-desk': 'The patient is asking me for help',
  'scheduling-or-check-in': 'Scheduling or check-in',
  'billing-question': 'A billing question',
  other: 'Other',
};

export const BREAK_GLASS_DETAIL_LENGTH = { min: 10, max: 500 } as const;

/** POST /api/patients/:id/break-glass: a reason from the list and, always, a few words of one's own. */
export const ZBreakGlassRequest = z.strictObject({
  reason: ZBreakGlassReason,
  detail: ZPlainText(BREAK_GLASS_DETAIL_LENGTH.min, BREAK_GLASS_DETAIL_LENGTH.max),
});
export type BreakGlassRequest = z.infer<typeof ZBreakGlassRequest>;

/** A time-boxed grant to open one restricted record. */
export const ZBreakGlassGrant = z.object({
  id: ZId,
  patientId: ZId,
  reason: ZBreakGlassReason,
  grantedAt: ZInstant,
  expiresAt: ZInstant,
});
export type BreakGlassGrant = z.infer<typeof ZBreakGlassGrant>;

export const REVIEW_OUTCOMES = ['appropriate', 'inappropriate'] as const;
export const ZReviewOutcome = z.enum(REVIEW_OUTCOMES);

/** A grant as its reviewers see it: who, why (with their own words), when, and the review. */
export const ZBreakGlassGrantReview = ZBreakGlassGrant.extend({
  patient: z.object({ id: ZId, name: z.string(), mrn: z.string() }),
  actor: z.object({ id: ZId, name: z.string(), role: ZRole }),
  detail: z.string(),
  restrictionKind: ZRestrictionKind,
  /** Ended early, by an `inappropriate` review. */
  revokedAt: ZInstant.nullable(),
  active: z.boolean(),
  review: z
    .object({
      outcome: ZReviewOutcome,
      note: z.string().nullable(),
      by: ZPerson,
      at: ZInstant,
    })
    .nullable(),
});
export type BreakGlassGrantReview = z.infer<typeof ZBreakGlassGrantReview>;

export const ZBreakGlassGrantListQuery = z.strictObject({
  /** `false`: the review queue, oldest first; `true` or absent: newest first. */
  reviewed: z.enum(['true', 'false']).optional(),
  patientId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZBreakGlassGrantList = ZPage(ZBreakGlassGrantReview);

/** POST /api/break-glass-grants/:id/review. A note is required when the access was inappropriate. */
export const ZReviewBreakGlassRequest = z
  .strictObject({
    outcome: ZReviewOutcome,
    note: ZPlainText(3, 1000).optional(),
  })
  .refine((value) => value.outcome === 'appropriate' || value.note !== undefined, {
    message: 'Say what was wrong and what was done about it',
    path: ['note'],
  });
export type ReviewBreakGlassRequest = z.infer<typeof ZReviewBreakGlassRequest>;

/**
 * The 403 a restricted record answers when the caller has no care relationship and no grant
 * (code BREAK_THE_GLASS_REQUIRED): what the break-the-glass dialog needs, and nothing of the patient.
 */
export const ZBreakGlassRequiredProblem = ZProblem.extend({
  restriction: z.object({ kind: ZRestrictionKind }),
  breakGlass: z.object({
    reasons: z.array(z.object({ code: ZBreakGlassReason, label: z.string() })),
    detail: z.object({ minLength: z.number().int(), maxLength: z.number().int() }),
    grantMinutes: z.number().int(),
  }),
});
export type BreakGlassRequiredProblem = z.infer<typeof ZBreakGlassRequiredProblem>;
