import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { uuidv7 } from '../../platform/ids';
import { priorityRank, type Priority } from './priority';
import { worklistError } from './worklist.errors';
import { activeStaffAccount, insertWorkItem, patientExists } from './worklist.repository';
import type { WorkItemTable } from './worklist.tables';

export type OpenWorkItemInput = {
  kind: string;
  title: string;
  patientId?: string | null;
  queue?: WorkItemTable['queue'];
  assigneeId?: string | null;
  priority?: Priority;
  dueAt?: Date | null;
  /** What the item is about (an appointment, a grievance…): at most one active item per subject and kind. */
  subject?: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/**
 * Puts an item on the worklist, in the caller's transaction. Any module calls this; with a subject it is
 * idempotent (the active item for that subject and kind is returned instead of a second one).
 */
export async function openWorkItem(
  executor: Executor,
  context: ActorContext,
  input: OpenWorkItemInput,
  now: Date = new Date(),
): Promise<{ id: string; created: boolean }> {
  if (input.assigneeId && !(await activeStaffAccount(executor, context.organizationId, input.assigneeId))) {
    throw worklistError('ASSIGNEE_INVALID', 'The assignee is not an active staff account here.', {
      fields: [{ path: 'body.assigneeId', message: 'Choose an active staff member' }],
    });
  }
  if (input.patientId && !(await patientExists(executor, context.organizationId, input.patientId))) {
    throw worklistError('PATIENT_INVALID', 'No patient with that id.', {
      fields: [{ path: 'body.patientId', message: 'No such patient' }],
    });
  }
  const result = await insertWorkItem(
    executor,
    context,
    {
      id: uuidv7(now.getTime()),
      kind: input.kind,
      title: input.title,
      patientId: input.patientId ?? null,
      queue: input.queue ?? 'front_desk',
      assigneeId: input.assigneeId ?? null,
      priority: priorityRank(input.priority ?? 'normal'),
      dueAt: input.dueAt ?? null,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      detail: input.detail ?? {},
    },
    now,
  );
  if (result.created) {
    await recordAudit(
      executor,
      context,
      {
        action: 'create',
        patientId: input.patientId ?? null,
        resourceType: 'WorkItem',
        resourceId: result.id,
      },
      now,
    );
  }
  return result;
}
