import type { Transaction } from 'kysely';
import type { Database } from './schema';
import type { Db } from './database';

export type Tx = Transaction<Database>;

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';

/**
 * Runs `work` in a transaction. With `serializable`, a serialization failure or deadlock is retried (up to
 * `retries` times, with a short random backoff); with `retryDeadlocks`, a read-committed transaction that
 * PostgreSQL chose as a deadlock's victim is run again (it was rolled back whole). Either way the caller's work
 * must be safe to run again: database work only.
 */
export async function inTransaction<T>(
  db: Db,
  work: (trx: Tx) => Promise<T>,
  options: { serializable?: boolean; retryDeadlocks?: boolean; retries?: number } = {},
): Promise<T> {
  const retryable = new Set(
    options.serializable ? [SERIALIZATION_FAILURE, DEADLOCK] : options.retryDeadlocks ? [DEADLOCK] : [],
  );
  const retries = retryable.size ? (options.retries ?? (options.serializable ? 5 : 2)) : 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const builder = options.serializable
        ? db.transaction().setIsolationLevel('serializable')
        : db.transaction();
      return await builder.execute(work);
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= retries || !code || !retryable.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
  }
}

/** The PostgreSQL error code of a driver error, if it has one. */
export function pgErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a PostgreSQL error names, if any. */
export function pgConstraint(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
