import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/http/errors';
import type { InboundSmsHandler } from '../../platform/notify/notify.routes';
import { queueMessage } from '../../platform/notify/queue-message';
import { clinicName, clinicPhone } from './clinic-identity';
import { answerSms, messageLanguage } from './message-text';
import { recordAnswer, type Answer } from './record-answer';
import { appointmentsTextedTo, noticeFacts } from './reminders.repository';
import { readReplyWord } from './reply-words';

/**
 * Reads C and R replies: the answer applies to the next upcoming visit a text was sent about to that number. A
 * reply it does not understand, from a number it never texted about a visit, or from a number shared by several
 * patients with visits ahead (whose visit is meant?) passes on, to a person.
 */
export function appointmentReplies(clock: Clock): InboundSmsHandler {
  return async (executor, context, message) => {
    const action = readReplyWord(message.body);
    if (!action) return null;
    const now = clock.now();
    const visits = await appointmentsTextedTo(executor, context.organizationId, message.from, now);
    const next = visits[0];
    if (!next || new Set(visits.map((visit) => visit.patient_id)).size > 1) return null;
    let outcome: Answer;
    try {
      outcome = await recordAnswer(executor, context, {
        appointmentId: next.id,
        action,
        channel: 'sms',
        now,
      });
    } catch (error) {
      // The visit changed under the reply (the desk moved or confirmed it that moment): a person reads it.
      if (error instanceof AppError) return null;
      throw error;
    }
    const facts = await noticeFacts(executor, context.organizationId, next.id);
    if (facts) {
      // An answer to the patient's own text: outside the reminder purpose's daily count.
      await queueMessage(executor, context, {
        channel: 'sms',
        recipient: message.from,
        body: answerSms({
          outcome,
          language: messageLanguage(facts.preferred_language),
          clinicName: clinicName(facts.organization_name, facts.settings),
          clinicPhone: clinicPhone(facts.location_phone, facts.settings),
          start: facts.starts_at,
          timeZone: facts.time_zone,
        }),
        patientId: facts.patient_id,
        purpose: 'appointment-reply',
      });
    }
    return outcome === 'reschedule-requested' ? 'reschedule-request' : 'appointment-confirmed';
  };
}
