import type { Transaction } from 'kysely';
import type { Database } from './schema';
import type { Db } from './database';

export type Tx = Transaction<Database>;

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `work` in a transaction. With `serializable`, a serialization failure or deadlock is retried (up to
 * `retries` times, with a short random backoff) — the caller's work must be safe to run again.
 */
export async function inTransaction<T>(
  db: Db,
  work: (trx: Tx) => Promise<T>,
  options: { serializable?: boolean; retries?: number } = {},
): Promise<T> {
  const retries = options.serializable ? (options.retries ?? 5) : 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const builder = options.serializable
        ? db.transaction().setIsolationLevel('serializable')
        : db.transaction();
      return await builder.execute(work);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= retries || !code || !RETRYABLE.has(code)) throw error;
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
