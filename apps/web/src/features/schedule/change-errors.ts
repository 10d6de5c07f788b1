import { isApiError } from '../../api/client';

/** Why a change to an appointment did not happen, said plainly, with what to do next. */
export function describeChangeError(error: unknown): string {
  if (isApiError(error, 412))
    return 'Someone else changed this appointment while you were looking. The calendar has been reloaded: check it, then try again.';
  if (isApiError(error, 409, 'SLOT_TAKEN'))
    return 'That time is already taken (someone booked it, or it is outside working hours).';
  if (isApiError(error, 409, 'PATIENT_DOUBLE_BOOKED'))
    return 'The patient already has another appointment at that time.';
  if (isApiError(error, 409, 'NO_SHOW_TOO_EARLY'))
    return 'A no-show can be recorded only after the appointment’s start time.';
  if (isApiError(error, 409, 'TRANSITION_NOT_ALLOWED')) return `Not possible now: ${error.message}`;
  return error instanceof Error ? error.message : 'The change failed.';
}
