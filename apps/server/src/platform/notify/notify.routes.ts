import { createHmac, timingSafeEqual } from 'node:crypto';
import { ZInboundSms, ZOutboxList, ZOutboxQuery } from '@patientdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { systemContext, type ActorContext } from '../access/context';
import { recordShown, type Executor } from '../audit/audit.repository';
import { inTransaction } from '../db/transaction';
import { actorContext } from '../http/context';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { AppError } from '../http/errors';
import type { App, ServerDeps } from '../http/server';
import { uuidv7 } from '../ids';
import { normalizePhone } from '../phone';
import { insertInboundSms, listOutboxMessages, optIn, optOut, organizationBySlug } from './notify.repository';
import { queueMessage } from './queue-message';
import { classifySmsReply, clinicText } from './sms-rules';

/** An inbound SMS after the messaging system has handled STOP, START and HELP. */
export type InboundSms = {
  id: string;
  organizationId: string;
  from: string;
  body: string;
};

/**
 * A module's reader of SMS replies (scheduling reads C and R). It returns a label for what it did, or null to pass
 * the message on. The last reader in the list should take everything (a human reads it).
 */
export type InboundSmsHandler = (
  executor: Executor,
  context: ActorContext,
  message: InboundSms,
) => Promise<string | null>;

const SIGNATURE_HEADER = 'x-patientdesk-signature';

/** `sha256=<hex>` of the raw body under the shared secret. */
export function signWebhookBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

function signatureValid(secret: string, rawBody: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The outbox for staff, and the webhook an SMS gateway calls with replies. */
export function notifyRoutes(inboundHandlers: readonly InboundSmsHandler[]) {
  return (app: App, deps: ServerDeps): void => {
    const db = deps.database.db;

    app.get(
      '/api/outbox-messages',
      {
        config: { permission: 'outbox:read' },
        schema: {
          tags: ['notifications'],
          summary: 'Outgoing email and SMS, newest first',
          querystring: ZOutboxQuery,
          response: { 200: ZOutboxList },
        },
      },
      async (request) => {
        const context = actorContext(request);
        const query = request.query;
        const before = query.cursor ? (decodeCursor(query.cursor, 'tuple') as [string, string]) : undefined;
        const rows = await listOutboxMessages(db, context.organizationId, {
          channel: query.channel,
          status: query.status,
          before,
          limit: query.limit,
        });
        const page = rows.slice(0, query.limit);
        await recordShown(
          db,
          context,
          'read',
          'OutboxMessage',
          page.map((row) => row.patient_id),
        );
        const last = page.at(-1);
        return {
          items: page.map((row) => ({
            id: row.id,
            channel: row.channel,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            patientId: row.patient_id,
            purpose: row.purpose,
            status: row.status,
            transport: row.transport,
            error: row.error,
            createdAt: row.created_at.toISOString(),
            sentAt: row.sent_at?.toISOString() ?? null,
          })),
          nextCursor:
            rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
        };
      },
    );

    void app.register(async (plain) => {
      const scope = plain.withTypeProvider<ZodTypeProvider>();
      // The signature covers the exact bytes sent, so this scope keeps the raw body.
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        (request as FastifyRequest & { rawBody?: string }).rawBody = body as string;
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          (error as { statusCode?: number }).statusCode = 400;
          done(error as Error, undefined);
        }
      });

      scope.post(
        '/api/webhooks/sms/:organization',
        {
          config: { permission: 'public' },
          schema: {
            tags: ['notifications'],
            summary: 'Inbound SMS from the gateway (signed with the shared secret)',
            security: [],
            params: z.object({ organization: z.string().max(63) }),
            body: ZInboundSms,
            response: { 200: z.object({ handledAs: z.string() }) },
          },
        },
        async (request) => {
          const secret = deps.config.smsWebhookSecret;
          const raw = (request as FastifyRequest & { rawBody?: string }).rawBody ?? '';
          if (
            !secret ||
            !signatureValid(secret, raw, request.headers[SIGNATURE_HEADER] as string | undefined)
          ) {
            throw new AppError(
              'WEBHOOK_SIGNATURE_INVALID',
              'unauthenticated',
              'The webhook signature is missing or wrong.',
            );
          }
          const organization = await organizationBySlug(db, request.params.organization);
          if (!organization) throw new AppError('NOT_FOUND', 'not_found', 'No such organization.');
          const from = normalizePhone(request.body.from) ?? request.body.from;
          const context = { ...systemContext(organization.id, request.id), sourceAddress: request.ip };
          const message: InboundSms = {
            id: uuidv7(),
            organizationId: organization.id,
            from,
            body: request.body.body,
          };
          const handledAs = await inTransaction(db, async (trx) => {
            const keyword = classifySmsReply(message.body);
            let handled: string | null = null;
            if (keyword === 'stop') {
              await optOut(trx, organization.id, from, message.body.trim().slice(0, 40));
              // One confirmation is allowed after an opt-out, and then nothing more.
              await queueMessage(
                trx,
                context,
                {
                  channel: 'sms',
                  recipient: from,
                  body: clinicText(
                    organization.name,
                    'you will get no more texts from us. Reply START to turn texts back on.',
                  ),
                  purpose: 'sms-opt-out-confirmation',
                },
                { bypassOptOut: true },
              );
              handled = 'opt-out';
              // CANCEL is an opt-out word, but a patient who texts it back to a reminder may well mean the
              // visit: a person reads it too (texts are off, so they call).
              if (/\bcancel\b/i.test(message.body)) {
                for (const handler of inboundHandlers) if (await handler(trx, context, message)) break;
              }
            } else if (keyword === 'start') {
              await optIn(trx, organization.id, from);
              handled = 'opt-in';
            } else if (keyword === 'help') {
              const phone = organization.settings.contactPhone ?? '';
              await queueMessage(trx, context, {
                channel: 'sms',
                recipient: from,
                body: clinicText(
                  organization.name,
                  `for help call ${phone || 'the clinic'}. Reply STOP to end texts.`,
                ),
                purpose: 'sms-help',
              });
              handled = 'help';
            } else {
              for (const handler of inboundHandlers) {
                handled = await handler(trx, context, message);
                if (handled) break;
              }
            }
            const stored = await insertInboundSms(trx, {
              organization_id: organization.id,
              id: message.id,
              from_number: from,
              to_number: request.body.to ?? null,
              body: message.body,
              provider_message_id: request.body.messageId ?? null,
              patient_id: null,
              handled_as: handled ?? 'unhandled',
            });
            if (!stored) throw new DuplicateDelivery();
            return handled ?? 'unhandled';
          }).catch((error: unknown) => {
            if (error instanceof DuplicateDelivery) return 'duplicate';
            throw error;
          });
          return { handledAs };
        },
      );
    });
  };
}

/** Thrown inside the transaction to roll back the handling of a message the gateway already delivered. */
class DuplicateDelivery extends Error {}
