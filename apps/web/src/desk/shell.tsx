import type { Session } from '@patientdesk/contracts';
import { useId, type ReactNode } from 'react';
import { DemoBanner } from '../components/demo-banner';
import { Brand, SkipLink } from '../components/surface-header';
import { PatientSearchBox } from '../features/patients/patient-search-box';
import { Link, useLocation } from '../router/router';
import { can } from '../session/session';
import { AREAS, areaOf, type Area } from './areas';
import { UserMenu } from './user-menu';

const GROUPS: readonly Area['group'][] = ['Daily work', 'Patients’ needs', 'Oversight'];

function NavGroup({ group, areas, current }: { group: string; areas: Area[]; current: Area | undefined }) {
  const labelId = useId();
  return (
    <div className="nav-group">
      <span className="nav-group-label" id={labelId}>
        {group}
      </span>
      <ul aria-labelledby={labelId}>
        {areas.map((area) => (
          <li key={area.id}>
            <Link
              to={area.path}
              className={area.built ? 'nav-link' : 'nav-link not-built'}
              aria-current={current?.id === area.id ? 'page' : undefined}
            >
              {area.label}
              {area.built ? null : (
                <span className="nav-soon">
                  <span aria-hidden="true">soon</span>
                  <span className="vh">, not built yet</span>
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The desk's frame: top bar with patient search and the user menu, the area navigation, and the page. */
export function DeskShell({ session, children }: { session: Session; children: ReactNode }) {
  const { pathname } = useLocation();
  const visible = AREAS.filter((area) => area.permission === null || can(session, area.permission));
  const current = areaOf(pathname);
  return (
    <div className="desk">
      <SkipLink />
      <header className="desk-header">
        <DemoBanner />
        <div className="topbar">
          <Link to="/desk" className="brand-link" aria-label="PatientDesk, go to the worklist">
            <Brand />
          </Link>
          <span className="org-name">{session.organization.name}</span>
          <div className="topbar-search">{can(session, 'patients:search') ? <PatientSearchBox /> : null}</div>
          <UserMenu session={session} />
        </div>
      </header>
      <div className="desk-body">
        <nav className="sidenav" aria-label="Areas">
          {GROUPS.map((group) => {
            const areas = visible.filter((area) => area.group === group);
            return areas.length ? (
              <NavGroup key={group} group={group} areas={areas} current={current} />
            ) : null;
          })}
        </nav>
        <main id="main" tabIndex={-1} className="desk-main">
          {children}
        </main>
      </div>
    </div>
  );
}
