import { systemContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import type { AppointmentChange, AppointmentChangeListener } from '../scheduling';
import { closeWorkItemsFor } from '../worklist';
import { scheduleNoticeSend } from './jobs/send-appointment-notice.job';
import { planReminders, reminderSchedule } from './reminder-schedule';
import { ACTIVE_STATUSES, insertNotice, noticeFacts, voidPlannedNotices } from './reminders.repository';

/** Follows appointment changes: plans confirmations and reminders, voids what no longer applies. */
export function planAppointmentNotices(deps: { db: Db; clock: Clock }): AppointmentChangeListener {
  return (change) => inTransaction(deps.db, (trx) => planNotices(trx, deps.clock, change));
}

const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

/**
 * What one appointment change means for its messages. Idempotent: a notice is one row per appointment and kind,
 * and its send job is enqueued only with the row that plans it.
 */
export async function planNotices(trx: Executor, clock: Clock, change: AppointmentChange): Promise<void> {
  const now = clock.now();
  const organizationId = change.organizationId;
  const plan = async (kind: string, plannedFor: Date, startsAt: Date) => {
    const planned = await insertNotice(trx, organizationId, {
      appointmentId: change.appointmentId,
      kind,
      plannedFor,
      startsAt,
      now,
    });
    if (planned) {
      await scheduleNoticeSend(trx, clock, {
        organizationId,
        appointmentId: change.appointmentId,
        kind,
        due: plannedFor,
      });
    }
  };
  const facts = await noticeFacts(trx, organizationId, change.appointmentId);
  if (!facts) return;
  switch (change.change) {
    case 'booked':
    case 'rescheduled': {
      // The visit it replaced gets no more reminders (and a patient's request to move it is met); the new one
      // gets its own.
      if (change.previousAppointmentId) {
        await voidPlannedNotices(trx, organizationId, change.previousAppointmentId, 'moved', now);
        await closeRescheduleRequest(trx, organizationId, change.previousAppointmentId, 'done', now);
      }
      if (!isActive(facts.status) || facts.starts_at <= now) return;
      await plan(change.change === 'booked' ? 'booked' : 'moved', now, facts.starts_at);
      const schedule = reminderSchedule(facts.settings);
      for (const reminder of planReminders({
        startsAt: facts.starts_at,
        now,
        timeZone: facts.time_zone,
        ...schedule,
      })) {
        await plan(reminder.kind, reminder.plannedFor, facts.starts_at);
      }
      return;
    }
    case 'cancelled':
      await voidPlannedNotices(trx, organizationId, change.appointmentId, 'cancelled', now);
      await closeRescheduleRequest(trx, organizationId, change.appointmentId, 'cancelled', now);
      // The patient who cancelled knows; when the clinic or the provider cancels, the patient is told.
      if (
        facts.status === 'cancelled' &&
        facts.cancelled_by !== 'patient' &&
        facts.cancel_reason !== 'rescheduled' &&
        facts.starts_at > now
      ) {
        await plan('cancelled', now, facts.starts_at);
      }
      return;
    case 'status':
      // Arrived, checked in, a no-show…: the visit is under way or over, and reminders have nothing to say.
      if (!isActive(facts.status)) {
        await voidPlannedNotices(trx, organizationId, change.appointmentId, `status-${facts.status}`, now);
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
