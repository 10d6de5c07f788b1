import type { Patient, PatientSummary } from '@patientdesk/contracts';
import type { PatientRow } from './patients.repository';

export function toPatient(row: PatientRow): Patient {
  return {
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
}

export function toPatientSummary(row: PatientRow): PatientSummary {
  const { id, mrn, familyName, givenNames, preferredName, birthDate, sex, phone } = toPatient(row);
  return { id, mrn, familyName, givenNames, preferredName, birthDate, sex, phone };
}
