import type { AppointmentReminders } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { toZonedIso } from '../scheduling';
import { reminderError } from './reminders.errors';
import { appointmentBrief, noticesOf, repliesOf } from './reminders.repository';

/** What went out about an appointment and what the patient answered, audited as a read of the appointment. */
export async function readAppointmentReminders(
  db: Db,
  context: ActorContext,
  appointmentId: string,
): Promise<AppointmentReminders> {
  const appointment = await appointmentBrief(db, context, appointmentId);
  if (!appointment) throw reminderError('APPOINTMENT_NOT_FOUND', 'No appointment with that id.');
  const [notices, replies] = await Promise.all([
    noticesOf(db, context.organizationId, appointmentId),
    repliesOf(db, context.organizationId, appointmentId),
  ]);
  await recordAudit(db, context, {
    action: 'read',
    patientId: appointment.patient_id,
    resourceType: 'Appointment',
    resourceId: appointmentId,
    details: { part: 'reminders' },
  });
  const zoned = (instant: Date) => toZonedIso(instant, appointment.time_zone);
  return {
    appointmentId,
    status: appointment.status,
    confirmedAt: appointment.confirmed_at ? zoned(appointment.confirmed_at) : null,
    notices: notices.map((notice) => ({
      kind: notice.kind,
      status: notice.status,
      plannedFor: zoned(notice.planned_for),
      deferredTo: notice.deferred_to ? zoned(notice.deferred_to) : null,
      channel: notice.channel,
      language: notice.language,
      sentAt: notice.sent_at ? zoned(notice.sent_at) : null,
      reason: notice.reason,
      messageId: notice.message_id,
    })),
    replies: replies.map((reply) => ({
      channel: reply.channel,
      action: reply.action,
      outcome: reply.outcome,
      receivedAt: zoned(reply.received_at),
    })),
  };
}
