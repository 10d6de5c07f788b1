import type { Appointment, AppointmentType, BookAppointmentRequest } from '@patientdesk/contracts';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { bookAppointment } from '../../api/scheduling';
import { newIdempotencyKey } from '../../lib/idempotency';
import type { NamedSlot } from './slot-list';

export type BookingState =
  | { kind: 'idle' }
  | { kind: 'booking' }
  | { kind: 'booked'; appointment: Appointment }
  /** `retry`: the answer never came (network, server error), so the same attempt may be sent again. */
  | { kind: 'failed'; message: string; retry: boolean };

type Attempt = { key: string; request: BookAppointmentRequest };

/**
 * Books a chosen slot for a patient. Each choice is a new attempt with a fresh Idempotency-Key; "Try again" after
 * a lost answer resends the same attempt with the same key, so the server books it at most once.
 */
export function useBooking(onBooked: (appointment: Appointment) => void) {
  const [state, setState] = useState<BookingState>({ kind: 'idle' });
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  const send = (next: Attempt) => {
    setAttempt(next);
    setState({ kind: 'booking' });
    bookAppointment(next.request, next.key)
      .then((appointment) => {
        setState({ kind: 'booked', appointment });
        onBooked(appointment);
      })
      .catch((error: unknown) => {
        const lost = isApiError(error, 0) || (isApiError(error) && error.status >= 500);
        if (isApiError(error, 409) || isApiError(error, 422)) setRefreshKey((value) => value + 1);
        setState({
          kind: 'failed',
          message: describeBookingError(error),
          retry: lost,
        });
      });
  };

  return {
    state,
    refreshKey,
    book: (patientId: string, slot: NamedSlot, type: AppointmentType) =>
      send({
        key: newIdempotencyKey(),
        request: {
          patientId,
          appointmentTypeId: type.id,
          providerId: slot.providerId,
          locationId: slot.locationId,
          start: slot.start,
        },
      }),
    retry: () => {
      if (attempt) send(attempt);
    },
    reset: () => setState({ kind: 'idle' }),
  };
}

/** What went wrong with a booking, in words a person at the desk can act on. */
export function describeBookingError(error: unknown): string {
  if (isApiError(error, 409, 'SLOT_TAKEN'))
    return 'That time was just taken. The free times have been refreshed: choose another.';
  if (isApiError(error, 409, 'PATIENT_DOUBLE_BOOKED'))
    return 'The patient already has an appointment at that time. Choose another time.';
  if (isApiError(error, 0)) return `${error.message} Trying again is safe: it is never booked twice.`;
  return error instanceof Error ? error.message : 'The booking failed.';
}
