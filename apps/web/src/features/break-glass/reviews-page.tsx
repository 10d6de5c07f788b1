import {
  BREAK_GLASS_REASON_LABELS,
  RESTRICTION_KIND_LABELS,
  ROLE_LABELS,
  type BreakGlassGrantReview,
  type Session,
} from '@patientdesk/contracts';
import { Fragment, useRef, useState } from 'react';
import { listBreakGlassGrants } from '../../api/confidentiality';
import { PageHeading } from '../../components/page-heading';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { formatDateTime, formatPreciseDateTime, plural } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useResource } from '../../lib/use-resource';
import { navigate, useLocation, withQuery } from '../../router/router';
import { ReviewForm } from './review-form';

const TIME = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

function AccessState({ grant, now }: { grant: BreakGlassGrantReview; now: Date }) {
  if (grant.revokedAt) return <span className="badge outcome-denied">Ended by review</span>;
  if (grant.active && new Date(grant.expiresAt) > now)
    return <span className="badge access-active">Open until {TIME.format(new Date(grant.expiresAt))}</span>;
  return <span className="badge">Ended {formatDateTime(grant.expiresAt, now)}</span>;
}

function ReviewCell({
  grant,
  self,
  expanded,
  onOpen,
  buttonRef,
}: {
  grant: BreakGlassGrantReview;
  self: boolean;
  expanded: boolean;
  onOpen: () => void;
  buttonRef: (element: HTMLButtonElement | null) => void;
}) {
  if (grant.review) {
    return (
      <>
        <span className={`badge review-${grant.review.outcome}`}>
          {grant.review.outcome === 'appropriate' ? 'Appropriate' : 'Inappropriate'}
        </span>
        {grant.review.note ? <span className="cell-sub">“{grant.review.note}”</span> : null}
        <span className="cell-sub">
          {grant.review.by.name}, {formatDateTime(grant.review.at)}
        </span>
      </>
    );
  }
  if (self) return <span className="muted">Your own access: another supervisor reviews it.</span>;
  return (
    <button
      ref={buttonRef}
      type="button"
      className="button small"
      aria-expanded={expanded}
      aria-label={`Review ${grant.actor.name}’s access to ${grant.patient.name}`}
      onClick={onOpen}
    >
      Review…
    </button>
  );
}

/**
 * `/desk/break-glass-reviews`: every time someone opened a restricted record by breaking the glass, oldest
 * unreviewed first, with who, which record, why in their words, and whether the access is still open. A supervisor
 * marks each one appropriate or inappropriate (with a note); they cannot review their own.
 */
export function BreakGlassReviewsPage({ session }: { session: Session }) {
  const location = useLocation();
  const showAll = location.search.get('show') === 'all';
  const grants = useResource(
    (signal) => listBreakGlassGrants(showAll ? { limit: 100 } : { reviewed: 'false', limit: 100 }, signal),
    [showAll],
  );
  const now = useNow(30_000);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const heading = useRef<HTMLHeadingElement>(null);

  const close = (id: string) => {
    setOpen(null);
    buttons.current.get(id)?.focus();
  };
  const reviewed = (grant: BreakGlassGrantReview) => {
    setOpen(null);
    setDone(
      `Review saved: ${grant.actor.name}’s access to ${grant.patient.name} marked ${grant.review?.outcome ?? 'reviewed'}${grant.revokedAt ? ', and ended' : ''}.`,
    );
    grants.update((page) => ({
      ...page,
      items: showAll
        ? page.items.map((item) => (item.id === grant.id ? grant : item))
        : page.items.filter((item) => item.id !== grant.id),
    }));
    // After the list is drawn again: its count, or the page when nothing is left to review.
    window.requestAnimationFrame(() => (heading.current ?? document.getElementById('main'))?.focus());
  };

  const items = grants.data?.items ?? [];
  return (
    <div className="page">
      <PageHeading title="Break-the-glass reviews">Break-the-glass reviews</PageHeading>
      <p className="lede">
        Each time someone opened a restricted record without being on the patient’s care team. Review each
        within 72 hours.
      </p>
      <div className="toolbar" role="group" aria-label="Which accesses">
        <fieldset className="segmented">
          <legend>Show</legend>
          <div className="segmented-options">
            {[
              { value: false, label: 'To review' },
              { value: true, label: 'All' },
            ].map((option) => (
              <label key={option.label} className={showAll === option.value ? 'checked' : undefined}>
                <input
                  type="radio"
                  name="grant-filter"
                  checked={showAll === option.value}
                  onChange={() => {
                    setDone(null);
                    navigate(withQuery('/desk/break-glass-reviews', { show: option.value ? 'all' : null }));
                  }}
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div role="status" className="message-slot">
        {done ? <p className="notice notice-ok">{done}</p> : null}
      </div>
      {grants.error ? (
        <LoadError error={grants.error} onRetry={grants.reload} />
      ) : !grants.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={showAll ? 'No one has broken the glass yet' : 'Nothing to review'}>
          <p>When someone opens a restricted record by breaking the glass, it appears here for review.</p>
        </EmptyState>
      ) : (
        <>
          <h2 ref={heading} tabIndex={-1} className="result-count">
            {showAll
              ? plural(items.length, 'access', 'accesses')
              : `${plural(items.length, 'access', 'accesses')} to review, oldest first`}
          </h2>
          <TableWrap label="Break-the-glass accesses">
            <table className="data-table grants-table">
              <caption className="vh">Break-the-glass accesses{showAll ? '' : ' waiting for review'}</caption>
              <thead>
                <tr>
                  <th scope="col">Opened</th>
                  <th scope="col">By</th>
                  <th scope="col">Record</th>
                  <th scope="col">Why</th>
                  <th scope="col">Access</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {items.map((grant) => (
                  <Fragment key={grant.id}>
                    <tr className={open === grant.id ? 'row-open' : undefined}>
                      <td className="nowrap" title={formatPreciseDateTime(grant.grantedAt)}>
                        {formatDateTime(grant.grantedAt, now)}
                      </td>
                      <th scope="row">
                        {grant.actor.name}
                        <span className="cell-sub">{ROLE_LABELS[grant.actor.role]}</span>
                      </th>
                      <td className="cell-record">
                        {grant.patient.name}
                        <span className="cell-sub">
                          MRN {grant.patient.mrn} · {RESTRICTION_KIND_LABELS[grant.restrictionKind]}
                        </span>
                      </td>
                      <td className="cell-why">
                        <strong>{BREAK_GLASS_REASON_LABELS[grant.reason]}</strong>
                        <span className="cell-sub">“{grant.detail}”</span>
                      </td>
                      <td>
                        <AccessState grant={grant} now={now} />
                      </td>
                      <td>
                        <ReviewCell
                          grant={grant}
                          self={grant.actor.id === session.user.id}
                          expanded={open === grant.id}
                          onOpen={() => {
                            setDone(null);
                            setOpen(grant.id);
                          }}
                          buttonRef={(element) => {
                            if (element) buttons.current.set(grant.id, element);
                            else buttons.current.delete(grant.id);
                          }}
                        />
                      </td>
                    </tr>
                    {open === grant.id ? (
                      <tr className="review-row">
                        <td colSpan={6}>
                          <ReviewForm grant={grant} onReviewed={reviewed} onClose={() => close(grant.id)} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </div>
  );
}
