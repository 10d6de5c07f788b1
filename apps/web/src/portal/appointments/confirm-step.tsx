import type { AppointmentType, PortalAppointment, Session, Slot } from '@patientdesk/contracts';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { bookPortalAppointment, reschedulePortalAppointment } from '../../api/portal-scheduling';
import { newIdempotencyKey } from '../../lib/idempotency';
import { Link, navigate } from '../../router/router';
import { patientsOpenFor } from '../portal-access';
import { StepHeading } from './book-steps';
import { slotPlace, type Places } from './use-visits';
import { clinicZoneNote, preparationText, visitDay, visitTime } from './visit-text';

function failureText(error: unknown): string {
  if (isApiError(error, 409, 'SLOT_TAKEN'))
    return 'Sorry, someone just took that time. Please choose another time.';
  if (isApiError(error, 409, 'PATIENT_DOUBLE_BOOKED'))
    return 'You already have a visit at that time. Please choose another time.';
  if (isApiError(error, 412))
    return 'Your visit changed a moment ago. Please go back to your appointments and try again.';
  if (isApiError(error, 0))
    return 'We could not reach the clinic. Check your connection and press the button again.';
  return error instanceof Error ? error.message : 'That did not work. Please try again.';
}

/** Step 4: the visit said in full, and one button to book it (or to move the visit to it). */
export function ConfirmStep({
  session,
  type,
  slot,
  places,
  moving,
  backHref,
}: {
  session: Session;
  type: AppointmentType;
  slot: Slot;
  places: Places;
  /** The visit being moved; absent when booking a new one. */
  moving: PortalAppointment | null;
  backHref: string;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ text: string; chooseAgain: boolean } | null>(null);
  // One attempt, one key: pressing again after a lost answer must not book twice.
  const key = useRef(newIdempotencyKey());
  const place = slotPlace(slot, type, places);
  const note = clinicZoneNote(slot.start, place.timeZone);
  const preparation = preparationText(type.preparation);
  const open = patientsOpenFor(session, 'appointments');
  const own = session.user.patientId;
  const patientId = own && open.includes(own) ? own : (open[0] ?? '');

  const submit = () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const request = moving
      ? reschedulePortalAppointment(moving, {
          start: slot.start,
          ...(slot.providerId !== moving.provider.id ? { providerId: slot.providerId } : {}),
          ...(slot.locationId !== moving.location.id ? { locationId: slot.locationId } : {}),
        })
      : bookPortalAppointment(
          {
            patientId,
            appointmentTypeId: type.id,
            providerId: slot.providerId,
            locationId: slot.locationId,
            start: slot.start,
          },
          key.current,
        );
    request
      .then(() => navigate(`/portal/appointments?done=${moving ? 'moved' : 'booked'}`))
      .catch((error: unknown) => {
        setBusy(false);
        setFailure({ text: failureText(error), chooseAgain: isApiError(error, 409) });
      });
  };

  return (
    <>
      <StepHeading title={moving ? 'Move your visit' : 'Confirm your visit'}>
        {moving ? 'Move your visit to this time?' : 'Book this visit?'}
      </StepHeading>
      <div className="portal-summary">
        <p className="visit-type">{type.name}</p>
        <p className="visit-when">
          <span className="visit-day">{visitDay(slot.start, place.timeZone)}</span>
          <span className="visit-time">
            {visitTime(slot.start, place.timeZone)}
            {note ? <span className="visit-zone"> {note}</span> : null}
          </span>
        </p>
        <p>
          with {place.who}
          <br />
          {place.where}
        </p>
        {moving ? (
          <p className="muted">
            Instead of {visitDay(moving.start, moving.location.timeZone)} at{' '}
            {visitTime(moving.start, moving.location.timeZone)}.
          </p>
        ) : null}
      </div>
      {preparation ? (
        <section className="visit-prep" lang={preparation.lang}>
          <h2>{preparation.lang === 'es' ? 'Cómo prepararse' : 'How to prepare'}</h2>
          <p>{preparation.text}</p>
        </section>
      ) : null}
      <div role="alert">
        {failure ? (
          <div className="notice notice-warn">
            <p>{failure.text}</p>
            {failure.chooseAgain ? (
              <p>
                <Link to={backHref}>Choose another time</Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <button type="button" className="button primary large block" aria-disabled={busy} onClick={submit}>
        {busy ? 'One moment…' : moving ? 'Move my visit' : 'Book this visit'}
      </button>
      <Link className="button large block" to={backHref}>
        Choose another time
      </Link>
    </>
  );
}
