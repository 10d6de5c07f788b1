import type { LoginRequest, Meta, Session } from '@patientdesk/contracts';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError, lastApiActivity, onSessionEnded } from '../api/client';
import { getMeta, getSession, login, logout } from '../api/endpoints';
import { navigate, withQuery } from '../router/router';

/** Why the sign-in page is showing: shown once, as a calm note above the form. */
export type SignInNotice = 'session-ended' | 'signed-out' | 'signed-out-everywhere';

export type SessionValue = {
  meta: Meta | null;
  session: Session | null;
  notice: SignInNotice | null;
  signIn: (request: LoginRequest) => Promise<Session>;
  signOut: (everywhere: boolean) => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in account (or none) and the server's meta, for every page. */
export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider');
  return value;
}

/** True when the session's role grants `permission`. */
export function can(session: Session | null, permission: string): boolean {
  return session?.permissions.includes(permission) ?? false;
}

function surfaceOf(pathname: string): 'desk' | 'portal' | 'kiosk' {
  if (pathname.startsWith('/portal')) return 'portal';
  if (pathname.startsWith('/kiosk')) return 'kiosk';
  return 'desk';
}

/** Where to sign in again, coming back to the page the person was on. */
function signInAddress(): string {
  const { pathname, search } = window.location;
  const surface = surfaceOf(pathname);
  if (surface === 'kiosk') return '/kiosk';
  const here = pathname + search;
  return withQuery(`/${surface}/login`, { next: pathname.endsWith('/login') ? null : here });
}

// Check a little after the server's idle timeout, so a screen left open does not keep showing patient data.
const IDLE_CHECK_INTERVAL_MS = 30_000;
const IDLE_GRACE_MS = 5_000;

/** Loads meta and the current session once, then keeps the session in step with the server. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const sessionRef = useRef<Session | null>(null);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  useEffect(() => {
    const controller = new AbortController();
    const metaLoad = getMeta(controller.signal).catch(() => null);
    const sessionLoad = getSession({ signal: controller.signal, quiet: true }).catch(() => null);
    void Promise.all([metaLoad, sessionLoad]).then(([loadedMeta, loadedSession]) => {
      if (controller.signal.aborted) return;
      setMeta(loadedMeta);
      setSession(loadedSession);
      setReady(true);
    });
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      onSessionEnded(() => {
        if (!sessionRef.current) return;
        sessionRef.current = null;
        setSession(null);
        setNotice('session-ended');
        navigate(signInAddress(), { replace: true });
      }),
    [],
  );

  useEffect(() => {
    if (!session) return;
    const idleMs = session.idleTimeoutSeconds * 1000 + IDLE_GRACE_MS;
    const timer = window.setInterval(() => {
      const expired = Date.now() > new Date(session.expiresAt).getTime();
      if (!expired && Date.now() - lastApiActivity() < idleMs) return;
      // A 401 here goes through onSessionEnded; any other failure waits for the next check.
      getSession().catch(() => undefined);
    }, IDLE_CHECK_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [session]);

  const signIn = useCallback(async (request: LoginRequest) => {
    const opened = await login(request);
    setSession(opened);
    setNotice(null);
    return opened;
  }, []);

  const signOut = useCallback(async (everywhere: boolean) => {
    try {
      await logout(everywhere);
    } catch (error) {
      // Already signed out on the server (timed out, or ended elsewhere): the result is the same.
      if (!isApiError(error, 401)) throw error;
    }
    const surface = surfaceOf(window.location.pathname);
    sessionRef.current = null;
    setSession(null);
    setNotice(everywhere ? 'signed-out-everywhere' : 'signed-out');
    navigate(surface === 'portal' ? '/portal/login' : '/desk/login', { replace: true });
  }, []);

  const value = useMemo(
    () => ({ meta, session, notice, signIn, signOut }),
    [meta, session, notice, signIn, signOut],
  );
  if (!ready) return <div className="boot" aria-busy="true" />;
  return <SessionContext value={value}>{children}</SessionContext>;
}
