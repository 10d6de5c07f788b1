import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { closeOffers } from './close-offers';
import { enqueueReconcile } from './jobs/waitlist-jobs';
import { waitlistError } from './waitlist.errors';
import { closeEntry, findEntry, lockProviderOffers } from './waitlist.repository';
import { openOfferOfEntry } from './waitlist-offers.repository';

/**
 * Takes an entry off the waitlist (the desk removes it, or the patient leaves), at the version the caller saw.
 * An offer still open to it is withdrawn, and its time is queued for the next-ranked entry.
 */
export async function leaveWaitlist(
  db: Db,
  clock: Clock,
  context: ActorContext,
  id: string,
  version: number,
  reason: string | null,
): Promise<void> {
  const now = clock.now();
  const organizationId = context.organizationId;
  await inTransaction(db, async (trx) => {
    const entry = await findEntry(trx, context, id);
    if (!entry) throw waitlistError('ENTRY_NOT_FOUND', 'No waitlist entry with that id.');
    const open = await openOfferOfEntry(trx, organizationId, id);
    // The same lock order as an acceptance: provider, then offer, then entry.
    if (open) await lockProviderOffers(trx, organizationId, open.provider_id);
    const withdrawn = await closeOffers(
      trx,
      context,
      { entryId: id, from: ['open'] },
      { state: 'withdrawn', withdrawnReason: 'entry-closed' },
      now,
    );
    const closed = await closeEntry(
      trx,
      organizationId,
      id,
      {
        status: 'cancelled',
        reason: reason ?? (context.patientScope ? 'left-by-patient' : 'removed-by-desk'),
        expectedVersion: version,
      },
      now,
    );
    if (!closed) {
      if (entry.status !== 'active') {
        throw waitlistError('ENTRY_NOT_ACTIVE', `This entry is already ${entry.status}.`);
      }
      throw commonError('VERSION_MISMATCH', 'Someone changed this entry since you opened it. Reload it.');
    }
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId: entry.patient_id,
        resourceType: 'WaitlistEntry',
        resourceId: id,
        details: { status: 'cancelled' },
        reason,
      },
      now,
    );
    for (const offer of withdrawn) await enqueueReconcile(trx, organizationId, offer.slot, { now });
  });
}
