import type { Db } from '../db/database';
import { handleJob } from '../jobs/jobs';
import { findOutboxMessage, isOptedOut, settleOutboxMessage } from './notify.repository';
import { DeliverMessageJob } from './queue-message';
import type { Transports } from './transports';

/**
 * Delivers one outbox message by its channel's transport. With no transport configured the message is held in the
 * outbox for staff to read at /desk/outbox. Only a message still `queued` is sent, so a re-run sends nothing twice;
 * a text to a number that opted out after it was queued is suppressed.
 */
export function deliverMessageHandler(db: Db, transports: Transports) {
  return handleJob(DeliverMessageJob, async ({ organizationId, messageId }, job) => {
    const message = await findOutboxMessage(db, organizationId, messageId);
    if (!message || message.status !== 'queued') return;
    // A STOP that arrived after this text was queued wins: it is honoured at once (the confirmation of the
    // opt-out itself is the one text allowed after it).
    if (
      message.channel === 'sms' &&
      message.purpose !== 'sms-opt-out-confirmation' &&
      (await isOptedOut(db, organizationId, message.recipient))
    ) {
      await settleOutboxMessage(db, organizationId, messageId, {
        status: 'suppressed',
        transport: null,
        error: 'The recipient opted out of text messages before it was sent.',
      });
      return;
    }
    const { email, sms } = transports;
    const transport =
      message.channel === 'email'
        ? email && {
            name: email.name,
            send: () =>
              email.send({ to: message.recipient, subject: message.subject ?? '', text: message.body }),
          }
        : sms && { name: sms.name, send: () => sms.send({ to: message.recipient, body: message.body }) };
    if (!transport) {
      await settleOutboxMessage(db, organizationId, messageId, { status: 'held', transport: 'outbox' });
      return;
    }
    try {
      const result = await transport.send();
      await settleOutboxMessage(db, organizationId, messageId, {
        status: 'sent',
        transport: transport.name,
        providerMessageId: result.providerMessageId,
        sentAt: new Date(),
      });
    } catch (error) {
      // The last attempt marks the message failed, so staff see it; earlier ones leave it queued for the retry.
      if (job.attempt >= (DeliverMessageJob.maxAttempts ?? 5)) {
        await settleOutboxMessage(db, organizationId, messageId, {
          status: 'failed',
          transport: transport.name,
          error: (error as Error).message.slice(0, 300),
        });
        return;
      }
      throw error;
    }
  });
}
