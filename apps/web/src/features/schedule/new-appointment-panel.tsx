import type { Appointment, AppointmentType, PatientSummary } from '@patientdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import type { Directory } from '../../api/scheduling';
import { formatPatientName } from '../../lib/format';
import { BookingResult } from '../booking/booking-result';
import { SlotFinder } from '../booking/slot-finder';
import { useBooking } from '../booking/use-booking';
import { PatientSearchBox } from '../patients/patient-search-box';

/** Where a new booking starts: a provider, a location and a time clicked on the calendar (all optional). */
export type NewAppointmentStart = {
  providerId: string | null;
  locationId: string | null;
  /** ISO instant to look from. */
  from: string | null;
  /** Said at the top: "Tue, Dec 1, 10:15 AM with …". */
  summary: string | null;
};

/** The side panel for a new appointment: a patient (the usual search), a type, then a free time. */
export function NewAppointmentPanel({
  id,
  start,
  directory,
  types,
  onBooked,
  onClose,
}: {
  id: string;
  start: NewAppointmentStart;
  directory: Directory;
  types: readonly AppointmentType[];
  onBooked: (appointment: Appointment) => void;
  onClose: () => void;
}) {
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [needPatient, setNeedPatient] = useState(false);
  const booking = useBooking(onBooked);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [start]);

  const provider = directory.providers.find((candidate) => candidate.id === start.providerId);
  const offered = provider ? types.filter((type) => type.specialty === provider.specialty) : types;

  return (
    <aside
      id={id}
      className="side-panel"
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        onClose();
      }}
    >
      <div className="side-panel-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="side-panel-title">
          New appointment
        </h2>
        <button type="button" className="button subtle small" onClick={onClose}>
          Close <span className="muted">(Esc)</span>
        </button>
      </div>
      {start.summary ? <p className="muted">From {start.summary}</p> : null}
      {booking.state.kind === 'booked' ? (
        <BookingResult state={booking.state} onRetry={booking.retry} />
      ) : (
        <>
          <PatientSearchBox
            label="Patient"
            onChoose={(chosen) => {
              setPatient(chosen);
              setNeedPatient(false);
            }}
          />
          {patient ? (
            <p className="chosen-patient">
              <span className="meta-label">Booking for</span> {formatPatientName(patient)}{' '}
              <span className="muted">MRN {patient.mrn}</span>
            </p>
          ) : null}
          {needPatient ? (
            <p className="field-error" role="alert">
              Choose the patient first: search above, then Enter.
            </p>
          ) : null}
          <SlotFinder
            directory={directory}
            types={offered}
            initialProviderId={start.providerId}
            initialLocationId={start.locationId}
            from={start.from}
            refreshKey={booking.refreshKey}
            chooseLabel="Book"
            busy={booking.state.kind === 'booking'}
            onChoose={(slot, type) => {
              if (!patient) {
                setNeedPatient(true);
                return;
              }
              booking.book(patient.id, slot, type);
            }}
          />
          <BookingResult state={booking.state} onRetry={booking.retry} />
        </>
      )}
    </aside>
  );
}
