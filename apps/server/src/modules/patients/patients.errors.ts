import { defineErrors } from '../../platform/http/errors';

export const PatientErrors = {
  /** No patient with that id in the caller's organization, or outside a portal account's patients. */
  PATIENT_NOT_FOUND: 'not_found',
  /** The phone number cannot be a real number (wrong length, area code starting with 0 or 1). */
  PHONE_INVALID: 'invalid',
  /** The date of birth is in the future or more than 130 years ago. */
  BIRTH_DATE_OUT_OF_RANGE: 'invalid',
  /** Several fields need another look (each is named in `errors`). */
  REGISTRATION_INVALID: 'invalid',
  /** An identifier from another system already names another patient of the organization. */
  IDENTIFIER_IN_USE: 'conflict',
  /** No proxy with that id for this patient. */
  PROXY_NOT_FOUND: 'not_found',
  /** The proxy has ended or is past its last day: it cannot be given a portal account. */
  PROXY_NOT_ACTIVE: 'conflict',
  /** No active portal (patient) account of the organization has that email. */
  PROXY_ACCOUNT_NOT_FOUND: 'unprocessable',
  /** The proxy already has another portal account, or the account is the patient's own. */
  PROXY_ACCOUNT_CONFLICT: 'conflict',
} as const;

export const patientError = defineErrors(PatientErrors);
