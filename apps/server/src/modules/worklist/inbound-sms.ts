import { findPatientIdByPhone } from '../patients';
import type { InboundSmsHandler } from '../../platform/notify/notify.routes';
import { openWorkItem } from './open-work-item';

/** The last reader of SMS replies: whatever no module understood goes to a person on the front desk. */
export const replyNeedsAHuman: InboundSmsHandler = async (executor, context, message) => {
  const patientId = await findPatientIdByPhone(executor, context, message.from);
  await openWorkItem(executor, context, {
    kind: 'sms-reply',
    title: patientId ? 'Text message reply to read' : 'Text message from an unknown number',
    patientId,
    queue: 'front_desk',
    priority: 'normal',
    subject: { type: 'SmsInbound', id: message.id },
    dueAt: new Date(Date.now() + 4 * 3600_000),
  });
  return 'work-item';
};
