import type { WorkItem } from '@patientdesk/contracts';
import { formatDateTime, formatRelative, humanize } from '../../lib/format';
import { moveBetweenRowLinks } from '../../lib/row-keys';
import { Link } from '../../router/router';
import { workPlace } from './work-place';
import { PriorityBadge, QUEUE_LABELS, StatusBadge } from './badges';
import { TableWrap } from '../../components/table-wrap';

export type WorkAction = 'start' | 'done' | 'reopen';

const ACTION_LABELS: Record<WorkAction, string> = { start: 'Start', done: 'Mark done', reopen: 'Reopen' };

/** The one next step for an item in each status. */
export function nextAction(item: WorkItem): WorkAction {
  if (item.status === 'open') return 'start';
  if (item.status === 'in_progress') return 'done';
  return 'reopen';
}

function Due({ item, now }: { item: WorkItem; now: Date }) {
  if (!item.dueAt) return <span className="muted">No due time</span>;
  const overdue = new Date(item.dueAt) < now && (item.status === 'open' || item.status === 'in_progress');
  return (
    <>
      <span className={overdue ? 'due overdue' : 'due'}>
        {overdue ? 'Overdue, ' : ''}
        {formatRelative(item.dueAt, now)}
      </span>
      <span className="cell-sub">{formatDateTime(item.dueAt, now)}</span>
    </>
  );
}

type Props = {
  items: WorkItem[];
  now: Date;
  showQueue: boolean;
  canWrite: boolean;
  busyId: string | null;
  onAction: (item: WorkItem, action: WorkAction) => void;
};

/** The worklist as a dense table: most urgent first, then soonest due (the server's order). */
export function WorkItemTable({ items, now, showQueue, canWrite, busyId, onAction }: Props) {
  return (
    <TableWrap label="Work items">
      <table className="data-table worklist-table">
        <caption className="vh">Work items, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col" className="col-priority">
              Priority
            </th>
            <th scope="col">Task</th>
            <th scope="col" className="col-patient">
              Patient
            </th>
            <th scope="col" className="col-due">
              Due
            </th>
            <th scope="col">Assigned to</th>
            <th scope="col" className="col-status">
              Status
            </th>
            {canWrite ? (
              <th scope="col" className="col-action">
                <span className="vh">Action</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody onKeyDown={moveBetweenRowLinks}>
          {items.map((item) => {
            const action = nextAction(item);
            const busy = busyId === item.id;
            return (
              <tr
                key={item.id}
                className={item.status === 'done' || item.status === 'cancelled' ? 'closed' : ''}
              >
                <td>
                  <PriorityBadge priority={item.priority} />
                </td>
                <th scope="row" className="cell-task">
                  <span className="task-title">{item.title}</span>
                  <span className="cell-sub">
                    {humanize(item.kind)}
                    {showQueue ? ` · ${QUEUE_LABELS[item.queue]}` : ''}
                  </span>
                </th>
                <td>
                  {item.patient ? (
                    <>
                      <Link to={workPlace(item, item.patient.id)} className="row-link">
                        {item.patient.name}
                      </Link>
                      <span className="cell-sub">MRN {item.patient.mrn}</span>
                    </>
                  ) : (
                    <span className="muted">No patient</span>
                  )}
                </td>
                <td>
                  <Due item={item} now={now} />
                </td>
                <td className="cell-assignee">
                  {item.assignee ? item.assignee.name : <span className="muted">Unassigned</span>}
                </td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                {canWrite ? (
                  <td className="cell-action">
                    <button
                      type="button"
                      className={action === 'reopen' ? 'button small subtle' : 'button small'}
                      aria-disabled={busy}
                      aria-label={`${busy ? 'Saving' : ACTION_LABELS[action]}: ${item.title}`}
                      onClick={() => {
                        if (!busy) onAction(item, action);
                      }}
                    >
                      {busy ? 'Saving…' : ACTION_LABELS[action]}
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
