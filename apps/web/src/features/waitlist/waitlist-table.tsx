import type { WaitlistEntry, WaitlistOffer } from '@patientdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { TableWrap } from '../../components/table-wrap';
import { formatDateTime, formatRelative } from '../../lib/format';
import { moveBetweenRowLinks } from '../../lib/row-keys';
import { formatTime, localDate } from '../../lib/zoned-time';
import { Link } from '../../router/router';
import {
  OFFER_CHANNEL_LABELS,
  OFFER_STATE_HELP,
  OFFER_STATE_LABELS,
  offerScheduleHref,
  offerState,
  offerWhen,
  windowDates,
  windowDays,
} from './waitlist-labels';

export type WaitlistAction = 'accept' | 'decline' | 'remove';

/** When an offer was answered or closed, or until when it is open. */
function OfferClock({ offer, now }: { offer: WaitlistOffer; now: Date }) {
  const state = offerState(offer, now);
  const zone = offer.location.timeZone;
  const sameDay = localDate(offer.expiresAt, zone) === localDate(now, zone);
  if (state === 'open') {
    return (
      <span className="cell-sub offer-expires">
        Expires {sameDay ? formatTime(offer.expiresAt, zone) : formatDateTime(offer.expiresAt, now)} (
        {formatRelative(offer.expiresAt, now)})
      </span>
    );
  }
  if (state === 'expired') {
    return <span className="cell-sub">Expired {formatDateTime(offer.expiresAt, now)}</span>;
  }
  return offer.respondedAt ? (
    <span className="cell-sub">Answered {formatDateTime(offer.respondedAt, now)}</span>
  ) : null;
}

type RowProps = {
  entry: WaitlistEntry;
  now: Date;
  canWrite: boolean;
  busy: boolean;
  onAction: (entry: WaitlistEntry, action: WaitlistAction) => void;
};

/** The latest offer: its state, how it went out, the time offered, its clock, and the desk's answers by phone. */
function LatestOffer({ entry, now, canWrite, busy, onAction }: RowProps) {
  const [offer, ...earlier] = entry.offers;
  if (!offer) return <span className="muted">None yet</span>;
  const state = offerState(offer, now);
  const answerable = canWrite && state === 'open' && entry.status === 'active';
  return (
    <>
      <span className="offer-head">
        <span className={`badge offer-${state}`} title={OFFER_STATE_HELP[state]}>
          {OFFER_STATE_LABELS[state]}
        </span>
        <span className={offer.channel === 'phone' && state === 'open' ? 'offer-call' : 'muted'}>
          {OFFER_CHANNEL_LABELS[offer.channel]}
        </span>
      </span>
      <span className="offer-time">
        {state === 'accepted' ? (
          <Link to={offerScheduleHref(offer)}>{offerWhen(offer)}</Link>
        ) : (
          offerWhen(offer)
        )}{' '}
        <span className="muted">· {offer.provider.name}</span>
      </span>
      <OfferClock offer={offer} now={now} />
      {earlier.length > 0 ? (
        <span className="cell-sub">
          {earlier.length} earlier {earlier.length === 1 ? 'offer' : 'offers'}
        </span>
      ) : null}
      {answerable ? (
        <span className="row-actions offer-answers">
          <button
            type="button"
            className="button small"
            aria-disabled={busy}
            aria-label={`Book it: ${entry.patient.name}`}
            title="The patient said yes (by phone): book the offered time"
            onClick={() => {
              if (!busy) onAction(entry, 'accept');
            }}
          >
            Book it
          </button>
          <button
            type="button"
            className="button small subtle"
            aria-disabled={busy}
            aria-label={`Decline: ${entry.patient.name}`}
            title="The patient said no thanks (by phone): they stay on the waitlist"
            onClick={() => {
              if (!busy) onAction(entry, 'decline');
            }}
          >
            Decline
          </button>
        </span>
      ) : null}
    </>
  );
}

/** "Remove…", then "Remove" or "Keep": taking someone off the list is asked twice. */
function RemoveAction({ entry, busy, onAction }: Omit<RowProps, 'now' | 'canWrite'>) {
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question: onto "Remove" when it is asked, back to "Remove…" when the answer is "Keep".
  useEffect(() => {
    if (confirming) removeButton.current?.focus();
    else if (asked.current) askButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  if (entry.status !== 'active') return null;
  if (!confirming) {
    return (
      <button
        ref={askButton}
        type="button"
        className="button small subtle"
        aria-label={`Remove: ${entry.patient.name}`}
        onClick={() => setConfirming(true)}
      >
        Remove…
      </button>
    );
  }
  return (
    <span
      className="row-actions"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setConfirming(false);
      }}
    >
      <button
        ref={removeButton}
        type="button"
        className="button small danger"
        aria-disabled={busy}
        aria-label={`Remove from the waitlist: ${entry.patient.name}`}
        onClick={() => {
          if (!busy) onAction(entry, 'remove');
        }}
      >
        {busy ? 'Removing…' : 'Remove'}
      </button>
      <button
        type="button"
        className="button small subtle"
        aria-label={`Keep on the waitlist: ${entry.patient.name}`}
        onClick={() => setConfirming(false)}
      >
        Keep
      </button>
    </span>
  );
}

type Props = {
  entries: WaitlistEntry[];
  now: Date;
  canWrite: boolean;
  busyId: string | null;
  onAction: (entry: WaitlistEntry, action: WaitlistAction) => void;
};

/** The waitlist as a dense table, in its order: high priority first, then who has waited longest. */
export function WaitlistTable({ entries, now, canWrite, busyId, onAction }: Props) {
  const showActions = canWrite && entries.some((entry) => entry.status === 'active');
  return (
    <TableWrap label="Waitlist">
      <table className="data-table waitlist-table">
        <caption className="vh">Waitlist entries, high priority first, then longest waiting</caption>
        <thead>
          <tr>
            <th scope="col" className="col-patient">
              Patient
            </th>
            <th scope="col">Waiting for</th>
            <th scope="col" className="col-window">
              Window
            </th>
            <th scope="col" className="col-priority">
              Priority
            </th>
            <th scope="col" className="col-since">
              Since
            </th>
            <th scope="col" className="col-offer">
              Latest offer
            </th>
            {showActions ? (
              <th scope="col" className="col-action">
                <span className="vh">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody onKeyDown={moveBetweenRowLinks}>
          {entries.map((entry) => (
            <tr key={entry.id} data-entry-id={entry.id}>
              <th scope="row">
                <Link to={`/desk/patients/${entry.patient.id}`} className="row-link">
                  {entry.patient.name}
                </Link>
                <span className="cell-sub">MRN {entry.patient.mrn}</span>
              </th>
              <td>
                <span className="waitlist-type">{entry.appointmentType.name}</span>
                <span className="cell-sub">
                  {entry.provider?.name ?? 'Any provider'} · {entry.location?.name ?? 'Any location'}
                </span>
                {entry.note ? <span className="cell-sub waitlist-note">“{entry.note}”</span> : null}
              </td>
              <td>
                <span className="nowrap">{windowDates(entry, now)}</span>
                <span className="cell-sub">{windowDays(entry)}</span>
              </td>
              <td>
                <span className={`badge priority-${entry.priority}`}>
                  {entry.priority === 'high' ? 'High' : 'Normal'}
                </span>
              </td>
              <td>
                <span className="nowrap" title={formatDateTime(entry.createdAt, now)}>
                  {formatRelative(entry.createdAt, now)}
                </span>
                <span className="cell-sub">
                  {entry.createdVia === 'portal' ? 'Portal' : (entry.createdBy?.name ?? 'Desk')}
                </span>
              </td>
              <td className="cell-offer">
                <LatestOffer
                  entry={entry}
                  now={now}
                  canWrite={canWrite}
                  busy={busyId === entry.id}
                  onAction={onAction}
                />
              </td>
              {showActions ? (
                <td className="cell-action">
                  <RemoveAction entry={entry} busy={busyId === entry.id} onAction={onAction} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
