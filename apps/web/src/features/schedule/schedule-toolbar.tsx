import { useId } from 'react';
import { SelectField } from '../../components/field';
import { LEGEND_STATUSES, STATUS_LABELS, STATUS_MARKS } from './appointment-labels';
import { VIEW_LABELS, type ScheduleSpan, type ScheduleState, type ScheduleView } from './schedule-state';

type Option = { id: string; name: string };

function Segmented<T extends string>({
  legend,
  value,
  options,
  onChange,
  keys,
}: {
  legend: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  keys?: Partial<Record<T, string>>;
}) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend>{legend}</legend>
      <div className="segmented-options">
        {options.map((option) => (
          <label key={option.value} className={value === option.value ? 'checked' : undefined}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              aria-keyshortcuts={keys?.[option.value]}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const VIEWS: readonly { value: ScheduleView; label: string }[] = (
  ['location', 'provider', 'room'] as const
).map((value) => ({ value, label: VIEW_LABELS[value] }));
const SPANS: readonly { value: ScheduleSpan; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
];

/** Date steps, what to show (location, provider or room; day or week), and the cancelled toggle. */
export function ScheduleToolbar({
  state,
  locations,
  providers,
  rooms,
  providerId,
  roomId,
  onChange,
}: {
  state: ScheduleState;
  locations: readonly Option[];
  providers: readonly Option[];
  rooms: readonly Option[];
  providerId: string | null;
  roomId: string | null;
  onChange: (change: Partial<ScheduleState>) => void;
}) {
  return (
    <div className="toolbar schedule-toolbar">
      <SelectField
        label="Location"
        value={state.locationId ?? ''}
        options={locations.map((location) => ({ value: location.id, label: location.name }))}
        onChange={(locationId) => onChange({ locationId, providerId: null, roomId: null })}
      />
      <Segmented legend="View" value={state.view} options={VIEWS} onChange={(view) => onChange({ view })} />
      {state.view === 'provider' ? (
        <SelectField
          label="Provider"
          value={providerId ?? ''}
          options={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
          onChange={(value) => onChange({ providerId: value })}
        />
      ) : null}
      {state.view === 'room' && state.span === 'week' && rooms.length > 0 ? (
        <SelectField
          label="Room"
          value={roomId ?? ''}
          options={rooms.map((room) => ({ value: room.id, label: room.name }))}
          onChange={(value) => onChange({ roomId: value })}
        />
      ) : null}
      <Segmented
        legend="Show"
        value={state.span}
        options={SPANS}
        onChange={(span) => onChange({ span })}
        keys={{ day: 'd', week: 'w' }}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={state.showCancelled}
          onChange={(event) => onChange({ showCancelled: event.target.checked })}
        />
        Show cancelled
      </label>
    </div>
  );
}

/** "New appointment" (n): a patient, a type, then a free time. */
export function NewAppointmentButton({ onNew }: { onNew: () => void }) {
  return (
    <button type="button" className="button primary page-head-action" aria-keyshortcuts="n" onClick={onNew}>
      New appointment{' '}
      <kbd className="key-hint" aria-hidden="true">
        n
      </kbd>
    </button>
  );
}

/** Previous, today, next (a day or a week at a time). */
export function DateSteps({
  span,
  onStep,
  onToday,
}: {
  span: ScheduleSpan;
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
}) {
  const unit = span === 'day' ? 'day' : 'week';
  return (
    <div className="date-steps" role="group" aria-label="Dates">
      <button
        type="button"
        className="button subtle"
        aria-keyshortcuts="ArrowLeft"
        onClick={() => onStep(-1)}
      >
        <span aria-hidden="true">‹</span>
        <span className="vh">Previous {unit}</span>
      </button>
      <button type="button" className="button subtle" aria-keyshortcuts="t" onClick={onToday}>
        Today
      </button>
      <button
        type="button"
        className="button subtle"
        aria-keyshortcuts="ArrowRight"
        onClick={() => onStep(1)}
      >
        <span aria-hidden="true">›</span>
        <span className="vh">Next {unit}</span>
      </button>
    </div>
  );
}

/** What the marks on the blocks mean, and the keys. */
export function ScheduleLegend() {
  return (
    <p className="schedule-legend">
      {LEGEND_STATUSES.map((status) => (
        <span key={status} className={`legend-item appt-badge-${status}`}>
          <span aria-hidden="true">{STATUS_MARKS[status]}</span> {STATUS_LABELS[status]}
        </span>
      ))}
      <span className="legend-keys">
        Keys: <kbd>←</kbd> <kbd>→</kbd> {''}
        move, <kbd>t</kbd> today, <kbd>d</kbd>/<kbd>w</kbd> day/week, <kbd>n</kbd> new, <kbd>Enter</kbd> open
      </span>
    </p>
  );
}
