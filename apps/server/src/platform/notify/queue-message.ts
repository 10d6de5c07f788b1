import { z } from 'zod';
import type { ActorContext } from '../access/context';
import type { Executor } from '../audit/audit.repository';
import { defineErrors } from '../http/errors';
import { uuidv7 } from '../ids';
import { defineJob, enqueue } from '../jobs/jobs';
import { insertOutboxMessage, isOptedOut } from './notify.repository';
import { SMS_MAX_LENGTH } from './sms-rules';

export const NotifyErrors = {
  /** An SMS longer than 160 characters (TCPA healthcare exemption). */
  SMS_TOO_LONG: 'unprocessable',
  /** An email without a subject. */
  SUBJECT_REQUIRED: 'unprocessable',
} as const;
const notifyError = defineErrors(NotifyErrors);

export const DeliverMessageJob = defineJob({
  name: 'notify.deliver@1',
  payload: z.object({ organizationId: z.uuid(), messageId: z.uuid() }),
  maxAttempts: 6,
});

export type OutgoingMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  body: string;
  patientId?: string | null;
  /** Why it is sent: `appointment-reminder`, `sms-opt-out-confirmation`, … (one TCPA purpose each). */
  purpose: string;
};

/**
 * Puts a message in the outbox and enqueues its delivery, in the caller's transaction. An SMS to a number that
 * opted out is kept as `suppressed` and never sent. Returns the message id.
 */
export async function queueMessage(
  executor: Executor,
  context: ActorContext,
  message: OutgoingMessage,
  options: { bypassOptOut?: boolean } = {},
): Promise<{ id: string; status: 'queued' | 'suppressed' }> {
  if (message.channel === 'sms' && message.body.length > SMS_MAX_LENGTH) {
    throw notifyError('SMS_TOO_LONG', `A text message may have at most ${SMS_MAX_LENGTH} characters.`);
  }
  if (message.channel === 'email' && !message.subject) {
    throw notifyError('SUBJECT_REQUIRED', 'An email needs a subject.');
  }
  const suppressed =
    message.channel === 'sms' &&
    !options.bypassOptOut &&
    (await isOptedOut(executor, context.organizationId, message.recipient));
  const id = uuidv7();
  await insertOutboxMessage(executor, {
    organization_id: context.organizationId,
    id,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject ?? null,
    body: message.body,
    patient_id: message.patientId ?? null,
    purpose: message.purpose,
    status: suppressed ? 'suppressed' : 'queued',
    error: suppressed ? 'The recipient opted out of text messages.' : null,
  });
  if (!suppressed) {
    await enqueue(
      executor,
      DeliverMessageJob,
      { organizationId: context.organizationId, messageId: id },
      { organizationId: context.organizationId },
    );
  }
  return { id, status: suppressed ? 'suppressed' : 'queued' };
}
