import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { inTransaction } from '../db/transaction';
import { uuidv7 } from '../ids';
import { createLogger } from '../logging/logger';
import { openTestDatabase } from '../../../test/harness';
import { claimJobs } from './jobs.repository';
import { defineJob, enqueue, handleJob, type JobSpec } from './jobs';
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
