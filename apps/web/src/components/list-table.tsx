import type { ReactNode } from 'react';
import { EmptyState, LoadError, Loading } from './states';
import { TableWrap } from './table-wrap';

/** A list that loads: its failure with a retry, its loading line, what its emptiness means, or its table. */
export function ListTable<T>({
  list,
  loadingLabel,
  emptyTitle,
  empty,
  label,
  columns,
  actions = false,
  children,
}: {
  list: { data: readonly T[] | null; error: Error | null; reload: () => void };
  loadingLabel?: string;
  emptyTitle: string;
  empty: ReactNode;
  /** The table's name, for the scrolling region. */
  label: string;
  columns: readonly string[];
  /** A last column of buttons, named for screen readers only. */
  actions?: boolean;
  /** The table's rows. */
  children: (items: readonly T[]) => ReactNode;
}) {
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
  if (list.data.length === 0) return <EmptyState title={emptyTitle}>{empty}</EmptyState>;
  return (
    <TableWrap label={label}>
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="vh">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children(list.data)}</tbody>
      </table>
    </TableWrap>
  );
}
