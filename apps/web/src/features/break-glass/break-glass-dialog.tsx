import {
  RESTRICTION_KIND_LABELS,
  type BreakGlassGrant,
  type BreakGlassReason,
  type BreakGlassRequiredProblem,
} from '@patientdesk/contracts';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { breakGlass } from '../../api/confidentiality';
import { SelectField, TextAreaField } from '../../components/field';

type Errors = { reason?: string; detail?: string; form?: string };

/**
 * Shown instead of a restricted record: why it is closed, and how to open it anyway (a reason from the list and a
 * few words of one's own), knowing the access is time-limited, recorded and reviewed. A modal dialog, so nothing
 * behind it can be reached; Escape or Cancel goes back.
 */
export function BreakGlassDialog({
  patientId,
  problem,
  onOpened,
  onCancel,
  alternative,
}: {
  patientId: string;
  problem: BreakGlassRequiredProblem;
  onOpened: (grant: BreakGlassGrant | null) => void;
  onCancel: () => void;
  /** Another way forward that does not open the record (a supervisor managing who may). */
  alternative?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonField = useRef<HTMLSelectElement>(null);
  const [reason, setReason] = useState<BreakGlassReason | ''>('');
  const [detail, setDetail] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const { minLength, maxLength } = problem.breakGlass.detail;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    reasonField.current?.focus();
    return () => element?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {};
    if (!reason) found.reason = 'Choose the reason that fits best.';
    if (detail.trim().length < minLength)
      found.detail = `Say why in at least ${minLength} characters: a supervisor reads this.`;
    setErrors(found);
    if (!reason || found.detail) {
      (found.reason ? reasonField.current : dialog.current?.querySelector('textarea'))?.focus();
      return;
    }
    setBusy(true);
    breakGlass(patientId, { reason, detail: detail.trim() })
      .then((grant) => onOpened(grant))
      .catch((error: unknown) => {
        setBusy(false);
        // Someone added the user to the care team meanwhile, or lifted the restriction: just open it.
        if (isApiError(error, 409, 'BREAK_GLASS_NOT_NEEDED')) {
          onOpened(null);
          return;
        }
        const fields = isApiError(error) ? error.fieldErrors() : {};
        setErrors({
          reason: fields.reason,
          detail: fields.detail,
          form:
            fields.reason || fields.detail
              ? undefined
              : error instanceof Error
                ? error.message
                : 'Opening the record failed. Try again.',
        });
      });
  };

  const minutes = problem.breakGlass.grantMinutes;
  return (
    <dialog
      ref={dialog}
      className="dialog break-glass-dialog"
      aria-labelledby="break-glass-title"
      aria-describedby="break-glass-explanation"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit} noValidate className="dialog-body">
        <h2 id="break-glass-title" className="dialog-title">
          This record is restricted
        </h2>
        <div id="break-glass-explanation" className="dialog-text">
          <p>
            It is marked <strong>{RESTRICTION_KIND_LABELS[problem.restriction.kind]}</strong>, and you are not
            on this patient’s care team.
          </p>
          <p>
            You can open it if your work needs it now. Your access lasts {minutes} minutes, everything you
            open is recorded, and a supervisor reviews why you opened it.
          </p>
        </div>
        <SelectField
          label="Reason"
          selectRef={reasonField}
          required
          value={reason}
          options={[
            { value: '', label: 'Choose a reason…' },
            ...problem.breakGlass.reasons.map((option) => ({ value: option.code, label: option.label })),
          ]}
          onChange={(value) => {
            setReason(value as BreakGlassReason | '');
            setErrors(({ reason: _, ...rest }) => rest);
          }}
          error={errors.reason}
        />
        <TextAreaField
          label="In your own words"
          hint={`What you need to do for the patient, ${minLength} to ${maxLength} characters. ${detail.trim().length} so far.`}
          rows={3}
          required
          maxLength={maxLength}
          value={detail}
          onChange={(value) => {
            setDetail(value);
            if (value.trim().length >= minLength) setErrors(({ detail: _, ...rest }) => rest);
          }}
          error={errors.detail}
        />
        <div role="alert" className="message-slot">
          {errors.form ? <p className="notice notice-error">{errors.form}</p> : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button danger" aria-disabled={busy}>
            {busy ? 'Opening…' : 'Open record'}
          </button>
          <button type="button" className="button subtle" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {alternative ? <p className="dialog-alternative">{alternative}</p> : null}
      </form>
    </dialog>
  );
}
