import { inTransaction } from '../../../platform/db/transaction';
import { handleJob } from '../../../platform/jobs/jobs';
import { reconcileSlot } from '../reconcile-slot';
import type { WaitlistDeps } from '../waitlist-deps';
import { enqueueReconcile, ReconcileSlotJob } from './waitlist-jobs';

/** Runs a time's reconciliation; an expiry that comes early by the domain clock puts itself back until it is due. */
export function reconcileSlotHandler(deps: WaitlistDeps) {
  return handleJob(ReconcileSlotJob, async (payload) => {
    const slot = {
      appointmentTypeId: payload.appointmentTypeId,
      providerId: payload.providerId,
      locationId: payload.locationId,
      start: new Date(payload.start),
    };
    const dueAt = payload.dueAt ? new Date(payload.dueAt) : null;
    await inTransaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      if (dueAt && dueAt > now) {
        await enqueueReconcile(trx, payload.organizationId, slot, { now, dueAt, again: true });
        return;
      }
      await reconcileSlot(trx, deps, payload.organizationId, slot);
    });
  });
}
