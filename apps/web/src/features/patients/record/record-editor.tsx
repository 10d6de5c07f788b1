import type { Patient } from '@patientdesk/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/client';
import { getPatient } from '../../../api/endpoints';
import { getPatientHistory, updatePatient } from '../../../api/patients';
import { plural } from '../../../lib/format';
import { ConflictNotice, type Conflict } from './conflict-notice';
import { clearFieldErrors, focusFirstInvalid } from './form-errors';
import {
  changedFields,
  draftFromPatient,
  toUpdateRequest,
  validateUpdate,
  visibleRecordFields,
  withFields,
  type FieldErrors,
  type PatientDraft,
  type RecordField,
} from './patient-draft';
import { RecordFormSections } from './record-form';

/**
 * "Edit" on a patient's record: the same sections as registration, sent as a merge patch of only what changed,
 * with the version the user started from (If-Match). When someone else saved first (412), it says so, shows what
 * they changed, and lets the user put their own changes back on the newer version to check and save again.
 */
export function RecordEditor({
  patient,
  onSaved,
  onNewerVersion,
  onClose,
}: {
  patient: Patient;
  onSaved: (patient: Patient) => void;
  /** The record as it now stands, after a conflict: the page shows it behind the form. */
  onNewerVersion: (patient: Patient) => void;
  onClose: () => void;
}) {
  const [base, setBase] = useState(patient);
  const original = useMemo(() => draftFromPatient(base), [base]);
  const fields = useMemo(() => visibleRecordFields(base), [base]);
  const [draft, setDraft] = useState<PatientDraft>(original);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  const loadConflict = (mine: RecordField[]) => {
    const since = base.version;
    Promise.all([getPatient(base.id), getPatientHistory(base.id).catch(() => null)])
      .then(([latest, history]) => {
        onNewerVersion(latest);
        setConflict({
          latest,
          mine,
          theirs: (history ?? []).filter((version) => version.version > since),
        });
      })
      .catch((error: unknown) =>
        setMessage({
          tone: 'error',
          text: `Someone else changed this record, and loading their version failed: ${error instanceof Error ? error.message : 'try again'}.`,
        }),
      )
      .finally(() => setBusy(false));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || conflict) return;
    setMessage(null);
    const changed = changedFields(original, draft, fields);
    if (changed.length === 0) {
      setMessage({ tone: 'warn', text: 'Nothing has changed yet.' });
      return;
    }
    const request = toUpdateRequest(changed, draft);
    const found = validateUpdate(request);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    setErrors({});
    updatePatient(base, request)
      .then((saved) => {
        setBusy(false);
        onSaved(saved);
      })
      .catch((error: unknown) => {
        if (isApiError(error, 412)) {
          loadConflict(changed);
          return;
        }
        setBusy(false);
        const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
        if (Object.keys(fieldErrors).length > 0) {
          setErrors(fieldErrors);
          focusFirstInvalid(form.current);
        } else setMessage({ tone: 'error', text: error instanceof Error ? error.message : 'Saving failed.' });
      });
  };

  const reapply = () => {
    if (!conflict) return;
    const next = withFields(draftFromPatient(conflict.latest), draft, conflict.mine);
    setBase(conflict.latest);
    setDraft(next);
    setConflict(null);
    setMessage({
      tone: 'ok',
      text: `Your ${plural(conflict.mine.length, 'change')} ${conflict.mine.length === 1 ? 'is' : 'are'} back on the newest version (${conflict.latest.version}). Check the form, then save.`,
    });
    window.requestAnimationFrame(() => saveButton.current?.focus());
  };

  const errorCount = Object.keys(errors).length;
  return (
    <section
      className="panel record-editor"
      aria-labelledby="record-editor-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented && !busy) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="record-editor-title" className="panel-title">
          Edit the record <span className="muted">(version {base.version})</span>
        </h2>
        <button type="button" className="button subtle small" onClick={onClose}>
          Close <span className="muted">(Esc)</span>
        </button>
      </div>
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          before={original}
          mine={draft}
          onReapply={reapply}
          onDiscard={onClose}
        />
      ) : null}
      <div role="status" className="message-slot">
        {message ? <p className={`notice notice-${message.tone}`}>{message.text}</p> : null}
      </div>
      <form
        ref={form}
        className="record-form"
        onSubmit={submit}
        noValidate
        aria-label="Edit the record"
        // While the conflict is open the form is the old version: it waits for "Re-apply" or "Discard".
        inert={conflict !== null}
      >
        <div role="alert" className="message-slot">
          {errorCount > 0 ? (
            <p className="notice notice-warn">
              {plural(errorCount, 'field')} need{errorCount === 1 ? 's' : ''} attention: see the messages
              below.
            </p>
          ) : null}
        </div>
        <RecordFormSections
          draft={draft}
          onChange={(next, changed) => {
            setDraft(next);
            setErrors((current) => clearFieldErrors(current, changed));
          }}
          errors={errors}
          fields={fields}
          registering={false}
          firstField={firstField}
        />
        {conflict ? null : (
          <div className="form-actions sticky-actions">
            <button ref={saveButton} type="submit" className="button primary" aria-disabled={busy}>
              {busy ? 'Saving…' : 'Save changes'}
            </button>
            <button type="button" className="button subtle" onClick={onClose}>
              Cancel
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
