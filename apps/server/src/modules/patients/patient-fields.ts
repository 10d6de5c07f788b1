import type { Role } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';

/**
 * Minimum necessary (45 CFR 164.502(b)): the fields of a patient record come in groups, and each role reads the
 * groups its work needs. The repository selects only those columns, so a field a role may not see is never read
 * from the database for it, let alone sent.
 *
 * - identity: who the patient is and how to address them (every role that may read patients);
 * - contact: how to reach them and in which language;
 * - identifiers: other systems' ids (a payer's member id is billing's daily work);
 * - gender: gender identity (sexual orientation and gender identity data are sensitive; billing and claims use
 *   the administrative sex in `identity`);
 * - care: accessibility needs and emergency contacts (for the visit, not for the bill).
 */
export type FieldGroup = 'identity' | 'contact' | 'identifiers' | 'gender' | 'care';

const ALL_GROUPS: readonly FieldGroup[] = ['identity', 'contact', 'identifiers', 'gender', 'care'];

const ROLE_GROUPS: Record<Role, readonly FieldGroup[]> = {
  front_desk: ALL_GROUPS,
  clinician: ALL_GROUPS,
  supervisor: ALL_GROUPS,
  billing: ['identity', 'contact', 'identifiers'],
  // Administrators manage accounts and settings; they read no patient records (no patients:read).
  admin: ['identity'],
  // A patient or proxy sees the whole of their own record (164.524).
  patient: ALL_GROUPS,
};

/** The API fields in each group, as ZPatient names them. */
export const GROUP_FIELDS: Record<FieldGroup, readonly string[]> = {
  identity: ['familyName', 'givenNames', 'preferredName', 'birthDate', 'sex', 'pronouns'],
  contact: [
    'phone',
    'phoneType',
    'otherPhones',
    'email',
    'addresses',
    'preferredLanguage',
    'interpreterNeeded',
  ],
  identifiers: ['identifiers'],
  gender: ['genderIdentity'],
  care: ['accessibilityNeeds', 'accessibilityNote', 'emergencyContacts'],
};

/** The database column behind each API field (lists of identifiers live in their own table). */
export const FIELD_COLUMNS = {
  familyName: 'family_name',
  givenNames: 'given_names',
  preferredName: 'preferred_name',
  birthDate: 'birth_date',
  sex: 'sex',
  pronouns: 'pronouns',
  phone: 'phone',
  phoneType: 'phone_type',
  otherPhones: 'other_phones',
  email: 'email',
  addresses: 'addresses',
  preferredLanguage: 'preferred_language',
  interpreterNeeded: 'interpreter_needed',
  genderIdentity: 'gender_identity',
  accessibilityNeeds: 'accessibility_needs',
  accessibilityNote: 'accessibility_note',
  emergencyContacts: 'emergency_contacts',
} as const;
export type ColumnField = keyof typeof FIELD_COLUMNS;

/** The groups the caller reads: staff by role, the system (jobs, exports it runs itself) everything. */
export function fieldGroupsFor(context: ActorContext): readonly FieldGroup[] {
  return context.actor ? ROLE_GROUPS[context.actor.role] : ALL_GROUPS;
}

/** The API fields the caller may see. */
export function visibleFields(context: ActorContext): Set<string> {
  return new Set(fieldGroupsFor(context).flatMap((group) => GROUP_FIELDS[group]));
}
