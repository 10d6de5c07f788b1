import type { WorkItem } from '@patientdesk/contracts';

const PRIORITY_LABELS: Record<WorkItem['priority'], string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

const STATUS_LABELS: Record<WorkItem['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const QUEUE_LABELS: Record<WorkItem['queue'], string> = {
  front_desk: 'Front desk',
  billing: 'Billing',
  clinical: 'Clinical',
  supervisor: 'Supervisor',
  admin: 'Admin',
};

/** Priority as a word with a colour cue (the word carries the meaning; colour only helps scanning). */
export function PriorityBadge({ priority }: { priority: WorkItem['priority'] }) {
  return <span className={`badge priority-${priority}`}>{PRIORITY_LABELS[priority]}</span>;
}

export function StatusBadge({ status }: { status: WorkItem['status'] }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
