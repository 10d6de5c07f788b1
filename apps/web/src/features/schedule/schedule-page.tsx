import type { Appointment, Session } from '@patientdesk/contracts';
import { useId, useState } from 'react';
import { PageHeading } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import { useShortcuts } from '../../lib/keyboard';
import { useNow } from '../../lib/use-now';
import {
  addDays,
  formatDay,
  localDate,
  startOfWeek,
  todayIn,
  zoneName,
  zonedParts,
} from '../../lib/zoned-time';
import { navigate, useLocation } from '../../router/router';
import { can } from '../../session/session';
import { AppointmentPanel } from './appointment-panel';
import { CalendarGrid } from './calendar-grid';
import { NewAppointmentPanel, type NewAppointmentStart } from './new-appointment-panel';
import { buildColumns, hourRange, providersAtLocation, roomsInAppointments } from './schedule-layout';
import { readScheduleState, scheduleHref, type ScheduleState } from './schedule-state';
import { DateSteps, NewAppointmentButton, ScheduleLegend, ScheduleToolbar } from './schedule-toolbar';
import { useScheduleChanges, type Message } from './use-schedule-changes';
import {
  chooseLocation,
  scheduleData,
  shownDate,
  useReference,
  useWeekAppointments,
} from './use-schedule-data';

function MessageSlot({ message }: { message: Message }) {
  return (
    <div className="message-slot">
      <div role="status">
        {message?.kind === 'status' ? <p className="notice notice-ok">{message.text}</p> : null}
      </div>
      <div role="alert">
        {message?.kind === 'alert' ? <p className="notice notice-warn">{message.text}</p> : null}
      </div>
    </div>
  );
}

/** `/desk/schedule`: the calendar by location, provider or room, a day or a week at a time. */
export function SchedulePage({ session }: { session: Session }) {
  const location = useLocation();
  const state = readScheduleState(location.search);
  const reference = useReference();
  const now = useNow();
  const panelId = useId();
  const canWrite = can(session, 'appointments:write');
  const [newStart, setNewStart] = useState<NewAppointmentStart | null>(null);

  const place = reference.data ? chooseLocation(reference.data.directory, state.locationId) : null;
  const timeZone = place?.timeZone ?? 'UTC';
  const date = shownDate(state, timeZone);
  const week = useWeekAppointments(place?.id ?? null, timeZone, date);

  const setState = (change: Partial<ScheduleState>) =>
    navigate(scheduleHref({ ...state, locationId: place?.id ?? null, ...change }), { replace: true });
  const show = (appointment: Appointment | null) => {
    if (appointment) setNewStart(null);
    setState(
      appointment
        ? { appointmentId: appointment.id, date: localDate(appointment.start, timeZone) }
        : { appointmentId: null },
    );
  };
  const changes = useScheduleChanges({ week, timeZone, selectedId: state.appointmentId, show });

  const step = (direction: -1 | 1) =>
    setState({ date: addDays(date, direction * (state.span === 'day' ? 1 : 7)) });
  const startNew = (start: NewAppointmentStart) => {
    setState({ appointmentId: null });
    setNewStart(start);
  };
  useShortcuts((event) => {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => step(-1),
      ArrowRight: () => step(1),
      t: () => setState({ date: null }),
      d: () => setState({ span: 'day' }),
      w: () => setState({ span: 'week' }),
      ...(canWrite
        ? {
            n: () => startNew({ providerId: null, locationId: place?.id ?? null, from: null, summary: null }),
          }
        : {}),
    };
    const action = actions[event.key];
    action?.();
    return action !== undefined;
  }, reference.data !== null);

  if (reference.error) return <LoadError error={reference.error} onRetry={reference.reload} />;
  if (!reference.data || !place) return <Loading label="Loading the schedule…" />;

  const data = scheduleData(reference.data, place.id, timeZone, week.data ?? []);
  const providers = providersAtLocation(data);
  const rooms = roomsInAppointments(data.appointments);
  const providerId =
    providers.find((provider) => provider.id === state.providerId)?.id ?? providers[0]?.id ?? null;
  const roomId = rooms.find((room) => room.id === state.roomId)?.id ?? rooms[0]?.id ?? null;
  const effective = { ...state, providerId, roomId };
  const columns = buildColumns(effective, date, data);
  const range = hourRange(columns);
  const today = todayIn(timeZone, now);
  const monday = startOfWeek(date);
  const dateLabel = state.span === 'day' ? formatDay(date, 'full') : `Week of ${formatDay(monday, 'full')}`;
  const whose =
    state.view === 'provider'
      ? providers.find((provider) => provider.id === providerId)?.displayName
      : state.view === 'room' && state.span === 'week'
        ? rooms.find((room) => room.id === roomId)?.name
        : null;
  const selected = week.data?.find((appointment) => appointment.id === state.appointmentId) ?? null;
  const panelOpen = selected !== null || newStart !== null;

  return (
    <div className="page schedule-page">
      <div className="page-head">
        <PageHeading title="Schedule">Schedule</PageHeading>
        <DateSteps span={state.span} onStep={step} onToday={() => setState({ date: null })} />
        <p className="page-head-note" aria-live="polite">
          <strong className="schedule-date">{dateLabel}</strong> · {place.name}
          {whose ? ` · ${whose}` : ''} · times in {zoneName(timeZone)}
        </p>
        {canWrite ? (
          <NewAppointmentButton
            onNew={() => startNew({ providerId: null, locationId: place.id, from: null, summary: null })}
          />
        ) : null}
      </div>
      <ScheduleToolbar
        state={{ ...state, locationId: place.id }}
        locations={reference.data.directory.locations.map((item) => ({ id: item.id, name: item.name }))}
        providers={providers.map((provider) => ({ id: provider.id, name: provider.displayName }))}
        rooms={rooms}
        providerId={providerId}
        roomId={roomId}
        onChange={setState}
      />
      <ScheduleLegend />
      <MessageSlot message={changes.message} />
      {week.error ? <LoadError error={week.error} onRetry={week.reload} /> : null}
      <div className={panelOpen ? 'schedule-body with-panel' : 'schedule-body'}>
        <div className="schedule-main" aria-busy={week.loading}>
          {!week.data ? (
            <Loading label="Loading appointments…" />
          ) : columns.length === 0 ? (
            <p className="empty schedule-empty">
              {state.view === 'room'
                ? 'No appointment this week has a room at this location yet.'
                : `Nobody works at ${place.name} on ${formatDay(date, 'long')}.`}
            </p>
          ) : (
            <CalendarGrid
              label={`Calendar, ${dateLabel}`}
              columns={columns}
              range={range}
              zoneLabel={zoneName(timeZone).replace(/ Time$/, '')}
              today={today}
              nowMinutes={zonedParts(now, timeZone).minutes}
              selectedId={state.appointmentId}
              pendingIds={changes.pendingIds}
              panelId={panelId}
              canWrite={canWrite}
              onOpen={show}
              onMove={changes.move}
              onFree={(column, minutes) =>
                startNew(changes.freeStart(column, minutes, place.id, reference.data?.directory))
              }
            />
          )}
        </div>
        {selected ? (
          <AppointmentPanel
            id={panelId}
            appointment={selected}
            type={reference.data.types.find((type) => type.id === selected.appointmentType.id)}
            directory={reference.data.directory}
            canWrite={canWrite}
            callbacks={changes.panelCallbacks}
          />
        ) : newStart ? (
          <NewAppointmentPanel
            id={panelId}
            start={newStart}
            directory={reference.data.directory}
            types={reference.data.types}
            onBooked={changes.added}
            onClose={() => setNewStart(null)}
          />
        ) : null}
      </div>
    </div>
  );
}
