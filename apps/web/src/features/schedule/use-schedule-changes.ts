import type { Appointment } from '@patientdesk/contracts';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { rescheduleAppointment, type Directory, type RescheduleRequest } from '../../api/scheduling';
import type { Resource } from '../../lib/use-resource';
import { formatZonedDateTime, instantAt, zonedIso } from '../../lib/zoned-time';
import type { PanelCallbacks } from './appointment-panel';
import { describeChangeError } from './change-errors';
import type { NewAppointmentStart } from './new-appointment-panel';
import type { Column } from './schedule-layout';

export type Message = { kind: 'status' | 'alert'; text: string } | null;

/**
 * What changes the calendar: a drag to another time or column, the side panel's actions, a new booking. The
 * loaded week is updated in place at once and then reloaded, so the calendar never waits on a round trip.
 */
export function useScheduleChanges({
  week,
  timeZone,
  selectedId,
  show,
}: {
  week: Resource<Appointment[]>;
  timeZone: string;
  selectedId: string | null;
  /** Opens an appointment in the side panel (null closes it), going to its day when it is elsewhere. */
  show: (appointment: Appointment | null) => void;
}) {
  const [message, setMessage] = useState<Message>(null);
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());

  const replace = (updated: Appointment) =>
    week.update((list) => list.map((item) => (item.id === updated.id ? updated : item)));
  const moved = (previous: Appointment, created: Appointment) => {
    week.update((list) => [
      ...list.map((item) =>
        item.id === previous.id
          ? {
              ...previous,
              status: 'cancelled' as const,
              cancelReason: 'rescheduled',
              rescheduledToId: created.id,
            }
          : item,
      ),
      created,
    ]);
    week.reload();
    setMessage({
      kind: 'status',
      text: `Moved ${created.patient.name} to ${formatZonedDateTime(created.start, created.location.timeZone)}${created.provider.id !== previous.provider.id ? ` with ${created.provider.name}` : ''}.`,
    });
  };
  const failed = (text: string, error: unknown) => {
    setMessage({ kind: 'alert', text });
    if (isApiError(error, 412) || isApiError(error, 409)) week.reload();
  };
  const setPending = (id: string, on: boolean) =>
    setPendingIds((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** A block dropped on another time (or provider, or room): ask the server, show it there meanwhile. */
  const move = (appointment: Appointment, column: Column, minutes: number) => {
    const startInstant = instantAt(column.date, minutes, timeZone);
    const start = zonedIso(startInstant, timeZone);
    const request: RescheduleRequest = { start, by: 'clinic' };
    if (column.providerId && column.providerId !== appointment.provider.id)
      request.providerId = column.providerId;
    if (column.roomId && column.roomId !== appointment.room?.id) request.roomId = column.roomId;
    const duration = Date.parse(appointment.end) - Date.parse(appointment.start);
    const preview: Appointment = {
      ...appointment,
      start,
      end: zonedIso(new Date(startInstant.getTime() + duration), timeZone),
    };
    replace(preview);
    setPending(appointment.id, true);
    setMessage({ kind: 'status', text: `Moving ${appointment.patient.name}…` });
    rescheduleAppointment(appointment, request)
      .then((created) => {
        moved(appointment, created);
        if (selectedId === appointment.id) show(created);
      })
      .catch((error: unknown) => {
        replace(appointment);
        failed(`${describeChangeError(error)} The appointment is back where it was.`, error);
      })
      .finally(() => setPending(appointment.id, false));
  };

  /** A click on free time: book from there, with that provider at that location. */
  const freeStart = (
    column: Column,
    minutes: number,
    locationId: string,
    directory: Directory | undefined,
  ): NewAppointmentStart => {
    const instant = instantAt(column.date, minutes, timeZone);
    const provider = directory?.providers.find((candidate) => candidate.id === column.providerId);
    return {
      providerId: column.providerId,
      locationId,
      from: instant.toISOString(),
      summary: `${formatZonedDateTime(instant, timeZone)}${provider ? ` with ${provider.displayName}` : ''}`,
    };
  };

  const panelCallbacks: PanelCallbacks = {
    onChanged: (updated, text) => {
      replace(updated);
      setMessage({ kind: 'status', text });
    },
    onRescheduled: (previous, created) => {
      moved(previous, created);
      show(created);
    },
    onFailed: failed,
    onClose: () => {
      const id = selectedId;
      show(null);
      if (id)
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`[data-appointment-id="${CSS.escape(id)}"]`)?.focus(),
        );
    },
  };

  const added = (appointment: Appointment) => {
    week.update((list) => [...list, appointment]);
    setMessage({
      kind: 'status',
      text: `Booked ${appointment.patient.name} on ${formatZonedDateTime(appointment.start, appointment.location.timeZone)}.`,
    });
  };

  return { message, pendingIds, move, freeStart, panelCallbacks, added };
}
