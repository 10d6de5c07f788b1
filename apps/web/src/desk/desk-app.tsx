import type { Session } from '@patientdesk/contracts';
import { Fragment, type ReactNode } from 'react';
import { AuditPage } from '../features/audit/audit-page';
import { DuplicatesPage } from '../features/duplicates/duplicates-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { OutboxPage } from '../features/outbox/outbox-page';
import { PatientPage } from '../features/patients/patient-page';
import { PatientResultsPage } from '../features/patients/patient-results-page';
import { RegistrationPage } from '../features/patients/registration/registration-page';
import { BreakGlassReviewsPage } from '../features/break-glass/reviews-page';
import { SchedulePage } from '../features/schedule/schedule-page';
import { WaitlistPage } from '../features/waitlist/waitlist-page';
import { WorklistPage } from '../features/worklist/worklist-page';
import { matchPath, Redirect, useLocation, withQuery } from '../router/router';
import { can, useSession } from '../session/session';
import { AREAS, type Area } from './areas';
import { NotAllowedPage, NotBuiltPage, NotFoundPage } from './not-built-page';
import { DeskShell } from './shell';

function guarded(session: Session, area: Area | undefined, page: () => ReactNode) {
  if (!area) return <NotFoundPage />;
  if (area.permission && !can(session, area.permission)) return <NotAllowedPage title={area.label} />;
  return page();
}

function deskPage(session: Session, pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/desk';
  const area = (id: string) => AREAS.find((candidate) => candidate.id === id);
  if (path === '/desk') return guarded(session, area('worklist'), () => <WorklistPage session={session} />);
  if (path === '/desk/patients')
    return guarded(session, area('patients'), () => <PatientResultsPage session={session} />);
  if (path === '/desk/patients/new') {
    return can(session, 'patients:write') ? (
      <RegistrationPage />
    ) : (
      <NotAllowedPage title="Register a patient" />
    );
  }
  const patient = matchPath('/desk/patients/:id', path);
  if (patient?.id) {
    return can(session, 'patients:read') ? (
      <PatientPage id={patient.id} session={session} />
    ) : (
      <NotAllowedPage title="Patient" />
    );
  }
  if (path === '/desk/schedule')
    return guarded(session, area('schedule'), () => <SchedulePage session={session} />);
  if (path === '/desk/waitlist')
    return guarded(session, area('waitlist'), () => <WaitlistPage session={session} />);
  if (path === '/desk/outbox') return guarded(session, area('outbox'), () => <OutboxPage />);
  if (path === '/desk/audit') return guarded(session, area('audit'), () => <AuditPage />);
  if (path === '/desk/duplicates') return guarded(session, area('duplicates'), () => <DuplicatesPage />);
  if (path === '/desk/break-glass-reviews')
    return guarded(session, area('break-glass-reviews'), () => <BreakGlassReviewsPage session={session} />);
  const planned = AREAS.find((candidate) => !candidate.built && candidate.path === path);
  if (planned) return guarded(session, planned, () => <NotBuiltPage area={planned} />);
  return <NotFoundPage />;
}

/** The staff desk: sign-in, then every area inside the shell. */
export function DeskApp() {
  const { session } = useSession();
  const location = useLocation();
  if (location.pathname.replace(/\/+$/, '') === '/desk/login') return <SignInPage surface="desk" />;
  if (!session) return <Redirect to={withQuery('/desk/login', { next: location.href })} />;
  if (session.user.role === 'patient') return <Redirect to="/portal" />;
  return (
    <DeskShell session={session}>
      {/* A new page starts fresh (its heading takes focus); a changed query keeps the page as it is. */}
      <Fragment key={location.pathname}>{deskPage(session, location.pathname)}</Fragment>
    </DeskShell>
  );
}
