import { ROLE_LABELS, type Patient, type PatientVersion, type Role } from '@patientdesk/contracts';
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../../lib/format';
import {
  changedFields,
  draftFromPatient,
  requestValue,
  visibleRecordFields,
  type PatientDraft,
  type RecordField,
} from './patient-draft';
import { describeValue, fieldLabel } from './record-words';

/** Someone else saved first: what they changed, and which of the user's changes wait to be put back. */
export type Conflict = { latest: Patient; theirs: PatientVersion[]; mine: RecordField[] };

/** "Front desk" for `front_desk`; a role this version does not know stays as sent. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

/**
 * The record changed under the user: who changed what (from the record's history), the user's own unsaved
 * changes, where both touched the same field, and the two ways on: put mine back on the new version, or drop them.
 */
export function ConflictNotice({
  conflict,
  before,
  mine,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  before: PatientDraft;
  mine: PatientDraft;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const theirFields = new Set(
    conflict.theirs.flatMap((version) => version.changes.map((change) => change.field)),
  );
  // Without the history (it failed to load), compare the two versions instead.
  const latestDraft = draftFromPatient(conflict.latest);
  const comparedFields =
    conflict.theirs.length > 0
      ? []
      : changedFields(before, latestDraft, visibleRecordFields(conflict.latest));
  const both = conflict.mine.filter((field) => theirFields.has(field) || comparedFields.includes(field));
  return (
    <div className="notice notice-warn conflict" role="alert">
      <h3 ref={heading} tabIndex={-1} className="conflict-title">
        Someone else changed this record while you were editing
      </h3>
      <p>Your changes are not saved yet. It is now at version {conflict.latest.version}. What changed:</p>
      {conflict.theirs.length > 0 ? (
        <ul className="change-list">
          {conflict.theirs.map((version) => (
            <li key={version.version}>
              <span className="change-who">
                {version.changedBy
                  ? `${version.changedBy.name} (${roleLabel(version.changedBy.role)})`
                  : 'PatientDesk itself'}
                , {formatDateTime(version.changedAt)}:
              </span>
              <ul>
                {version.changes.map((change) => (
                  <li key={change.field}>
                    {fieldLabel(change.field)}: {describeValue(change.field, change.from)} →{' '}
                    <strong>{describeValue(change.field, change.to)}</strong>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {comparedFields.length > 0
            ? comparedFields.map(fieldLabel).join(', ')
            : 'Fields your role does not see.'}
        </p>
      )}
      <p>Your changes:</p>
      <ul className="change-list">
        {conflict.mine.map((field) => (
          <li key={field}>
            {fieldLabel(field)}: <strong>{describeValue(field, requestValue(mine, field))}</strong>
          </li>
        ))}
      </ul>
      {both.length > 0 ? (
        <p>
          <strong>You both changed {both.map(fieldLabel).join(', ')}.</strong> Re-applying puts your value
          back over theirs.
        </p>
      ) : null}
      <p className="form-actions">
        <button type="button" className="button primary" onClick={onReapply}>
          Re-apply my changes
        </button>
        <button type="button" className="button subtle" onClick={onDiscard}>
          Discard my changes
        </button>
      </p>
    </div>
  );
}
