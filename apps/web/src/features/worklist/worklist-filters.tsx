import { WORK_ITEM_KIND_LABELS, WORK_QUEUES, type WorkItem } from '@patientdesk/contracts';
import { useId } from 'react';
import { SelectField } from '../../components/field';
import { QUEUE_LABELS } from './badges';

export type Filters = {
  queue: WorkItem['queue'] | '';
  who: 'all' | 'mine' | 'unassigned';
  status: 'active' | 'done' | 'cancelled';
  /** One kind of work ('' for all). */
  kind: string;
};

const WHO: readonly { value: Filters['who']; label: string }[] = [
  { value: 'all', label: 'Everyone' },
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
];

const QUEUE_OPTIONS = [
  { value: '', label: 'All queues' },
  ...WORK_QUEUES.map((queue) => ({ value: queue, label: QUEUE_LABELS[queue] })),
];

const KIND_OPTIONS = [
  { value: '', label: 'All kinds' },
  ...Object.entries(WORK_ITEM_KIND_LABELS).map(([value, label]) => ({ value, label })),
];

const STATUS_OPTIONS = [
  { value: 'active', label: 'To do (open or started)' },
  { value: 'done', label: 'Done' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** Queue, kind, whose work, and status: kept in the address, so a reload or a shared link shows the same list. */
export function WorklistFilters({
  filters,
  onChange,
  onRefresh,
  refreshing,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const name = useId();
  return (
    <div className="toolbar">
      <SelectField
        label="Queue"
        value={filters.queue}
        options={QUEUE_OPTIONS}
        onChange={(queue) => onChange({ ...filters, queue: queue as Filters['queue'] })}
      />
      <SelectField
        label="Kind"
        value={filters.kind}
        options={KIND_OPTIONS}
        onChange={(kind) => onChange({ ...filters, kind })}
      />
      <fieldset className="segmented">
        <legend>Assigned to</legend>
        <div className="segmented-options">
          {WHO.map((option) => (
            <label key={option.value} className={filters.who === option.value ? 'checked' : undefined}>
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={filters.who === option.value}
                onChange={() => onChange({ ...filters, who: option.value })}
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField
        label="Status"
        value={filters.status}
        options={STATUS_OPTIONS}
        onChange={(status) => onChange({ ...filters, status: status as Filters['status'] })}
      />
      <div className="toolbar-end">
        <button type="button" className="button subtle" onClick={onRefresh} aria-disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </div>
  );
}
