import { sql } from 'kysely';
import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { json } from '../../platform/db/schema';
import type { WorkItemTable } from './worklist.tables';

export type WorkItemRow = {
  id: string;
  kind: string;
  title: string;
  patient_id: string | null;
  patient_family_name: string | null;
  patient_given_names: string | null;
  patient_mrn: string | null;
  queue: WorkItemTable['queue'];
  assignee_id: string | null;
  assignee_name: string | null;
  priority: number;
  status: WorkItemTable['status'];
  due_at: Date | null;
  subject_type: string | null;
  subject_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  resolution: string | null;
  version: number;
};

function selectWorkItems(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('work_item as w')
    .leftJoin('patient as p', (join) =>
      join.onRef('p.organization_id', '=', 'w.organization_id').onRef('p.id', '=', 'w.patient_id'),
    )
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'w.organization_id').onRef('u.id', '=', 'w.assignee_id'),
    )
    .select([
      'w.id',
      'w.kind',
      'w.title',
      'w.patient_id',
      'p.family_name as patient_family_name',
      'p.given_names as patient_given_names',
      'p.mrn as patient_mrn',
      'w.queue',
      'w.assignee_id',
      'u.display_name as assignee_name',
      'w.priority',
      'w.status',
      'w.due_at',
      'w.subject_type',
      'w.subject_id',
      'w.created_at',
      'w.closed_at',
      'w.resolution',
      'w.version',
    ])
    .where('w.organization_id', '=', organizationId);
}

export type NewWorkItem = {
  id: string;
  kind: string;
  title: string;
  patientId: string | null;
  queue: WorkItemTable['queue'];
  assigneeId: string | null;
  priority: number;
  dueAt: Date | null;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
};

/** Inserts an item; when an active item for the same subject and kind exists, returns that one's id instead. */
export async function insertWorkItem(
  executor: Executor,
  context: ActorContext,
  item: NewWorkItem,
  now: Date,
) {
  const inserted = await sql<{ id: string }>`
    insert into work_item (organization_id, id, kind, title, patient_id, queue, assignee_id, priority, due_at,
                           subject_type, subject_id, detail, created_by, created_at, updated_at)
    values (${context.organizationId}, ${item.id}, ${item.kind}, ${item.title}, ${item.patientId}, ${item.queue},
            ${item.assigneeId}, ${item.priority}, ${item.dueAt}, ${item.subjectType}, ${item.subjectId},
            ${json(item.detail)}::jsonb, ${context.actor?.id ?? null}, ${now}, ${now})
    on conflict (organization_id, kind, subject_type, subject_id)
      where status in ('open', 'in_progress') and subject_id is not null
    do nothing
    returning id`.execute(executor);
  if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
  const existing = await executor
    .selectFrom('work_item')
    .select('id')
    .where('organization_id', '=', context.organizationId)
    .where('kind', '=', item.kind)
    .where('subject_type', '=', item.subjectType)
    .where('subject_id', '=', item.subjectId)
    .where('status', 'in', ['open', 'in_progress'])
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function findWorkItem(executor: Executor, organizationId: string, id: string) {
  return await selectWorkItems(executor, organizationId).where('w.id', '=', id).executeTakeFirst();
}

export type WorkItemFilter = {
  queue?: WorkItemTable['queue'] | undefined;
  assignee?: { kind: 'user'; id: string } | { kind: 'none' } | undefined;
  statuses: readonly WorkItemTable['status'][];
  patientId?: string | undefined;
  kind?: string | undefined;
  /** Keyset position: (priority, due_at or far future, id). */
  after?: [number, string, string] | undefined;
  limit: number;
};

const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

/** Most urgent first, then soonest due (items without a due time last), then oldest. */
export async function listWorkItems(executor: Executor, organizationId: string, filter: WorkItemFilter) {
  let query = selectWorkItems(executor, organizationId).where('w.status', 'in', [...filter.statuses]);
  if (filter.queue) query = query.where('w.queue', '=', filter.queue);
  if (filter.assignee?.kind === 'user') query = query.where('w.assignee_id', '=', filter.assignee.id);
  if (filter.assignee?.kind === 'none') query = query.where('w.assignee_id', 'is', null);
  if (filter.patientId) query = query.where('w.patient_id', '=', filter.patientId);
  if (filter.kind) query = query.where('w.kind', '=', filter.kind);
  const dueKey = sql<Date>`coalesce(w.due_at, ${FAR_FUTURE}::timestamptz)`;
  if (filter.after) {
    const [priority, due, id] = filter.after;
    query = query.where(
      sql<boolean>`(w.priority, coalesce(w.due_at, ${FAR_FUTURE}::timestamptz), w.id) > (${priority}, ${due}::timestamptz, ${id}::uuid)`,
    );
  }
  return (await query
    .orderBy('w.priority')
    .orderBy(dueKey)
    .orderBy('w.id')
    .limit(filter.limit + 1)
    .execute()) as WorkItemRow[];
}

export function dueKeyOf(row: WorkItemRow): string {
  return row.due_at?.toISOString() ?? FAR_FUTURE;
}

export type WorkItemChange = {
  status?: WorkItemTable['status'];
  assigneeId?: string | null;
  priority?: number;
  queue?: WorkItemTable['queue'];
  resolution?: string | null;
  closedAt?: Date | null;
  closedBy?: string | null;
};

/** Applies a change when the version matches; returns false when it does not (someone changed it first). */
export async function updateWorkItem(
  executor: Executor,
  organizationId: string,
  id: string,
  expectedVersion: number,
  change: WorkItemChange,
  now: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('work_item')
    .set((eb) => ({
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.assigneeId !== undefined ? { assignee_id: change.assigneeId } : {}),
      ...(change.priority !== undefined ? { priority: change.priority } : {}),
      ...(change.queue !== undefined ? { queue: change.queue } : {}),
      ...(change.resolution !== undefined ? { resolution: change.resolution } : {}),
      ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
      ...(change.closedBy !== undefined ? { closed_by: change.closedBy } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes the active item of a kind for a subject (a module's work is done); returns its id, if there was one. */
export async function closeWorkItemsForSubject(
  executor: Executor,
  context: ActorContext,
  subject: { kind: string; type: string; id: string },
  outcome: { status: 'done' | 'cancelled'; resolution: string | null },
  now: Date,
) {
  const rows = await executor
    .updateTable('work_item')
    .set((eb) => ({
      status: outcome.status,
      resolution: outcome.resolution,
      closed_at: now,
      closed_by: context.actor?.id ?? null,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('organization_id', '=', context.organizationId)
    .where('kind', '=', subject.kind)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', 'in', ['open', 'in_progress'])
    .returning(['id', 'patient_id'])
    .execute();
  return rows;
}

export async function activeStaffAccount(executor: Executor, organizationId: string, userId: string) {
  return executor
    .selectFrom('app_user')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .where('role', '!=', 'patient')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function patientExists(executor: Executor, organizationId: string, patientId: string) {
  const row = await executor
    .selectFrom('patient')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}
