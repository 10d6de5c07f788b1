import type { MouseEvent, ReactNode } from 'react';
import { DemoBanner } from './demo-banner';

/** The first thing a keyboard user reaches: straight to the page's content. */
export function SkipLink() {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('main');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="skip-link" href="#main" onClick={onClick}>
      Skip to main content
    </a>
  );
}

/** The product mark and name. */
export function Brand({ subtitle }: { subtitle?: string }) {
  return (
    <span className="brand">
      <img src="/favicon.svg" alt="" width={22} height={22} />
      <span className="brand-name">PatientDesk</span>
      {subtitle ? <span className="brand-subtitle">{subtitle}</span> : null}
    </span>
  );
}

/** The header of the simpler pages (sign-in, portal, kiosk): demo banner, product name, and optional actions. */
export function SurfaceHeader({ subtitle, children }: { subtitle: string; children?: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="surface-header">
        <DemoBanner />
        <div className="surface-bar">
          <Brand subtitle={subtitle} />
          {children ? <div className="surface-actions">{children}</div> : null}
        </div>
      </header>
    </>
  );
}
