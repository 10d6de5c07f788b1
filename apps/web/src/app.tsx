import { lazy, Suspense } from 'react';
import { Redirect, useLocation } from './router/router';
import { SessionProvider } from './session/session';

// Each surface is its own chunk: a patient on a phone does not download the desk, nor the desk the portal.
const DeskApp = lazy(() => import('./desk/desk-app').then((module) => ({ default: module.DeskApp })));
const PortalApp = lazy(() => import('./portal/portal-app').then((module) => ({ default: module.PortalApp })));
const KioskPage = lazy(() => import('./kiosk/kiosk-page').then((module) => ({ default: module.KioskPage })));

function Surface() {
  const { pathname } = useLocation();
  if (pathname === '/desk' || pathname.startsWith('/desk/')) return <DeskApp />;
  if (pathname === '/portal' || pathname.startsWith('/portal/')) return <PortalApp />;
  if (pathname === '/kiosk' || pathname.startsWith('/kiosk/')) return <KioskPage />;
  return <Redirect to="/desk" />;
}

/** The whole web app: three surfaces (desk, portal, kiosk) over one session. */
export function App() {
  return (
    <SessionProvider>
      <Suspense fallback={<div className="boot" aria-busy="true" />}>
        <Surface />
      </Suspense>
    </SessionProvider>
  );
}
