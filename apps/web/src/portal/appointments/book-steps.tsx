import type { AppointmentType, Slot } from '@patientdesk/contracts';
import { useEffect, useRef, type ReactNode } from 'react';
import { listPortalSlots } from '../../api/portal-scheduling';
import { useDocumentTitle } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import { plural } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { addDays, formatDay, wallClockOf, type PlainDate } from '../../lib/zoned-time';
import { Link, takeFocusRequest } from '../../router/router';
import { sentenceCase, slotPlace, type Places } from './use-visits';
import { clinicZoneNote, visitTime } from './visit-text';

/** The portal answers at most this many free times at once; a full answer may have cut the last day short. */
const PORTAL_SLOT_LIMIT = 300;
const DAYS_PER_PAGE = 14;

/** A step's heading: the page's one h1, focused when the step appears so a screen reader says where we are. */
export function StepHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    // Every step takes focus (the address's path may not change between steps), consuming the router's request.
    takeFocusRequest();
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

/** Step 1: what kind of visit. */
export function TypeStep({
  types,
  hrefFor,
}: {
  types: AppointmentType[];
  hrefFor: (type: AppointmentType) => string;
}) {
  return (
    <>
      <StepHeading title="Book a visit">What kind of visit?</StepHeading>
      {types.length === 0 ? (
        <p className="lede">No visits can be booked online right now. Please call the clinic.</p>
      ) : (
        <ul className="choice-list">
          {types.map((type) => (
            <li key={type.id}>
              <Link className="choice" to={hrefFor(type)}>
                <span className="choice-title">{type.name}</span>
                <span className="choice-detail">
                  {type.durationMinutes} minutes
                  {type.modality === 'video' ? ' · by video' : ' · at the clinic'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function isoAtStartOf(day: PlainDate | null): string {
  // Half a day early covers every clinic zone west of UTC; the server never offers a time in the past.
  return day
    ? new Date(Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000).toISOString()
    : new Date().toISOString();
}

/** Step 2: which day (only days with a free time), two weeks at a time. */
export function DayStep({
  type,
  after,
  hrefForDay,
  hrefForLater,
}: {
  type: AppointmentType;
  after: PlainDate | null;
  hrefForDay: (day: PlainDate) => string;
  hrefForLater: (after: PlainDate) => string;
}) {
  const slots = useResource(
    (signal) => {
      const from = isoAtStartOf(after);
      const to = new Date(Date.parse(from) + DAYS_PER_PAGE * 86_400_000).toISOString();
      return listPortalSlots({ appointmentTypeId: type.id, from, to }, signal);
    },
    [type.id, after],
  );
  const days = new Map<PlainDate, number>();
  for (const slot of slots.data ?? []) {
    const day = wallClockOf(slot.start).date;
    if (after && day < after) continue;
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  const list = [...days.entries()];
  if ((slots.data?.length ?? 0) >= PORTAL_SLOT_LIMIT) list.pop();
  const last = list.at(-1)?.[0];
  const next = last
    ? addDays(last, 1)
    : addDays(after ?? new Date().toISOString().slice(0, 10), DAYS_PER_PAGE);
  return (
    <>
      <StepHeading title="Choose a day">Which day?</StepHeading>
      <p className="lede">{type.name}: these days have a free time.</p>
      {slots.error ? (
        <LoadError error={slots.error} onRetry={slots.reload} />
      ) : !slots.data ? (
        <Loading label="Finding free days…" />
      ) : (
        <>
          {list.length === 0 ? <p>No free times in these two weeks.</p> : null}
          <ul className="choice-list">
            {list.map(([day, count]) => (
              <li key={day}>
                <Link className="choice" to={hrefForDay(day)}>
                  <span className="choice-title">{formatDay(day, 'long')}</span>
                  <span className="choice-detail">{plural(count, 'free time')}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p>
            <Link className="button large block" to={hrefForLater(next)}>
              Later dates
            </Link>
          </p>
        </>
      )}
    </>
  );
}

const PARTS_OF_DAY = [
  { name: 'Morning', has: (minutes: number) => minutes < 12 * 60 },
  { name: 'Afternoon', has: (minutes: number) => minutes >= 12 * 60 },
] as const;

type Group = { key: string; who: string; where: string; note: string; slots: Slot[] };

/** Step 3: which time that day, grouped by clinician and clinic. */
export function TimeStep({
  type,
  day,
  places,
  hrefForSlot,
}: {
  type: AppointmentType;
  day: PlainDate;
  places: Places;
  hrefForSlot: (slot: Slot) => string;
}) {
  const slots = useResource(
    (signal) =>
      listPortalSlots(
        {
          appointmentTypeId: type.id,
          from: isoAtStartOf(day),
          to: new Date(Date.parse(`${day}T00:00:00Z`) + 38 * 3_600_000).toISOString(),
        },
        signal,
      ),
    [type.id, day],
  );
  const groups = new Map<string, Group>();
  for (const slot of slots.data ?? []) {
    if (wallClockOf(slot.start).date !== day) continue;
    const key = `${slot.providerId}|${slot.locationId}`;
    const place = slotPlace(slot, type, places);
    const group = groups.get(key) ?? {
      key,
      who: sentenceCase(place.who),
      where: place.where,
      note: clinicZoneNote(slot.start, place.timeZone),
      slots: [],
    };
    group.slots.push(slot);
    groups.set(key, group);
  }
  return (
    <>
      <StepHeading title="Choose a time">What time?</StepHeading>
      <p className="lede">
        {type.name} on {formatDay(day, 'long')}
      </p>
      {slots.error ? (
        <LoadError error={slots.error} onRetry={slots.reload} />
      ) : !slots.data ? (
        <Loading label="Finding free times…" />
      ) : groups.size === 0 ? (
        <p>That day has just filled up. Please go back and choose another day.</p>
      ) : (
        [...groups.values()].map((group) => (
          <section key={group.key} className="time-group" aria-label={`${group.who}, ${group.where}`}>
            <h2 className="time-group-title">
              {group.who}
              <span className="time-group-where">
                {group.where}
                {group.note ? ` · times are ${group.note}` : ''}
              </span>
            </h2>
            {PARTS_OF_DAY.map((part) => {
              const slots = group.slots.filter((slot) => part.has(wallClockOf(slot.start).minutes));
              return slots.length === 0 ? null : (
                <div key={part.name}>
                  <h3 className="time-part">{part.name}</h3>
                  <ul className="time-grid">
                    {slots.map((slot) => (
                      <li key={slot.start}>
                        <Link className="time-choice" to={hrefForSlot(slot)}>
                          {visitTime(slot.start)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        ))
      )}
    </>
  );
}
