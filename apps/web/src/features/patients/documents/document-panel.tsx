import { DOCUMENT_KIND_LABELS, type DocumentKind, type PatientDocument } from '@patientdesk/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { documentContentUrl, listDocuments, uploadDocument, voidDocument } from '../../../api/documents';
import { Field, SelectField } from '../../../components/field';
import { FailureNotice, failureText } from '../../../components/states';
import { ListTable } from '../../../components/list-table';
import { ReasonForm } from '../../../components/reason-form';
import { formatDateTime } from '../../../lib/format';
import { useResource } from '../../../lib/use-resource';

/** What staff upload by hand (copies of the record and accountings are made by PatientDesk itself). */
const UPLOAD_KINDS = (Object.keys(DOCUMENT_KIND_LABELS) as DocumentKind[]).filter(
  (kind) => kind !== 'records-export' && kind !== 'disclosure-accounting',
);

const TYPE_LABELS: Record<PatientDocument['contentType'], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/heic': 'HEIC',
  'application/fhir+json': 'FHIR JSON',
};

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The documents on a patient's record — ID and insurance card images, consents, referrals, authorizations — each
 * opened through an audited download; staff upload a file (PDF, JPEG, PNG or HEIC; its type is read from the
 * bytes) and void one with a reason instead of deleting it.
 */
export function DocumentPanel({ patientId, mayChange }: { patientId: string; mayChange: boolean }) {
  const documents = useResource((signal) => listDocuments(patientId, signal), [patientId]);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    documents.reload();
  };
  return (
    <section className="panel" aria-labelledby="documents-title">
      <h2 id="documents-title" className="panel-title">
        Documents
      </h2>
      <div role="status" className="message-slot">
        {notice ? <p className="notice notice-ok">{notice}</p> : null}
      </div>
      <ListTable
        list={documents}
        loadingLabel="Loading the documents…"
        emptyTitle="No documents"
        empty={<p>ID and insurance card images, consents and referrals will be listed here.</p>}
        label="Documents on the record"
        columns={['Document', 'Kind', 'File', 'Added']}
        actions
      >
        {(items) =>
          items.map((document) => (
            <DocumentRow key={document.id} document={document} mayChange={mayChange} onChanged={changed} />
          ))
        }
      </ListTable>
      {mayChange ? <UploadForm patientId={patientId} onUploaded={changed} /> : null}
    </section>
  );
}

function DocumentRow({
  document,
  mayChange,
  onChanged,
}: {
  document: PatientDocument;
  mayChange: boolean;
  onChanged: (text: string) => void;
}) {
  const [voiding, setVoiding] = useState(false);
  return (
    <tr className={document.voided ? 'row-muted' : undefined}>
      <td>
        {document.voided ? (
          <>
            <s>{document.title}</s>
            <span className="cell-sub">Void: {document.voidReason}</span>
          </>
        ) : (
          <a href={documentContentUrl(document.id)} target="_blank" rel="noopener">
            {document.title}
          </a>
        )}
      </td>
      <td>{DOCUMENT_KIND_LABELS[document.kind]}</td>
      <td>
        {TYPE_LABELS[document.contentType]}, {size(document.sizeBytes)}
      </td>
      <td>
        {formatDateTime(document.createdAt)}
        <span className="cell-sub">
          {document.uploadedVia === 'portal' ? 'by the patient' : 'at the desk'}
        </span>
      </td>
      <td className="cell-actions">
        {mayChange && !document.voided && !voiding ? (
          <button type="button" className="button small" onClick={() => setVoiding(true)}>
            Void
          </button>
        ) : null}
        {voiding ? (
          <ReasonForm
            label="Why void it"
            submitLabel="Void document"
            maxLength={300}
            send={(reason) => voidDocument(document.id, reason)}
            onDone={() => {
              setVoiding(false);
              onChanged(`${document.title} is void. It stays on the record, marked as void.`);
            }}
            onCancel={() => setVoiding(false)}
          />
        ) : null}
      </td>
    </tr>
  );
}

function UploadForm({ patientId, onUploaded }: { patientId: string; onUploaded: (text: string) => void }) {
  const [kind, setKind] = useState<DocumentKind>('insurance-card-front');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setFailure('Choose a file first.');
      return;
    }
    setBusy(true);
    setFailure(null);
    uploadDocument(patientId, file, { kind, ...(title.trim() ? { title: title.trim() } : {}) })
      .then((document) => {
        setTitle('');
        setFile(null);
        if (input.current) input.current.value = '';
        onUploaded(`Added ${document.title}.`);
      })
      .catch((error: unknown) => setFailure(failureText(error)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="stack-form" onSubmit={submit} aria-label="Add a document">
      <div className="record-fields">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(value) => setKind(value as DocumentKind)}
          options={UPLOAD_KINDS.map((value) => ({ value, label: DOCUMENT_KIND_LABELS[value] }))}
        />
        <Field
          label="Title"
          value={title}
          onChange={setTitle}
          maxLength={120}
          hint="Optional: the kind is used"
        />
        <div className="field">
          <label htmlFor="document-file">File</label>
          <input
            id="document-file"
            ref={input}
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/jpeg,image/png,image/heic"
            aria-describedby="document-file-hint"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <span id="document-file-hint" className="field-hint">
            PDF, JPEG, PNG or HEIC
          </span>
        </div>
      </div>
      <FailureNotice failure={failure} />
      <p className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Upload
        </button>
      </p>
    </form>
  );
}
