import type { PointerEvent } from 'react';
import { formatMinutes } from '../../lib/zoned-time';
import { STATUS_LABELS, STATUS_MARKS } from './appointment-labels';
import type { PlacedAppointment } from './schedule-layout';

/** One appointment on the calendar: patient, type, time and status, placed by time and lane. */
export function AppointmentBlock({
  item,
  top,
  height,
  selected,
  pending,
  panelId,
  onOpen,
  onPointerDown,
  narrow,
}: {
  item: PlacedAppointment;
  /** Many lanes side by side: the family name only (the rest is in the tooltip and the panel). */
  narrow: boolean;
  top: number;
  height: number;
  selected: boolean;
  pending: boolean;
  panelId: string;
  onOpen: () => void;
  onPointerDown: (event: PointerEvent<HTMLButtonElement>) => void;
}) {
  const { appointment, lane, lanes } = item;
  const time = `${formatMinutes(item.start)}–${formatMinutes(item.end)}`;
  const classes = [
    'appt',
    `appt-${appointment.status}`,
    selected ? 'selected' : '',
    pending ? 'pending' : '',
    height < 34 ? 'short' : '',
    narrow ? 'narrow' : '',
    narrow && lanes >= 4 ? 'tiny' : '',
  ];
  const status = STATUS_LABELS[appointment.status];
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      style={{
        top,
        height,
        left: `calc(${(lane / lanes) * 100}% + 2px)`,
        width: `calc(${100 / lanes}% - 4px)`,
      }}
      data-appointment-id={appointment.id}
      title={`${time} ${appointment.patient.name}, ${appointment.appointmentType.name} (${status}) with ${appointment.provider.name}`}
      aria-expanded={selected}
      aria-controls={selected ? panelId : undefined}
      aria-busy={pending || undefined}
      onClick={onOpen}
      onPointerDown={onPointerDown}
    >
      <span className="appt-line">
        <span className="appt-mark" aria-hidden="true">
          {STATUS_MARKS[appointment.status]}
        </span>
        <span className="vh">{time}, </span>
        <span className="appt-name" aria-hidden={narrow || undefined}>
          {narrow ? appointment.patient.name.split(',')[0] : appointment.patient.name}
        </span>
        {narrow ? <span className="vh">{appointment.patient.name}</span> : null}
        <span className="appt-type">
          <span aria-hidden="true"> · </span>
          <span className="vh">, </span>
          {appointment.appointmentType.name}
        </span>
        <span className="vh">, {status}</span>
        {appointment.overbooked ? <span className="vh">, overbooked</span> : null}
      </span>
      <span className="appt-line appt-sub" aria-hidden="true">
        {time} · {status}
        {appointment.room ? ` · ${appointment.room.name}` : ''}
      </span>
    </button>
  );
}
