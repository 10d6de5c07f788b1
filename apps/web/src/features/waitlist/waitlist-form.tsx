import type { AppointmentType, Patient, WaitlistEntry } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { joinWaitlist, type JoinWaitlistRequest } from '../../api/waitlist';
import { Field, SelectField } from '../../components/field';
import { LoadError, Loading } from '../../components/states';
import { TypeAhead } from '../../components/type-ahead';
import { formatPatientName } from '../../lib/format';
import { addDays, browserTimeZone, todayIn } from '../../lib/zoned-time';
import { specialtyLabel } from '../schedule/appointment-labels';
import { useBookingReference } from '../booking/patient-booking';
import { WEEKDAY_ORDER, weekdayName } from './waitlist-labels';

/** How far the window reaches by default: four weeks, which most "anything sooner?" requests mean. */
const DEFAULT_WINDOW_DAYS = 28;

type TimeOfDay = 'any' | 'morning' | 'afternoon' | 'between';
const TIMES_OF_DAY: readonly { value: TimeOfDay; label: string }[] = [
  { value: 'any', label: 'Any time' },
  { value: 'morning', label: 'Mornings' },
  { value: 'afternoon', label: 'Afternoons' },
  { value: 'between', label: 'Between…' },
];

function timeRange(
  choice: TimeOfDay,
  from: string,
  to: string,
): { earliestTime?: string; latestTime?: string } {
  if (choice === 'morning') return { earliestTime: '00:00', latestTime: '11:59' };
  if (choice === 'afternoon') return { earliestTime: '12:00', latestTime: '23:59' };
  if (choice === 'between') return { earliestTime: from, latestTime: to };
  return {};
}

type Errors = Partial<Record<keyof JoinWaitlistRequest | 'form', string>>;

function Segmented<T extends string>({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
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
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Weekdays({ chosen, onChange }: { chosen: number[]; onChange: (days: number[]) => void }) {
  const hintId = useId();
  return (
    <fieldset className="segmented weekday-picker" aria-describedby={hintId}>
      <legend>Days</legend>
      <div className="segmented-options">
        {WEEKDAY_ORDER.map((day) => {
          const checked = chosen.includes(day);
          return (
            <label key={day} className={checked ? 'checked' : undefined}>
              <input
                type="checkbox"
                checked={checked}
                onChange={() =>
                  onChange(checked ? chosen.filter((other) => other !== day) : [...chosen, day].sort())
                }
              />
              {weekdayName(day)}
            </label>
          );
        })}
      </div>
      <span id={hintId} className="field-hint">
        {chosen.length === 0 ? 'None ticked: any day.' : 'Only the ticked days.'}
      </span>
    </fieldset>
  );
}

/**
 * "Add to waitlist" on a patient's record: the kind of visit (type-ahead, Enter), an optional provider and
 * location, the window of dates, days and times of day, and the priority. Enter adds; Escape closes.
 */
export function WaitlistForm({
  patient,
  onAdded,
  onClose,
}: {
  patient: Patient;
  onAdded: (entry: WaitlistEntry) => void;
  onClose: () => void;
}) {
  const reference = useBookingReference();
  const today = todayIn(browserTimeZone());
  const [type, setType] = useState<AppointmentType | null>(null);
  const [providerId, setProviderId] = useState('');
  const [locationId, setLocationId] = useState('');
  const [earliestDate, setEarliestDate] = useState(today);
  const [latestDate, setLatestDate] = useState(addDays(today, DEFAULT_WINDOW_DAYS));
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [timeOfDay, setTimeOfDay] = useState<TimeOfDay>('any');
  const [fromTime, setFromTime] = useState('08:00');
  const [toTime, setToTime] = useState('12:00');
  const [priority, setPriority] = useState<'normal' | 'high'>('normal');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const typeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (reference.data) typeInput.current?.focus();
  }, [reference.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!type) {
      setErrors({ appointmentTypeId: 'Choose a visit type.' });
      typeInput.current?.focus();
      return;
    }
    const request: JoinWaitlistRequest = {
      patientId: patient.id,
      appointmentTypeId: type.id,
      ...(providerId ? { providerId } : {}),
      ...(locationId ? { locationId } : {}),
      earliestDate,
      latestDate,
      ...(weekdays.length > 0 && weekdays.length < 7 ? { weekdays } : {}),
      ...timeRange(timeOfDay, fromTime, toTime),
      ...(note.trim() ? { note: note.trim() } : {}),
      priority,
    };
    setBusy(true);
    setErrors({});
    joinWaitlist(request)
      .then(onAdded)
      .catch((error: unknown) => {
        if (isApiError(error, 409, 'ENTRY_EXISTS')) {
          setErrors({ form: `${formatPatientName(patient)} is already waiting for ${type.name}.` });
        } else if (isApiError(error)) {
          const fields = error.fieldErrors();
          setErrors({ ...fields, form: Object.keys(fields).length > 0 ? undefined : error.message });
        } else {
          setErrors({ form: error instanceof Error ? error.message : 'Adding to the waitlist failed.' });
        }
      })
      .finally(() => setBusy(false));
  };

  const allProviders = reference.data?.directory.providers ?? [];
  const providers = allProviders.filter((provider) => !type || provider.specialty === type.specialty);
  return (
    <section
      className="panel booking-panel waitlist-panel"
      aria-labelledby="waitlist-form-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="waitlist-form-title" className="panel-title">
          Add {formatPatientName(patient)} to the waitlist
        </h2>
        <button type="button" className="button subtle small" onClick={onClose}>
          Close <span className="muted">(Esc)</span>
        </button>
      </div>
      {reference.error ? (
        <LoadError error={reference.error} onRetry={reference.reload} />
      ) : !reference.data ? (
        <Loading label="Loading visit types…" />
      ) : (
        <form className="waitlist-form" onSubmit={submit} noValidate>
          <div className="waitlist-form-row">
            <div className="waitlist-type-field">
              <TypeAhead
                label="Visit type"
                hint="Type to narrow, then Enter."
                items={[...reference.data.types].sort((a, b) => a.name.localeCompare(b.name))}
                keyOf={(item) => item.id}
                textOf={(item) => item.name}
                searchTextOf={(item) => `${item.code} ${specialtyLabel(item.specialty)}`}
                detailOf={(item) => `${item.durationMinutes} min · ${specialtyLabel(item.specialty)}`}
                chosen={type}
                inputRef={typeInput}
                onChoose={(item) => {
                  // Keep a chosen provider who offers the new type; otherwise any provider will do.
                  const keeps = allProviders.some(
                    (provider) => provider.id === providerId && provider.specialty === item.specialty,
                  );
                  if (!keeps) setProviderId('');
                  setType(item);
                  setErrors(({ appointmentTypeId: _, ...rest }) => rest);
                }}
              />
              {errors.appointmentTypeId ? (
                <span className="field-error" role="alert">
                  {errors.appointmentTypeId}
                </span>
              ) : null}
            </div>
            <SelectField
              label="Provider"
              value={providerId}
              onChange={setProviderId}
              options={[
                { value: '', label: 'Any provider' },
                ...providers.map((provider) => ({ value: provider.id, label: provider.displayName })),
              ]}
            />
            <SelectField
              label="Location"
              value={locationId}
              onChange={setLocationId}
              options={[
                { value: '', label: 'Any location' },
                ...reference.data.directory.locations.map((location) => ({
                  value: location.id,
                  label: location.name,
                })),
              ]}
            />
          </div>
          <div className="waitlist-form-row">
            <Field
              label="From"
              type="date"
              value={earliestDate}
              min={today}
              onChange={setEarliestDate}
              error={errors.earliestDate}
              required
            />
            <Field
              label="To"
              type="date"
              value={latestDate}
              min={earliestDate}
              onChange={setLatestDate}
              error={errors.latestDate}
              required
            />
            <Weekdays chosen={weekdays} onChange={setWeekdays} />
          </div>
          <div className="waitlist-form-row">
            <Segmented
              legend="Time of day"
              value={timeOfDay}
              options={TIMES_OF_DAY}
              onChange={setTimeOfDay}
            />
            {timeOfDay === 'between' ? (
              <>
                <Field
                  label="Earliest start"
                  type="time"
                  value={fromTime}
                  onChange={setFromTime}
                  error={errors.earliestTime}
                />
                <Field
                  label="Latest start"
                  type="time"
                  value={toTime}
                  onChange={setToTime}
                  error={errors.latestTime}
                />
              </>
            ) : null}
            <Segmented
              legend="Priority"
              value={priority}
              options={[
                { value: 'normal', label: 'Normal' },
                { value: 'high', label: 'High (clinically urgent)' },
              ]}
              onChange={setPriority}
            />
          </div>
          <Field
            className="waitlist-note-field"
            label="Note for staff (optional)"
            value={note}
            maxLength={500}
            onChange={setNote}
            error={errors.note}
          />
          <div role="alert">{errors.form ? <p className="notice notice-warn">{errors.form}</p> : null}</div>
          <div className="slot-actions">
            <button type="submit" className="button primary" aria-disabled={busy}>
              {busy ? 'Adding…' : 'Add to waitlist'}
            </button>
            <button type="button" className="button subtle" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
