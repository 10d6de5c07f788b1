import type { PatientVersion } from '@patientdesk/contracts';
import { getPatientHistory } from '../../../api/patients';
import { EmptyState, LoadError, Loading } from '../../../components/states';
import { formatDateTime, formatPreciseDateTime } from '../../../lib/format';
import { useResource } from '../../../lib/use-resource';
import { roleLabel } from './conflict-notice';
import { describeValue, fieldLabel } from './record-words';

function who(version: PatientVersion): string {
  return version.changedBy
    ? `${version.changedBy.name} (${roleLabel(version.changedBy.role)})`
    : 'PatientDesk itself';
}

function Version({ version, first }: { version: PatientVersion; first: boolean }) {
  const titleId = `version-${version.version}-title`;
  return (
    <li className="version">
      <article aria-labelledby={titleId}>
        <h2 id={titleId} className="version-title">
          <span className="version-number">Version {version.version}</span>
          <span>
            {first ? 'Registered' : 'Changed'} by {who(version)}
          </span>
          <time
            className="muted"
            dateTime={version.changedAt}
            title={formatPreciseDateTime(version.changedAt)}
          >
            {formatDateTime(version.changedAt)}
          </time>
        </h2>
        {version.changes.length === 0 ? (
          <p className="muted">Only fields your role does not see changed.</p>
        ) : first ? (
          <dl className="facts version-facts">
            {version.changes.map((change) => (
              <div key={change.field} className="fact">
                <dt>{fieldLabel(change.field)}</dt>
                <dd>{describeValue(change.field, change.to)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <table className="data-table change-table">
            <caption className="vh">
              Fields changed in version {version.version}, from the old value to the new one
            </caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Was</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {version.changes.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{fieldLabel(change.field)}</th>
                  <td className="was">{describeValue(change.field, change.from)}</td>
                  <td>
                    <strong>{describeValue(change.field, change.to)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </li>
  );
}

/** Every version of the record, newest first: who changed it, in which role, when, and each field from → to. */
export function RecordHistory({ patientId, refreshKey }: { patientId: string; refreshKey: number }) {
  const history = useResource((signal) => getPatientHistory(patientId, signal), [patientId, refreshKey]);
  if (history.error) return <LoadError error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading label="Loading the record’s history…" />;
  if (history.data.length === 0)
    return (
      <EmptyState title="No history yet">{<p>Changes to the record will be listed here.</p>}</EmptyState>
    );
  const oldest = Math.min(...history.data.map((version) => version.version));
  return (
    <ol className="version-list" aria-label="Versions of the record, newest first">
      {history.data.map((version) => (
        <Version
          key={version.version}
          version={version}
          first={version.version === oldest && version.version === 1}
        />
      ))}
    </ol>
  );
}
