import { defineErrors } from '../../platform/http/errors';

export const ReminderErrors = {
  /** No patient with that id in the caller's organization. */
  PATIENT_NOT_FOUND: 'not_found',
  /** No appointment with that id in the caller's organization. */
  APPOINTMENT_NOT_FOUND: 'not_found',
  /** Preferences that cannot work together: SMS without a phone, email without an address. */
  PREFERENCES_INVALID: 'unprocessable',
  /** An answer link that does not exist (mistyped, or never issued). */
  LINK_NOT_FOUND: 'not_found',
  /** An answer link that was already used: each works once. */
  LINK_USED: 'conflict',
  /** An answer link whose visit has begun. */
  LINK_EXPIRED: 'conflict',
  /** The visit the link is about was cancelled or moved: the link no longer applies. */
  APPOINTMENT_NOT_ACTIVE: 'conflict',
} as const;

export const reminderError = defineErrors(ReminderErrors);
