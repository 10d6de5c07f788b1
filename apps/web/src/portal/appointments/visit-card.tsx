import type { PortalAppointment } from '@patientdesk/contracts';
import { calendarFileUrl } from '../../api/portal-scheduling';
import { Link } from '../../router/router';
import {
  clinicZoneNote,
  isChangeable,
  pastStatus,
  preparationText,
  prefersSpanish,
  visitDay,
  visitTime,
} from './visit-text';

/** One upcoming visit: when, what, with whom, where; how to prepare; and what the patient can do about it. */
export function VisitCard({ visit }: { visit: PortalAppointment }) {
  const zone = visit.location.timeZone;
  const note = clinicZoneNote(visit.start, zone);
  const preparation = preparationText(visit.preparation);
  const video = visit.modality === 'video';
  const title = `${visit.appointmentType.name}, ${visitDay(visit.start, zone)}`;
  return (
    <li className="visit-card">
      <article aria-label={title}>
        <p className="visit-when">
          <span className="visit-day">{visitDay(visit.start, zone)}</span>
          <span className="visit-time">
            {visitTime(visit.start, zone)}
            {note ? <span className="visit-zone"> {note}</span> : null}
          </span>
        </p>
        <h3 className="visit-type">{visit.appointmentType.name}</h3>
        <p className="visit-who">
          with {visit.provider.name}
          <br />
          {video ? 'Video visit' : visit.location.name}
        </p>
        {visit.status === 'confirmed' ? (
          <p className="visit-confirmed">
            <span aria-hidden="true">✓ </span>Confirmed
          </p>
        ) : null}
        {video ? (
          visit.videoUrl ? (
            <p>
              <a className="button primary large" href={visit.videoUrl} target="_blank" rel="noreferrer">
                Join the video visit
              </a>
            </p>
          ) : (
            <p className="muted">We will send you the video link before your visit.</p>
          )
        ) : null}
        {preparation ? (
          <section className="visit-prep" lang={preparation.lang}>
            <h4>{preparation.lang === 'es' ? 'Cómo prepararse' : 'How to prepare'}</h4>
            <p>{preparation.text}</p>
          </section>
        ) : null}
        <div className="visit-actions">
          <a className="button large" href={calendarFileUrl(visit.id)} download="appointment.ics">
            Add to calendar
          </a>
          {isChangeable(visit) && visit.selfSchedulable ? (
            <Link className="button large" to={`/portal/appointments/${visit.id}/reschedule`}>
              Change time
            </Link>
          ) : null}
          {isChangeable(visit) ? (
            <Link className="button large danger-outline" to={`/portal/appointments/${visit.id}/cancel`}>
              Cancel visit
            </Link>
          ) : null}
        </div>
        {isChangeable(visit) && !visit.selfSchedulable ? (
          <p className="muted visit-call">To change the time of this visit, please call the clinic.</p>
        ) : null}
      </article>
    </li>
  );
}

/** A visit in a short list (past or cancelled): date, what, who, and how it ended. */
export function VisitLine({ visit }: { visit: PortalAppointment }) {
  const zone = visit.location.timeZone;
  return (
    <li className="visit-line">
      <span className="visit-line-when">
        {visitDay(visit.start, zone)}, {visitTime(visit.start, zone)}
      </span>
      <span>
        {visit.appointmentType.name} with {visit.provider.name}
      </span>
      <span className="visit-line-status">{pastStatus(visit)}</span>
    </li>
  );
}

/** The Spanish note under the page title, so a Spanish reader knows the preparation is in Spanish. */
export function LanguageNote() {
  return prefersSpanish() ? (
    <p className="muted" lang="es">
      Las instrucciones para prepararse están en español.
    </p>
  ) : null;
}
