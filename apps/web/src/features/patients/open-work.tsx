import { listWorkItems } from '../../api/endpoints';
import { LoadError, Loading } from '../../components/states';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { Link } from '../../router/router';
import { PriorityBadge, StatusBadge } from '../worklist/badges';
import { workPlace, workTab } from '../worklist/work-place';

/** The patient's open work items, on their record. */
export function OpenWork({ patientId }: { patientId: string }) {
  const work = useResource((signal) => listWorkItems({ patientId, limit: 20 }, signal), [patientId]);
  return (
    <section className="panel" aria-labelledby="open-work-title">
      <h2 id="open-work-title" className="panel-title">
        Open work
      </h2>
      {work.error ? (
        <LoadError error={work.error} onRetry={work.reload} />
      ) : !work.data ? (
        <Loading />
      ) : work.data.items.length === 0 ? (
        <p className="muted">No open work items for this patient.</p>
      ) : (
        <ul className="plain-list">
          {work.data.items.map((item) => (
            <li key={item.id} className="work-line">
              <PriorityBadge priority={item.priority} />
              {workTab(item) ? (
                <Link className="work-line-title" to={workPlace(item, patientId)}>
                  {item.title}
                </Link>
              ) : (
                <span className="work-line-title">{item.title}</span>
              )}
              <StatusBadge status={item.status} />
              {item.dueAt ? (
                <span className="muted" title={formatDateTime(item.dueAt)}>
                  Due {formatRelative(item.dueAt)}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
