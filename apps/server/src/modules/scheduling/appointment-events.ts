import { z } from 'zod';
import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { runWrite, type Write } from '../../platform/db/write';
import { defineJob, enqueueWrite, handleJob } from '../../platform/jobs/jobs';

export const APPOINTMENT_CHANGES = ['booked', 'rescheduled', 'cancelled', 'status'] as const;

export const ZAppointmentChange = z.object({
  organizationId: z.uuid(),
  appointmentId: z.uuid(),
  change: z.enum(APPOINTMENT_CHANGES),
  /** For a reschedule: the appointment it replaced (now cancelled); null otherwise. */
  previousAppointmentId: z.uuid().nullable().default(null),
});
export type AppointmentChange = z.infer<typeof ZAppointmentChange>;

/** One durable job per change; features that follow appointments (reminders, the waitlist) listen to it. */
export const AppointmentChangedJob = defineJob({
  name: 'scheduling.appointment-changed@1',
  payload: ZAppointmentChange,
});

/** A feature's reaction to a change. It must be idempotent: a job can run more than once. */
export type AppointmentChangeListener = (change: AppointmentChange) => Promise<void>;

/** Records that an appointment changed, in the transaction that changed it (so listeners never miss one). */
export async function publishAppointmentChange(
  trx: Executor,
  context: ActorContext,
  change: ChangeToPublish,
): Promise<void> {
  await runWrite(trx, appointmentChangeWrite(context, change));
}

type ChangeToPublish = Omit<AppointmentChange, 'organizationId' | 'previousAppointmentId'> & {
  previousAppointmentId?: string | null;
};

/** `publishAppointmentChange` as a statement for the change's own statement to carry (see `Write`). */
export function appointmentChangeWrite(context: ActorContext, change: ChangeToPublish): Write {
  return enqueueWrite(
    AppointmentChangedJob,
    {
      ...change,
      organizationId: context.organizationId,
      previousAppointmentId: change.previousAppointmentId ?? null,
    },
    { organizationId: context.organizationId },
  );
}

/** The worker's handler: every listener, in order; a failing listener makes the job retry (so all must be idempotent). */
export function appointmentChangedHandler(listeners: readonly AppointmentChangeListener[]) {
  return handleJob(AppointmentChangedJob, async (change) => {
    for (const listener of listeners) await listener(change);
  });
}
