import { useState, type FormEvent } from 'react';
import { useAction } from '../lib/use-action';
import { Field } from './field';
import { FailureNotice } from './states';

/**
 * A small form that asks why before a change that is kept on the record (void a document, end a membership, deny
 * a request): the reason, the button that does it, and Cancel. The failure stays beside the button.
 */
export function ReasonForm({
  label,
  submitLabel,
  minLength = 3,
  maxLength = 500,
  hint,
  send,
  onDone,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  minLength?: number;
  maxLength?: number;
  hint?: string;
  /** Sends the change with the trimmed reason. */
  send: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const enough = reason.trim().length >= minLength;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!enough) {
      action.fail(`Give the reason (at least ${minLength} characters).`);
      return;
    }
    action.run(() => send(reason.trim()), onDone);
  };
  return (
    <form className="inline-form reason-form" onSubmit={submit} noValidate>
      <Field
        label={label}
        value={reason}
        onChange={setReason}
        className="grow"
        required
        minLength={minLength}
        maxLength={maxLength}
        autoFocus
        error={action.errors.reason}
        {...(hint ? { hint } : {})}
      />
      <button type="submit" className="button small primary" aria-disabled={action.busy}>
        {submitLabel}
      </button>
      <button type="button" className="button small" onClick={onCancel}>
        Cancel
      </button>
      <FailureNotice failure={action.failure} />
    </form>
  );
}
