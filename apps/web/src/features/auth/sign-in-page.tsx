import { ROLE_LABELS, type Session } from '@patientdesk/contracts';
import { useRef, useState } from 'react';
import { PageHeading } from '../../components/page-heading';
import { SurfaceHeader } from '../../components/surface-header';
import { Link, navigate, Redirect, safeReturnPath, useLocation } from '../../router/router';
import { useSession, type SignInNotice } from '../../session/session';
import { SignInForm, type SignInPrefill } from './sign-in-form';

type Surface = 'desk' | 'portal';

const NOTICES: Record<SignInNotice, string> = {
  'session-ended':
    'Your session ended, so you were signed out to keep patient information private. Sign in to pick up where you left off.',
  'signed-out': 'You have signed out.',
  'signed-out-everywhere': 'You have signed out on every device.',
};

// The demo clinic's accounts all share this password (see apps/server/src/demo/seed-demo.ts).
const DEMO_PASSWORD = 'demo-password';

/** Where a fresh session belongs: patients in the portal, staff at the desk, back to the page they were on. */
function destination(session: Session, surface: Surface, next: string | null): string {
  const isPatient = session.user.role === 'patient';
  if (surface === 'desk' && isPatient) return '/portal';
  if (surface === 'portal' && !isPatient) return '/desk';
  return next ?? `/${surface}`;
}

/** The sign-in page of the desk (staff) or the portal (patients). */
export function SignInPage({ surface }: { surface: Surface }) {
  const { session, notice, meta } = useSession();
  const location = useLocation();
  const next = safeReturnPath(location.search.get('next'), surface);
  const [prefill, setPrefill] = useState<SignInPrefill | null>(null);
  const prefills = useRef(0);

  if (session) return <Redirect to={destination(session, surface, next)} />;

  const demoAccounts = (meta?.demo ? meta.demoAccounts : []).filter((account) =>
    surface === 'portal' ? account.role === 'patient' : account.role !== 'patient',
  );
  const isDesk = surface === 'desk';

  return (
    <div className={isDesk ? 'auth-page' : 'auth-page portal'}>
      <SurfaceHeader subtitle={isDesk ? 'Staff desk' : 'Patient portal'} />
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="auth-card">
          <PageHeading title="Sign in">{isDesk ? 'Sign in' : 'Sign in to your patient portal'}</PageHeading>
          <p className="auth-lede">
            {isDesk ? (
              <>
                For clinic staff. Patients, please use the <Link to="/portal/login">patient portal</Link>.
              </>
            ) : (
              'See your visits, messages, bills and forms in one place.'
            )}
          </p>
          {notice ? (
            <p className="notice notice-info" role="status">
              {NOTICES[notice]}
            </p>
          ) : null}
          <SignInForm
            large={!isDesk}
            prefill={prefill}
            onSignedIn={(opened) => navigate(destination(opened, surface, next), { replace: true })}
          />
        </div>
        {demoAccounts.length > 0 ? (
          <section className="demo-accounts" aria-labelledby="demo-accounts-title">
            <h2 id="demo-accounts-title">Demo accounts</h2>
            <p>
              Every demo account uses the password <code>{DEMO_PASSWORD}</code>. Choose one to fill in the
              form.
            </p>
            <ul>
              {demoAccounts.map((account) => (
                <li key={account.email}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      prefills.current += 1;
                      setPrefill({ email: account.email, password: DEMO_PASSWORD, key: prefills.current });
                    }}
                  >
                    {account.email}
                  </button>{' '}
                  <span className="muted">{ROLE_LABELS[account.role]}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </div>
  );
}
