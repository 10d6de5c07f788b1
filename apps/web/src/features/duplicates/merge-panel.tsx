import type { MatchReason, Patient, PatientMerge } from '@patientdesk/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { getPatient } from '../../api/endpoints';
import { dismissDuplicateCandidate, mergePatients, undoPatientMerge } from '../../api/identity';
import { TextAreaField } from '../../components/field';
import { FailureNotice, failureText, LoadError, Loading } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { formatBirthDateWithAge, formatDateTime, formatPatientName, formatPhone } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { Link } from '../../router/router';
import { SEX_LABELS } from '../patients/record/record-words';
import { ReasonList } from '../patients/registration/duplicate-matches';

const address = (patient: Patient) => {
  const first = patient.addresses?.[0];
  return first ? [first.line1, first.city, first.state, first.postalCode].filter(Boolean).join(', ') : '—';
};

/** The rows a supervisor compares, each as the two records show it. */
const ROWS: { label: string; value: (patient: Patient) => string }[] = [
  { label: 'Name', value: (patient) => formatPatientName(patient) },
  { label: 'Date of birth', value: (patient) => formatBirthDateWithAge(patient.birthDate) },
  { label: 'Sex', value: (patient) => SEX_LABELS[patient.sex] },
  { label: 'Phone', value: (patient) => (patient.phone ? formatPhone(patient.phone) : '—') },
  { label: 'Email', value: (patient) => patient.email ?? '—' },
  { label: 'Address', value: address },
  { label: 'MRN', value: (patient) => patient.mrn },
  { label: 'Registered', value: (patient) => formatDateTime(patient.createdAt) },
];

/**
 * Two records side by side, why they may be one person, and the decision: merge one into the other (the older
 * registration is kept unless the supervisor chooses otherwise; a reason is required) or, for a pair the scan
 * found, "not the same person". After a merge, the way to undo it within 30 days.
 */
export function MergePanel({
  ids,
  reasons,
  candidateId,
  onDecided,
}: {
  ids: readonly [string, string];
  reasons: MatchReason[];
  candidateId: string | null;
  onDecided: () => void;
}) {
  const pair = useResource(
    (signal) => Promise.all([getPatient(ids[0], signal), getPatient(ids[1], signal)]),
    [ids[0], ids[1]],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  // The comparison's heading takes focus once both records show, so it is read out and Tab goes on from there.
  const loaded = pair.data !== null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [merge, setMerge] = useState<PatientMerge | null>(null);

  if (pair.error) return <LoadError error={pair.error} onRetry={pair.reload} />;
  if (!pair.data) return <Loading label="Loading both records…" />;
  const records = pair.data;
  // The older registration is kept unless the supervisor chooses the other.
  const older = records[0].createdAt <= records[1].createdAt ? records[0] : records[1];
  const survivor = records.find((record) => record.id === (chosen ?? older.id)) ?? older;
  const merged = records.find((record) => record.id !== survivor.id) ?? records[1];

  const act = (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    work()
      .catch((error: unknown) => setFailure(failureText(error)))
      .finally(() => setBusy(false));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Say why these are the same person');
      return;
    }
    setReasonError(undefined);
    act(async () => {
      setMerge(
        await mergePatients({
          survivorId: survivor.id,
          mergedId: merged.id,
          survivorVersion: survivor.version,
          mergedVersion: merged.version,
          reason: reason.trim(),
          ...(candidateId ? { candidateId } : {}),
        }),
      );
    });
  };

  if (merge) {
    return <MergeResult merge={merge} survivor={survivor} merged={merged} onDone={onDecided} />;
  }
  return (
    <section className="panel merge-panel" aria-labelledby="compare-title">
      <h2 id="compare-title" ref={heading} tabIndex={-1} className="panel-title">
        Compare {formatPatientName(records[0])} and {formatPatientName(records[1])}
      </h2>
      {reasons.length ? <ReasonList reasons={reasons} /> : null}
      <TableWrap label="The two records">
        <table className="data-table compare-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="vh">Field</span>
              </th>
              {records.map((record) => (
                <th key={record.id} scope="col">
                  <label className="keep-choice">
                    <input
                      type="radio"
                      name="survivor"
                      checked={record.id === survivor.id}
                      onChange={() => setChosen(record.id)}
                    />{' '}
                    Keep MRN {record.mrn}
                  </label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const values = records.map(row.value);
              return (
                <tr key={row.label} className={values[0] === values[1] ? undefined : 'row-differs'}>
                  <th scope="row">{row.label}</th>
                  {values.map((value, index) => (
                    <td key={records[index]?.id}>{value}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <form className="merge-form" onSubmit={submit} noValidate>
        <TextAreaField
          label="Why they are the same person"
          value={reason}
          onChange={setReason}
          error={reasonError}
          rows={2}
          maxLength={500}
        />
        <FailureNotice failure={failure} />
        <p className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Merge MRN {merged.mrn} into MRN {survivor.mrn}
          </button>
          {candidateId ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                act(async () => {
                  await dismissDuplicateCandidate(candidateId, reason.trim());
                  onDecided();
                })
              }
            >
              Not the same person
            </button>
          ) : null}
        </p>
      </form>
    </section>
  );
}

function MergeResult({
  merge,
  survivor,
  merged,
  onDone,
}: {
  merge: PatientMerge;
  survivor: Patient;
  merged: Patient;
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [current, setCurrent] = useState(merge);
  useEffect(() => heading.current?.focus(), [current.status]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const moved = current.moved.reduce((sum, entry) => sum + entry.rows, 0);
  if (current.status === 'undone') {
    return (
      <section className="panel" aria-labelledby="merge-title">
        <h2 id="merge-title" ref={heading} tabIndex={-1} className="panel-title">
          Merge undone: MRN {merged.mrn} and MRN {survivor.mrn} are separate records again
        </h2>
        <p>
          <button type="button" className="button" onClick={onDone}>
            Back to the list
          </button>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="merge-title">
      <h2 id="merge-title" ref={heading} tabIndex={-1} className="panel-title">
        Merged: MRN {merged.mrn} now opens MRN {survivor.mrn}
      </h2>
      <p>
        {moved} {moved === 1 ? 'item' : 'items'} (appointments, documents, messages and more) moved to{' '}
        <Link to={`/desk/patients/${survivor.id}`}>{formatPatientName(survivor)}</Link>. The merge can be
        undone until {formatDateTime(current.undoUntil)}.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (busy || !reason.trim()) return;
          setBusy(true);
          setFailure(null);
          undoPatientMerge(current.id, reason.trim())
            .then(setCurrent)
            .catch((error: unknown) => setFailure(failureText(error)))
            .finally(() => setBusy(false));
        }}
      >
        <TextAreaField
          className="grow"
          label="Why undo it"
          value={reason}
          onChange={setReason}
          rows={1}
          maxLength={500}
        />
        <button type="submit" className="button" disabled={busy || !reason.trim()}>
          Undo merge
        </button>
        <button type="button" className="button" onClick={onDone}>
          Back to the list
        </button>
      </form>
      <FailureNotice failure={failure} />
    </section>
  );
}
