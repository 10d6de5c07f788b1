import type { WorkItem } from '@patientdesk/contracts';
import { priorityName } from './priority';
import type { WorkItemRow } from './worklist.repository';

export function toWorkItem(row: WorkItemRow): WorkItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    patient:
      row.patient_id && row.patient_family_name !== null
        ? {
            id: row.patient_id,
            name: `${row.patient_family_name}, ${row.patient_given_names ?? ''}`.trim(),
            mrn: row.patient_mrn ?? '',
          }
        : null,
    queue: row.queue,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? 'Unknown' } : null,
    priority: priorityName(row.priority),
    status: row.status,
    dueAt: row.due_at?.toISOString() ?? null,
    subject: row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    resolution: row.resolution,
    version: row.version,
  };
}
