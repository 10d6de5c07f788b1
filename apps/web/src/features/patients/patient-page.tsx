import type { BreakGlassRequiredProblem, Patient, Session, WaitlistEntry } from '@patientdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { breakGlassRequired, forgetGrant, rememberedGrant, rememberGrant } from '../../api/confidentiality';
import { getPatient } from '../../api/endpoints';
import { PageHeading } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import { tabIds, Tabs } from '../../components/tabs';
import { formatBirthDateWithAge, formatPatientName, formatPhone } from '../../lib/format';
import { useShortcuts } from '../../lib/keyboard';
import { useNow } from '../../lib/use-now';
import { useResource, type Resource } from '../../lib/use-resource';
import { Link, navigate, requestHeadingFocus, useLocation, withQuery } from '../../router/router';
import { can } from '../../session/session';
import { BreakGlassBanner } from '../break-glass/break-glass-banner';
import { BreakGlassDialog } from '../break-glass/break-glass-dialog';
import { PatientAppointments } from '../booking/patient-appointments';
import { PatientBooking } from '../booking/patient-booking';
import { PatientWaitlist } from '../waitlist/patient-waitlist';
import { WaitlistForm } from '../waitlist/waitlist-form';
import { OpenWork } from './open-work';
import { CommunicationPanel } from './record/communication-panel';
import { RecordEditor } from './record/record-editor';
import { DocumentPanel } from './documents/document-panel';
import { PortalAccessPanel } from './portal-access/portal-access-panel';
import { PrivacyPanel } from './privacy/privacy-panel';
import { ProxyPanel } from './proxies/proxy-panel';
import { RightsPanel } from './rights/rights-panel';
import { RecordHistory } from './record/record-history';
import { RecordPanels } from './record/record-view';
import { SEX_LABELS } from './record/record-words';

type Tool = 'booking' | 'waitlist' | 'edit';
type Tab = 'record' | 'history' | 'documents' | 'proxies' | 'requests' | 'privacy';
/** The record's tabs, each with the permission that shows it. */
const TABS: readonly { id: Tab; label: string; permission: string | null }[] = [
  { id: 'record', label: 'Record', permission: null },
  { id: 'history', label: 'History', permission: null },
  { id: 'documents', label: 'Documents', permission: 'patients:read' },
  { id: 'proxies', label: 'Proxies', permission: 'patients:read' },
  { id: 'requests', label: 'Requests & disclosures', permission: 'patients:read' },
  { id: 'privacy', label: 'Privacy', permission: 'patients:restrict' },
];

function goBack() {
  if (window.history.length > 1) window.history.back();
  else navigate('/desk/patients');
}

/**
 * A restricted record the user may not open yet: the break-the-glass dialog, and nothing of the patient. A
 * supervisor may instead manage the restriction and the care team (`?tab=privacy`) without opening the record.
 */
function RestrictedRecord({
  id,
  session,
  problem,
  onOpened,
}: {
  id: string;
  session: Session;
  problem: BreakGlassRequiredProblem | null;
  onOpened: () => void;
}) {
  const location = useLocation();
  const mayManage = can(session, 'patients:restrict');
  const managing = mayManage && location.search.get('tab') === 'privacy';
  const [opening, setOpening] = useState(false);
  const dialog =
    problem && can(session, 'patients:break-glass') ? (
      <BreakGlassDialog
        patientId={id}
        problem={problem}
        onCancel={managing ? () => setOpening(false) : goBack}
        onOpened={(grant) => {
          if (grant) rememberGrant(session.user.id, grant);
          onOpened();
        }}
        {...(mayManage && !managing
          ? {
              alternative: (
                <Link to={withQuery(location.pathname, { tab: 'privacy' })}>
                  Manage the restriction and care team without opening the record
                </Link>
              ),
            }
          : {})}
      />
    ) : null;
  return (
    <div className={managing ? 'page' : 'page narrow'}>
      <p className="breadcrumb">
        <Link to="/desk/patients">Patients</Link>
      </p>
      <PageHeading title="Restricted record">Restricted record</PageHeading>
      <p className="lede">
        This record is restricted. Only the patient’s care team opens it without giving a reason.
      </p>
      {managing ? (
        <>
          {dialog ? (
            <p>
              <button type="button" className="button" onClick={() => setOpening(true)}>
                Open the whole record…
              </button>
            </p>
          ) : null}
          {opening ? dialog : null}
          <PrivacyPanel patientId={id} onLifted={onOpened} />
        </>
      ) : (
        (dialog ?? (
          <p>Your role cannot open restricted records. Ask a supervisor if your work needs this one.</p>
        ))
      )}
    </div>
  );
}

/** The record's page: the tools (book, waitlist, edit), the record and its history in tabs, and related work. */
function PatientRecord({
  resource,
  session,
  grant,
}: {
  resource: Resource<Patient>;
  session: Session;
  grant: { expiresAt: string } | null;
}) {
  const location = useLocation();
  const patient = resource.data;
  const tabs = TABS.filter((item) => !item.permission || can(session, item.permission));
  const asked = location.search.get('tab');
  const tab: Tab = tabs.find((item) => item.id === asked)?.id ?? 'record';
  const mayBook = can(session, 'appointments:write');
  const mayEdit = can(session, 'patients:write');
  const [tool, setTool] = useState<Tool | null>(null);
  const [booked, setBooked] = useState(0);
  const [saved, setSaved] = useState(0);
  const [notice, setNotice] = useState<'registered' | 'saved' | null>(
    location.search.get('registered') ? 'registered' : null,
  );
  const [waitlisted, setWaitlisted] = useState<WaitlistEntry | null>(null);
  const [waitlistRound, setWaitlistRound] = useState(0);
  const bookButton = useRef<HTMLButtonElement>(null);
  const waitlistButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const buttons = { booking: bookButton, waitlist: waitlistButton, edit: editButton };
  const selectTab = (next: Tab) =>
    navigate(withQuery(location.pathname, { tab: next === 'record' ? null : next }), { replace: true });
  const open = (which: Tool) => {
    setWaitlisted(null);
    setNotice(null);
    if (which === 'edit') selectTab('record');
    setTool(which);
  };
  useShortcuts(
    (event) => {
      const wanted: Tool | null =
        event.key === 'b' && mayBook
          ? 'booking'
          : event.key === 'w' && mayBook
            ? 'waitlist'
            : event.key === 'e' && mayEdit
              ? 'edit'
              : null;
      if (!wanted || tool === wanted) return false;
      open(wanted);
      return true;
    },
    patient !== null && tool !== 'edit',
  );
  const close = (which: Tool) => {
    setTool(null);
    buttons[which].current?.focus();
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/desk/patients">Patients</Link>
      </p>
      {grant ? <BreakGlassBanner expiresAt={grant.expiresAt} /> : null}
      <div className="page-head">
        {/* The tab title stays generic: browsers keep titles in their history, and a name there is patient data. */}
        <PageHeading title="Patient record">{patient ? formatPatientName(patient) : 'Patient'}</PageHeading>
        {patient ? (
          <div className="page-head-action page-head-actions">
            {mayEdit ? (
              <button
                ref={editButton}
                type="button"
                className="button"
                aria-keyshortcuts="e"
                aria-expanded={tool === 'edit'}
                onClick={() => open('edit')}
              >
                Edit{' '}
                <kbd className="key-hint" aria-hidden="true">
                  e
                </kbd>
              </button>
            ) : null}
            {mayBook ? (
              <>
                <button
                  ref={waitlistButton}
                  type="button"
                  className="button"
                  aria-keyshortcuts="w"
                  aria-expanded={tool === 'waitlist'}
                  onClick={() => open('waitlist')}
                >
                  Add to waitlist{' '}
                  <kbd className="key-hint" aria-hidden="true">
                    w
                  </kbd>
                </button>
                <button
                  ref={bookButton}
                  type="button"
                  className="button primary"
                  aria-keyshortcuts="b"
                  aria-expanded={tool === 'booking'}
                  onClick={() => open('booking')}
                >
                  Book appointment{' '}
                  <kbd className="key-hint" aria-hidden="true">
                    b
                  </kbd>
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      {resource.error ? (
        isApiError(resource.error, 404) || isApiError(resource.error, 400) ? (
          <p className="lede">
            No patient has this address in your organization. Search again from the box at the top.
          </p>
        ) : (
          <LoadError error={resource.error} onRetry={resource.reload} />
        )
      ) : !patient ? (
        <Loading />
      ) : (
        <>
          <p className="patient-strip">
            <span>
              <span className="meta-label">DOB</span> {formatBirthDateWithAge(patient.birthDate)}
            </span>
            <span>
              <span className="meta-label">MRN</span> {patient.mrn}
            </span>
            <span>{SEX_LABELS[patient.sex]}</span>
            {patient.pronouns ? <span>{patient.pronouns}</span> : null}
            {patient.phone ? <span>{formatPhone(patient.phone)}</span> : null}
            {patient.interpreterNeeded ? <strong className="needs-flag">Needs an interpreter</strong> : null}
          </p>
          {tool === 'booking' ? (
            <PatientBooking
              patient={patient}
              onBooked={() => setBooked((value) => value + 1)}
              onClose={() => close('booking')}
            />
          ) : null}
          {tool === 'waitlist' ? (
            <WaitlistForm
              patient={patient}
              onAdded={(entry) => {
                setWaitlisted(entry);
                setWaitlistRound((value) => value + 1);
                close('waitlist');
              }}
              onClose={() => close('waitlist')}
            />
          ) : null}
          <div role="status" className="message-slot">
            {notice === 'registered' ? (
              <p className="notice notice-ok">Registered. The new record’s MRN is {patient.mrn}.</p>
            ) : null}
            {notice === 'saved' ? (
              <p className="notice notice-ok">
                Saved as version {patient.version}. The History tab shows what changed.
              </p>
            ) : null}
            {waitlisted ? (
              <p className="notice notice-ok">
                Added to the waitlist for {waitlisted.appointmentType.name}. When a matching time opens up, it
                is offered by text or email. <Link to="/desk/waitlist">See the waitlist</Link>
              </p>
            ) : null}
          </div>
          <Tabs label="Patient record" prefix="patient" tabs={tabs} selected={tab} onSelect={selectTab} />
          <div
            role="tabpanel"
            id={tabIds('patient', tab).panel}
            aria-labelledby={tabIds('patient', tab).tab}
            className="tab-panel"
          >
            {tab === 'history' ? (
              <RecordHistory patientId={patient.id} refreshKey={saved} />
            ) : tab === 'documents' ? (
              <DocumentPanel patientId={patient.id} mayChange={can(session, 'patients:write')} />
            ) : tab === 'proxies' ? (
              <div className="stack">
                <ProxyPanel patientId={patient.id} mayChange={can(session, 'patients:write')} />
                <PortalAccessPanel patientId={patient.id} mayChange={can(session, 'patients:write')} />
              </div>
            ) : tab === 'requests' ? (
              <RightsPanel patientId={patient.id} mayChange={can(session, 'patients:write')} />
            ) : tab === 'privacy' ? (
              <PrivacyPanel patientId={patient.id} />
            ) : tool === 'edit' ? (
              <RecordEditor
                patient={patient}
                onNewerVersion={(latest) => resource.update(() => latest)}
                onClose={() => close('edit')}
                onSaved={(updated) => {
                  resource.update(() => updated);
                  setSaved((value) => value + 1);
                  setNotice('saved');
                  close('edit');
                }}
              />
            ) : (
              <div className="columns">
                <RecordPanels patient={patient} />
                {can(session, 'patients:read') ? (
                  <CommunicationPanel patientId={patient.id} mayChange={mayEdit} />
                ) : null}
                {can(session, 'appointments:read') ? (
                  <PatientAppointments patientId={patient.id} refreshKey={booked} />
                ) : null}
                {can(session, 'appointments:read') ? (
                  <PatientWaitlist patientId={patient.id} refreshKey={waitlistRound} />
                ) : null}
                {can(session, 'work-items:read') ? <OpenWork patientId={patient.id} /> : null}
              </div>
            )}
          </div>
          {can(session, 'audit:read') ? (
            <p>
              <Link to={withQuery('/desk/audit', { patientId: patient.id })}>
                See who has opened or changed this record
              </Link>
            </p>
          ) : null}
          {can(session, 'patients:merge') ? (
            <p>
              <Link to={withQuery('/desk/duplicates', { patientId: patient.id })}>
                Find records that may be the same person
              </Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

/**
 * `/desk/patients/:id`: who the patient is, their appointments, waitlist entries and open work, the record's
 * history, and editing it. "b" books, "w" adds to the waitlist, "e" edits. A restricted record asks for a reason
 * first (break-the-glass), and says so while it is open that way.
 */
export function PatientPage({ id, session }: { id: string; session: Session }) {
  const patient = useResource((signal) => getPatient(id, signal), [id]);
  const now = useNow(15_000);
  const problem = breakGlassRequired(patient.error);
  const restricted = problem !== null || isApiError(patient.error, 403, 'BREAK_THE_GLASS_REQUIRED');
  const grant = patient.data ? rememberedGrant(session.user.id, id, now) : null;
  const { reload } = patient;

  useEffect(() => {
    // A grant this tab remembered no longer opens the record (a reviewer ended it): forget it.
    if (restricted) forgetGrant(session.user.id, id);
  }, [restricted, session.user.id, id]);

  useEffect(() => {
    if (!grant) return;
    // When the grant runs out, the record closes: reloading asks for a reason again.
    const timer = window.setTimeout(
      () => {
        forgetGrant(session.user.id, id);
        reload();
      },
      new Date(grant.expiresAt).getTime() - Date.now() + 1000,
    );
    return () => window.clearTimeout(timer);
  }, [grant?.expiresAt, session.user.id, id, reload]);

  if (restricted)
    return (
      <RestrictedRecord
        id={id}
        session={session}
        problem={problem}
        onOpened={() => {
          requestHeadingFocus();
          reload();
        }}
      />
    );
  return <PatientRecord resource={patient} session={session} grant={grant} />;
}
