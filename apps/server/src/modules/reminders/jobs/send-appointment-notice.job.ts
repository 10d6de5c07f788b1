import { z } from 'zod';
import type { Executor } from '../../../platform/audit/audit.repository';
import type { Clock } from '../../../platform/clock';
import { defineJob, enqueueMany, jobRequest, type JobRequest } from '../../../platform/jobs/jobs';

/** Sends one planned message about an appointment (a confirmation, a reminder or a cancellation notice). */
export const SendAppointmentNoticeJob = defineJob({
  name: 'reminders.send-notice@1',
  payload: z.object({
    organizationId: z.uuid(),
    appointmentId: z.uuid(),
    kind: z.string().min(1).max(40),
    /** The time this run is for: a run whose notice was since deferred to a later time does nothing. */
    due: z.iso.datetime(),
  }),
  maxAttempts: 8,
});

type NoticeSend = { organizationId: string; appointmentId: string; kind: string; due: Date };

/**
 * The send of a notice at its time. One job per appointment, kind and time (the singleton key), so planning twice
 * makes one. The queue compares run times with the database's clock; the delay is taken from the clock the domain
 * uses, so the two agree in production and a test's clock moves reminders along with it.
 */
export function noticeSendJob(clock: Clock, notice: NoticeSend): JobRequest {
  const delay = Math.max(0, notice.due.getTime() - clock.now().getTime());
  return jobRequest(
    SendAppointmentNoticeJob,
    {
      organizationId: notice.organizationId,
      appointmentId: notice.appointmentId,
      kind: notice.kind,
      due: notice.due.toISOString(),
    },
    {
      organizationId: notice.organizationId,
      runAt: new Date(Date.now() + delay),
      singletonKey: `${notice.appointmentId}:${notice.kind}:${notice.due.toISOString()}`,
    },
  );
}

/** Enqueues the send of a notice at its time, in the caller's transaction (see `noticeSendJob`). */
export async function scheduleNoticeSend(
  executor: Executor,
  clock: Clock,
  notice: NoticeSend,
): Promise<void> {
  await enqueueMany(executor, [noticeSendJob(clock, notice)]);
}
