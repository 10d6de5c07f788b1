import { AUDIT_ACTIONS, ZId, type AuditAction } from '@patientdesk/contracts';
import { useState } from 'react';
import { listAuditEvents, type AuditQuery } from '../../api/endpoints';
import { Field, SelectField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { humanize, plural } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { navigate, useLocation, withQuery } from '../../router/router';
import { AuditTable } from './audit-table';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a local calendar day as an instant; `plusDays` 1 gives the end of it. */
function startOfDay(value: string, plusDays = 0): string | undefined {
  if (!DATE.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day + plusDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

type Filters = {
  action: AuditAction | '';
  from: string;
  to: string;
  patientId: string;
  actorId: string;
  actorName: string;
};

function readFilters(search: URLSearchParams): Filters {
  const id = (name: string) => {
    const value = search.get(name) ?? '';
    return ZId.safeParse(value).success ? value : '';
  };
  const action = search.get('action') ?? '';
  return {
    action: AUDIT_ACTIONS.find((candidate) => candidate === action) ?? '',
    from: DATE.test(search.get('from') ?? '') ? (search.get('from') ?? '') : '',
    to: DATE.test(search.get('to') ?? '') ? (search.get('to') ?? '') : '',
    patientId: id('patientId'),
    actorId: id('actorId'),
    actorName: search.get('actorName') ?? '',
  };
}

function queryFor(filters: Filters): AuditQuery {
  return {
    action: filters.action || undefined,
    from: startOfDay(filters.from),
    to: startOfDay(filters.to, 1),
    patientId: filters.patientId || undefined,
    actorId: filters.actorId || undefined,
    limit: 50,
  };
}

/** `/desk/audit`: who looked at or changed which record, when, and from where. */
export function AuditPage() {
  const location = useLocation();
  const filters = readFilters(location.search);
  const key = JSON.stringify(filters);
  const page = useResource((signal) => listAuditEvents(queryFor(filters), signal), [key]);
  const [moreError, setMoreError] = useState<Error | null>(null);

  const apply = (change: Partial<Filters>) => {
    const next = { ...filters, ...change };
    if (!next.actorId) next.actorName = '';
    navigate(withQuery('/desk/audit', next), { replace: true });
  };

  const loadMore = (cursor: string) => {
    listAuditEvents({ ...queryFor(filters), cursor })
      .then((next) =>
        page.update((current) => ({ items: [...current.items, ...next.items], nextCursor: next.nextCursor })),
      )
      .catch((error: unknown) => setMoreError(error instanceof Error ? error : new Error(String(error))));
  };

  const items = page.data?.items ?? [];
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="page">
      <div className="page-head">
        <PageHeading title="Audit log">Audit log</PageHeading>
        <p className="page-head-note">Every sign-in, search, read and change, newest first</p>
      </div>
      <div className="toolbar">
        <SelectField
          label="Action"
          value={filters.action}
          onChange={(action) => apply({ action: action as Filters['action'] })}
          options={[
            { value: '', label: 'Any action' },
            ...AUDIT_ACTIONS.map((action) => ({ value: action, label: humanize(action) })),
          ]}
        />
        <Field label="From" type="date" value={filters.from} onChange={(from) => apply({ from })} />
        <Field label="To" type="date" value={filters.to} onChange={(to) => apply({ to })} />
        <div className="toolbar-end">
          <button type="button" className="button subtle" onClick={page.reload}>
            Refresh
          </button>
        </div>
      </div>
      {filters.actorId || filters.patientId ? (
        <ul className="chips" aria-label="Also filtered by">
          {filters.actorId ? (
            <li className="chip">
              Person: {filters.actorName || 'one account'}
              <button type="button" className="chip-remove" onClick={() => apply({ actorId: '' })}>
                Remove<span className="vh"> the person filter</span>
              </button>
            </li>
          ) : null}
          {filters.patientId ? (
            <li className="chip">
              One patient’s record
              <button type="button" className="chip-remove" onClick={() => apply({ patientId: '' })}>
                Remove<span className="vh"> the patient filter</span>
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
      {page.error ? (
        <LoadError error={page.error} onRetry={page.reload} />
      ) : !page.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
          <p>Sign-ins, patient searches, record reads and changes are recorded here as they happen.</p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count">
            {plural(items.length, 'event')}
            {page.data.nextCursor ? ' so far' : ''}
          </p>
          <AuditTable
            events={items}
            onPerson={(actor) => apply({ actorId: actor.id, actorName: actor.name })}
            onPatient={(patientId) => apply({ patientId })}
          />
          {moreError ? <LoadError error={moreError} /> : null}
          {page.data.nextCursor ? (
            <p className="load-more">
              <button
                type="button"
                className="button"
                onClick={() => page.data?.nextCursor && loadMore(page.data.nextCursor)}
              >
                Show older events
              </button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
