import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { listWorkItems, type WorkItemFilter, type WorkItemRow } from './worklist.repository';

/** A page of the worklist; reading items that name patients is audited per patient. */
export async function listWorkItemsFor(
  db: Db,
  context: ActorContext,
  filter: WorkItemFilter,
): Promise<{ rows: WorkItemRow[]; more: boolean }> {
  const rows = await listWorkItems(db, context.organizationId, filter);
  const page = rows.slice(0, filter.limit);
  const patients = [...new Set(page.map((row) => row.patient_id).filter((id): id is string => id !== null))];
  await recordAudit(
    db,
    context,
    patients.map((patientId) => ({ action: 'read' as const, patientId, resourceType: 'WorkItem' })),
  );
  return { rows: page, more: rows.length > filter.limit };
}
