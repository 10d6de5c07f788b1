import type { Executor } from '../audit/audit.repository';
import { json } from '../db/schema';

/** Reserves an idempotency key in the caller's transaction; returns the stored answer if it was used before. */
export async function claimIdempotencyKey(
  executor: Executor,
  key: { organizationId: string; actorId: string; key: string; requestHash: string },
) {
  const inserted = await executor
    .insertInto('idempotency_key')
    .values({
      organization_id: key.organizationId,
      actor_id: key.actorId,
      key: key.key,
      request_hash: key.requestHash,
      status_code: 0,
      response: json(null),
    })
    .onConflict((conflict) => conflict.columns(['organization_id', 'actor_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  return executor
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status_code', 'response'])
    .where('organization_id', '=', key.organizationId)
    .where('actor_id', '=', key.actorId)
    .where('key', '=', key.key)
    .executeTakeFirstOrThrow();
}

export async function storeIdempotentResponse(
  executor: Executor,
  key: { organizationId: string; actorId: string; key: string },
  statusCode: number,
  response: unknown,
) {
  await executor
    .updateTable('idempotency_key')
    .set({ status_code: statusCode, response: json(response) })
    .where('organization_id', '=', key.organizationId)
    .where('actor_id', '=', key.actorId)
    .where('key', '=', key.key)
    .execute();
}
