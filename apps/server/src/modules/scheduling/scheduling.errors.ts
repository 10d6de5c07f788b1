import { defineErrors } from '../../platform/http/errors';

export const SchedulingErrors = {
  /** The time is no longer free: someone booked it first, or it is outside the provider's availability. */
  SLOT_TAKEN: 'conflict',
  /** The patient already has an appointment that overlaps this one. */
  PATIENT_DOUBLE_BOOKED: 'conflict',
  /** No appointment with that id in the caller's organization (or among a portal account's patients). */
  APPOINTMENT_NOT_FOUND: 'not_found',
  /** No active appointment type with that id. */
  APPOINTMENT_TYPE_NOT_FOUND: 'unprocessable',
  /** The provider does not offer this type at this location. */
  PROVIDER_NOT_OFFERED: 'unprocessable',
  /** The patient named does not exist in this organization. */
  PATIENT_INVALID: 'unprocessable',
  /** The patient's record was merged into another: book for the survivor (named in the message). */
  PATIENT_MERGED: 'conflict',
  /** The start is not on the slot grid or breaks one of the type's rules (notice, horizon, times of day). */
  START_NOT_BOOKABLE: 'unprocessable',
  /** The status cannot move that way (booked → completed, cancelled → anything). */
  TRANSITION_NOT_ALLOWED: 'conflict',
  /** A no-show can be recorded only once the appointment's start has passed. */
  NO_SHOW_TOO_EARLY: 'conflict',
  /** Overbooking needs the organization to allow it and a supervisor to do it. */
  OVERBOOK_NOT_ALLOWED: 'forbidden',
  /** The appointment type is not open to self-scheduling in the portal. */
  NOT_SELF_SCHEDULABLE: 'forbidden',
  /** The range asked for is too long (slots: 31 days; calendar: 62 days). */
  RANGE_TOO_LONG: 'invalid',
  /** A room was named that is not at the location, or not of the kind the type needs. */
  ROOM_INVALID: 'unprocessable',
  /** That day is already a holiday (for the organization or that location). */
  HOLIDAY_EXISTS: 'conflict',
  /** A provider, location or time zone named in availability does not exist here. */
  AVAILABILITY_INVALID: 'unprocessable',
} as const;

export const schedulingError = defineErrors(SchedulingErrors);
