import { defineErrors } from '../../platform/http/errors';

export const WaitlistErrors = {
  /** No waitlist entry with that id in the organization (or among a portal account's patients). */
  ENTRY_NOT_FOUND: 'not_found',
  /** The patient already has an active entry for this kind of visit. */
  ENTRY_EXISTS: 'conflict',
  /** The entry is booked, cancelled or expired: only an active entry can be left. */
  ENTRY_NOT_ACTIVE: 'conflict',
  /** The window's last day has already passed. */
  WINDOW_PASSED: 'unprocessable',
  /** The patient named does not exist here (or, in the portal, is not one of the account's patients). */
  PATIENT_INVALID: 'unprocessable',
  /** No active appointment type with that id. */
  APPOINTMENT_TYPE_INVALID: 'unprocessable',
  /** The provider does not exist, is inactive, does not offer the type, or does not work at the location. */
  PROVIDER_INVALID: 'unprocessable',
  /** No location with that id. */
  LOCATION_INVALID: 'unprocessable',
  /** The portal may join the waitlist only for the kinds of visit open to self-scheduling. */
  NOT_SELF_SCHEDULABLE: 'forbidden',
  /** The offer link's token (or the offer id) names no offer. Says nothing about any patient. */
  OFFER_NOT_FOUND: 'not_found',
  /** The offer was already answered (accepted or declined): a link works once. */
  OFFER_USED: 'conflict',
  /** The offer's time to answer has passed. */
  OFFER_EXPIRED: 'conflict',
  /** The time was just taken (by another patient, or it is no longer free); the entry stays on the waitlist. */
  OFFER_TAKEN: 'conflict',
  /** The offer was withdrawn because the patient's entry was closed. */
  OFFER_CLOSED: 'conflict',
} as const;

export const waitlistError = defineErrors(WaitlistErrors);
