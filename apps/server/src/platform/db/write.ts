import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';

/**
 * A data-modifying statement that returns nothing (an audit event, a job): run alone with `runWrite`, or carried
 * by the statement that makes the change it goes with, as items of that statement's WITH list (`writeItems`), so
 * the change and what must accompany it take one round trip and are atomic even outside a transaction.
 * `done` runs once the statement that ran it has succeeded (it wakes the worker for a job).
 */
export type Write = { statement: RawBuilder<unknown>; done?: () => void };

export async function runWrite(executor: Kysely<Database>, write: Write): Promise<void> {
  await write.statement.execute(executor);
  write.done?.();
}

/** `write_0 as (…), write_1 as (…)`: items for a WITH list (PostgreSQL runs a data-modifying item even if unread). */
export function writeItems(writes: readonly Write[]): RawBuilder<unknown> {
  return sql.join(
    writes.map((write, index) => sql`${sql.id(`write_${index}`)} as (${write.statement})`),
    sql`, `,
  );
}

/** After the statement that carried them succeeded. */
export function writesDone(writes: readonly Write[]): void {
  for (const write of writes) write.done?.();
}
