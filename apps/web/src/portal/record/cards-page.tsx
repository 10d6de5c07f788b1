import {
  DOCUMENT_KIND_LABELS,
  type Patient,
  type PatientDocument,
  type PortalDocumentKind,
  type Session,
} from '@patientdesk/contracts';
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { listPortalDocuments, listPortalPatients, uploadPortalDocument } from '../../api/portal-records';
import { PageHeading } from '../../components/page-heading';
import { FailureNotice, LoadError, Loading } from '../../components/states';
import { formatLongDay, formatPatientName } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { mayActFor } from '../portal-access';
import { PortalFrame } from '../portal-frame';

const SIDES: readonly PortalDocumentKind[] = [
  'insurance-card-front',
  'insurance-card-back',
  'photo-id-front',
  'photo-id-back',
];

/**
 * `/portal/cards`: photos of the patient's insurance card and photo ID, front and back, sent from a phone before
 * the visit so check-in is quick. One tap opens the camera or the photo library; the photo goes at once, and a
 * small copy of it shows it was the right one. An account that may see the record also sees which are on file.
 */
export function CardsPage({ session }: { session: Session }) {
  const patients = useResource((signal) => listPortalPatients(signal), []);
  const open = (patients.data ?? []).filter((patient) => mayActFor(session, patient.id, 'forms'));
  return (
    <PortalFrame session={session} back={{ to: '/portal', label: 'Home' }}>
      <PageHeading title="Insurance card and ID">Insurance card and ID</PageHeading>
      <p className="lede">
        Send a photo of each side before your visit, and check-in will be quicker. Use good light and fit the
        whole card in the picture.
      </p>
      {patients.error ? (
        <LoadError error={patients.error} onRetry={patients.reload} />
      ) : !patients.data ? (
        <Loading label="Loading…" />
      ) : open.length === 0 ? (
        <p className="lede">Your account cannot send documents yet. Please bring your cards to the clinic.</p>
      ) : (
        open.map((patient) => (
          <PatientCards
            key={patient.id}
            patient={patient}
            named={open.length > 1}
            mayList={mayActFor(session, patient.id, 'records')}
          />
        ))
      )}
    </PortalFrame>
  );
}

function PatientCards({ patient, named, mayList }: { patient: Patient; named: boolean; mayList: boolean }) {
  const onFile = useResource(
    async (signal) => (mayList ? listPortalDocuments(patient.id, signal) : []),
    [patient.id, mayList],
  );
  const latest = (kind: PortalDocumentKind): PatientDocument | undefined =>
    (onFile.data ?? []).find((document) => document.kind === kind && !document.voided);
  return (
    <section className="portal-summary card-sides" aria-label={formatPatientName(patient)}>
      {named ? <h2>{formatPatientName(patient)}</h2> : null}
      <ul className="card-side-list">
        {SIDES.map((kind) => (
          <CardSide key={kind} patientId={patient.id} kind={kind} onFile={latest(kind)} named={named} />
        ))}
      </ul>
    </section>
  );
}

function CardSide({
  patientId,
  kind,
  onFile,
  named,
}: {
  patientId: string;
  kind: PortalDocumentKind;
  onFile: PatientDocument | undefined;
  /** Under the patient's name (an account acting for several): one heading level down. */
  named: boolean;
}) {
  const Heading = named ? 'h3' : 'h2';
  const label = DOCUMENT_KIND_LABELS[kind];
  const inputId = useId();
  const action = useAction();
  const [sent, setSent] = useState<{ preview: string | null } | null>(null);
  useEffect(() => () => (sent?.preview ? URL.revokeObjectURL(sent.preview) : undefined), [sent]);
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    action.run(
      () => uploadPortalDocument(patientId, file, kind),
      () =>
        setSent({
          // Browsers draw JPEG and PNG; a HEIC photo is sent all the same.
          preview: /^image\/(jpeg|png)$/.test(file.type) ? URL.createObjectURL(file) : null,
        }),
    );
  };
  const status = sent
    ? 'Sent. Thank you.'
    : onFile
      ? `On file since ${formatLongDay(onFile.createdAt)}`
      : 'Not sent yet';
  return (
    <li className="card-side">
      <div className="card-side-text">
        <Heading>{label}</Heading>
        <p className={sent ? 'card-side-status sent' : 'card-side-status'} role="status">
          {action.busy ? 'Sending…' : status}
        </p>
      </div>
      {sent?.preview ? (
        <img className="card-side-preview" src={sent.preview} alt={`${label}, as sent`} />
      ) : null}
      <label className="button large card-side-pick" htmlFor={inputId}>
        {sent || onFile ? 'Send a new photo' : 'Take or choose a photo'}
        <span className="vh">: {label}</span>
      </label>
      <input
        id={inputId}
        className="vh card-side-input"
        type="file"
        accept="image/jpeg,image/png,image/heic,.heic,application/pdf"
        onChange={choose}
        disabled={action.busy}
      />
      <FailureNotice failure={action.failure} />
    </li>
  );
}
