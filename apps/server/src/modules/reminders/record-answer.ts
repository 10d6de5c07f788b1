import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { uuidv7 } from '../../platform/ids';
import { changeStatus, loadForChange } from '../scheduling';
import { openWorkItem } from '../worklist';
import { reminderError } from './reminders.errors';
import { ACTIVE_STATUSES, insertReply, noticeFacts } from './reminders.repository';

export type Answer = 'confirmed' | 'already-confirmed' | 'reschedule-requested';

/**
 * A patient's answer to a message about a visit, by text or by link: "confirm" confirms the appointment (with its
 * history row and audit entry); "reschedule" puts a reschedule request on the front desk's worklist (one per
 * appointment). Either way the answer is kept for the desk to see.
 */
export async function recordAnswer(
  trx: Executor,
  context: ActorContext,
  input: {
    appointmentId: string;
    action: 'confirm' | 'reschedule';
    channel: 'sms' | 'email';
    now: Date;
  },
): Promise<Answer> {
  const { appointmentId, action, channel, now } = input;
  const facts = await noticeFacts(trx, context.organizationId, appointmentId);
  if (!facts || !(ACTIVE_STATUSES as readonly string[]).includes(facts.status) || facts.starts_at <= now) {
    throw reminderError('APPOINTMENT_NOT_ACTIVE', 'This visit was cancelled, moved, or has already begun.');
  }
  let outcome: Answer;
  if (action === 'confirm') {
    if (facts.status === 'confirmed') {
      outcome = 'already-confirmed';
    } else {
      const current = await loadForChange(trx, context, appointmentId, facts.version);
      await changeStatus(trx, context, current, 'confirmed', {
        now,
        reason:
          channel === 'sms'
            ? 'The patient confirmed by text.'
            : 'The patient confirmed with the emailed link.',
      });
      outcome = 'confirmed';
    }
  } else {
    await openWorkItem(
      trx,
      context,
      {
        kind: 'reschedule-request',
        title: 'The patient asked for a new time',
        patientId: facts.patient_id,
        queue: 'front_desk',
        priority: 'normal',
        subject: { type: 'Appointment', id: appointmentId },
        dueAt: new Date(now.getTime() + 4 * 3600_000),
        detail: { channel },
      },
      now,
    );
    outcome = 'reschedule-requested';
  }
  await insertReply(trx, context.organizationId, {
    id: uuidv7(now.getTime()),
    appointment_id: appointmentId,
    channel,
    action,
    outcome,
    received_at: now,
  });
  return outcome;
}
