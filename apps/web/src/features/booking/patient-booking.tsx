import type { Appointment, Patient } from '@patientdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { getDirectory, listAppointmentTypes } from '../../api/scheduling';
import { LoadError, Loading } from '../../components/states';
import { formatPatientName } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { BookingResult } from './booking-result';
import { SlotFinder } from './slot-finder';
import { useBooking } from './use-booking';

/** The directory and the appointment types, for booking from anywhere on the desk. */
export function useBookingReference() {
  return useResource(async (signal) => {
    const [directory, types] = await Promise.all([getDirectory(signal), listAppointmentTypes(signal)]);
    return { directory, types };
  }, []);
}

/**
 * "Book" on a patient's record, made for the keyboard: type a visit type and Enter, then the arrow keys and Enter
 * on one of the first free times across providers. Escape closes it.
 */
export function PatientBooking({
  patient,
  onBooked,
  onClose,
}: {
  patient: Patient;
  onBooked: (appointment: Appointment) => void;
  onClose: () => void;
}) {
  const reference = useBookingReference();
  const booking = useBooking(onBooked);
  const [round, setRound] = useState(0);
  const typeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (reference.data) typeInput.current?.focus();
  }, [reference.data, round]);

  return (
    <section
      className="panel booking-panel"
      aria-labelledby="booking-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="booking-title" className="panel-title">
          Book an appointment for {formatPatientName(patient)}
        </h2>
        <button type="button" className="button subtle small" onClick={onClose}>
          Close <span className="muted">(Esc)</span>
        </button>
      </div>
      {reference.error ? (
        <LoadError error={reference.error} onRetry={reference.reload} />
      ) : !reference.data ? (
        <Loading label="Loading visit types…" />
      ) : booking.state.kind === 'booked' ? (
        <BookingResult
          state={booking.state}
          onRetry={booking.retry}
          onAnother={() => {
            booking.reset();
            setRound((value) => value + 1);
          }}
        />
      ) : (
        <>
          <SlotFinder
            key={round}
            directory={reference.data.directory}
            types={reference.data.types}
            refreshKey={booking.refreshKey}
            chooseLabel="Book"
            busy={booking.state.kind === 'booking'}
            typeInputRef={typeInput}
            onChoose={(slot, type) => booking.book(patient.id, slot, type)}
          />
          <BookingResult state={booking.state} onRetry={booking.retry} />
        </>
      )}
    </section>
  );
}
