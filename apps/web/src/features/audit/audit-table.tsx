import { ROLE_LABELS, ROLES, type AuditEvent } from '@patientdesk/contracts';
import { formatPreciseDateTime, humanize } from '../../lib/format';
import { Link } from '../../router/router';
import { TableWrap } from '../../components/table-wrap';

type Actor = NonNullable<AuditEvent['actor']>;

function roleLabel(role: string | null): string {
  const known = ROLES.find((candidate) => candidate === role);
  return known ? ROLE_LABELS[known] : (role ?? '');
}

/** The audit trail as a table, with one-click filters for a person or a patient. */
export function AuditTable({
  events,
  onPerson,
  onPatient,
}: {
  events: AuditEvent[];
  onPerson: (actor: Actor) => void;
  onPatient: (patientId: string) => void;
}) {
  return (
    <TableWrap label="Audit events">
      <table className="data-table audit-table">
        <caption className="vh">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Patient</th>
            <th scope="col">Record</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                {formatPreciseDateTime(event.occurredAt)}
                {/* Sealing (linking into the tamper-evident chain) runs every second; only a lag is worth showing. */}
                {event.sealed ? null : <span className="cell-sub">Not yet sealed into the chain</span>}
              </td>
              <td>
                {event.actor ? (
                  <>
                    {event.actor.name}
                    <span className="cell-sub">
                      {roleLabel(event.actor.role)}
                      {' · '}
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Only this person: ${event.actor.name}`}
                        onClick={() => event.actor && onPerson(event.actor)}
                      >
                        Only this person
                      </button>
                    </span>
                  </>
                ) : (
                  <span className="muted">System</span>
                )}
              </td>
              <td>{humanize(event.action)}</td>
              <td>
                <span className={`badge outcome-${event.outcome}`}>{humanize(event.outcome)}</span>
                {event.reason ? <span className="cell-sub">{event.reason}</span> : null}
              </td>
              <td>
                {event.patientId ? (
                  <>
                    <Link to={`/desk/patients/${event.patientId}`}>Open record</Link>
                    <span className="cell-sub">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => event.patientId && onPatient(event.patientId)}
                      >
                        Only this patient
                      </button>
                    </span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {event.resourceType ? humanize(event.resourceType) : <span className="muted">—</span>}
                {event.resourceId ? (
                  <span className="cell-sub" title={event.resourceId}>
                    Ends in {event.resourceId.slice(-8)}
                  </span>
                ) : null}
              </td>
              <td>{event.sourceAddress ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
