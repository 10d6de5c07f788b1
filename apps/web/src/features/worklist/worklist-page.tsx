import { WORK_ITEM_KIND_LABELS, WORK_QUEUES, type Session, type WorkItem } from '@patientdesk/contracts';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { listWorkItems, updateWorkItem, type WorkItemChange, type WorkItemQuery } from '../../api/endpoints';
import { PageHeading } from '../../components/page-heading';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { plural } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useResource } from '../../lib/use-resource';
import { navigate, useLocation, withQuery } from '../../router/router';
import { can } from '../../session/session';
import { WorklistFilters, type Filters } from './worklist-filters';
import { WorkItemTable, type WorkAction } from './work-item-table';

const PAGE_SIZE = 50;
type Message = { kind: 'status' | 'alert'; text: string } | null;

function readFilters(search: URLSearchParams): Filters {
  const queue = search.get('queue') ?? '';
  const who = search.get('who');
  const status = search.get('status');
  const kind = search.get('kind') ?? '';
  return {
    kind: kind in WORK_ITEM_KIND_LABELS ? kind : '',
    queue: (WORK_QUEUES as readonly string[]).includes(queue) ? (queue as Filters['queue']) : '',
    who: who === 'mine' || who === 'unassigned' ? who : 'all',
    status: status === 'done' || status === 'cancelled' ? status : 'active',
  };
}

function queryFor(filters: Filters): WorkItemQuery {
  return {
    queue: filters.queue || undefined,
    assigneeId: filters.who === 'mine' ? 'me' : filters.who === 'unassigned' ? 'none' : undefined,
    status: filters.status,
    kind: filters.kind || undefined,
    limit: PAGE_SIZE,
  };
}

function changeFor(item: WorkItem, action: WorkAction, session: Session): WorkItemChange {
  if (action === 'start')
    return { status: 'in_progress', ...(item.assignee ? {} : { assigneeId: session.user.id }) };
  if (action === 'done') return { status: 'done' };
  return { status: 'open' };
}

function doneMessage(item: WorkItem, action: WorkAction): string {
  if (action === 'start')
    return `Started “${item.title}”${item.assignee ? '' : '. It is now assigned to you'}.`;
  if (action === 'done') return `Marked “${item.title}” done.`;
  return `Reopened “${item.title}”.`;
}

/** `/desk`: the worklist, the specialist's single queue. */
export function WorklistPage({ session }: { session: Session }) {
  const location = useLocation();
  const filters = readFilters(location.search);
  const now = useNow();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(filters);
  const page = useResource((signal) => listWorkItems(queryFor(filters), signal), [key]);

  const setFilters = (next: Filters) => {
    setMessage(null);
    navigate(
      withQuery('/desk', {
        queue: next.queue || null,
        kind: next.kind || null,
        who: next.who === 'all' ? null : next.who,
        status: next.status === 'active' ? null : next.status,
      }),
      { replace: true },
    );
  };

  const onAction = (item: WorkItem, action: WorkAction) => {
    setBusyId(item.id);
    setMessage(null);
    updateWorkItem(item, changeFor(item, action, session))
      .then((updated) => {
        page.update((current) => ({
          ...current,
          items: current.items.map((candidate) => (candidate.id === updated.id ? updated : candidate)),
        }));
        setMessage({ kind: 'status', text: doneMessage(item, action) });
      })
      .catch((error: unknown) => {
        if (isApiError(error, 412)) {
          page.reload();
          setMessage({
            kind: 'alert',
            text: `Someone else changed “${item.title}” while you had this list open. The list has been reloaded: check the item, then try again.`,
          });
        } else if (isApiError(error, 409)) {
          page.reload();
          setMessage({ kind: 'alert', text: `${error.message} The list has been reloaded.` });
        } else {
          setMessage({ kind: 'alert', text: error instanceof Error ? error.message : 'The change failed.' });
        }
      })
      .finally(() => setBusyId(null));
  };

  const loadMore = (cursor: string) => {
    setLoadingMore(true);
    listWorkItems({ ...queryFor(filters), cursor })
      .then((next) =>
        page.update((current) => ({ items: [...current.items, ...next.items], nextCursor: next.nextCursor })),
      )
      .catch((error: unknown) =>
        setMessage({ kind: 'alert', text: error instanceof Error ? error.message : 'Loading more failed.' }),
      )
      .finally(() => setLoadingMore(false));
  };

  const items = page.data?.items ?? [];
  const filtered = filters.queue !== '' || filters.who !== 'all' || filters.status !== 'active';
  return (
    <div className="page">
      <div className="page-head">
        <PageHeading title="Worklist">Worklist</PageHeading>
        <p className="page-head-note">
          {page.data
            ? `${plural(items.length, 'item')}${page.data.nextCursor ? ' so far' : ''}, most urgent first`
            : '\u00a0'}
        </p>
      </div>
      <WorklistFilters
        filters={filters}
        onChange={setFilters}
        onRefresh={page.reload}
        refreshing={page.loading}
      />
      <div className="message-slot">
        <div role="status">
          {message?.kind === 'status' ? <p className="notice notice-ok">{message.text}</p> : null}
        </div>
        <div role="alert">
          {message?.kind === 'alert' ? <p className="notice notice-warn">{message.text}</p> : null}
        </div>
      </div>
      {page.error ? (
        <LoadError error={page.error} onRetry={page.reload} />
      ) : !page.data ? (
        <Loading label="Loading the worklist…" />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No items match these filters">
            <p>Other items may be waiting in another queue or for someone else.</p>
            <button
              type="button"
              className="button"
              onClick={() => setFilters({ queue: '', kind: '', who: 'all', status: 'active' })}
            >
              Show all active work
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="Nothing is waiting">
            <p>
              Work from every part of PatientDesk lands here: callbacks, insurance checks, records requests,
              replies that need a person, and more. The most urgent is always at the top.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <WorkItemTable
            items={items}
            now={now}
            showQueue={filters.queue === ''}
            canWrite={can(session, 'work-items:write')}
            busyId={busyId}
            onAction={onAction}
          />
          {page.data.nextCursor ? (
            <p className="load-more">
              <button
                type="button"
                className="button"
                aria-disabled={loadingMore}
                onClick={() => {
                  if (!loadingMore && page.data?.nextCursor) loadMore(page.data.nextCursor);
                }}
              >
                {loadingMore ? 'Loading…' : 'Show more'}
              </button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
