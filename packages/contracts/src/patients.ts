import { z } from 'zod';
import { ZId, ZInstant, ZPage, ZPlainDate } from './common';

export const SEX_VALUES = ['female', 'male', 'intersex', 'unknown'] as const;
export const GENDER_IDENTITIES = [
  'female',
  'male',
  'non-binary',
  'transgender-female',
  'transgender-male',
  'other',
  'declined',
] as const;
export const PHONE_TYPES = ['mobile', 'home', 'work'] as const;
export const ADDRESS_USES = ['home', 'mailing', 'temporary', 'work'] as const;
export const ACCESSIBILITY_NEEDS = [
  'wheelchair',
  'hearing',
  'vision',
  'cognitive',
  'mobility',
  'other',
] as const;
export const PROXY_RELATIONSHIPS = ['parent', 'guardian', 'caregiver', 'other'] as const;
/** What a proxy may see and do for the patient. */
export const PROXY_PERMISSIONS = ['appointments', 'messages', 'records', 'billing', 'forms'] as const;

export type GenderIdentity = (typeof GENDER_IDENTITIES)[number];
export type PhoneType = (typeof PHONE_TYPES)[number];
export type AccessibilityNeed = (typeof ACCESSIBILITY_NEEDS)[number];
export type ProxyPermission = (typeof PROXY_PERMISSIONS)[number];

/** Free text a person typed: no control characters and no markup (it is stored as text and shown escaped). */
function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((value) => !/[\p{Cc}<>]/u.test(value), 'Letters, digits and ordinary punctuation only');
}

const ZName = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(100, 'At most 100 characters')
  .refine((value) => !/[\p{Cc}<>]/u.test(value), 'Letters, spaces, hyphens and apostrophes only');

/** A phone number as a person types it; the server normalizes it to E.164. */
export const ZPhoneInput = z.string().trim().min(7).max(32);

/** A BCP 47 language tag: `en`, `es`, `zh-Hant`, `pt-BR`. */
export const ZLanguageTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language code such as en, es, zh-Hant or pt-BR');

export const ZAddress = z.strictObject({
  use: z.enum(ADDRESS_USES).default('home'),
  line1: plainText(200),
  line2: plainText(200).optional(),
  city: plainText(100),
  /** A US state or territory code, or the region abroad. */
  state: plainText(50),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/, 'A postal code such as 10027 or 10027-1234'),
  /** ISO 3166-1 alpha-2. */
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'A two-letter country code such as US')
    .default('US'),
});
export type Address = z.output<typeof ZAddress>;

export const ZOtherPhone = z.strictObject({ number: ZPhoneInput, type: z.enum(PHONE_TYPES) });
export const ZEmergencyContact = z.strictObject({
  name: plainText(200),
  relationship: plainText(50),
  phone: ZPhoneInput,
});
export const ZIdentifier = z.strictObject({
  /** The issuing system, as a URI or a plain name: `urn:oid:2.16.840.1.113883.4.1`, `Hudson Valley EHR`. */
  system: plainText(200),
  value: plainText(100),
});

/** The registration fields, as the desk sends them when registering or changing a record. */
const registrationFields = {
  familyName: ZName,
  givenNames: ZName,
  preferredName: ZName,
  birthDate: ZPlainDate,
  sex: z.enum(SEX_VALUES),
  genderIdentity: z.enum(GENDER_IDENTITIES),
  pronouns: plainText(40),
  phone: ZPhoneInput,
  phoneType: z.enum(PHONE_TYPES),
  otherPhones: z.array(ZOtherPhone).max(5),
  email: z.email().max(254),
  addresses: z.array(ZAddress).max(5),
  preferredLanguage: ZLanguageTag,
  interpreterNeeded: z.boolean(),
  accessibilityNeeds: z.array(z.enum(ACCESSIBILITY_NEEDS)).max(ACCESSIBILITY_NEEDS.length),
  accessibilityNote: plainText(500),
  emergencyContacts: z.array(ZEmergencyContact).max(5),
  identifiers: z.array(ZIdentifier).max(20),
};

export const ZCreatePatientRequest = z.strictObject({
  familyName: registrationFields.familyName,
  givenNames: registrationFields.givenNames,
  preferredName: registrationFields.preferredName.optional(),
  birthDate: registrationFields.birthDate,
  sex: registrationFields.sex.default('unknown'),
  genderIdentity: registrationFields.genderIdentity.optional(),
  pronouns: registrationFields.pronouns.optional(),
  phone: registrationFields.phone.optional(),
  phoneType: registrationFields.phoneType.optional(),
  otherPhones: registrationFields.otherPhones.default([]),
  /** The patient agreed to texts at the primary phone (TCPA; the communication preferences carry it after). */
  smsConsent: z.boolean().default(false),
  email: registrationFields.email.optional(),
  addresses: registrationFields.addresses.default([]),
  preferredLanguage: registrationFields.preferredLanguage.default('en'),
  interpreterNeeded: registrationFields.interpreterNeeded.default(false),
  accessibilityNeeds: registrationFields.accessibilityNeeds.default([]),
  accessibilityNote: registrationFields.accessibilityNote.optional(),
  emergencyContacts: registrationFields.emergencyContacts.default([]),
  identifiers: registrationFields.identifiers.default([]),
});
export type CreatePatientRequest = z.input<typeof ZCreatePatientRequest>;

/**
 * A change to a record (JSON merge patch, RFC 7396, with If-Match): fields left out stay as they are; `null`
 * clears an optional field; a list given replaces the whole list.
 */
export const ZUpdatePatientRequest = z
  .strictObject({
    familyName: registrationFields.familyName,
    givenNames: registrationFields.givenNames,
    preferredName: registrationFields.preferredName.nullable(),
    birthDate: registrationFields.birthDate,
    sex: registrationFields.sex,
    genderIdentity: registrationFields.genderIdentity.nullable(),
    pronouns: registrationFields.pronouns.nullable(),
    phone: registrationFields.phone.nullable(),
    phoneType: registrationFields.phoneType.nullable(),
    otherPhones: registrationFields.otherPhones,
    email: registrationFields.email.nullable(),
    addresses: registrationFields.addresses,
    preferredLanguage: registrationFields.preferredLanguage,
    interpreterNeeded: registrationFields.interpreterNeeded,
    accessibilityNeeds: registrationFields.accessibilityNeeds,
    accessibilityNote: registrationFields.accessibilityNote.nullable(),
    emergencyContacts: registrationFields.emergencyContacts,
    identifiers: registrationFields.identifiers,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'Send at least one field to change');
export type UpdatePatientRequest = z.input<typeof ZUpdatePatientRequest>;

/**
 * A patient record as the caller's role may see it (45 CFR 164.502(b), minimum necessary): fields outside the
 * role's work are left out, not sent empty.
 */
export const ZPatient = z.object({
  id: ZId,
  mrn: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  preferredName: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(SEX_VALUES),
  genderIdentity: z.enum(GENDER_IDENTITIES).nullable().optional(),
  pronouns: z.string().nullable().optional(),
  phone: z.string().nullable(),
  phoneType: z.enum(PHONE_TYPES).nullable().optional(),
  otherPhones: z.array(z.object({ number: z.string(), type: z.enum(PHONE_TYPES) })).optional(),
  email: z.string().nullable(),
  addresses: z.array(ZAddress).optional(),
  preferredLanguage: z.string().optional(),
  interpreterNeeded: z.boolean().optional(),
  accessibilityNeeds: z.array(z.enum(ACCESSIBILITY_NEEDS)).optional(),
  accessibilityNote: z.string().nullable().optional(),
  emergencyContacts: z
    .array(z.object({ name: z.string(), relationship: z.string(), phone: z.string() }))
    .optional(),
  identifiers: z.array(z.object({ system: z.string(), value: z.string() })).optional(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  version: z.number().int(),
});
export type Patient = z.infer<typeof ZPatient>;

export const ZPatientSummary = ZPatient.pick({
  id: true,
  mrn: true,
  familyName: true,
  givenNames: true,
  preferredName: true,
  birthDate: true,
  sex: true,
  phone: true,
}).extend({
  /** A restricted record: opening it may ask for break-the-glass (set in search results). */
  restricted: z.boolean().optional(),
});
export type PatientSummary = z.infer<typeof ZPatientSummary>;

export const ZPatientSearchQuery = z.strictObject({
  q: z.string().trim().min(2, 'Type at least 2 characters').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ZPatientSearchResult = ZPage(ZPatientSummary);

/** One version of a record: who changed which fields, from what to what. */
export const ZPatientVersion = z.object({
  version: z.number().int(),
  changedAt: ZInstant,
  changedBy: z.object({ name: z.string(), role: z.string() }).nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export const ZPatientHistory = z.object({ items: z.array(ZPatientVersion) });
export type PatientVersion = z.infer<typeof ZPatientVersion>;

export const ZProxy = z.object({
  id: ZId,
  name: z.string(),
  relationship: z.enum(PROXY_RELATIONSHIPS),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  permissions: z.array(z.enum(PROXY_PERMISSIONS)),
  validUntil: z.string().nullable(),
  hasPortalAccount: z.boolean(),
  active: z.boolean(),
  createdAt: ZInstant,
});
export type Proxy = z.infer<typeof ZProxy>;
export const ZProxyList = z.object({ items: z.array(ZProxy) });

/** Gives a proxy their portal account: an existing patient-portal account of the organization, by email. */
export const ZLinkProxyAccountRequest = z.strictObject({ email: z.email().max(254) });

export const ZCreateProxyRequest = z.strictObject({
  name: plainText(200),
  relationship: z.enum(PROXY_RELATIONSHIPS),
  phone: ZPhoneInput.optional(),
  email: z.email().max(254).optional(),
  permissions: z.array(z.enum(PROXY_PERMISSIONS)).min(1, 'Choose at least one thing the proxy may do'),
  validUntil: ZPlainDate.optional(),
});
export type CreateProxyRequest = z.input<typeof ZCreateProxyRequest>;
