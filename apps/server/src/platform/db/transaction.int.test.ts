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

  const serializationFailure = () =>
    Object.assign(new Error('could not serialize access'), { code: '40001' });

  it('retries serializable work after a serialization failure, and only then', async () => {
    let attempts = 0;
    const result = await inTransaction(
      database.db,
      async (trx) => {
        attempts += 1;
        const level = await sql<{
          level: string;
        }>`select current_setting('transaction_isolation') as level`.execute(trx);
        assert.equal(level.rows[0]?.level, 'serializable');
        if (attempts < 3) throw serializationFailure();
        return 'done';
      },
      { serializable: true },
    );
    assert.equal(result, 'done');
    assert.equal(attempts, 3);

    let plainAttempts = 0;
    await assert.rejects(
      inTransaction(database.db, async () => {
        plainAttempts += 1;
        throw serializationFailure();
      }),
    );
    assert.equal(plainAttempts, 1, 'read committed work is not retried');

    let otherAttempts = 0;
    await assert.rejects(
      inTransaction(
        database.db,
        async () => {
          otherAttempts += 1;
          throw Object.assign(new Error('unique'), { code: '23505' });
        },
        { serializable: true },
      ),
    );
    assert.equal(otherAttempts, 1, 'other errors are not retried');
  });

  it('runs read-committed work again when it was a deadlock’s victim, when asked to, and only for that', async () => {
    const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
    let attempts = 0;
    const result = await inTransaction(
      database.db,
      async (trx) => {
        attempts += 1;
        const level = await sql<{
          level: string;
        }>`select current_setting('transaction_isolation') as level`.execute(trx);
        assert.equal(level.rows[0]?.level, 'read committed');
        if (attempts < 2) throw deadlock();
        return 'done';
      },
      { retryDeadlocks: true },
    );
    assert.equal(result, 'done');
    assert.equal(attempts, 2);

    let unasked = 0;
    await assert.rejects(
      inTransaction(database.db, async () => {
        unasked += 1;
        throw deadlock();
      }),
    );
    assert.equal(unasked, 1, 'not retried unless asked');

    let serialization = 0;
    await assert.rejects(
      inTransaction(
        database.db,
        async () => {
          serialization += 1;
          throw serializationFailure();
        },
        { retryDeadlocks: true },
      ),
    );
    assert.equal(serialization, 1, 'a serialization failure is not a deadlock');

    let endless = 0;
    await assert.rejects(
      inTransaction(
        database.db,
        async () => {
          endless += 1;
          throw deadlock();
        },
        { retryDeadlocks: true },
      ),
      /deadlock detected/,
    );
    assert.equal(endless, 3, 'two retries, then the error');
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
