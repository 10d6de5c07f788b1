import {
  ZCreatePatientRequest,
  ZUpdatePatientRequest,
  type AccessibilityNeed,
  type ADDRESS_USES,
  type CreatePatientRequest,
  type DuplicateCheckRequest,
  type GenderIdentity,
  type Patient,
  type PhoneType,
  type SEX_VALUES,
  type UpdatePatientRequest,
} from '@patientdesk/contracts';
import type { z } from 'zod';
import { formatPhone } from '../../../lib/format';

/**
 * A patient's record as the registration and edit forms hold it: every field a string, a flag or a list of rows,
 * so inputs stay controlled. It becomes a registration request, or a merge patch of only what changed.
 */

export type Sex = (typeof SEX_VALUES)[number];
export type AddressUse = (typeof ADDRESS_USES)[number];
export type PhoneDraft = { number: string; type: PhoneType };
export type AddressDraft = {
  use: AddressUse;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
};
export type ContactDraft = { name: string; relationship: string; phone: string };
export type IdentifierDraft = { system: string; value: string };

export type PatientDraft = {
  familyName: string;
  givenNames: string;
  preferredName: string;
  birthDate: string;
  sex: Sex;
  genderIdentity: GenderIdentity | '';
  pronouns: string;
  phone: string;
  phoneType: PhoneType | '';
  /** Registration only: afterwards the communication preferences carry consent. */
  smsConsent: boolean;
  otherPhones: PhoneDraft[];
  email: string;
  addresses: AddressDraft[];
  preferredLanguage: string;
  interpreterNeeded: boolean;
  accessibilityNeeds: AccessibilityNeed[];
  accessibilityNote: string;
  emergencyContacts: ContactDraft[];
  identifiers: IdentifierDraft[];
};

/** The fields of a record a person edits (consent is not one: it has its own place after registration). */
export type RecordField = Exclude<keyof PatientDraft, 'smsConsent'>;

export const RECORD_FIELDS: readonly RecordField[] = [
  'familyName',
  'givenNames',
  'preferredName',
  'birthDate',
  'sex',
  'genderIdentity',
  'pronouns',
  'phone',
  'phoneType',
  'otherPhones',
  'email',
  'addresses',
  'preferredLanguage',
  'interpreterNeeded',
  'accessibilityNeeds',
  'accessibilityNote',
  'emergencyContacts',
  'identifiers',
];

/** Field messages keyed by path: `familyName`, `addresses.0.postalCode`. */
export type FieldErrors = Record<string, string>;

export function emptyDraft(): PatientDraft {
  return {
    familyName: '',
    givenNames: '',
    preferredName: '',
    birthDate: '',
    sex: 'unknown',
    genderIdentity: '',
    pronouns: '',
    phone: '',
    phoneType: 'mobile',
    smsConsent: false,
    otherPhones: [],
    email: '',
    addresses: [],
    preferredLanguage: 'en',
    interpreterNeeded: false,
    accessibilityNeeds: [],
    accessibilityNote: '',
    emergencyContacts: [],
    identifiers: [],
  };
}

export function emptyAddress(): AddressDraft {
  return { use: 'home', line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US' };
}

/** The draft of a record as loaded: fields the caller's role does not read stay at their empty values. */
export function draftFromPatient(patient: Patient): PatientDraft {
  const empty = emptyDraft();
  return {
    ...empty,
    familyName: patient.familyName,
    givenNames: patient.givenNames,
    preferredName: patient.preferredName ?? '',
    birthDate: patient.birthDate,
    sex: patient.sex,
    genderIdentity: patient.genderIdentity ?? '',
    pronouns: patient.pronouns ?? '',
    phone: formatPhone(patient.phone),
    phoneType: patient.phoneType ?? (patient.phone ? '' : 'mobile'),
    otherPhones: (patient.otherPhones ?? []).map((other) => ({
      ...other,
      number: formatPhone(other.number),
    })),
    email: patient.email ?? '',
    addresses: (patient.addresses ?? []).map((address) => ({
      ...address,
      line2: address.line2 ?? '',
      country: address.country,
    })),
    preferredLanguage: patient.preferredLanguage ?? empty.preferredLanguage,
    interpreterNeeded: patient.interpreterNeeded ?? false,
    accessibilityNeeds: patient.accessibilityNeeds ?? [],
    accessibilityNote: patient.accessibilityNote ?? '',
    emergencyContacts: (patient.emergencyContacts ?? []).map((contact) => ({
      ...contact,
      phone: formatPhone(contact.phone),
    })),
    identifiers: patient.identifiers ?? [],
  };
}

/** The record fields present in a record as loaded: what this role may see, and so edit. */
export function visibleRecordFields(patient: Patient): RecordField[] {
  return RECORD_FIELDS.filter((field) => field in patient);
}

const text = (value: string) => value.trim();
const optionalText = (value: string) => (value.trim() ? value.trim() : undefined);

function addressValue(address: AddressDraft) {
  return {
    use: address.use,
    line1: text(address.line1),
    ...(optionalText(address.line2) ? { line2: text(address.line2) } : {}),
    city: text(address.city),
    state: text(address.state),
    postalCode: text(address.postalCode),
    country: text(address.country).toUpperCase() || 'US',
  };
}

/** The value a field takes in a request: trimmed, empty optional text as null (clears it), lists row by row. */
export function requestValue(draft: PatientDraft, field: RecordField): unknown {
  switch (field) {
    case 'familyName':
    case 'givenNames':
    case 'birthDate':
    case 'preferredLanguage':
      return text(draft[field]);
    case 'preferredName':
    case 'pronouns':
    case 'phone':
    case 'email':
    case 'accessibilityNote':
      return optionalText(draft[field]) ?? null;
    case 'genderIdentity':
      return draft.genderIdentity || null;
    case 'phoneType':
      return draft.phone.trim() && draft.phoneType ? draft.phoneType : null;
    case 'sex':
    case 'interpreterNeeded':
    case 'accessibilityNeeds':
      return draft[field];
    case 'otherPhones':
      return draft.otherPhones.map((other) => ({ number: text(other.number), type: other.type }));
    case 'addresses':
      return draft.addresses.map(addressValue);
    case 'emergencyContacts':
      return draft.emergencyContacts.map((contact) => ({
        name: text(contact.name),
        relationship: text(contact.relationship),
        phone: text(contact.phone),
      }));
    case 'identifiers':
      return draft.identifiers.map((identifier) => ({
        system: text(identifier.system),
        value: text(identifier.value),
      }));
  }
}

const REQUIRED: readonly RecordField[] = ['familyName', 'givenNames', 'birthDate'];

/** A registration request: the required fields (empty ones too, to be named) and every other field filled in. */
export function toCreateRequest(draft: PatientDraft): CreatePatientRequest {
  const request: Record<string, unknown> = { smsConsent: draft.phone.trim() ? draft.smsConsent : false };
  for (const field of RECORD_FIELDS) {
    const value = requestValue(draft, field);
    if (REQUIRED.includes(field) || (value !== null && value !== '')) request[field] = value;
  }
  return request as CreatePatientRequest;
}

/** The fields that differ between two drafts, among those given. */
export function changedFields(
  before: PatientDraft,
  after: PatientDraft,
  fields: readonly RecordField[],
): RecordField[] {
  return fields.filter(
    (field) => JSON.stringify(requestValue(before, field)) !== JSON.stringify(requestValue(after, field)),
  );
}

/** A merge patch (RFC 7396) of what changed: null clears a field, a list replaces the whole list. */
export function toUpdateRequest(fields: readonly RecordField[], draft: PatientDraft): UpdatePatientRequest {
  return Object.fromEntries(fields.map((field) => [field, requestValue(draft, field)]));
}

/** Copies the given fields of `source` onto `target`: the user's own changes, put back on a newer version. */
export function withFields(target: PatientDraft, source: PatientDraft, fields: readonly RecordField[]) {
  const next: Record<string, unknown> = { ...target };
  for (const field of fields) next[field] = source[field];
  return next as PatientDraft;
}

/** What the duplicate check compares, from the registration as it stands. */
export function toDuplicateCheck(draft: PatientDraft): DuplicateCheckRequest {
  const request = toCreateRequest(draft);
  return {
    familyName: request.familyName,
    givenNames: request.givenNames,
    preferredName: request.preferredName ?? null,
    birthDate: request.birthDate,
    sex: request.sex ?? null,
    phone: request.phone ?? null,
    otherPhones: request.otherPhones ?? [],
    email: request.email ?? null,
    addresses: request.addresses ?? [],
    identifiers: request.identifiers ?? [],
  };
}

function valueAt(request: unknown, path: readonly PropertyKey[]): unknown {
  let value = request;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** The schema's message, in the words the rest of the form uses where the schema's are technical. */
function messageFor(issue: z.core.$ZodIssue, request: unknown): string {
  const value = valueAt(request, issue.path);
  // An empty field is simply missing ("use the form YYYY-MM-DD" would puzzle whoever left it empty).
  if (value === '') return 'Required';
  const last = issue.path.at(-1);
  if ((last === 'phone' || last === 'number') && issue.code === 'too_small')
    return 'A phone number such as (212) 555-0142';
  if (issue.code === 'too_small' && issue.origin === 'string')
    return `At least ${String(issue.minimum)} characters`;
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `At most ${String(issue.maximum)} characters`;
  return issue.message;
}

function issuesToErrors(error: z.ZodError, request: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= messageFor(issue, request);
  }
  return errors;
}

/** The same checks the server makes, before sending: the errors by field, or none. */
export function validateCreate(request: CreatePatientRequest): FieldErrors {
  const result = ZCreatePatientRequest.safeParse(request);
  return result.success ? {} : issuesToErrors(result.error, request);
}

export function validateUpdate(request: UpdatePatientRequest): FieldErrors {
  const result = ZUpdatePatientRequest.safeParse(request);
  return result.success ? {} : issuesToErrors(result.error, request);
}
