import type { AppointmentType } from '@patientdesk/contracts';
import { useEffect, useRef, useState, type Ref } from 'react';
import { firstAvailableSlots, type Directory } from '../../api/scheduling';
import { SelectField } from '../../components/field';
import { LoadError, Loading } from '../../components/states';
import { TypeAhead } from '../../components/type-ahead';
import { useResource } from '../../lib/use-resource';
import { specialtyLabel } from '../schedule/appointment-labels';
import { nameSlots, SlotList, type NamedSlot } from './slot-list';

const PAGE_SIZE = 10;
const SEARCH_DAYS = 30;

type SlotFinderProps = {
  directory: Directory;
  /** The types to choose from; with `fixedType`, the type is given (moving an appointment). */
  types: readonly AppointmentType[];
  fixedType?: AppointmentType;
  initialProviderId?: string | null;
  initialLocationId?: string | null;
  /** Look from this instant (ISO); now when absent. */
  from?: string | null;
  /** Bumped by the parent to look again (after a time was taken). */
  refreshKey: number;
  chooseLabel: string;
  busy: boolean;
  typeInputRef?: Ref<HTMLInputElement>;
  onChoose: (slot: NamedSlot, type: AppointmentType) => void;
};

/**
 * Finds a free time: a type (type-ahead), an optional provider and location, then the first free times across
 * everyone who offers it, ten at a time. Keyboard: type, Enter, then the arrow keys and Enter on a time.
 */
export function SlotFinder(props: SlotFinderProps) {
  const { directory } = props;
  const [type, setType] = useState<AppointmentType | null>(props.fixedType ?? null);
  const [providerId, setProviderId] = useState(props.initialProviderId ?? '');
  const [locationId, setLocationId] = useState(props.initialLocationId ?? '');
  const [pages, setPages] = useState<(string | null)[]>([props.from ?? null]);
  const [active, setActive] = useState(0);
  const focusList = useRef(false);
  const list = useRef<HTMLUListElement>(null);
  const from = pages.at(-1) ?? null;

  const slots = useResource(
    (signal) =>
      type
        ? firstAvailableSlots(
            {
              appointmentTypeId: type.id,
              providerId: providerId || undefined,
              locationId: locationId || undefined,
              from: from ?? undefined,
              days: SEARCH_DAYS,
              limit: PAGE_SIZE,
            },
            signal,
          ).then((items) => nameSlots(items, directory))
        : Promise.resolve(null),
    [type?.id, providerId, locationId, from, props.refreshKey],
  );
  const items = slots.data ?? [];

  useEffect(() => {
    setActive(0);
    if (slots.data && focusList.current) {
      focusList.current = false;
      list.current?.focus();
    }
  }, [slots.data]);

  const restart = () => setPages([props.from ?? null]);
  const later = () => {
    const last = items.at(-1);
    const base = last ? Date.parse(last.start) : Date.parse(from ?? new Date().toISOString());
    const next = new Date(base + (last ? 60_000 : SEARCH_DAYS * 86_400_000)).toISOString();
    focusList.current = document.activeElement === list.current;
    setPages((stack) => [...stack, next]);
  };
  const earlier = () => {
    if (pages.length <= 1) return;
    focusList.current = document.activeElement === list.current;
    setPages((stack) => stack.slice(0, -1));
  };

  const providers = type
    ? directory.providers.filter((provider) => provider.specialty === type.specialty)
    : directory.providers;
  const chosen = items[Math.min(active, items.length - 1)];
  return (
    <div className="slot-finder">
      <div className="slot-filters">
        {props.fixedType ? (
          <p className="slot-fixed-type">
            <span className="meta-label">Visit</span> {props.fixedType.name}
          </p>
        ) : (
          <TypeAhead
            label="Visit type"
            hint="Type to narrow, then Enter."
            items={[...props.types].sort((a, b) => a.name.localeCompare(b.name))}
            keyOf={(item) => item.id}
            textOf={(item) => item.name}
            searchTextOf={(item) => `${item.code} ${specialtyLabel(item.specialty)}`}
            detailOf={(item) => `${item.durationMinutes} min · ${specialtyLabel(item.specialty)}`}
            chosen={type}
            inputRef={props.typeInputRef}
            onChoose={(item) => {
              focusList.current = true;
              // Keep a chosen provider who offers the new type; otherwise look across everyone.
              const keeps = directory.providers.some(
                (provider) => provider.id === providerId && provider.specialty === item.specialty,
              );
              if (!keeps) setProviderId('');
              setType(item);
              restart();
            }}
          />
        )}
        <SelectField
          label="Provider"
          value={providerId}
          onChange={(value) => {
            setProviderId(value);
            restart();
          }}
          options={[
            { value: '', label: 'Any provider' },
            ...providers.map((provider) => ({ value: provider.id, label: provider.displayName })),
          ]}
        />
        <SelectField
          label="Location"
          value={locationId}
          onChange={(value) => {
            setLocationId(value);
            restart();
          }}
          options={[
            { value: '', label: 'Any location' },
            ...directory.locations.map((location) => ({ value: location.id, label: location.name })),
          ]}
        />
      </div>
      {!type ? (
        <p className="muted">Choose a visit type to see the first free times.</p>
      ) : slots.error ? (
        <LoadError error={slots.error} onRetry={slots.reload} />
      ) : !slots.data ? (
        <Loading label="Finding free times…" />
      ) : (
        <>
          <p className="slot-caption">
            {items.length === 0
              ? `No free times in these ${SEARCH_DAYS} days. Try another provider or location, or look later.`
              : `First free times${pages.length > 1 ? ' (later page)' : ''}: ↑ ↓ to move, Enter to ${props.chooseLabel.toLowerCase()}, Page Down for later.`}
          </p>
          {items.length > 0 ? (
            <SlotList
              slots={items}
              label={`Free times for ${type.name}`}
              active={active}
              onActive={setActive}
              listRef={list}
              onChoose={(slot) => {
                if (!props.busy) props.onChoose(slot, type);
              }}
              onLater={later}
              onEarlier={earlier}
            />
          ) : null}
          <div className="slot-actions">
            {chosen ? (
              <button
                type="button"
                className="button primary"
                aria-disabled={props.busy}
                onClick={() => {
                  if (!props.busy) props.onChoose(chosen, type);
                }}
              >
                {props.busy ? 'Working…' : props.chooseLabel}
              </button>
            ) : null}
            <button type="button" className="button subtle" onClick={earlier} disabled={pages.length <= 1}>
              Earlier
            </button>
            <button type="button" className="button subtle" onClick={later}>
              Later
            </button>
          </div>
        </>
      )}
    </div>
  );
}
