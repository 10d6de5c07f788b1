import type { Patient, RecordsRequest, Session } from '@patientdesk/contracts';
import { useState } from 'react';
import {
  askForRecords,
  listPortalPatients,
  listRecordsRequests,
  portalDocumentUrl,
} from '../../api/portal-records';
import { PageHeading } from '../../components/page-heading';
import { FailureNotice, failureText, LoadError, Loading } from '../../components/states';
import { formatLongDay, formatPatientName } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { mayActFor } from '../portal-access';
import { PortalFrame } from '../portal-frame';

const KIND_WORDS: Record<RecordsRequest['kind'], string> = {
  access: 'A copy of the record',
  accounting: 'Who the information was shared with',
  release: 'Records sent to someone else',
};

/** Where a request stands, in plain words. */
function standing(request: RecordsRequest): string {
  if (request.status === 'fulfilled') return 'Ready';
  if (request.status === 'denied') return `Not given: ${request.decisionNote ?? 'the clinic will explain'}`;
  if (request.status === 'withdrawn') return 'Withdrawn';
  if (request.extended && request.extensionReason)
    return `We need more time: ${request.extensionReason.replace(/[.!\s]+$/, '')}. Ready by ${formatLongDay(request.dueAt)} at the latest.`;
  return `We are preparing it. Ready by ${formatLongDay(request.dueAt)} at the latest.`;
}

/**
 * `/portal/records`: a copy of the record (a readable PDF and a file other health apps read) and the list of who
 * the information was shared with, asked for in one tap, ready here when the clinic has prepared them (within 30
 * and 60 days by law; usually much sooner). A proxy sees this only for patients whose records they may see.
 */
export function RecordsPage({ session }: { session: Session }) {
  const patients = useResource((signal) => listPortalPatients(signal), []);
  const requests = useResource((signal) => listRecordsRequests(signal), []);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const open = (patients.data ?? []).filter((patient) => mayActFor(session, patient.id, 'records'));

  const ask = (patient: Patient, kind: 'access' | 'accounting') => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setAsked(null);
    askForRecords(patient.id, kind)
      .then((request) => {
        setAsked(
          `Thank you. We will have it ready by ${formatLongDay(request.dueAt)} at the latest, and tell you when it is.`,
        );
        requests.reload();
      })
      .catch((error: unknown) => setFailure(failureText(error)))
      .finally(() => setBusy(false));
  };

  return (
    <PortalFrame session={session} back={{ to: '/portal', label: 'Home' }}>
      <PageHeading title="Copies of your record">Copies of your record</PageHeading>
      <p className="lede">
        Ask for a copy of your record, or for a list of who your information was shared with. It will be ready
        here when the clinic has prepared it.
      </p>
      <div role="status" className="message-slot">
        {asked ? <p className="notice notice-ok">{asked}</p> : null}
      </div>
      <FailureNotice failure={failure} />
      {patients.error ? (
        <LoadError error={patients.error} onRetry={patients.reload} />
      ) : !patients.data ? (
        <Loading label="Loading…" />
      ) : open.length === 0 ? (
        <p className="lede">Your account cannot ask for records yet. Please call the clinic.</p>
      ) : (
        open.map((patient) => (
          <section key={patient.id} className="portal-summary" aria-label={formatPatientName(patient)}>
            {open.length > 1 ? <h2>{formatPatientName(patient)}</h2> : null}
            <div className="record-asks">
              <button
                type="button"
                className="button primary large block"
                disabled={busy}
                onClick={() => ask(patient, 'access')}
              >
                Get a copy of my record
              </button>
              <button
                type="button"
                className="button large block"
                disabled={busy}
                onClick={() => ask(patient, 'accounting')}
              >
                Who my information was shared with
              </button>
            </div>
          </section>
        ))
      )}
      <h2>Your requests</h2>
      {requests.error ? (
        <LoadError error={requests.error} onRetry={requests.reload} />
      ) : !requests.data ? (
        <Loading label="Loading your requests…" />
      ) : requests.data.length === 0 ? (
        <p>You have not asked for anything yet.</p>
      ) : (
        <ul className="request-list">
          {requests.data.map((request) => (
            <li key={request.id} className="portal-summary">
              <h3>{KIND_WORDS[request.kind]}</h3>
              <p>
                Asked on {formatLongDay(request.requestedAt)}. {standing(request)}
              </p>
              {request.files.length ? (
                <ul className="file-list">
                  {request.files.map((file) => (
                    <li key={file.id}>
                      <a
                        className="button large"
                        href={portalDocumentUrl(file.id)}
                        target="_blank"
                        rel="noopener"
                      >
                        Download{' '}
                        {file.contentType === 'application/pdf' ? 'the PDF' : 'the file for health apps'}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  );
}
