import { z } from 'zod';
import type { Executor } from '../../../platform/audit/audit.repository';
import { defineJob, enqueue } from '../../../platform/jobs/jobs';
import type { SlotRef } from '../waitlist.repository';

/**
 * Brings one time's offers up to date: expires those past their time, withdraws them all if the time is no longer
 * free, and otherwise offers it to the next-ranked entries until the organization's number of open offers is
 * reached. With `dueAt` it is an offer's expiry: it waits until then.
 */
export const ReconcileSlotJob = defineJob({
  name: 'waitlist.reconcile-slot@1',
  payload: z.object({
    organizationId: z.uuid(),
    appointmentTypeId: z.uuid(),
    providerId: z.uuid(),
    locationId: z.uuid(),
    start: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }).nullable().default(null),
  }),
});

/** One organization's sweep: windows that passed, offers past their time, and free times for waiting entries. */
export const WaitlistSweepJob = defineJob({
  name: 'waitlist.sweep@1',
  payload: z.object({ organizationId: z.uuid() }),
  maxAttempts: 3,
});

/**
 * Asks for a time to be reconciled, in the caller's transaction. `dueAt` (an offer's expiry) is measured on the
 * domain clock, but the queue runs on the database's clock: the delay is what carries over, so a job is never run
 * early by a clock that differs (a test's manual clock, or a skewed server).
 */
export async function enqueueReconcile(
  executor: Executor,
  organizationId: string,
  slot: SlotRef,
  options: { now: Date; dueAt?: Date; again?: boolean },
): Promise<void> {
  const delay = options.dueAt ? Math.max(0, options.dueAt.getTime() - options.now.getTime()) : 0;
  await enqueue(
    executor,
    ReconcileSlotJob,
    {
      organizationId,
      appointmentTypeId: slot.appointmentTypeId,
      providerId: slot.providerId,
      locationId: slot.locationId,
      start: slot.start.toISOString(),
      dueAt: options.dueAt?.toISOString() ?? null,
    },
    {
      organizationId,
      runAt: new Date(Date.now() + delay),
      // Offers made together expire together: one job for them all (a job putting itself back has none: its own
      // key is still taken while it runs).
      ...(options.dueAt && !options.again
        ? {
            singletonKey: `${organizationId}:${slot.providerId}:${slot.locationId}:${slot.start.toISOString()}:${options.dueAt.toISOString()}`,
          }
        : {}),
    },
  );
}
