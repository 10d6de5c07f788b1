import { defineErrors } from '../../platform/http/errors';

export const PatientErrors = {
  /** No patient with that id in the caller's organization, or outside a portal account's patients. */
  PATIENT_NOT_FOUND: 'not_found',
  /** The phone number cannot be a real number (wrong length, area code starting with 0 or 1). */
  PHONE_INVALID: 'invalid',
  /** The date of birth is in the future or more than 130 years ago. */
  BIRTH_DATE_OUT_OF_RANGE: 'invalid',
} as const;

export const patientError = defineErrors(PatientErrors);
