import { systemContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { enqueueGuarded } from '../../platform/jobs/jobs';
import type { AppointmentChange, AppointmentChangeListener } from '../scheduling';
import { closeWorkItemsFor } from '../worklist';
import { noticeSendJob } from './jobs/send-appointment-notice.job';
import { planReminders, reminderSchedule } from './reminder-schedule';
import {
  ACTIVE_STATUSES,
  noticesInsert,
  noticeFacts,
  voidPlannedNotices,
  type NewNotice,
} from './reminders.repository';

/** Follows appointment changes: plans confirmations and reminders, voids what no longer applies. */
export function planAppointmentNotices(deps: { db: Db; clock: Clock }): AppointmentChangeListener {
  return (change) =>
    // A plain booking reads, then writes with one statement (the notices and their jobs): no transaction needed.
    // Other changes void and close before they plan, and those writes go together.
    change.change === 'booked' && !change.previousAppointmentId
      ? planNotices(deps.db, deps.clock, change)
      : inTransaction(deps.db, (trx) => planNotices(trx, deps.clock, change));
}

const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

/**
 * What one appointment change means for its messages. Idempotent: a notice is one row per appointment and kind,
 * and its send job is enqueued only with the row that plans it.
 */
export async function planNotices(
  executor: Executor,
  clock: Clock,
  change: AppointmentChange,
): Promise<void> {
  const now = clock.now();
  const organizationId = change.organizationId;
  // Every notice of the change and the send jobs of those it planned (not those an earlier run planned), in one
  // statement: the row is the send's idempotency guard, and the two commit together even outside a transaction.
  const plan = async (startsAt: Date, notices: NewNotice[]) => {
    await enqueueGuarded(
      executor,
      noticesInsert(
        executor,
        organizationId,
        { appointmentId: change.appointmentId, startsAt, now },
        notices,
      ),
      notices.map((notice) => ({
        ...noticeSendJob(clock, {
          organizationId,
          appointmentId: change.appointmentId,
          kind: notice.kind,
          due: notice.plannedFor,
        }),
        key: notice.kind,
      })),
    );
  };
  const facts = await noticeFacts(executor, organizationId, change.appointmentId);
  if (!facts) return;
  switch (change.change) {
    case 'booked':
    case 'rescheduled': {
      // The visit it replaced gets no more reminders (and a patient's request to move it is met); the new one
      // gets its own.
      if (change.previousAppointmentId) {
        await voidPlannedNotices(executor, organizationId, change.previousAppointmentId, 'moved', now);
        await closeRescheduleRequest(executor, organizationId, change.previousAppointmentId, 'done', now);
      }
      if (!isActive(facts.status) || facts.starts_at <= now) return;
      const reminders = planReminders({
        startsAt: facts.starts_at,
        now,
        timeZone: facts.time_zone,
        ...reminderSchedule(facts.settings),
      });
      await plan(facts.starts_at, [
        { kind: change.change === 'booked' ? 'booked' : 'moved', plannedFor: now },
        ...reminders,
      ]);
      return;
    }
    case 'cancelled':
      await voidPlannedNotices(executor, organizationId, change.appointmentId, 'cancelled', now);
      await closeRescheduleRequest(executor, organizationId, change.appointmentId, 'cancelled', now);
      // The patient who cancelled knows; when the clinic or the provider cancels, the patient is told.
      if (
        facts.status === 'cancelled' &&
        facts.cancelled_by !== 'patient' &&
        facts.cancel_reason !== 'rescheduled' &&
        facts.starts_at > now
      ) {
        await plan(facts.starts_at, [{ kind: 'cancelled', plannedFor: now }]);
      }
      return;
    case 'status':
      // Arrived, checked in, a no-show…: the visit is under way or over, and reminders have nothing to say.
      if (!isActive(facts.status)) {
        await voidPlannedNotices(
          executor,
          organizationId,
          change.appointmentId,
          `status-${facts.status}`,
          now,
        );
      }
      return;
  }
}

/** A request to move a visit ends when the visit moves or is cancelled. */
async function closeRescheduleRequest(
  trx: Executor,
  organizationId: string,
  appointmentId: string,
  status: 'done' | 'cancelled',
  now: Date,
) {
  await closeWorkItemsFor(
    trx,
    systemContext(organizationId),
    { kind: 'reschedule-request', type: 'Appointment', id: appointmentId },
    { status, resolution: status === 'done' ? 'The visit was moved.' : 'The visit was cancelled.' },
    now,
  );
}
