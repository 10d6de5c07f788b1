import type { Session } from '@patientdesk/contracts';
import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { cancelPortalAppointment, type PortalCancelRequest } from '../../api/portal-scheduling';
import { PageHeading } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import { navigate } from '../../router/router';
import { PortalFrame } from '../portal-frame';
import { useVisits } from './use-visits';
import { isChangeable, PORTAL_CANCEL_REASONS, visitDay, visitTime } from './visit-text';

/** `/portal/appointments/:id/cancel`: one question (why), then cancel, or keep the visit. */
export function CancelPage({ session, id }: { session: Session; id: string }) {
  const visits = useVisits();
  const [reason, setReason] = useState<PortalCancelRequest['reason']>('schedule-conflict');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const fieldId = useId();
  const visit = visits.data?.upcoming.find((candidate) => candidate.id === id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!visit || busy) return;
    setBusy(true);
    setFailure(null);
    cancelPortalAppointment(visit, { reason, ...(note.trim() ? { note: note.trim() } : {}) })
      .then(() => navigate('/portal/appointments?done=cancelled'))
      .catch((error: unknown) => {
        setBusy(false);
        if (isApiError(error, 412)) visits.reload();
        setFailure(
          isApiError(error, 412)
            ? 'This visit changed a moment ago. Please look at it again, then cancel if you still want to.'
            : error instanceof Error
              ? error.message
              : 'The visit could not be cancelled. Please try again.',
        );
      });
  };

  return (
    <PortalFrame session={session} back={{ to: '/portal/appointments', label: 'Your appointments' }}>
      <PageHeading title="Cancel a visit">Cancel this visit?</PageHeading>
      {visits.error ? (
        <LoadError error={visits.error} onRetry={visits.reload} />
      ) : !visits.data ? (
        <Loading />
      ) : !visit || !isChangeable(visit) ? (
        <p className="lede">This visit cannot be cancelled online. Please call the clinic.</p>
      ) : (
        <form className="portal-form" onSubmit={submit}>
          <div className="portal-summary">
            <p className="visit-type">{visit.appointmentType.name}</p>
            <p>
              {visitDay(visit.start, visit.location.timeZone)} at{' '}
              {visitTime(visit.start, visit.location.timeZone)}
            </p>
            <p className="muted">with {visit.provider.name}</p>
          </div>
          <div className="field large">
            <label htmlFor={`${fieldId}-reason`}>Why are you cancelling?</label>
            <select
              id={`${fieldId}-reason`}
              value={reason}
              onChange={(event) => setReason(event.target.value as PortalCancelRequest['reason'])}
            >
              {PORTAL_CANCEL_REASONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field large">
            <label htmlFor={`${fieldId}-note`}>Anything you want us to know? (optional)</label>
            <textarea
              id={`${fieldId}-note`}
              rows={3}
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <div role="alert">{failure ? <p className="notice notice-warn">{failure}</p> : null}</div>
          <button type="submit" className="button danger large block" aria-disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel this visit'}
          </button>
          <button
            type="button"
            className="button large block"
            onClick={() => navigate('/portal/appointments')}
          >
            Keep my visit
          </button>
        </form>
      )}
    </PortalFrame>
  );
}
