import type { Session } from '@patientdesk/contracts';
import { PageHeading } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import { Link, useLocation } from '../../router/router';
import { PortalFrame } from '../portal-frame';
import { useVisits } from './use-visits';
import { LanguageNote, VisitCard, VisitLine } from './visit-card';
import { isUpcomingActive } from './visit-text';

const DONE_MESSAGES: Record<string, string> = {
  booked: 'Your visit is booked. We will remind you before it.',
  moved: 'Your visit has a new time. The old time is cancelled.',
  cancelled: 'Your visit is cancelled.',
};

/** `/portal/appointments`: upcoming visits (with how to prepare), then cancelled and past ones. */
export function AppointmentsPage({ session }: { session: Session }) {
  const location = useLocation();
  const visits = useVisits();
  const done = DONE_MESSAGES[location.search.get('done') ?? ''];
  const upcoming = visits.data?.upcoming.filter(isUpcomingActive) ?? [];
  // A moved visit leaves a cancelled twin behind; the patient knows it as moved, not as cancelled.
  const cancelled =
    visits.data?.upcoming.filter(
      (visit) => visit.status === 'cancelled' && visit.cancelReason !== 'rescheduled',
    ) ?? [];
  const past = visits.data?.past.filter((visit) => visit.cancelReason !== 'rescheduled') ?? [];

  return (
    <PortalFrame session={session} back={{ to: '/portal', label: 'Home' }}>
      <PageHeading title="Your appointments">Your appointments</PageHeading>
      <div role="status">{done ? <p className="notice notice-ok portal-notice">{done}</p> : null}</div>
      <p>
        <Link className="button primary large" to="/portal/book">
          Book a visit
        </Link>
      </p>
      <LanguageNote />
      {visits.error ? (
        <LoadError error={visits.error} onRetry={visits.reload} />
      ) : !visits.data ? (
        <Loading label="Loading your visits…" />
      ) : (
        <>
          <section aria-labelledby="upcoming-title" className="portal-section">
            <h2 id="upcoming-title">Upcoming</h2>
            {upcoming.length === 0 ? (
              <p className="muted">You have no upcoming visits.</p>
            ) : (
              <ul className="visit-list">
                {upcoming.map((visit) => (
                  <VisitCard key={visit.id} visit={visit} />
                ))}
              </ul>
            )}
          </section>
          {cancelled.length > 0 ? (
            <section aria-labelledby="cancelled-title" className="portal-section">
              <h2 id="cancelled-title">Cancelled</h2>
              <ul className="visit-lines">
                {cancelled.map((visit) => (
                  <VisitLine key={visit.id} visit={visit} />
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="past-title" className="portal-section">
            <h2 id="past-title">Past visits</h2>
            {past.length === 0 ? (
              <p className="muted">No past visits yet.</p>
            ) : (
              <ul className="visit-lines">
                {past.map((visit) => (
                  <VisitLine key={visit.id} visit={visit} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </PortalFrame>
  );
}
