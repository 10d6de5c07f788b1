import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase } from '../../../test/harness';
import type { DatabaseHandle } from './database';
import { inTransaction } from './transaction';

describe('transactions', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  const failure = (code: string) => () => Object.assign(new Error(`failed with ${code}`), { code });
  const serializationFailure = failure('40001');
  const deadlock = failure('40P01');

  /** Runs work that fails the first `failures` times, checking its isolation level; how many runs it took. */
  async function runsUntilDone(
    options: Parameters<typeof inTransaction>[2],
    level: string,
    fail: () => Error,
    failures: number,
  ) {
    let runs = 0;
    const result = await inTransaction(
      database.db,
      async (trx) => {
        runs += 1;
        const found = await sql<{
          level: string;
        }>`select current_setting('transaction_isolation') as level`.execute(trx);
        assert.equal(found.rows[0]?.level, level);
        if (runs <= failures) throw fail();
        return 'done';
      },
      options,
    );
    assert.equal(result, 'done');
    return runs;
  }

  /** Runs work that always fails; how many runs before the error came out. */
  async function runsUntilGivingUp(options: Parameters<typeof inTransaction>[2], fail: () => Error) {
    let runs = 0;
    await assert.rejects(
      inTransaction(
        database.db,
        async () => {
          runs += 1;
          throw fail();
        },
        options,
      ),
    );
    return runs;
  }

  it('retries serializable work after a serialization failure, and only then', async () => {
    assert.equal(await runsUntilDone({ serializable: true }, 'serializable', serializationFailure, 2), 3);
    assert.equal(await runsUntilGivingUp({}, serializationFailure), 1, 'read committed work is not retried');
    assert.equal(
      await runsUntilGivingUp({ serializable: true }, failure('23505')),
      1,
      'other errors are not retried',
    );
  });

  it('runs read-committed work again when it was a deadlock’s victim, when asked to, and only for that', async () => {
    assert.equal(await runsUntilDone({ retryDeadlocks: true }, 'read committed', deadlock, 1), 2);
    assert.equal(await runsUntilGivingUp({}, deadlock), 1, 'not retried unless asked');
    assert.equal(
      await runsUntilGivingUp({ retryDeadlocks: true }, serializationFailure),
      1,
      'a serialization failure is not a deadlock',
    );
    assert.equal(
      await runsUntilGivingUp({ retryDeadlocks: true }, deadlock),
      3,
      'two retries, then the error',
    );
  });

  it('rolls back everything when the work fails', async () => {
    await database.db.schema.createTable('tx_probe').ifNotExists().addColumn('value', 'integer').execute();
    await assert.rejects(
      inTransaction(database.db, async (trx) => {
        await sql`insert into tx_probe (value) values (1)`.execute(trx);
        throw new Error('fail after the insert');
      }),
    );
    const rows = await sql<{ n: number }>`select count(*)::int as n from tx_probe`.execute(database.db);
    assert.equal(rows.rows[0]?.n, 0);
    await database.db.schema.dropTable('tx_probe').execute();
  });
});
