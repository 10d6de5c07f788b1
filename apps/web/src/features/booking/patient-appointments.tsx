import type { Appointment } from '@patientdesk/contracts';
import { getAttendance, listAppointments, type Attendance } from '../../api/scheduling';
import { LoadError, Loading } from '../../components/states';
import { plural } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { Link } from '../../router/router';
import { STATUS_LABELS, STATUS_MARKS } from '../schedule/appointment-labels';
import { bookedWhen, scheduleLinkFor } from './booking-result';

const UPCOMING_DAYS = 62;

function AttendanceCounts({ attendance }: { attendance: Attendance }) {
  const counts: { label: string; value: number; warn: boolean }[] = [
    { label: 'No-shows', value: attendance.noShows, warn: true },
    { label: 'Late cancellations', value: attendance.lateCancellations, warn: true },
    { label: 'Completed', value: attendance.completed, warn: false },
    { label: 'Cancellations', value: attendance.cancellations, warn: false },
    { label: 'Upcoming', value: attendance.upcoming, warn: false },
  ];
  return (
    <dl className="attendance">
      {counts.map((count) => (
        <div
          key={count.label}
          className={count.warn && count.value > 0 ? 'attendance-count warn' : 'attendance-count'}
        >
          <dt>{count.label}</dt>
          <dd>{count.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function UpcomingLine({ appointment }: { appointment: Appointment }) {
  return (
    <li className="upcoming-line">
      <Link to={scheduleLinkFor(appointment)} className="upcoming-when">
        {bookedWhen(appointment)}
      </Link>
      <span>
        {appointment.appointmentType.name} · {appointment.provider.name} · {appointment.location.name}
      </span>
      <span className={`badge appt-badge-${appointment.status}`}>
        <span aria-hidden="true">{STATUS_MARKS[appointment.status]} </span>
        {STATUS_LABELS[appointment.status]}
      </span>
    </li>
  );
}

/** A patient's coming appointments and how they have kept past ones (no-shows and late cancellations first). */
export function PatientAppointments({ patientId, refreshKey }: { patientId: string; refreshKey: number }) {
  const data = useResource(
    async (signal) => {
      const now = new Date();
      const [attendance, appointments] = await Promise.all([
        getAttendance(patientId, signal),
        listAppointments(
          {
            patientId,
            from: now.toISOString(),
            to: new Date(now.getTime() + UPCOMING_DAYS * 86_400_000).toISOString(),
          },
          signal,
        ),
      ]);
      return { attendance, upcoming: appointments.filter((item) => item.status !== 'cancelled') };
    },
    [patientId, refreshKey],
  );
  return (
    <section className="panel" aria-labelledby="appointments-title">
      <h2 id="appointments-title" className="panel-title">
        Appointments
      </h2>
      {data.error ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <>
          <AttendanceCounts attendance={data.data.attendance} />
          <h3 className="panel-subtitle">
            Upcoming <span className="muted">({plural(data.data.upcoming.length, 'visit')})</span>
          </h3>
          {data.data.upcoming.length === 0 ? (
            <p className="muted">Nothing booked in the next {UPCOMING_DAYS} days.</p>
          ) : (
            <ul className="plain-list">
              {data.data.upcoming.map((appointment) => (
                <UpcomingLine key={appointment.id} appointment={appointment} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
