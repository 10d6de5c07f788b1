import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
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
  await recordShown(
    db,
    context,
    'read',
    'WorkItem',
    page.map((row) => row.patient_id),
  );
  return { rows: page, more: rows.length > filter.limit };
}
