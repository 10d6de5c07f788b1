import type { Slot } from '@patientdesk/contracts';
import { useEffect, useId, type KeyboardEvent, type Ref } from 'react';
import type { Directory } from '../../api/scheduling';
import { formatDay, formatTime, localDate, zoneAbbreviation } from '../../lib/zoned-time';

/** A free slot with the names and zone it is shown with. */
export type NamedSlot = Slot & { providerName: string; locationName: string; timeZone: string };

/** Adds the directory's names and the location's time zone to slots. */
export function nameSlots(slots: readonly Slot[], directory: Directory): NamedSlot[] {
  return slots.map((slot) => {
    const location = directory.locations.find((candidate) => candidate.id === slot.locationId);
    return {
      ...slot,
      providerName:
        directory.providers.find((candidate) => candidate.id === slot.providerId)?.displayName ?? 'Provider',
      locationName: location?.name ?? 'Location',
      timeZone: location?.timeZone ?? 'UTC',
    };
  });
}

/**
 * Free times as a listbox: the arrow keys move, Enter (or a double click) takes the highlighted time, Page Down
 * and Page Up ask for later and earlier times. Each time shows in its location's own zone.
 */
export function SlotList({
  slots,
  label,
  active,
  onActive,
  listRef,
  onChoose,
  onLater,
  onEarlier,
}: {
  slots: readonly NamedSlot[];
  label: string;
  active: number;
  onActive: (index: number) => void;
  listRef?: Ref<HTMLUListElement>;
  onChoose: (slot: NamedSlot) => void;
  onLater?: () => void;
  onEarlier?: () => void;
}) {
  const id = useId();
  const current = slots[Math.min(active, slots.length - 1)];

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = slots.length - 1;
    const moves: Record<string, () => void> = {
      ArrowDown: () => onActive(Math.min(last, active + 1)),
      ArrowUp: () => onActive(Math.max(0, active - 1)),
      Home: () => onActive(0),
      End: () => onActive(last),
      PageDown: () => onLater?.(),
      PageUp: () => onEarlier?.(),
      Enter: () => {
        if (current) onChoose(current);
      },
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  useEffect(() => {
    document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  let previousDay = '';
  return (
    <ul
      ref={listRef}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={current ? `${id}-${Math.min(active, slots.length - 1)}` : undefined}
      className="slot-list"
      onKeyDown={onKeyDown}
    >
      {slots.map((slot, index) => {
        const day = localDate(slot.start, slot.timeZone);
        const newDay = day !== previousDay;
        previousDay = day;
        return (
          <li
            key={`${slot.start}|${slot.providerId}|${slot.locationId}`}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            className={['slot-option', index === active ? 'active' : '', newDay ? 'new-day' : ''].join(' ')}
            onClick={() => onActive(index)}
            onDoubleClick={() => onChoose(slot)}
          >
            {/* The day shows once per day; a screen reader hears it on every time (the name is the text). */}
            {newDay ? null : <span className="slot-day-blank" aria-hidden="true" />}
            <span className={newDay ? 'slot-day' : 'vh'}>{formatDay(day)}</span>
            <span className="vh">, </span>
            <span className="slot-time">
              {formatTime(slot.start, slot.timeZone)}{' '}
              <span className="slot-zone">{zoneAbbreviation(slot.start, slot.timeZone)}</span>
            </span>
            <span className="vh"> with </span>
            <span className="slot-provider">{slot.providerName}</span>
            <span className="vh"> at </span>
            <span className="slot-location">{slot.locationName}</span>
          </li>
        );
      })}
    </ul>
  );
}
