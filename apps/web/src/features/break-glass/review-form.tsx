import type { BreakGlassGrantReview } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { reviewBreakGlassGrant } from '../../api/confidentiality';
import { TextAreaField } from '../../components/field';

type Outcome = 'appropriate' | 'inappropriate';
type Errors = { outcome?: string; note?: string; form?: string };

/**
 * A supervisor's review of one grant: appropriate, or inappropriate with a note (which also ends the access if it
 * is still running). Escape closes it.
 */
export function ReviewForm({
  grant,
  onReviewed,
  onClose,
}: {
  grant: BreakGlassGrantReview;
  onReviewed: (grant: BreakGlassGrantReview) => void;
  onClose: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const name = useId();

  useEffect(() => form.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {};
    if (!outcome) found.outcome = 'Choose whether the access was appropriate.';
    if (outcome === 'inappropriate' && note.trim().length < 3)
      found.note = 'Say what was wrong and what was done about it.';
    setErrors(found);
    if (!outcome || found.note) {
      form.current?.querySelector<HTMLElement>(found.outcome ? 'input[type="radio"]' : 'textarea')?.focus();
      return;
    }
    setBusy(true);
    reviewBreakGlassGrant(grant.id, { outcome, ...(note.trim() ? { note: note.trim() } : {}) })
      .then(onReviewed)
      .catch((error: unknown) => {
        setBusy(false);
        const fields = isApiError(error) ? error.fieldErrors() : {};
        const form = isApiError(error, 403, 'SELF_REVIEW_NOT_ALLOWED')
          ? 'You cannot review your own access: another supervisor will.'
          : isApiError(error, 409, 'GRANT_ALREADY_REVIEWED')
            ? 'Someone else has reviewed this access already. Reload the list to see their review.'
            : fields.note || fields.outcome
              ? undefined
              : error instanceof Error
                ? error.message
                : 'Saving the review failed.';
        setErrors({ note: fields.note, outcome: fields.outcome, form });
      });
  };

  return (
    <form
      ref={form}
      className="review-form"
      noValidate
      onSubmit={submit}
      aria-label={`Review ${grant.actor.name}’s access`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <fieldset className="segmented" aria-describedby={errors.outcome ? `${name}-error` : undefined}>
        <legend>Was this access appropriate?</legend>
        <div className="segmented-options">
          {(['appropriate', 'inappropriate'] as const).map((value) => (
            <label key={value} className={outcome === value ? 'checked' : undefined}>
              <input
                type="radio"
                name={name}
                value={value}
                checked={outcome === value}
                onChange={() => {
                  setOutcome(value);
                  setErrors(({ outcome: _, ...rest }) => rest);
                }}
              />
              {value === 'appropriate' ? 'Appropriate' : 'Inappropriate'}
            </label>
          ))}
        </div>
        {errors.outcome ? (
          <span id={`${name}-error`} className="field-error block">
            {errors.outcome}
          </span>
        ) : null}
      </fieldset>
      <TextAreaField
        className="review-note"
        label={outcome === 'inappropriate' ? 'Note (required)' : 'Note (optional)'}
        hint={
          outcome === 'inappropriate'
            ? 'What was wrong, and what was done about it. Saving ends the access if it is still running.'
            : undefined
        }
        rows={2}
        maxLength={1000}
        value={note}
        onChange={setNote}
        error={errors.note}
      />
      <div role="alert" className="message-slot">
        {errors.form ? <p className="notice notice-warn">{errors.form}</p> : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Save review'}
        </button>
        <button type="button" className="button subtle" onClick={onClose}>
          Cancel <span className="muted">(Esc)</span>
        </button>
      </div>
    </form>
  );
}
