import type { Executor } from '../audit/audit.repository';
import type { Selectable } from 'kysely';
import type { OutboxMessageTable } from '../db/schema';

/** An outbox message as read back: every column of the table. */
export type OutboxRow = Selectable<OutboxMessageTable>;

export async function insertOutboxMessage(
  executor: Executor,
  message: Omit<
    OutboxRow,
    'attempts' | 'created_at' | 'sent_at' | 'transport' | 'error' | 'provider_message_id'
  > & {
    error?: string | null;
  },
): Promise<void> {
  await executor
    .insertInto('outbox_message')
    .values({ ...message, error: message.error ?? null })
    .execute();
}

export async function findOutboxMessage(executor: Executor, organizationId: string, id: string) {
  return executor
    .selectFrom('outbox_message')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records the outcome of a delivery attempt, only while the message is still queued (idempotent re-runs). */
export async function settleOutboxMessage(
  executor: Executor,
  organizationId: string,
  id: string,
  outcome: {
    status: 'sent' | 'held' | 'failed' | 'queued' | 'suppressed';
    transport: string | null;
    providerMessageId?: string | null;
    error?: string | null;
    sentAt?: Date | null;
  },
): Promise<void> {
  await executor
    .updateTable('outbox_message')
    .set((eb) => ({
      status: outcome.status,
      transport: outcome.transport,
      provider_message_id: outcome.providerMessageId ?? null,
      error: outcome.error ?? null,
      sent_at: outcome.sentAt ?? null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

export async function listOutboxMessages(
  executor: Executor,
  organizationId: string,
  filter: {
    channel?: 'email' | 'sms' | undefined;
    status?: OutboxRow['status'] | undefined;
    before?: [string, string] | undefined;
    limit: number;
  },
) {
  let query = executor.selectFrom('outbox_message').selectAll().where('organization_id', '=', organizationId);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.before) {
    const [createdAt, id] = filter.before;
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(createdAt)),
        eb.and([eb('created_at', '=', new Date(createdAt)), eb('id', '<', id)]),
      ]),
    );
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function isOptedOut(
  executor: Executor,
  organizationId: string,
  phone: string,
): Promise<boolean> {
  const row = await executor
    .selectFrom('sms_opt_out')
    .select('phone')
    .where('organization_id', '=', organizationId)
    .where('phone', '=', phone)
    .executeTakeFirst();
  return row !== undefined;
}

export async function optOut(executor: Executor, organizationId: string, phone: string, keyword: string) {
  await executor
    .insertInto('sms_opt_out')
    .values({ organization_id: organizationId, phone, keyword })
    .onConflict((conflict) => conflict.columns(['organization_id', 'phone']).doNothing())
    .execute();
}

export async function optIn(executor: Executor, organizationId: string, phone: string) {
  await executor
    .deleteFrom('sms_opt_out')
    .where('organization_id', '=', organizationId)
    .where('phone', '=', phone)
    .execute();
}

/** Stores an inbound SMS once; false when the gateway delivered the same message id before. */
export async function insertInboundSms(
  executor: Executor,
  message: {
    organization_id: string;
    id: string;
    from_number: string;
    to_number: string | null;
    body: string;
    provider_message_id: string | null;
    patient_id: string | null;
    handled_as: string;
  },
): Promise<boolean> {
  const result = await executor
    .insertInto('sms_inbound')
    .values(message)
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'provider_message_id'])
        .where('provider_message_id', 'is not', null)
        .doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function organizationBySlug(executor: Executor, slug: string) {
  return executor
    .selectFrom('organization')
    .select(['id', 'name', 'settings'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}
