import type { Patient, Session, WaitlistEntry } from '@patientdesk/contracts';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { getPatient, listWorkItems } from '../../api/endpoints';
import { PageHeading } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import {
  formatBirthDateWithAge,
  formatDateTime,
  formatPatientName,
  formatPhone,
  formatRelative,
  humanize,
} from '../../lib/format';
import { useShortcuts } from '../../lib/keyboard';
import { useResource } from '../../lib/use-resource';
import { Link, withQuery } from '../../router/router';
import { can } from '../../session/session';
import { PatientAppointments } from '../booking/patient-appointments';
import { PatientBooking } from '../booking/patient-booking';
import { PatientWaitlist } from '../waitlist/patient-waitlist';
import { WaitlistForm } from '../waitlist/waitlist-form';
import { PriorityBadge, StatusBadge } from '../worklist/badges';

function Demographics({ patient }: { patient: Patient }) {
  const rows: [string, string][] = [
    ['Date of birth', formatBirthDateWithAge(patient.birthDate)],
    ['Sex', humanize(patient.sex)],
    ['Preferred name', patient.preferredName ?? '—'],
    ['Phone', patient.phone ? formatPhone(patient.phone) : 'None on file'],
    ['Email', patient.email ?? 'None on file'],
    ['MRN', patient.mrn],
    ['Registered', formatDateTime(patient.createdAt)],
    ['Last changed', formatDateTime(patient.updatedAt)],
  ];
  return (
    <section className="panel" aria-labelledby="demographics-title">
      <h2 id="demographics-title" className="panel-title">
        Demographics
      </h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function OpenWork({ patientId }: { patientId: string }) {
  const work = useResource((signal) => listWorkItems({ patientId, limit: 20 }, signal), [patientId]);
  return (
    <section className="panel" aria-labelledby="open-work-title">
      <h2 id="open-work-title" className="panel-title">
        Open work
      </h2>
      {work.error ? (
        <LoadError error={work.error} onRetry={work.reload} />
      ) : !work.data ? (
        <Loading />
      ) : work.data.items.length === 0 ? (
        <p className="muted">No open work items for this patient.</p>
      ) : (
        <ul className="plain-list">
          {work.data.items.map((item) => (
            <li key={item.id} className="work-line">
              <PriorityBadge priority={item.priority} />
              <span className="work-line-title">{item.title}</span>
              <StatusBadge status={item.status} />
              {item.dueAt ? (
                <span className="muted" title={formatDateTime(item.dueAt)}>
                  Due {formatRelative(item.dueAt)}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Tool = 'booking' | 'waitlist';

/**
 * `/desk/patients/:id`: who the patient is, their appointments, their waitlist entries, and what is open for them.
 * "b" books; "w" adds to the waitlist.
 */
export function PatientPage({ id, session }: { id: string; session: Session }) {
  const patient = useResource((signal) => getPatient(id, signal), [id]);
  const data = patient.data;
  const name = data ? formatPatientName(data) : 'Patient';
  const mayBook = can(session, 'appointments:write');
  const [tool, setTool] = useState<Tool | null>(null);
  const [booked, setBooked] = useState(0);
  const [waitlisted, setWaitlisted] = useState<WaitlistEntry | null>(null);
  const [waitlistRound, setWaitlistRound] = useState(0);
  const bookButton = useRef<HTMLButtonElement>(null);
  const waitlistButton = useRef<HTMLButtonElement>(null);
  useShortcuts(
    (event) => {
      const wanted: Tool | null = event.key === 'b' ? 'booking' : event.key === 'w' ? 'waitlist' : null;
      if (!wanted || tool === wanted) return false;
      setWaitlisted(null);
      setTool(wanted);
      return true;
    },
    mayBook && data !== null,
  );
  const close = (which: Tool) => {
    setTool(null);
    (which === 'booking' ? bookButton : waitlistButton).current?.focus();
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/desk/patients">Patients</Link>
      </p>
      <div className="page-head">
        {/* The tab title stays generic: browsers keep titles in their history, and a name there is patient data. */}
        <PageHeading title="Patient record">{name}</PageHeading>
        {data && mayBook ? (
          <div className="page-head-action page-head-actions">
            <button
              ref={waitlistButton}
              type="button"
              className="button"
              aria-keyshortcuts="w"
              aria-expanded={tool === 'waitlist'}
              onClick={() => {
                setWaitlisted(null);
                setTool('waitlist');
              }}
            >
              Add to waitlist{' '}
              <kbd className="key-hint" aria-hidden="true">
                w
              </kbd>
            </button>
            <button
              ref={bookButton}
              type="button"
              className="button primary"
              aria-keyshortcuts="b"
              aria-expanded={tool === 'booking'}
              onClick={() => setTool('booking')}
            >
              Book appointment{' '}
              <kbd className="key-hint" aria-hidden="true">
                b
              </kbd>
            </button>
          </div>
        ) : null}
      </div>
      {patient.error ? (
        isApiError(patient.error, 404) || isApiError(patient.error, 400) ? (
          <p className="lede">
            No patient has this address in your organization. Search again from the box at the top.
          </p>
        ) : (
          <LoadError error={patient.error} onRetry={patient.reload} />
        )
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <p className="patient-strip">
            <span>
              <span className="meta-label">DOB</span> {formatBirthDateWithAge(data.birthDate)}
            </span>
            <span>
              <span className="meta-label">MRN</span> {data.mrn}
            </span>
            <span>{humanize(data.sex)}</span>
            {data.phone ? <span>{formatPhone(data.phone)}</span> : null}
          </p>
          {tool === 'booking' ? (
            <PatientBooking
              patient={data}
              onBooked={() => setBooked((value) => value + 1)}
              onClose={() => close('booking')}
            />
          ) : null}
          {tool === 'waitlist' ? (
            <WaitlistForm
              patient={data}
              onAdded={(entry) => {
                setWaitlisted(entry);
                setWaitlistRound((value) => value + 1);
                close('waitlist');
              }}
              onClose={() => close('waitlist')}
            />
          ) : null}
          <div role="status" className="message-slot">
            {waitlisted ? (
              <p className="notice notice-ok">
                Added to the waitlist for {waitlisted.appointmentType.name}. When a matching time opens up, it
                is offered by text or email. <Link to="/desk/waitlist">See the waitlist</Link>
              </p>
            ) : null}
          </div>
          <div className="columns">
            <Demographics patient={data} />
            {can(session, 'appointments:read') ? (
              <PatientAppointments patientId={data.id} refreshKey={booked} />
            ) : null}
            {can(session, 'appointments:read') ? (
              <PatientWaitlist patientId={data.id} refreshKey={waitlistRound} />
            ) : null}
            {can(session, 'work-items:read') ? <OpenWork patientId={data.id} /> : null}
          </div>
          {can(session, 'audit:read') ? (
            <p>
              <Link to={withQuery('/desk/audit', { patientId: data.id })}>
                See who has opened or changed this record
              </Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
