import {
  WAITLIST_ENTRY_STATUSES,
  WAITLIST_OFFER_STATES,
  type Session,
  type WaitlistEntry,
  type WaitlistEntryStatus,
  type WaitlistOfferState,
} from '@patientdesk/contracts';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import {
  acceptOfferForPatient,
  declineOfferForPatient,
  leaveWaitlist,
  listWaitlistEntries,
} from '../../api/waitlist';
import { SelectField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { plural } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useResource } from '../../lib/use-resource';
import { navigate, useLocation, withQuery } from '../../router/router';
import { can } from '../../session/session';
import { ENTRY_STATUS_LABELS, OFFER_STATE_HELP, OFFER_STATE_LABELS, offerState } from './waitlist-labels';
import { WaitlistTable, type WaitlistAction } from './waitlist-table';

const PAGE_SIZE = 50;
type Message = { kind: 'status' | 'alert'; text: string } | null;
/** The latest offer's state, or none made yet. */
type OfferFilter = WaitlistOfferState | 'none' | '';

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

const STATUS_OPTIONS = WAITLIST_ENTRY_STATUSES.map((value) => ({ value, label: ENTRY_STATUS_LABELS[value] }));
const OFFER_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'none', label: 'No offer yet' },
  ...WAITLIST_OFFER_STATES.map((value) => ({ value, label: OFFER_STATE_LABELS[value] })),
];

function matchesOffer(entry: WaitlistEntry, filter: OfferFilter, now: Date): boolean {
  if (filter === '') return true;
  const latest = entry.offers[0];
  if (filter === 'none') return latest === undefined;
  return latest !== undefined && offerState(latest, now) === filter;
}

function doneMessage(entry: WaitlistEntry, action: WaitlistAction): string {
  if (action === 'accept') return `Booked the offered time for ${entry.patient.name}.`;
  if (action === 'decline') return `Declined the offer for ${entry.patient.name}. They stay on the waitlist.`;
  return `Removed ${entry.patient.name} from the waitlist for ${entry.appointmentType.name}.`;
}

function run(entry: WaitlistEntry, action: WaitlistAction): Promise<WaitlistEntry> {
  const offer = entry.offers[0];
  if (action === 'remove') return leaveWaitlist(entry);
  if (!offer) return Promise.reject(new Error('This entry has no offer to answer.'));
  return action === 'accept' ? acceptOfferForPatient(offer.id) : declineOfferForPatient(offer.id);
}

/** `/desk/waitlist`: who waits for an earlier visit, and each one's latest offer and where it stands. */
export function WaitlistPage({ session }: { session: Session }) {
  const location = useLocation();
  const status: WaitlistEntryStatus =
    pick(location.search.get('status'), WAITLIST_ENTRY_STATUSES) ?? 'active';
  const offerFilter: OfferFilter =
    pick(location.search.get('offer'), [...WAITLIST_OFFER_STATES, 'none'] as const) ?? '';
  const now = useNow(30_000);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const page = useResource((signal) => listWaitlistEntries({ status, limit: PAGE_SIZE }, signal), [status]);

  const [loadingMore, setLoadingMore] = useState(false);

  const setFilter = (name: 'status' | 'offer', value: string) => {
    setMessage(null);
    const next = { status: status as string, offer: offerFilter as string, [name]: value };
    navigate(
      withQuery('/desk/waitlist', {
        status: next.status === 'active' ? null : next.status,
        offer: next.offer || null,
      }),
      { replace: true },
    );
  };

  const loadMore = (cursor: string) => {
    setLoadingMore(true);
    listWaitlistEntries({ status, limit: PAGE_SIZE, cursor })
      .then((next) =>
        page.update((current) => ({ items: [...current.items, ...next.items], nextCursor: next.nextCursor })),
      )
      .catch((error: unknown) =>
        setMessage({ kind: 'alert', text: error instanceof Error ? error.message : 'Loading more failed.' }),
      )
      .finally(() => setLoadingMore(false));
  };

  const onAction = (entry: WaitlistEntry, action: WaitlistAction) => {
    setBusyId(entry.id);
    setMessage(null);
    run(entry, action)
      .then(() => {
        page.reload();
        setMessage({ kind: 'status', text: doneMessage(entry, action) });
      })
      .catch((error: unknown) => {
        if (isApiError(error, 412)) {
          page.reload();
          setMessage({
            kind: 'alert',
            text: `Someone else changed ${entry.patient.name}’s entry meanwhile. The list has been reloaded.`,
          });
        } else if (isApiError(error, 409)) {
          page.reload();
          setMessage({ kind: 'alert', text: `${error.message} The list has been reloaded.` });
        } else {
          setMessage({ kind: 'alert', text: error instanceof Error ? error.message : 'The change failed.' });
        }
      })
      .finally(() => setBusyId(null));
  };

  const loaded = page.data?.items ?? [];
  const items = loaded.filter((entry) => matchesOffer(entry, offerFilter, now));
  const openOffers = loaded.filter((entry) => entry.offers[0] && offerState(entry.offers[0], now) === 'open');
  return (
    <div className="page">
      <div className="page-head">
        <PageHeading title="Waitlist">Waitlist</PageHeading>
        <p className="page-head-note">
          {page.data
            ? `${plural(loaded.length, 'entry', 'entries')}${page.data.nextCursor ? ' so far' : ''}${status === 'active' ? `, ${plural(openOffers.length, 'offer')} waiting for an answer` : ''} · high priority first, then longest waiting`
            : '\u00a0'}
        </p>
      </div>
      <div className="toolbar">
        <SelectField
          label="Entries"
          value={status}
          options={STATUS_OPTIONS}
          onChange={(value) => setFilter('status', value)}
        />
        <SelectField
          label="Latest offer"
          value={offerFilter}
          options={OFFER_OPTIONS}
          onChange={(value) => setFilter('offer', value)}
        />
        {offerFilter && offerFilter !== 'none' ? (
          <p className="toolbar-help muted">{OFFER_STATE_HELP[offerFilter]}</p>
        ) : null}
        <div className="toolbar-end">
          <button type="button" className="button subtle" onClick={page.reload} aria-disabled={page.loading}>
            {page.loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <div className="message-slot">
        <div role="status">
          {message?.kind === 'status' ? <p className="notice notice-ok">{message.text}</p> : null}
        </div>
        <div role="alert">
          {message?.kind === 'alert' ? <p className="notice notice-warn">{message.text}</p> : null}
        </div>
      </div>
      {page.error ? (
        <LoadError error={page.error} onRetry={page.reload} />
      ) : !page.data ? (
        <Loading label="Loading the waitlist…" />
      ) : items.length === 0 ? (
        loaded.length > 0 ? (
          <EmptyState title="No entries match this filter">
            <button type="button" className="button" onClick={() => setFilter('offer', '')}>
              Show every offer state
            </button>
          </EmptyState>
        ) : (
          <EmptyState title={status === 'active' ? 'Nobody is waiting' : 'No entries here'}>
            <p>
              Put a patient on the waitlist from their record (“Add to waitlist”). When a matching time opens
              up, PatientDesk offers it to the first patients in line by text or email; their answers show
              here.
            </p>
          </EmptyState>
        )
      ) : (
        <WaitlistTable
          entries={items}
          now={now}
          canWrite={can(session, 'appointments:write')}
          busyId={busyId}
          onAction={onAction}
        />
      )}
      {page.data?.nextCursor ? (
        <p className="load-more">
          <button
            type="button"
            className="button"
            aria-disabled={loadingMore}
            onClick={() => {
              if (!loadingMore && page.data?.nextCursor) loadMore(page.data.nextCursor);
            }}
          >
            {loadingMore ? 'Loading…' : 'Show more'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
