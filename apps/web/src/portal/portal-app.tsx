import type { Session } from '@patientdesk/contracts';
import { PageHeading } from '../components/page-heading';
import { SignInPage } from '../features/auth/sign-in-page';
import { firstName } from '../lib/format';
import { Link, matchPath, Redirect, useLocation, withQuery } from '../router/router';
import { useSession } from '../session/session';
import { AppointmentsPage } from './appointments/appointments-page';
import { BookFlow } from './appointments/book-flow';
import { CancelPage } from './appointments/cancel-page';
import { NextVisit } from './appointments/next-visit';
import { AppointmentResponsePage } from './links/appointment-response-page';
import { JoinPage } from './links/join-page';
import { OfferPage } from './links/offer-page';
import { PortalFrame } from './portal-frame';
import { patientsOpenFor } from './portal-access';
import { AccessLogPage } from './record/access-log-page';
import { CardsPage } from './record/cards-page';
import { RecordsPage } from './record/records-page';

const CARDS: readonly { title: string; text: string }[] = [
  { title: 'Messages', text: 'Write to your care team and read their answers.' },
  { title: 'Bills', text: 'See what you owe, pay online, or set up a payment plan.' },
  { title: 'Forms', text: 'Fill in forms before your visit, so check-in is quick.' },
];

function PortalHome({ session }: { session: Session }) {
  const name = firstName(session.user.displayName);
  return (
    <PortalFrame session={session}>
      <PageHeading title="Your portal">Hello, {name}</PageHeading>
      <p className="lede">This is your patient portal. For anything not here yet, please call the clinic.</p>
      <ul className="portal-cards">
        {patientsOpenFor(session, 'appointments').length > 0 ? (
          <li className="portal-card portal-card-live">
            <h2>Appointments</h2>
            <NextVisit />
            <p className="portal-card-actions">
              <Link className="button primary large" to="/portal/book">
                Book a visit
              </Link>
              <Link className="button large" to="/portal/appointments">
                See your appointments
              </Link>
            </p>
          </li>
        ) : null}
        {patientsOpenFor(session, 'records').length > 0 ? (
          <li className="portal-card">
            <h2>Your record</h2>
            <p>Get a copy of your record, and see who at the clinic looked at it.</p>
            <p className="portal-card-actions">
              <Link className="button large" to="/portal/records">
                Copies of my record
              </Link>
              <Link className="button large" to="/portal/access-log">
                Who looked at my record
              </Link>
            </p>
          </li>
        ) : null}
        {patientsOpenFor(session, 'forms').length > 0 ? (
          <li className="portal-card">
            <h2>Insurance card and ID</h2>
            <p>Send photos of your cards before your visit, so check-in is quick.</p>
            <p className="portal-card-actions">
              <Link className="button large" to="/portal/cards">
                Send photos of my cards
              </Link>
            </p>
          </li>
        ) : null}
        {CARDS.map((card) => (
          <li key={card.title} className="portal-card">
            <h2>{card.title}</h2>
            <p>{card.text}</p>
            <p className="coming">Coming soon</p>
          </li>
        ))}
      </ul>
    </PortalFrame>
  );
}

function PortalNotFound({ session }: { session: Session | null }) {
  return (
    <PortalFrame session={session}>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p className="lede">
        There is nothing at this address. <Link to="/portal">Go to your portal home</Link>.
      </p>
    </PortalFrame>
  );
}

function portalPage(session: Session, path: string) {
  if (path === '/portal') return <PortalHome session={session} />;
  if (path === '/portal/appointments') return <AppointmentsPage session={session} />;
  if (path === '/portal/book') return <BookFlow session={session} />;
  if (path === '/portal/access-log') return <AccessLogPage session={session} />;
  if (path === '/portal/records') return <RecordsPage session={session} />;
  if (path === '/portal/cards') return <CardsPage session={session} />;
  const moving = matchPath('/portal/appointments/:id/reschedule', path);
  if (moving?.id) return <BookFlow key={moving.id} session={session} movingId={moving.id} />;
  const cancelling = matchPath('/portal/appointments/:id/cancel', path);
  if (cancelling?.id) return <CancelPage session={session} id={cancelling.id} />;
  return <PortalNotFound session={session} />;
}

/**
 * The patient portal: sign-in, then home, appointments, booking, moving and cancelling visits. The pages that
 * emailed and texted links open need no sign-in (their token is the authority), whoever is signed in here.
 */
export function PortalApp() {
  const { session } = useSession();
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '/portal/appointment-response') return <AppointmentResponsePage />;
  if (path === '/portal/offer') return <OfferPage />;
  if (path === '/portal/join') return <JoinPage />;
  if (path === '/portal/login') return <SignInPage surface="portal" />;
  if (!session) return <Redirect to={withQuery('/portal/login', { next: location.href })} />;
  if (session.user.role !== 'patient') return <Redirect to="/desk" />;
  return portalPage(session, path);
}
