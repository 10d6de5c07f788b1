import { z } from 'zod';
import type { Executor } from '../../../platform/audit/audit.repository';
import { defineJob, enqueueMany, jobRequest, type JobRequest } from '../../../platform/jobs/jobs';
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

type ReconcileOptions = { now: Date; dueAt?: Date; again?: boolean };

/**
 * The reconciling of a time. `dueAt` (an offer's expiry) is measured on the domain clock, but the queue runs on the
 * database's clock: the delay is what carries over, so a job is never run early by a clock that differs (a test's
 * manual clock, or a skewed server).
 */
function reconcileJob(organizationId: string, slot: SlotRef, options: ReconcileOptions): JobRequest {
  const delay = options.dueAt ? Math.max(0, options.dueAt.getTime() - options.now.getTime()) : 0;
  return jobRequest(
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

/** Asks for a time to be reconciled, in the caller's transaction. */
export async function enqueueReconcile(
  executor: Executor,
  organizationId: string,
  slot: SlotRef,
  options: ReconcileOptions,
): Promise<void> {
  await enqueueMany(executor, [reconcileJob(organizationId, slot, options)]);
}

/** Asks for several times to be reconciled with one statement (all or none). */
export async function enqueueReconciles(
  executor: Executor,
  organizationId: string,
  slots: readonly SlotRef[],
  options: ReconcileOptions,
): Promise<void> {
  await enqueueMany(
    executor,
    slots.map((slot) => reconcileJob(organizationId, slot, options)),
  );
}
