import type { Patient, PatientSummary, PatientVersion } from '@patientdesk/contracts';
import type { FieldChange } from './patients.tables';
import type { FullPatientRow, PatientRecordRow, PatientRow } from './patients.repository';

/**
 * A record as the API shows it. Detail fields the row does not carry (the caller's role does not read them) are
 * left out of the answer altogether.
 */
export function toPatient(row: PatientRow | PatientRecordRow | FullPatientRow): Patient {
  const detail = row as Partial<FullPatientRow> & Pick<PatientRecordRow, 'identifiers'>;
  const patient: Patient = {
    id: row.id,
    mrn: row.mrn,
    familyName: row.family_name,
    givenNames: row.given_names,
    preferredName: row.preferred_name,
    birthDate: row.birth_date,
    sex: row.sex,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
  const optional: Partial<Patient> = {
    pronouns: detail.pronouns,
    genderIdentity: detail.gender_identity,
    phoneType: detail.phone_type,
    otherPhones: detail.other_phones,
    addresses: detail.addresses,
    preferredLanguage: detail.preferred_language,
    interpreterNeeded: detail.interpreter_needed,
    accessibilityNeeds: detail.accessibility_needs,
    accessibilityNote: detail.accessibility_note,
    emergencyContacts: detail.emergency_contacts,
    identifiers: detail.identifiers,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (patient as Record<string, unknown>)[key] = value;
  }
  return patient;
}

export function toPatientSummary(row: PatientRow, restricted?: boolean): PatientSummary {
  const { id, mrn, familyName, givenNames, preferredName, birthDate, sex, phone } = toPatient(row);
  const summary: PatientSummary = { id, mrn, familyName, givenNames, preferredName, birthDate, sex, phone };
  if (restricted !== undefined) summary.restricted = restricted;
  return summary;
}

/** One version of a record, showing only changes to fields the caller may see. */
export function toPatientVersion(
  row: {
    version: number;
    changed_at: Date;
    changes: FieldChange[];
    display_name: string | null;
    role: string | null;
  },
  visible: Set<string>,
): PatientVersion {
  return {
    version: row.version,
    changedAt: row.changed_at.toISOString(),
    changedBy: row.display_name ? { name: row.display_name, role: row.role ?? '' } : null,
    changes: row.changes.filter((change) => visible.has(change.field)),
  };
}
