import type { Session } from '@patientdesk/contracts';
import { useState } from 'react';
import { PageHeading } from '../components/page-heading';
import { SurfaceHeader } from '../components/surface-header';
import { SignInPage } from '../features/auth/sign-in-page';
import { firstName } from '../lib/format';
import { Link, Redirect, useLocation, withQuery } from '../router/router';
import { useSession } from '../session/session';

const CARDS: readonly { title: string; text: string }[] = [
  { title: 'Appointments', text: 'See your upcoming visits, and book, move or cancel them.' },
  { title: 'Messages', text: 'Write to your care team and read their answers.' },
  { title: 'Bills', text: 'See what you owe, pay online, or set up a payment plan.' },
  { title: 'Forms', text: 'Fill in forms before your visit, so check-in is quick.' },
];

function SignOutButton() {
  const { signOut } = useSession();
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setFailed(false);
          signOut(false).catch(() => setFailed(true));
        }}
      >
        Sign out
      </button>
      {failed ? (
        <span className="field-error" role="alert">
          Sign-out failed. Try again.
        </span>
      ) : null}
    </>
  );
}

function PortalHome({ session }: { session: Session }) {
  const name = firstName(session.user.displayName);
  return (
    <div className="portal">
      <SurfaceHeader subtitle={session.organization.name}>
        <SignOutButton />
      </SurfaceHeader>
      <main id="main" tabIndex={-1} className="portal-main">
        <PageHeading title="Your portal">Hello, {name}</PageHeading>
        <p className="lede">
          This is your patient portal. These parts are on their way; until then, please call the clinic for
          help.
        </p>
        <ul className="portal-cards">
          {CARDS.map((card) => (
            <li key={card.title} className="portal-card">
              <h2>{card.title}</h2>
              <p>{card.text}</p>
              <p className="coming">Coming soon</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

function PortalNotFound() {
  return (
    <div className="portal">
      <SurfaceHeader subtitle="Patient portal" />
      <main id="main" tabIndex={-1} className="portal-main">
        <PageHeading title="Page not found">Page not found</PageHeading>
        <p className="lede">
          There is nothing at this address. <Link to="/portal">Go to your portal home</Link>.
        </p>
      </main>
    </div>
  );
}

/** The patient portal: sign-in, then the home page. */
export function PortalApp() {
  const { session } = useSession();
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '/portal/login') return <SignInPage surface="portal" />;
  if (!session) return <Redirect to={withQuery('/portal/login', { next: location.href })} />;
  if (session.user.role !== 'patient') return <Redirect to="/desk" />;
  if (path === '/portal') return <PortalHome session={session} />;
  return <PortalNotFound />;
}
