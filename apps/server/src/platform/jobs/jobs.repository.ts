import { sql, type OperationNodeSource } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import { json } from '../db/schema';

export type JobRow = {
  id: string;
  organization_id: string | null;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
};

export type NewJob = {
  id: string;
  organizationId: string | null;
  name: string;
  payload: unknown;
  runAt: Date;
  maxAttempts: number;
  singletonKey: string | null;
};

/** Inserts a job; with a singleton key, does nothing when an unfinished job with the same key exists. */
export async function insertJob(executor: Executor, job: NewJob): Promise<boolean> {
  const result = await jobInsert(job).execute(executor);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** `insertJob`'s statement, for another statement to carry (see `Write`). */
export function jobInsert(job: NewJob) {
  return sql`
    insert into job (id, organization_id, name, payload, run_at, max_attempts, singleton_key)
    values (${job.id}::uuid, ${job.organizationId}::uuid, ${job.name}, ${json(job.payload)}::jsonb,
            ${job.runAt}::timestamptz, ${job.maxAttempts}::int, ${job.singletonKey})
    on conflict (name, singleton_key) where singleton_key is not null and state in ('queued', 'running')
    do nothing`;
}

/**
 * Inserts several jobs in one statement; each with a singleton key is skipped when an unfinished job with the same
 * key exists (or an earlier one of the same batch has it). Returns the ids inserted.
 */
export async function insertJobs(executor: Executor, jobs: readonly NewJob[]): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  // One text per batch size whatever the values (so PostgreSQL prepares it once): the rows travel as arrays.
  const result = await sql<{ id: string }>`
    insert into job (id, organization_id, name, payload, run_at, max_attempts, singleton_key)
    select * from unnest(${jobs.map((job) => job.id)}::uuid[], ${jobs.map((job) => job.organizationId)}::uuid[],
                         ${jobs.map((job) => job.name)}::text[],
                         ${jobs.map((job) => JSON.stringify(job.payload))}::jsonb[],
                         ${jobs.map((job) => job.runAt.toISOString())}::timestamptz[],
                         ${jobs.map((job) => job.maxAttempts)}::int[], ${jobs.map((job) => job.singletonKey)}::text[])
    on conflict (name, singleton_key) where singleton_key is not null and state in ('queued', 'running')
    do nothing
    returning id`.execute(executor);
  return new Set(result.rows.map((row) => row.id));
}

/**
 * Runs `guard` (a statement returning a `key` column, such as an INSERT … RETURNING) and inserts, in the same
 * statement, the jobs whose `guardKey` it returned. Returns the ids inserted.
 */
export async function insertJobsGuarded(
  executor: Executor,
  guard: OperationNodeSource,
  jobs: readonly (NewJob & { guardKey: string })[],
): Promise<Set<string>> {
  const result = await sql<{ id: string }>`
    with guard as (${guard})
    insert into job (id, organization_id, name, payload, run_at, max_attempts, singleton_key)
    select j.id, j.organization_id, j.name, j.payload, j.run_at, j.max_attempts, j.singleton_key
      from unnest(${jobs.map((job) => job.id)}::uuid[], ${jobs.map((job) => job.organizationId)}::uuid[],
                  ${jobs.map((job) => job.name)}::text[],
                  ${jobs.map((job) => JSON.stringify(job.payload))}::jsonb[],
                  ${jobs.map((job) => job.runAt.toISOString())}::timestamptz[],
                  ${jobs.map((job) => job.maxAttempts)}::int[], ${jobs.map((job) => job.singletonKey)}::text[],
                  ${jobs.map((job) => job.guardKey)}::text[])
           as j (id, organization_id, name, payload, run_at, max_attempts, singleton_key, guard_key)
     where j.guard_key in (select key::text from guard)
    on conflict (name, singleton_key) where singleton_key is not null and state in ('queued', 'running')
    do nothing
    returning id`.execute(executor);
  return new Set(result.rows.map((row) => row.id));
}

/**
 * Claims up to `limit` due jobs for this worker: queued ones whose time has come, and running ones whose lock
 * expired (their worker died). SKIP LOCKED lets several workers claim side by side.
 */
export async function claimJobs(
  executor: Executor,
  names: readonly string[],
  limit: number,
  lockSeconds: number,
  /** Only this organization's jobs (tests that share a database drain their own). */
  organizationId?: string,
): Promise<JobRow[]> {
  if (names.length === 0) return [];
  const onlyOrganization = organizationId ? sql`and organization_id = ${organizationId}::uuid` : sql``;
  const result = await sql<JobRow>`
    update job set state = 'running', attempts = attempts + 1,
                   locked_until = now() + make_interval(secs => ${lockSeconds})
     where id in (
       select id from job
        where name = any(${[...names]}::text[])
          and ((state = 'queued' and run_at <= now())
               or (state = 'running' and locked_until < now()))
          ${onlyOrganization}
        order by run_at
        limit ${limit}
        for update skip locked)
    returning id, organization_id, name, payload, attempts, max_attempts`.execute(executor);
  return result.rows;
}

/** Marks jobs completed, in one statement (a claimed batch's successes together). */
export async function completeJobs(executor: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update job set state = 'completed', finished_at = ${new Date()}, locked_until = null
     where id = any(${[...ids]}::uuid[])`.execute(executor);
}

/** Puts a failed job back in the queue to run at `retryAt`, or marks it failed for good when `retryAt` is null. */
export async function failJob(
  executor: Executor,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await executor
    .updateTable('job')
    .set(
      retryAt
        ? { state: 'queued', run_at: retryAt, last_error: error, locked_until: null }
        : { state: 'failed', finished_at: new Date(), last_error: error, locked_until: null },
    )
    .where('id', '=', id)
    .execute();
}

/** Removes finished jobs older than the cut-off. */
export async function pruneJobs(executor: Executor, finishedBefore: Date): Promise<number> {
  const result = await executor
    .deleteFrom('job')
    .where('state', 'in', ['completed', 'cancelled'])
    .where('finished_at', '<', finishedBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function jobCounts(executor: Executor): Promise<Record<string, number>> {
  const rows = await executor
    .selectFrom('job')
    .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}
