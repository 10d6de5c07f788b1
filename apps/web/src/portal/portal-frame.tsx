import type { Session } from '@patientdesk/contracts';
import { useState, type ReactNode } from 'react';
import { SurfaceHeader } from '../components/surface-header';
import { Link } from '../router/router';
import { useSession } from '../session/session';

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

/**
 * Every portal page: the header with Sign out (or, on a page opened from a link, its own actions), an optional way
 * back, and the page.
 */
export function PortalFrame({
  session,
  back,
  subtitle,
  actions,
  children,
}: {
  session: Session | null;
  back?: { to: string; label: string };
  subtitle?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="portal">
      <SurfaceHeader subtitle={subtitle ?? session?.organization.name ?? 'Patient portal'}>
        {actions || session ? (
          <>
            {actions}
            {session ? <SignOutButton /> : null}
          </>
        ) : null}
      </SurfaceHeader>
      <main id="main" tabIndex={-1} className="portal-main">
        {back ? (
          <p className="portal-back">
            <Link to={back.to}>
              <span aria-hidden="true">← </span>
              {back.label}
            </Link>
          </p>
        ) : null}
        {children}
      </main>
    </div>
  );
}
