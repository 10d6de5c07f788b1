import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import { json } from '../db/schema';

/** Reserves an idempotency key in the caller's transaction; returns the stored answer if it was used before. */
export async function claimIdempotencyKey(
  executor: Executor,
  key: { organizationId: string; actorId: string; key: string; requestHash: string },
) {
  // Plain SQL for the two statements every booking and payment runs: the query builder cost more than the insert.
  const inserted = await sql<{ key: string }>`
    insert into idempotency_key (organization_id, actor_id, key, request_hash, status_code, response)
    values (${key.organizationId}, ${key.actorId}, ${key.key}, ${key.requestHash}, 0, 'null')
    on conflict (organization_id, actor_id, key) do nothing
    returning key`.execute(executor);
  if (inserted.rows.length > 0) return null;
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
  await sql`
    update idempotency_key set status_code = ${statusCode}, response = ${json(response)}::jsonb
     where organization_id = ${key.organizationId} and actor_id = ${key.actorId} and key = ${key.key}`.execute(
    executor,
  );
}
