import { DeskApp } from './desk/desk-app';
import { KioskPage } from './kiosk/kiosk-page';
import { PortalApp } from './portal/portal-app';
import { Redirect, useLocation } from './router/router';
import { SessionProvider } from './session/session';

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
      <Surface />
    </SessionProvider>
  );
}
