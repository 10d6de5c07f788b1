import type { DuplicateMatch } from '@patientdesk/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/client';
import { checkDuplicates, registerPatient } from '../../../api/patients';
import { PageHeading } from '../../../components/page-heading';
import { plural } from '../../../lib/format';
import { Link, navigate } from '../../../router/router';
import {
  emptyDraft,
  RECORD_FIELDS,
  toCreateRequest,
  toDuplicateCheck,
  validateCreate,
  type FieldErrors,
  type PatientDraft,
} from '../record/patient-draft';
import { RecordFormSections } from '../record/record-form';
import { DuplicateMatches } from './duplicate-matches';
import { clearFieldErrors, focusFirstInvalid } from '../record/form-errors';

type Stage =
  | { kind: 'editing' }
  | { kind: 'checking' }
  /** The check itself failed: the desk may still register, having searched by hand. */
  | { kind: 'check-failed'; message: string }
  | { kind: 'saving' };

/**
 * `/desk/patients/new`: registration in one fast form. Saving first asks for likely duplicates; when there are some,
 * they are shown with their reasons, to open one or "Register anyway". Then the new record opens.
 */
export function RegistrationPage() {
  const [draft, setDraft] = useState<PatientDraft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'editing' });
  const [matches, setMatches] = useState<DuplicateMatch[] | null>(null);
  // The identity the desk has already seen the matches for: changing it asks again.
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    setMatches(null);
    setStage({ kind: 'editing' });
    focusFirstInvalid(form.current);
  };

  const save = () => {
    const request = toCreateRequest(draft);
    setStage({ kind: 'saving' });
    setFormError(null);
    registerPatient(request)
      .then((patient) => navigate(`/desk/patients/${patient.id}?registered=1`))
      .catch((error: unknown) => {
        const fields = isApiError(error) ? error.fieldErrors() : {};
        if (Object.keys(fields).length > 0) showErrors(fields);
        else {
          setStage({ kind: 'editing' });
          setFormError(error instanceof Error ? error.message : 'Registering failed. Try again.');
        }
      });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (stage.kind === 'checking' || stage.kind === 'saving') return;
    setFormError(null);
    setMatches(null);
    const found = validateCreate(toCreateRequest(draft));
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    const check = toDuplicateCheck(draft);
    const key = JSON.stringify(check);
    if (key === checkedFor) {
      save();
      return;
    }
    setStage({ kind: 'checking' });
    checkDuplicates(check)
      .then((found) => {
        setCheckedFor(key);
        if (found.length === 0) save();
        else {
          setMatches(found);
          setStage({ kind: 'editing' });
        }
      })
      .catch((error: unknown) => {
        const fields = isApiError(error) ? error.fieldErrors() : {};
        if (Object.keys(fields).length > 0) showErrors(fields);
        else
          setStage({
            kind: 'check-failed',
            message: error instanceof Error ? error.message : 'The duplicate check failed.',
          });
      });
  };

  const backToForm = () => {
    setStage({ kind: 'editing' });
    setMatches(null);
    firstField.current?.focus();
  };

  const errorCount = Object.keys(errors).length;
  return (
    <div className="page registration-page">
      <p className="breadcrumb">
        <Link to="/desk/patients">Patients</Link>
      </p>
      <PageHeading title="Register a patient">Register a patient</PageHeading>
      <p className="muted">
        Required: family name, given names and date of birth. Everything else can be added later.
      </p>
      <form ref={form} className="record-form" onSubmit={submit} noValidate aria-label="Registration">
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
          fields={RECORD_FIELDS}
          registering
          firstField={firstField}
        />
        {matches ? null : (
          <div className="form-actions sticky-actions">
            <button type="submit" className="button primary" aria-disabled={stage.kind !== 'editing'}>
              {stage.kind === 'checking'
                ? 'Checking for duplicates…'
                : stage.kind === 'saving'
                  ? 'Registering…'
                  : 'Register patient'}
            </button>
            <Link to="/desk/patients" className="button subtle">
              Cancel
            </Link>
            <span className="muted form-actions-note">Enter in a text field saves.</span>
          </div>
        )}
      </form>
      <div role="status" className="message-slot">
        {formError ? <p className="notice notice-error">{formError}</p> : null}
        {stage.kind === 'check-failed' ? (
          <div className="notice notice-warn">
            <p>The duplicate check did not answer: {stage.message}</p>
            <p>Search for the patient by name and date of birth before registering a new record.</p>
            <p className="form-actions">
              <button type="button" className="button" onClick={save}>
                Register without the check
              </button>
              <button type="button" className="button subtle" onClick={backToForm}>
                Back to the form
              </button>
            </p>
          </div>
        ) : null}
      </div>
      {matches ? (
        <DuplicateMatches
          matches={matches}
          busy={stage.kind === 'saving'}
          onRegisterAnyway={save}
          onBack={backToForm}
        />
      ) : null}
    </div>
  );
}
