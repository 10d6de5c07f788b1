import type { Appointment } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { cancelAppointment, type CancelRequest } from '../../api/scheduling';
import { SelectField } from '../../components/field';
import { CANCEL_REASON_OPTIONS, CANCELLED_BY_OPTIONS } from './appointment-labels';
import { describeChangeError } from './change-errors';

/** Cancel with a coded reason and who asked; a note is optional. */
export function CancelForm({
  appointment,
  onDone,
  onFailed,
  onBack,
}: {
  appointment: Appointment;
  onDone: (updated: Appointment) => void;
  onFailed: (message: string, error: unknown) => void;
  onBack: () => void;
}) {
  const [reason, setReason] = useState<CancelRequest['reason']>('patient-request');
  const [by, setBy] = useState<CancelRequest['by']>('patient');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('select')?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    cancelAppointment(appointment, { reason, by, ...(note.trim() ? { note: note.trim() } : {}) })
      .then(onDone)
      .catch((error: unknown) => onFailed(describeChangeError(error), error))
      .finally(() => setBusy(false));
  };

  return (
    <form ref={form} className="panel-form" onSubmit={submit} aria-label="Cancel the appointment">
      <SelectField
        label="Reason"
        value={reason}
        onChange={(value) => setReason(value as CancelRequest['reason'])}
        options={CANCEL_REASON_OPTIONS}
      />
      <SelectField
        label="Who cancelled"
        value={by}
        onChange={(value) => setBy(value as CancelRequest['by'])}
        options={CANCELLED_BY_OPTIONS}
      />
      <div className="field">
        <label htmlFor={noteId}>Note (optional)</label>
        <textarea
          id={noteId}
          rows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="panel-form-actions">
        <button type="submit" className="button danger" aria-disabled={busy}>
          {busy ? 'Cancelling…' : 'Cancel appointment'}
        </button>
        <button type="button" className="button subtle" onClick={onBack}>
          Keep it
        </button>
      </div>
    </form>
  );
}
