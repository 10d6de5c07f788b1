import { createHash } from 'node:crypto';
import type { ActorContext } from '../access/context';
import type { Db } from '../db/database';
import { inTransaction, type Tx } from '../db/transaction';
import { commonError } from './errors';
import { claimIdempotencyKey, storeIdempotentResponse } from './idempotency.repository';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Runs a create (a booking, a payment) so that a retry with the same `Idempotency-Key` returns the first answer
 * and does the work once. The key is claimed in the work's own transaction: a concurrent retry waits for the first
 * to commit and then reads its answer. A failed attempt stores nothing, so a retry tries again.
 */
export async function withIdempotency<T>(
  db: Db,
  context: ActorContext,
  key: string | undefined,
  request: unknown,
  work: (trx: Tx) => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  // The work is database work whose effects the transaction holds whole, so a deadlock's victim (two bookings of one
  // patient with two providers can wait on each other inside an exclusion constraint) is simply run again.
  if (key === undefined) {
    const result = await inTransaction(db, work, { retryDeadlocks: true });
    return { ...result, replayed: false };
  }
  if (!KEY.test(key) || !context.actor) {
    throw commonError('VALIDATION_FAILED', 'Idempotency-Key must be 8 to 128 letters, digits, or . _ : -', {
      fields: [{ path: 'header.idempotency-key', message: 'Use a random value such as a UUID' }],
    });
  }
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const claim = { organizationId: context.organizationId, actorId: context.actor.id, key, requestHash };
  return inTransaction(
    db,
    async (trx) => {
      const previous = await claimIdempotencyKey(trx, claim);
      if (previous) {
        if (previous.request_hash !== requestHash) {
          throw commonError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was used for a different request.',
          );
        }
        return { status: previous.status_code, body: previous.response as T, replayed: true };
      }
      const result = await work(trx);
      await storeIdempotentResponse(trx, claim, result.status, result.body);
      return { ...result, replayed: false };
    },
    { retryDeadlocks: true },
  );
}
