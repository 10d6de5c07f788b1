import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { closeWorkItemsForSubject } from './worklist.repository';

/** Closes the active item of `kind` about a subject, when the module that opened it has finished the work. */
export async function closeWorkItemsFor(
  executor: Executor,
  context: ActorContext,
  subject: { kind: string; type: string; id: string },
  outcome: { status: 'done' | 'cancelled'; resolution?: string },
  now: Date = new Date(),
): Promise<number> {
  const closed = await closeWorkItemsForSubject(
    executor,
    context,
    subject,
    { status: outcome.status, resolution: outcome.resolution ?? null },
    now,
  );
  await recordAudit(
    executor,
    context,
    closed.map((row) => ({
      action: 'update' as const,
      patientId: row.patient_id,
      resourceType: 'WorkItem',
      resourceId: row.id,
      details: { status: outcome.status },
    })),
    now,
  );
  return closed.length;
}
