import { listWaitlistEntries } from '../../api/waitlist';
import { LoadError, Loading } from '../../components/states';
import { useNow } from '../../lib/use-now';
import { useResource } from '../../lib/use-resource';
import { Link, withQuery } from '../../router/router';
import { OFFER_STATE_LABELS, offerState, offerWhen, windowDates, windowDays } from './waitlist-labels';

/** The visits a patient is waiting for, each with where its latest offer stands. */
export function PatientWaitlist({ patientId, refreshKey }: { patientId: string; refreshKey: number }) {
  const now = useNow();
  const entries = useResource(
    (signal) => listWaitlistEntries({ patientId, status: 'active', limit: 20 }, signal),
    [patientId, refreshKey],
  );
  return (
    <section className="panel" aria-labelledby="patient-waitlist-title">
      <h2 id="patient-waitlist-title" className="panel-title">
        Waitlist
      </h2>
      {entries.error ? (
        <LoadError error={entries.error} onRetry={entries.reload} />
      ) : !entries.data ? (
        <Loading />
      ) : entries.data.items.length === 0 ? (
        <p className="muted">Not waiting for an earlier visit.</p>
      ) : (
        <ul className="plain-list">
          {entries.data.items.map((entry) => {
            const offer = entry.offers[0];
            const state = offer ? offerState(offer, now) : null;
            return (
              <li key={entry.id} className="upcoming-line">
                <span className="upcoming-when">
                  {entry.appointmentType.name}
                  {entry.priority === 'high' ? <span className="badge priority-high">High</span> : null}
                </span>
                <span>
                  {windowDates(entry, now)} · {windowDays(entry)}
                  <span className="muted">
                    {' '}
                    · {entry.provider?.name ?? 'Any provider'} · {entry.location?.name ?? 'Any location'}
                  </span>
                </span>
                {offer && state ? (
                  <span>
                    <span className={`badge offer-${state}`}>{OFFER_STATE_LABELS[state]}</span>{' '}
                    <span className="muted">{offerWhen(offer)}</span>
                  </span>
                ) : (
                  <span className="muted">No offer yet</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="panel-foot">
        <Link to={withQuery('/desk/waitlist', {})}>See the whole waitlist</Link>
      </p>
    </section>
  );
}
