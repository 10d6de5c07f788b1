import {
  DISCLOSURE_LEGAL_BASES,
  DISCLOSURE_LEGAL_BASIS_LABELS,
  type Disclosure,
  type NewRecordsRequest,
  type PatientDocument,
  type RecordsRequest,
} from '@patientdesk/contracts';
import { useState, type FormEvent } from 'react';
import { documentContentUrl, listDocuments } from '../../../api/documents';
import {
  denyRecordsRequest,
  extendRecordsRequest,
  fulfilRecordsRequest,
  listDisclosures,
  listPatientRecordsRequests,
  logRecordsRequest,
  recordDisclosure,
} from '../../../api/records-requests';
import { Field, SelectField, TextAreaField } from '../../../components/field';
import { ListTable } from '../../../components/list-table';
import { FormActions, ListPanel } from '../../../components/list-panel';
import { ReasonForm } from '../../../components/reason-form';
import { FailureNotice } from '../../../components/states';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { useNow } from '../../../lib/use-now';
import { useResource } from '../../../lib/use-resource';
import { Link, withQuery } from '../../../router/router';

type Kind = RecordsRequest['kind'];

const KIND_LABELS: Record<Kind, string> = {
  access: 'Copy of the record',
  accounting: 'Accounting of disclosures',
  release: 'Release to a third party',
};

const KIND_HINTS: Record<Kind, string> = {
  access: 'The patient’s right of access: due in 30 days (one 30-day extension).',
  accounting:
    'Who received the patient’s information outside treatment, payment and operations in the last six years: due in 60 days.',
  release:
    'Send the record to someone the patient named in a signed authorization; recorded as a disclosure.',
};

const FORMAT_LABELS: Record<RecordsRequest['format'], string> = {
  both: 'PDF and FHIR file',
  pdf: 'PDF',
  fhir: 'FHIR file (machine-readable)',
};

/**
 * A patient's rights over their record at the desk: requests for a copy, for an accounting of disclosures, or to
 * release the record to someone else, each with its due date (the worklist carries the same clock), fulfilled,
 * extended once or denied; and the disclosures of the patient's information, recorded as they are made.
 */
export function RightsPanel({ patientId, mayChange }: { patientId: string; mayChange: boolean }) {
  // A fulfilled release is itself a disclosure: the list below reads again.
  const [disclosed, setDisclosed] = useState(0);
  return (
    <div className="stack">
      <RequestsSection
        patientId={patientId}
        mayChange={mayChange}
        onDisclosed={() => setDisclosed((value) => value + 1)}
      />
      <DisclosuresSection patientId={patientId} mayChange={mayChange} refreshKey={disclosed} />
    </div>
  );
}

function RequestsSection({
  patientId,
  mayChange,
  onDisclosed,
}: {
  patientId: string;
  mayChange: boolean;
  onDisclosed: () => void;
}) {
  const requests = useResource((signal) => listPatientRecordsRequests(patientId, signal), [patientId]);
  const now = useNow(60_000);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    requests.reload();
  };
  return (
    <ListPanel
      id="requests-title"
      title="Requests for the record"
      notice={notice}
      {...(mayChange
        ? {
            addLabel: 'Log a request',
            form: (close: () => void) => (
              <RequestForm
                patientId={patientId}
                onLogged={(request) => {
                  close();
                  changed(
                    `Logged: ${KIND_LABELS[request.kind].toLowerCase()}, due ${formatDateTime(request.dueAt)}. It is on the worklist.`,
                  );
                }}
                onCancel={close}
              />
            ),
          }
        : {})}
    >
      <ListTable
        list={requests}
        loadingLabel="Loading the requests…"
        emptyTitle="No requests"
        empty={
          <p>Requests for a copy of the record, an accounting of disclosures or a release appear here.</p>
        }
        label="Requests, soonest due first"
        columns={['Request', 'Asked', 'Due', 'Status', 'Files']}
        actions={mayChange}
      >
        {(items) =>
          items.map((request) => (
            <RequestRow
              key={request.id}
              request={request}
              now={now}
              mayChange={mayChange}
              onChanged={changed}
              onDisclosed={onDisclosed}
            />
          ))
        }
      </ListTable>
    </ListPanel>
  );
}

function Due({ request, now }: { request: RecordsRequest; now: Date }) {
  if (request.status !== 'open') return <span className="muted">—</span>;
  const overdue = new Date(request.dueAt) < now;
  return (
    <>
      <span className={overdue ? 'due overdue' : 'due'}>
        {overdue ? 'Overdue, ' : ''}
        {formatRelative(request.dueAt, now)}
      </span>
      <span className="cell-sub">
        {formatDateTime(request.dueAt, now)}
        {request.extended ? ' · extended' : ''}
      </span>
    </>
  );
}

const STATUS_LABELS: Record<RecordsRequest['status'], string> = {
  open: 'Open',
  fulfilled: 'Fulfilled',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
};

function RequestRow({
  request,
  now,
  mayChange,
  onChanged,
  onDisclosed,
}: {
  request: RecordsRequest;
  now: Date;
  mayChange: boolean;
  onChanged: (text: string) => void;
  onDisclosed: () => void;
}) {
  const [step, setStep] = useState<'extend' | 'deny' | null>(null);
  const fulfil = useAction();
  const label = KIND_LABELS[request.kind];
  const open = request.status === 'open';
  return (
    <tr className={open ? undefined : 'row-muted'}>
      <th scope="row" className="cell-task">
        {label}
        <span className="cell-sub">
          {request.recipientName ? `To ${request.recipientName} · ` : ''}
          {request.kind === 'accounting' ? 'PDF' : FORMAT_LABELS[request.format]}
        </span>
      </th>
      <td>
        {formatDateTime(request.requestedAt, now)}
        <span className="cell-sub">
          {request.requestedVia === 'portal' ? 'in the portal' : 'at the desk'}
        </span>
      </td>
      <td>
        <Due request={request} now={now} />
      </td>
      <td>
        {STATUS_LABELS[request.status]}
        {request.decidedAt ? (
          <span className="cell-sub">{formatDateTime(request.decidedAt, now)}</span>
        ) : null}
        {request.decisionNote ? <span className="cell-sub">{request.decisionNote}</span> : null}
        {open && request.extensionReason ? (
          <span className="cell-sub">Extended: {request.extensionReason}</span>
        ) : null}
      </td>
      <td>
        {request.files.length ? (
          <ul className="plain-list">
            {request.files.map((file) => (
              <li key={file.id}>
                <a href={documentContentUrl(file.id)} target="_blank" rel="noopener">
                  {file.contentType === 'application/pdf' ? 'PDF' : 'FHIR file'}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None yet</span>
        )}
      </td>
      {mayChange ? (
        <td className="cell-actions">
          {open && step === null ? (
            <>
              <button
                type="button"
                className="button small primary"
                aria-disabled={fulfil.busy}
                aria-label={`Fulfil: ${label}`}
                onClick={() =>
                  fulfil.run(
                    () => fulfilRecordsRequest(request),
                    () => {
                      if (request.kind === 'release') onDisclosed();
                      onChanged(
                        request.kind === 'release'
                          ? `${label}: fulfilled and recorded as a disclosure. Send the files to ${request.recipientName ?? 'the recipient'}.`
                          : `${label}: fulfilled. The files are ready here and in the patient’s portal.`,
                      );
                    },
                  )
                }
              >
                {fulfil.busy ? 'Making the files…' : 'Fulfil'}
              </button>
              {!request.extended ? (
                <button type="button" className="button small" onClick={() => setStep('extend')}>
                  Extend 30 days
                </button>
              ) : null}
              <button type="button" className="button small" onClick={() => setStep('deny')}>
                Deny
              </button>
            </>
          ) : null}
          {step === 'extend' ? (
            <ReasonForm
              label="Why it needs more time (the patient sees this in the portal)"
              submitLabel="Extend"
              send={(reason) => extendRecordsRequest(request, reason)}
              onDone={() => {
                setStep(null);
                onChanged(`${label}: extended by 30 days.`);
              }}
              onCancel={() => setStep(null)}
            />
          ) : null}
          {step === 'deny' ? (
            <ReasonForm
              label="Why it is denied (the patient sees this in the portal)"
              submitLabel="Deny request"
              maxLength={1000}
              send={(reason) => denyRecordsRequest(request, reason)}
              onDone={() => {
                setStep(null);
                onChanged(`${label}: denied.`);
              }}
              onCancel={() => setStep(null)}
            />
          ) : null}
          <FailureNotice failure={fulfil.failure} />
        </td>
      ) : null}
    </tr>
  );
}

/** Who receives the record or the information: a name, and an address if there is one. */
function RecipientFields({
  label,
  hint,
  name,
  address,
  onName,
  onAddress,
  errors,
}: {
  label: string;
  hint: string;
  name: string;
  address: string;
  onName: (value: string) => void;
  onAddress: (value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field
        label={label}
        value={name}
        onChange={onName}
        maxLength={200}
        required
        error={errors.recipientName}
        hint={hint}
      />
      <Field
        label="Their address"
        value={address}
        onChange={onAddress}
        maxLength={300}
        error={errors.recipientAddress}
        hint="Optional"
      />
    </>
  );
}

/** The signed authorizations on the record, to release against or to cite for a disclosure. */
function useAuthorizations(patientId: string) {
  return useResource(
    async (signal) =>
      (await listDocuments(patientId, signal)).filter(
        (document) => document.kind === 'authorization' && !document.voided,
      ),
    [patientId],
  );
}

function AuthorizationField({
  patientId,
  documents,
  value,
  onChange,
  error,
  required,
}: {
  patientId: string;
  documents: PatientDocument[] | null;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  required: boolean;
}) {
  if (documents && documents.length === 0) {
    return (
      <p className="notice notice-info wide">
        No signed authorization is on the record.{' '}
        <Link to={withQuery(`/desk/patients/${patientId}`, { tab: 'documents' })}>
          Upload it on the Documents tab
        </Link>{' '}
        (kind “Authorization”){required ? ', then come back' : ''}.
      </p>
    );
  }
  return (
    <SelectField
      label="Authorization"
      value={value}
      onChange={onChange}
      required={required}
      error={error}
      options={[
        { value: '', label: documents ? (required ? 'Choose…' : 'None') : 'Loading…' },
        ...(documents ?? []).map((document) => ({
          value: document.id,
          label: `${document.title} (${formatDateTime(document.createdAt)})`,
        })),
      ]}
    />
  );
}

function RequestForm({
  patientId,
  onLogged,
  onCancel,
}: {
  patientId: string;
  onLogged: (request: RecordsRequest) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<Kind>('access');
  const [format, setFormat] = useState<RecordsRequest['format']>('both');
  const [recipientName, setRecipientName] = useState('');
  const [recipientAddress, setRecipientAddress] = useState('');
  const [scope, setScope] = useState('');
  const [authorizationDocumentId, setAuthorizationDocumentId] = useState('');
  const authorizations = useAuthorizations(patientId);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request: NewRecordsRequest =
      kind === 'access'
        ? { kind, format }
        : kind === 'accounting'
          ? { kind }
          : {
              kind,
              format,
              recipientName: recipientName.trim(),
              ...(recipientAddress.trim() ? { recipientAddress: recipientAddress.trim() } : {}),
              scope: scope.trim(),
              authorizationDocumentId,
            };
    if (kind === 'release' && !authorizationDocumentId) {
      action.fail('Choose the patient’s signed authorization.');
      return;
    }
    action.run(() => logRecordsRequest(patientId, request), onLogged);
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Log a request for the record">
      <div className="record-fields">
        <SelectField
          label="The patient asks for"
          value={kind}
          onChange={(value) => {
            setKind(value as Kind);
            setFormat(value === 'release' ? 'pdf' : 'both');
          }}
          options={(Object.keys(KIND_LABELS) as Kind[]).map((value) => ({
            value,
            label: KIND_LABELS[value],
          }))}
        />
        {kind !== 'accounting' ? (
          <SelectField
            label="Format"
            value={format}
            onChange={(value) => setFormat(value as RecordsRequest['format'])}
            options={(Object.keys(FORMAT_LABELS) as RecordsRequest['format'][]).map((value) => ({
              value,
              label: FORMAT_LABELS[value],
            }))}
          />
        ) : null}
      </div>
      <p className="field-hint">{KIND_HINTS[kind]}</p>
      {kind === 'release' ? (
        <div className="record-fields">
          <RecipientFields
            label="Send to"
            hint="A person or organization"
            name={recipientName}
            address={recipientAddress}
            onName={setRecipientName}
            onAddress={setRecipientAddress}
            errors={action.errors}
          />
          <TextAreaField
            label="What to release"
            value={scope}
            onChange={setScope}
            rows={2}
            maxLength={500}
            required
            error={action.errors.scope}
            hint="As the authorization says, e.g. “visit notes from 2025”"
            className="wide"
          />
          <AuthorizationField
            patientId={patientId}
            documents={authorizations.data}
            value={authorizationDocumentId}
            onChange={setAuthorizationDocumentId}
            error={action.errors.authorizationDocumentId}
            required
          />
        </div>
      ) : null}
      <FormActions action={action} submitLabel="Log request" onCancel={onCancel} />
    </form>
  );
}

function DisclosuresSection({
  patientId,
  mayChange,
  refreshKey,
}: {
  patientId: string;
  mayChange: boolean;
  refreshKey: number;
}) {
  const disclosures = useResource((signal) => listDisclosures(patientId, signal), [patientId, refreshKey]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <ListPanel
      id="disclosures-title"
      title="Disclosures"
      lede="Information about this patient given to anyone outside the clinic in the last six years. Those not for treatment, payment or operations and not authorized by the patient go into an accounting of disclosures."
      notice={notice}
      {...(mayChange
        ? {
            addLabel: 'Record a disclosure',
            form: (close: () => void) => (
              <DisclosureForm
                patientId={patientId}
                onRecorded={() => {
                  close();
                  setNotice('Disclosure recorded.');
                  disclosures.reload();
                }}
                onCancel={close}
              />
            ),
          }
        : {})}
    >
      <ListTable
        list={disclosures}
        loadingLabel="Loading the disclosures…"
        emptyTitle="No disclosures"
        empty={<p>Nothing has been disclosed outside the clinic.</p>}
        label="Disclosures in the last six years"
        columns={['When', 'To', 'What', 'Why', 'Basis']}
      >
        {(items) => items.map((disclosure) => <DisclosureRow key={disclosure.id} disclosure={disclosure} />)}
      </ListTable>
    </ListPanel>
  );
}

function DisclosureRow({ disclosure }: { disclosure: Disclosure }) {
  return (
    <tr>
      <td>{formatDateTime(disclosure.disclosedAt)}</td>
      <td>
        {disclosure.recipientName}
        {disclosure.recipientAddress ? <span className="cell-sub">{disclosure.recipientAddress}</span> : null}
      </td>
      <td>{disclosure.description}</td>
      <td>{disclosure.purpose}</td>
      <td>
        {DISCLOSURE_LEGAL_BASIS_LABELS[disclosure.legalBasis]}
        <span className="cell-sub">
          {disclosure.accountable ? 'In the accounting' : 'Not in the accounting'}
        </span>
      </td>
    </tr>
  );
}

/** "2026-12-02T09:30" for a datetime-local input, in this browser's time. */
const localInputValue = (date: Date) => {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

function DisclosureForm({
  patientId,
  onRecorded,
  onCancel,
}: {
  patientId: string;
  onRecorded: () => void;
  onCancel: () => void;
}) {
  const [disclosedAt, setDisclosedAt] = useState(() => localInputValue(new Date()));
  const [recipientName, setRecipientName] = useState('');
  const [recipientAddress, setRecipientAddress] = useState('');
  const [purpose, setPurpose] = useState('');
  const [description, setDescription] = useState('');
  const [legalBasis, setLegalBasis] = useState<Disclosure['legalBasis']>('required-by-law');
  const [authorizationDocumentId, setAuthorizationDocumentId] = useState('');
  const authorizations = useAuthorizations(patientId);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(disclosedAt);
    if (Number.isNaN(at.getTime())) {
      action.fail('Give the date and time it was disclosed.');
      return;
    }
    action.run(
      () =>
        recordDisclosure(patientId, {
          disclosedAt: at.toISOString(),
          recipientName: recipientName.trim(),
          ...(recipientAddress.trim() ? { recipientAddress: recipientAddress.trim() } : {}),
          purpose: purpose.trim(),
          description: description.trim(),
          legalBasis,
          ...(authorizationDocumentId ? { authorizationDocumentId } : {}),
        }),
      onRecorded,
    );
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Record a disclosure">
      <div className="record-fields">
        <Field
          label="When"
          type="datetime-local"
          value={disclosedAt}
          onChange={setDisclosedAt}
          required
          error={action.errors.disclosedAt}
        />
        <RecipientFields
          label="To"
          hint="A person, agency or organization"
          name={recipientName}
          address={recipientAddress}
          onName={setRecipientName}
          onAddress={setRecipientAddress}
          errors={action.errors}
        />
        <SelectField
          label="Legal basis"
          value={legalBasis}
          onChange={(value) => setLegalBasis(value as Disclosure['legalBasis'])}
          options={DISCLOSURE_LEGAL_BASES.map((value) => ({
            value,
            label: DISCLOSURE_LEGAL_BASIS_LABELS[value],
          }))}
        />
        <Field
          label="Why"
          value={purpose}
          onChange={setPurpose}
          maxLength={300}
          required
          error={action.errors.purpose}
          hint="e.g. “Reportable disease report”"
        />
        {legalBasis === 'authorization' ? (
          <AuthorizationField
            patientId={patientId}
            documents={authorizations.data}
            value={authorizationDocumentId}
            onChange={setAuthorizationDocumentId}
            error={action.errors.authorizationDocumentId}
            required={false}
          />
        ) : null}
        <TextAreaField
          label="What was disclosed"
          value={description}
          onChange={setDescription}
          rows={2}
          maxLength={1000}
          required
          error={action.errors.description}
          className="wide"
        />
      </div>
      <FormActions action={action} submitLabel="Record disclosure" onCancel={onCancel} />
    </form>
  );
}
