import type { Appointment } from '@patientdesk/contracts';
import { useEffect, useRef } from 'react';
import { Link } from '../../router/router';
import { formatDay, formatTime, localDate, zoneAbbreviation } from '../../lib/zoned-time';
import { scheduleHref } from '../schedule/schedule-state';
import type { BookingState } from './use-booking';

/** "Mon, Nov 30 at 9:00 AM EST": the booked time in the location's own zone. */
export function bookedWhen(appointment: Appointment): string {
  const zone = appointment.location.timeZone;
  return `${formatDay(localDate(appointment.start, zone), 'long')} at ${formatTime(appointment.start, zone)} ${zoneAbbreviation(appointment.start, zone)}`;
}

/** The schedule, opened on the appointment's day, provider and location, with the appointment in the panel. */
export function scheduleLinkFor(appointment: Appointment): string {
  return scheduleHref({
    date: localDate(appointment.start, appointment.location.timeZone),
    view: 'provider',
    locationId: appointment.location.id,
    providerId: appointment.provider.id,
    appointmentId: appointment.id,
  });
}

/** What happened to a booking: booked (said in full, focused so it is read out), or why not and what to do. */
export function BookingResult({
  state,
  onRetry,
  onAnother,
}: {
  state: BookingState;
  onRetry: () => void;
  onAnother?: () => void;
}) {
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.kind === 'booked') done.current?.focus();
  }, [state]);

  if (state.kind === 'booked') {
    const { appointment } = state;
    return (
      <div ref={done} className="notice notice-ok booking-done" role="status" tabIndex={-1}>
        <p>
          <strong>Booked:</strong> {appointment.appointmentType.name} for {appointment.patient.name} on{' '}
          <strong>{bookedWhen(appointment)}</strong> ({appointment.location.name} time) with{' '}
          {appointment.provider.name}.
        </p>
        <p className="booking-done-actions">
          <Link to={scheduleLinkFor(appointment)}>Show on the schedule</Link>
          {onAnother ? (
            <button type="button" className="link-button" onClick={onAnother}>
              Book another
            </button>
          ) : null}
        </p>
      </div>
    );
  }
  return (
    <div role="alert">
      {state.kind === 'failed' ? (
        <div className="notice notice-warn booking-failed">
          <p>{state.message}</p>
          {state.retry ? (
            <button type="button" className="button small" onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
