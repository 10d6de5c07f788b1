import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { inTransaction } from '../db/transaction';
import { uuidv7 } from '../ids';
import { createLogger } from '../logging/logger';
import { openTestDatabase } from '../../../test/harness';
import { claimJobs } from './jobs.repository';
import { defineJob, enqueue, enqueueGuarded, enqueueMany, handleJob, jobRequest, type JobSpec } from './jobs';
import { Worker, retryDelayMs } from './worker';

const logger = createLogger('silent');

function countingJob(runs: string[], options: { failTimes?: number; maxAttempts?: number } = {}) {
  const spec = defineJob({
    name: `test.count-${uuidv7().slice(-8)}@1`,
    payload: z.object({ label: z.string() }),
    maxAttempts: options.maxAttempts ?? 3,
  });
  let failures = 0;
  const handler = handleJob(spec, async ({ label }) => {
    if (failures < (options.failTimes ?? 0)) {
      failures += 1;
      throw new Error(`planned failure ${failures}`);
    }
    runs.push(label);
  });
  return { spec, handler };
}

async function jobRow(database: DatabaseHandle, spec: JobSpec) {
  return database.db
    .selectFrom('job')
    .select(['state', 'attempts', 'run_at', 'last_error'])
    .where('name', '=', spec.name)
    .executeTakeFirstOrThrow();
}

describe('durable job queue', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  it('runs a job enqueued in a committed transaction, and never one whose transaction rolled back', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    await inTransaction(database.db, (trx) =>
      enqueue(trx, spec, { label: 'kept' }, { organizationId: null }),
    );
    await assert.rejects(
      inTransaction(database.db, async (trx) => {
        await enqueue(trx, spec, { label: 'rolled back' }, { organizationId: null });
        throw new Error('the change failed');
      }),
    );
    const worker = new Worker({ db: database.db, handlers: [handler], logger });
    assert.equal(await worker.drain(), 1);
    assert.deepEqual(runs, ['kept']);
    assert.equal((await jobRow(database, spec)).state, 'completed');
  });

  it('validates the payload when enqueuing', async () => {
    const { spec } = countingJob([]);
    await assert.rejects(enqueue(database.db, spec, { label: 42 } as never, { organizationId: null }));
  });

  it('retries a failing job later with backoff, then gives up after its attempts', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs, { failTimes: 10, maxAttempts: 2 });
    await enqueue(database.db, spec, { label: 'flaky' }, { organizationId: null });
    const worker = new Worker({ db: database.db, handlers: [handler], logger });
    const startedAt = Date.now();
    await worker.drain();
    let row = await jobRow(database, spec);
    assert.equal(row.state, 'queued');
    assert.equal(row.attempts, 1);
    assert.ok(row.run_at.getTime() >= startedAt + 1500, 'waits before the retry');
    assert.equal(await worker.drain(), 0, 'not before its time');
    await database.db
      .updateTable('job')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('name', '=', spec.name)
      .execute();
    await worker.drain();
    row = await jobRow(database, spec);
    assert.equal(row.state, 'failed');
    assert.equal(row.attempts, 2);
    assert.match(row.last_error ?? '', /planned failure 2/);
    assert.deepEqual(runs, []);
  });

  it('grows the backoff and caps it', () => {
    assert.ok(retryDelayMs(1) >= 2000 && retryDelayMs(1) < 2500);
    assert.ok(retryDelayMs(5) >= 32_000);
    assert.ok(retryDelayMs(30) <= 12 * 60_000);
  });

  it('keeps one unfinished job per singleton key', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    assert.equal(
      await enqueue(database.db, spec, { label: 'a' }, { organizationId: null, singletonKey: 'k' }),
      true,
    );
    assert.equal(
      await enqueue(database.db, spec, { label: 'b' }, { organizationId: null, singletonKey: 'k' }),
      false,
    );
    await new Worker({ db: database.db, handlers: [handler], logger }).drain();
    assert.deepEqual(runs, ['a']);
    assert.equal(
      await enqueue(database.db, spec, { label: 'c' }, { organizationId: null, singletonKey: 'k' }),
      true,
    );
  });

  it('enqueues a batch: each job with its own payload, run time and attempts; the due ones run', async () => {
    const runs: string[] = [];
    const first = countingJob(runs, { maxAttempts: 7 });
    const second = countingJob(runs);
    const later = new Date(Date.now() + 3600_000);
    const inserted = await enqueueMany(database.db, [
      jobRequest(first.spec, { label: 'one' }, { organizationId: null }),
      jobRequest(second.spec, { label: 'two' }, { organizationId: null }),
      jobRequest(first.spec, { label: 'later' }, { organizationId: null, runAt: later }),
    ]);
    assert.deepEqual(inserted, [true, true, true]);
    const rows = await database.db
      .selectFrom('job')
      .select(['name', 'payload', 'max_attempts', 'run_at', 'state', 'organization_id'])
      .where('name', 'in', [first.spec.name, second.spec.name])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((row) => [row.name, row.payload, row.max_attempts, row.state, row.organization_id]),
      [
        [first.spec.name, { label: 'one' }, 7, 'queued', null],
        [second.spec.name, { label: 'two' }, 3, 'queued', null],
        [first.spec.name, { label: 'later' }, 7, 'queued', null],
      ],
    );
    assert.equal(rows[2]?.run_at.getTime(), later.getTime());
    const worker = new Worker({ db: database.db, handlers: [first.handler, second.handler], logger });
    assert.equal(await worker.drain(), 2);
    assert.deepEqual(runs.sort(), ['one', 'two']);
    assert.deepEqual(await enqueueMany(database.db, []), []);
  });

  it('enqueues a batch all or nothing', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    await assert.rejects(
      enqueueMany(database.db, [
        jobRequest(spec, { label: 'valid' }, { organizationId: null }),
        jobRequest(spec, { label: 42 } as never, { organizationId: null }),
      ]),
    );
    await assert.rejects(
      inTransaction(database.db, async (trx) => {
        await enqueueMany(trx, [
          jobRequest(spec, { label: 'a' }, { organizationId: null }),
          jobRequest(spec, { label: 'b' }, { organizationId: null }),
        ]);
        throw new Error('the change failed');
      }),
    );
    // A row the database refuses (an organization that does not exist) takes the whole batch with it.
    await assert.rejects(
      enqueueMany(database.db, [
        jobRequest(spec, { label: 'c' }, { organizationId: null }),
        jobRequest(spec, { label: 'd' }, { organizationId: uuidv7() }),
      ]),
    );
    const count = await database.db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('name', '=', spec.name)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.count), 0);
    assert.equal(await new Worker({ db: database.db, handlers: [handler], logger }).drain(), 0);
    assert.deepEqual(runs, []);
  });

  it('keeps one unfinished job per singleton key in a batch, against queued jobs and within the batch', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    const key = (singletonKey: string) => ({ organizationId: null, singletonKey });
    await enqueue(database.db, spec, { label: 'queued' }, key('taken'));
    assert.deepEqual(
      await enqueueMany(database.db, [
        jobRequest(spec, { label: 'new' }, key('fresh')),
        jobRequest(spec, { label: 'same batch' }, key('fresh')),
        jobRequest(spec, { label: 'already queued' }, key('taken')),
        jobRequest(spec, { label: 'no key' }, { organizationId: null }),
      ]),
      [true, false, false, true],
    );
    await new Worker({ db: database.db, handlers: [handler], logger }).drain();
    assert.deepEqual(runs.sort(), ['new', 'no key', 'queued']);
    assert.deepEqual(
      await enqueueMany(database.db, [
        jobRequest(spec, { label: 'again' }, key('fresh')),
        jobRequest(spec, { label: 'again' }, key('taken')),
      ]),
      [true, true],
    );
  });

  it('completes the successes of a claimed batch and retries its failure, each on its own', async () => {
    const spec = defineJob({
      name: `test.batch-${uuidv7().slice(-8)}@1`,
      payload: z.object({ label: z.string() }),
    });
    const runs: string[] = [];
    const handler = handleJob(spec, async ({ label }) => {
      if (label === 'bad') throw new Error('planned failure');
      runs.push(label);
    });
    for (const label of ['a', 'bad', 'b'])
      await enqueue(database.db, spec, { label }, { organizationId: null });
    await new Worker({ db: database.db, handlers: [handler], logger }).drain();
    const rows = await database.db
      .selectFrom('job')
      .select(['payload', 'state', 'attempts', 'finished_at', 'locked_until'])
      .where('name', '=', spec.name)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((row) => [row.payload, row.state, row.attempts, row.finished_at !== null, row.locked_until]),
      [
        [{ label: 'a' }, 'completed', 1, true, null],
        [{ label: 'bad' }, 'queued', 1, false, null],
        [{ label: 'b' }, 'completed', 1, true, null],
      ],
    );
    assert.deepEqual(runs.sort(), ['a', 'b']);
  });

  it('enqueues, in the statement of a guard, the jobs of the rows the guard wrote', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    const table = `job_guard_${uuidv7().replace(/-/g, '').slice(-12)}`;
    await sql`create table ${sql.table(table)} (key text primary key)`.execute(database.db);
    try {
      const guard = (keys: string[]) =>
        sql`insert into ${sql.table(table)} (key) select unnest(${keys}::text[])
            on conflict do nothing returning key`;
      const requests = (keys: string[]) =>
        keys.map((key) => ({ ...jobRequest(spec, { label: key }, { organizationId: null }), key }));
      assert.deepEqual(await enqueueGuarded(database.db, guard(['a', 'b']), requests(['a', 'b'])), [
        true,
        true,
      ]);
      // A second run: the rows that exist enqueue nothing, the new one its job.
      assert.deepEqual(await enqueueGuarded(database.db, guard(['a', 'b', 'c']), requests(['a', 'b', 'c'])), [
        false,
        false,
        true,
      ]);
      // A request whose key the guard does not return is not enqueued; the guard runs even with no request.
      assert.deepEqual(await enqueueGuarded(database.db, guard(['d']), requests(['e'])), [false]);
      assert.deepEqual(await enqueueGuarded(database.db, guard(['f']), []), []);

      // One statement: a job the database refuses takes the guard's rows with it, and so does an invalid payload.
      await assert.rejects(
        enqueueGuarded(database.db, guard(['g']), [
          { ...jobRequest(spec, { label: 'g' }, { organizationId: uuidv7() }), key: 'g' },
        ]),
      );
      await assert.rejects(
        enqueueGuarded(database.db, guard(['h']), [
          { ...jobRequest(spec, { label: 42 } as never, { organizationId: null }), key: 'h' },
        ]),
      );
      const keys = await sql<{ key: string }>`select key from ${sql.table(table)} order by key`.execute(
        database.db,
      );
      assert.deepEqual(
        keys.rows.map((row) => row.key),
        ['a', 'b', 'c', 'd', 'f'],
      );
      await new Worker({ db: database.db, handlers: [handler], logger }).drain();
      assert.deepEqual(runs.sort(), ['a', 'b', 'c']);
    } finally {
      await sql`drop table ${sql.table(table)}`.execute(database.db);
    }
  });

  it('takes over a job whose worker died mid-run once its lock expires', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    await enqueue(database.db, spec, { label: 'orphan' }, { organizationId: null });
    // A worker claims it and dies before finishing.
    const claimed = await claimJobs(database.db, [spec.name], 10, 300);
    assert.equal(claimed.length, 1);
    const survivor = new Worker({ db: database.db, handlers: [handler], logger });
    assert.equal(await survivor.drain(), 0, 'still locked by the dead worker');
    await database.db
      .updateTable('job')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('name', '=', spec.name)
      .execute();
    assert.equal(await survivor.drain(), 1);
    assert.deepEqual(runs, ['orphan']);
    assert.equal((await jobRow(database, spec)).attempts, 2);
  });

  it('wakes a started worker as soon as a job is enqueued', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    const worker = new Worker({ db: database.db, handlers: [handler], logger, pollMs: 60_000 });
    worker.start();
    try {
      await enqueue(database.db, spec, { label: 'prompt' }, { organizationId: null });
      for (let waited = 0; runs.length === 0 && waited < 5000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(runs, ['prompt']);
    } finally {
      await worker.stop();
    }
  });
});

describe('durable job queue across a restart', () => {
  it('runs after a restart a job enqueued before it', async () => {
    const runs: string[] = [];
    const { spec, handler } = countingJob(runs);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-jobs-'));
    const open = async () => {
      const handle = process.env.DATABASE_URL
        ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 })
        : await openDatabase({ dataDir: path.join(directory, 'pgdata') });
      await migrate(handle.db);
      return handle;
    };
    try {
      const first = await open();
      await enqueue(first.db, spec, { label: 'before restart' }, { organizationId: null });
      await first.close();
      const second = await open();
      try {
        await new Worker({ db: second.db, handlers: [handler], logger }).drain();
      } finally {
        await second.close();
      }
      assert.deepEqual(runs, ['before restart']);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
