import { defineErrors } from '../../platform/http/errors';

export const RecordsErrors = {
  /** The file is not a PDF, JPEG, PNG or HEIC image, whatever its name or declared type says. */
  DOCUMENT_TYPE_NOT_ALLOWED: 'unsupported_media_type',
  /** The file is larger than the limit (DOCUMENT_MAX_BYTES, 10 MiB by default). */
  DOCUMENT_TOO_LARGE: 'payload_too_large',
  /** The file is empty. */
  DOCUMENT_EMPTY: 'invalid',
  /** No document with that id in the caller's organization (or among a portal account's patients). */
  DOCUMENT_NOT_FOUND: 'not_found',
  /** The stored bytes no longer match their checksum: the copy is damaged and is not served. */
  DOCUMENT_DAMAGED: 'unavailable',
  /** The document was already voided. */
  DOCUMENT_VOIDED: 'conflict',
  /** The patient named does not exist here (or is not one of the portal account's patients). */
  PATIENT_NOT_FOUND: 'not_found',
  /** No records request with that id (or not one of the portal account's). */
  REQUEST_NOT_FOUND: 'not_found',
  /** The request was already fulfilled, denied or withdrawn. */
  REQUEST_CLOSED: 'conflict',
  /** The one extension the rules allow was already taken. */
  ALREADY_EXTENDED: 'conflict',
  /** A release needs the patient's signed authorization, on their record. */
  AUTHORIZATION_INVALID: 'unprocessable',
  /** Patients ask for access and accountings; releases to third parties go through the desk. */
  KIND_NOT_ALLOWED_IN_PORTAL: 'forbidden',
  /** Patients may upload only ID and insurance card images and "other" documents. */
  KIND_NOT_ALLOWED: 'forbidden',
} as const;

export const recordsError = defineErrors(RecordsErrors);
