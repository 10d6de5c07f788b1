import { useState, type ReactNode } from 'react';
import type { Action } from '../lib/use-action';
import { FailureNotice } from './states';

/**
 * A panel that lists things on a record and lets staff add one: its title, what it means, the last change said
 * in words (`notice`), the list, and an "add" button that opens the form in place. The form gets `close`.
 */
export function ListPanel({
  id,
  title,
  lede,
  notice,
  addLabel,
  form,
  children,
}: {
  /** The title's id, which names the panel. */
  id: string;
  title: string;
  lede?: ReactNode;
  notice: string | null;
  /** Left out: nobody here may add (the panel only lists). */
  addLabel?: string;
  form?: (close: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      {lede ? <p className="panel-lede">{lede}</p> : null}
      <div role="status" className="message-slot">
        {notice ? <p className="notice notice-ok">{notice}</p> : null}
      </div>
      {children}
      {addLabel && form ? (
        adding ? (
          form(() => setAdding(false))
        ) : (
          <p className="form-actions">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              {addLabel}
            </button>
          </p>
        )
      ) : null}
    </section>
  );
}

/** The end of a form: what went wrong, the button that sends it (quiet while busy), and Cancel. */
export function FormActions({
  action,
  submitLabel,
  onCancel,
}: {
  action: Pick<Action, 'busy' | 'failure'>;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <FailureNotice failure={action.failure} />
      <p className="form-actions">
        <button type="submit" className="button primary" aria-disabled={action.busy}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </>
  );
}
