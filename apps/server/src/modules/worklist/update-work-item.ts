import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { priorityRank, type Priority } from './priority';
import { worklistError } from './worklist.errors';
import { activeStaffAccount, findWorkItem, updateWorkItem, type WorkItemChange } from './worklist.repository';
import type { WorkItemTable } from './worklist.tables';

export type UpdateWorkItemInput = {
  status?: WorkItemTable['status'] | undefined;
  assigneeId?: string | null | undefined;
  priority?: Priority | undefined;
  queue?: WorkItemTable['queue'] | undefined;
  resolution?: string | undefined;
};

const CLOSED = new Set(['done', 'cancelled']);

/**
 * Changes an item (status, assignee, priority, queue) at the version the caller saw. A closed item only reopens;
 * closing stamps who and when.
 */
export async function changeWorkItem(
  db: Db,
  context: ActorContext,
  id: string,
  expectedVersion: number,
  input: UpdateWorkItemInput,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const current = await findWorkItem(trx, context.organizationId, id);
    if (!current) throw worklistError('WORK_ITEM_NOT_FOUND', 'No work item with that id.');
    if (current.version !== expectedVersion) {
      throw commonError(
        'VERSION_MISMATCH',
        'Someone changed this item since you opened it. Reload and try again.',
      );
    }
    const reopening = input.status !== undefined && !CLOSED.has(input.status);
    if (CLOSED.has(current.status) && !reopening) {
      throw worklistError('WORK_ITEM_CLOSED', 'This item is closed. Reopen it to change it.');
    }
    if (input.assigneeId && !(await activeStaffAccount(trx, context.organizationId, input.assigneeId))) {
      throw worklistError('ASSIGNEE_INVALID', 'The assignee is not an active staff account here.', {
        fields: [{ path: 'body.assigneeId', message: 'Choose an active staff member' }],
      });
    }
    const change: WorkItemChange = {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      ...(input.priority !== undefined ? { priority: priorityRank(input.priority) } : {}),
      ...(input.queue !== undefined ? { queue: input.queue } : {}),
      ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
    };
    if (input.status && CLOSED.has(input.status) && !CLOSED.has(current.status)) {
      change.closedAt = now;
      change.closedBy = context.actor?.id ?? null;
    } else if (reopening && CLOSED.has(current.status)) {
      change.closedAt = null;
      change.closedBy = null;
    }
    if (!(await updateWorkItem(trx, context.organizationId, id, expectedVersion, change, now))) {
      throw commonError(
        'VERSION_MISMATCH',
        'Someone changed this item since you opened it. Reload and try again.',
      );
    }
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId: current.patient_id,
        resourceType: 'WorkItem',
        resourceId: id,
        details: { fields: Object.keys(input) },
      },
      now,
    );
    const updated = await findWorkItem(trx, context.organizationId, id);
    if (!updated) throw worklistError('WORK_ITEM_NOT_FOUND', 'No work item with that id.');
    return updated;
  });
}
