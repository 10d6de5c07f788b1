import { withQuery } from '../../router/router';
import { isPlainDate, type PlainDate } from '../../lib/zoned-time';

/** What the calendar shows, kept in the address so a reload, a link or Back shows the same thing. */

export type ScheduleView = 'location' | 'provider' | 'room';
export type ScheduleSpan = 'day' | 'week';

export type ScheduleState = {
  /** null: today, in the location's zone. */
  date: PlainDate | null;
  span: ScheduleSpan;
  view: ScheduleView;
  locationId: string | null;
  providerId: string | null;
  roomId: string | null;
  showCancelled: boolean;
  /** The appointment open in the side panel. */
  appointmentId: string | null;
};

export const VIEW_LABELS: Record<ScheduleView, string> = {
  location: 'Location',
  provider: 'Provider',
  room: 'Room',
};

export function readScheduleState(search: URLSearchParams): ScheduleState {
  const date = search.get('date');
  const view = search.get('view');
  return {
    date: isPlainDate(date) ? date : null,
    span: search.get('span') === 'week' ? 'week' : 'day',
    view: view === 'provider' || view === 'room' ? view : 'location',
    locationId: search.get('location'),
    providerId: search.get('provider'),
    roomId: search.get('room'),
    showCancelled: search.get('cancelled') === '1',
    appointmentId: search.get('appointment'),
  };
}

/** The schedule's address for a state. */
export function scheduleHref(state: Partial<ScheduleState>): string {
  return withQuery('/desk/schedule', {
    date: state.date ?? null,
    span: state.span === 'week' ? 'week' : null,
    view: state.view && state.view !== 'location' ? state.view : null,
    location: state.locationId ?? null,
    provider: state.view === 'provider' ? (state.providerId ?? null) : null,
    room: state.view === 'room' ? (state.roomId ?? null) : null,
    cancelled: state.showCancelled ? '1' : null,
    appointment: state.appointmentId ?? null,
  });
}
