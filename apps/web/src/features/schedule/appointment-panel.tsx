import { APPOINTMENT_TRANSITIONS, type Appointment, type AppointmentType } from '@patientdesk/contracts';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { changeAppointmentStatus, type Directory } from '../../api/scheduling';
import { formatDay, formatTime, localDate, zoneAbbreviation } from '../../lib/zoned-time';
import { Link } from '../../router/router';
import {
  CANCEL_REASON_LABELS,
  isMovable,
  STATUS_ACTIONS,
  STATUS_LABELS,
  STATUS_MARKS,
} from './appointment-labels';
import { CancelForm } from './cancel-form';
import { describeChangeError } from './change-errors';
import { RescheduleForm } from './reschedule-form';

type Mode = 'view' | 'cancel' | 'reschedule';

export type PanelCallbacks = {
  onChanged: (updated: Appointment, message: string) => void;
  onRescheduled: (previous: Appointment, created: Appointment) => void;
  onFailed: (message: string, error: unknown) => void;
  onClose: () => void;
};

function when(appointment: Appointment): string {
  const zone = appointment.location.timeZone;
  return `${formatDay(localDate(appointment.start, zone))}, ${formatTime(appointment.start, zone)}–${formatTime(appointment.end, zone)} ${zoneAbbreviation(appointment.start, zone)}`;
}

function Facts({ appointment }: { appointment: Appointment }) {
  const rows: [string, ReactNode][] = [
    ['When', when(appointment)],
    ['Visit', `${appointment.appointmentType.name} (${appointment.appointmentType.durationMinutes} min)`],
    ['Provider', appointment.provider.name],
    ['Location', appointment.location.name],
    ['Room', appointment.room?.name ?? '—'],
    ['MRN', appointment.patient.mrn],
  ];
  if (appointment.modality === 'video')
    rows.push([
      'Video',
      appointment.videoUrl ? (
        <a href={appointment.videoUrl} target="_blank" rel="noreferrer">
          Join link
        </a>
      ) : (
        'Link not set'
      ),
    ]);
  if (appointment.note) rows.push(['Note', appointment.note]);
  if (appointment.overbooked) rows.push(['Overbooked', 'Yes']);
  if (appointment.cancelReason)
    rows.push([
      'Cancelled',
      `${CANCEL_REASON_LABELS[appointment.cancelReason as keyof typeof CANCEL_REASON_LABELS] ?? appointment.cancelReason}${appointment.cancelledBy ? `, by ${appointment.cancelledBy}` : ''}${appointment.lateCancellation ? ' (late)' : ''}`,
    ]);
  rows.push(['Booked via', appointment.bookedVia]);
  return (
    <dl className="facts compact">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The side panel: one appointment's details, and what can be done with it now. */
export function AppointmentPanel({
  id,
  appointment,
  type,
  directory,
  canWrite,
  callbacks,
}: {
  id: string;
  appointment: Appointment;
  type: AppointmentType | undefined;
  directory: Directory;
  canWrite: boolean;
  callbacks: PanelCallbacks;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setMode('view');
    heading.current?.focus();
  }, [appointment.id]);

  const allowed = APPOINTMENT_TRANSITIONS[appointment.status];
  const started = Date.parse(appointment.start) <= Date.now();
  const actions = STATUS_ACTIONS.filter(
    (action) => allowed.includes(action.status) && (action.status !== 'no_show' || started),
  );

  const setStatus = (status: (typeof STATUS_ACTIONS)[number]['status']) => {
    if (busy) return;
    setBusy(status);
    changeAppointmentStatus(appointment, { status })
      .then((updated) =>
        callbacks.onChanged(
          updated,
          `${appointment.patient.name}: ${STATUS_LABELS[updated.status].toLowerCase()}.`,
        ),
      )
      .catch((error: unknown) => callbacks.onFailed(describeChangeError(error), error))
      .finally(() => setBusy(null));
  };

  return (
    <aside
      id={id}
      className="side-panel"
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        if (mode === 'view') callbacks.onClose();
        else setMode('view');
      }}
    >
      <div className="side-panel-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="side-panel-title">
          {appointment.patient.name}
        </h2>
        <button type="button" className="button subtle small" onClick={callbacks.onClose}>
          Close <span className="muted">(Esc)</span>
        </button>
      </div>
      <p className={`appt-status-line appt-badge-${appointment.status}`}>
        <span aria-hidden="true">{STATUS_MARKS[appointment.status]}</span> {STATUS_LABELS[appointment.status]}
        {appointment.confirmedAt && appointment.status === 'confirmed' ? (
          <span className="muted">
            {' '}
            · {formatTime(appointment.confirmedAt, appointment.location.timeZone)}
          </span>
        ) : null}
      </p>
      <Facts appointment={appointment} />
      <p className="side-panel-links">
        <Link to={`/desk/patients/${appointment.patient.id}`}>Open the patient’s record</Link>
      </p>
      {canWrite && mode === 'view' ? (
        <div className="side-panel-actions">
          {actions.length > 0 ? (
            <div className="action-row" role="group" aria-label="Status">
              {actions.map((action) => (
                <button
                  key={action.status}
                  type="button"
                  className={action.status === 'confirmed' ? 'button primary small' : 'button small'}
                  aria-disabled={busy !== null}
                  onClick={() => setStatus(action.status)}
                >
                  {busy === action.status ? 'Saving…' : action.label}
                </button>
              ))}
            </div>
          ) : null}
          {isMovable(appointment) ? (
            <div className="action-row">
              <button type="button" className="button small" onClick={() => setMode('reschedule')}>
                Reschedule…
              </button>
              <button type="button" className="button small danger-outline" onClick={() => setMode('cancel')}>
                Cancel…
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {mode === 'cancel' ? (
        <>
          <h3 className="panel-subtitle">Cancel this appointment</h3>
          <CancelForm
            appointment={appointment}
            onDone={(updated) => {
              setMode('view');
              callbacks.onChanged(updated, `Cancelled ${appointment.patient.name}’s appointment.`);
            }}
            onFailed={callbacks.onFailed}
            onBack={() => setMode('view')}
          />
        </>
      ) : null}
      {mode === 'reschedule' && type ? (
        <>
          <h3 className="panel-subtitle">Move to another time</h3>
          <RescheduleForm
            appointment={appointment}
            type={type}
            directory={directory}
            onDone={(created) => callbacks.onRescheduled(appointment, created)}
            onFailed={callbacks.onFailed}
            onBack={() => setMode('view')}
          />
        </>
      ) : null}
    </aside>
  );
}
