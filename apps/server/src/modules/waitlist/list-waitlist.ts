import type { ActorContext } from '../../platform/access/context';
import { recordAudit, recordShown, type Executor } from '../../platform/audit/audit.repository';
import { waitlistError } from './waitlist.errors';
import { findEntry, listEntries, type EntryFilter } from './waitlist.repository';
import { offersOfEntries } from './waitlist-offers.repository';

/** A page of the waitlist in its order, each entry with its offers; audited as one read naming the patients shown. */
export async function listWaitlist(executor: Executor, context: ActorContext, filter: EntryFilter) {
  const rows = await listEntries(executor, context, filter);
  const page = rows.slice(0, filter.limit);
  const offers = await offersOfEntries(
    executor,
    context.organizationId,
    page.map((row) => row.id),
  );
  await recordShown(
    executor,
    context,
    'read',
    'WaitlistEntry',
    page.map((row) => row.patient_id),
  );
  return { rows: page, offers, more: rows.length > filter.limit };
}

/**
 * One entry with its offers, audited as a read of the patient's data — unless it is the answer to a change the
 * caller just made (already audited as that change).
 */
export async function readWaitlistEntry(
  executor: Executor,
  context: ActorContext,
  id: string,
  options: { afterChange?: boolean } = {},
) {
  const row = await findEntry(executor, context, id);
  if (!row) throw waitlistError('ENTRY_NOT_FOUND', 'No waitlist entry with that id.');
  const offers = await offersOfEntries(executor, context.organizationId, [row.id]);
  if (options.afterChange) return { row, offers };
  await recordAudit(executor, context, {
    action: 'read',
    patientId: row.patient_id,
    resourceType: 'WaitlistEntry',
    resourceId: row.id,
  });
  return { row, offers };
}
