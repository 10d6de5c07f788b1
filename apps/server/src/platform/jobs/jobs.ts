import type { OperationNodeSource } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../audit/audit.repository';
import { uuidv7 } from '../ids';
import type { Write } from '../db/write';
import { insertJob, insertJobs, insertJobsGuarded, jobInsert, type NewJob } from './jobs.repository';

/** A kind of job: a versioned name (`notify.deliver@1`) and the zod schema of its payload. */
export type JobSpec<TPayload extends z.ZodType = z.ZodType> = {
  name: `${string}@${number}`;
  payload: TPayload;
  maxAttempts?: number;
};

export type JobInfo = { id: string; organizationId: string | null; attempt: number };

/**
 * What runs a kind of job. A handler may run more than once for the same job (a crash between the work and its
 * bookkeeping), so it must be idempotent.
 */
export type JobHandler = {
  spec: JobSpec;
  handle(payload: unknown, job: JobInfo): Promise<void>;
};

export function defineJob<TPayload extends z.ZodType>(spec: JobSpec<TPayload>): JobSpec<TPayload> {
  return spec;
}

export function handleJob<TPayload extends z.ZodType>(
  spec: JobSpec<TPayload>,
  handle: (payload: z.output<TPayload>, job: JobInfo) => Promise<void>,
): JobHandler {
  return { spec, handle: (payload, job) => handle(payload as z.output<TPayload>, job) };
}

export type EnqueueOptions = {
  organizationId: string | null;
  runAt?: Date;
  /** At most one unfinished job per (name, key): a second enqueue with the same key is a no-op. */
  singletonKey?: string;
};

type Listener = () => void;
const listeners = new Set<Listener>();

/** Lets an in-process worker wake up as soon as a job is enqueued, rather than at its next poll. */
export function onJobEnqueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Enqueues a job in the caller's transaction: the job exists exactly when the change that asked for it commits.
 * Returns false when a singleton key suppressed it.
 */
export async function enqueue<TPayload extends z.ZodType>(
  executor: Executor,
  spec: JobSpec<TPayload>,
  payload: z.input<TPayload>,
  options: EnqueueOptions,
): Promise<boolean> {
  const inserted = await insertJob(executor, newJob({ spec, payload, options }));
  if (inserted) wakeWorkers();
  return inserted;
}

/**
 * `enqueue` as a statement for the change's own statement to carry (see `Write`): the job exists exactly when that
 * statement's change does. The payload is checked now.
 */
export function enqueueWrite<TPayload extends z.ZodType>(
  spec: JobSpec<TPayload>,
  payload: z.input<TPayload>,
  options: EnqueueOptions,
): Write {
  return { statement: jobInsert(newJob({ spec, payload, options })), done: wakeWorkers };
}

/** One job of an `enqueueMany` batch: its kind, payload and options. */
export type JobRequest<TPayload extends z.ZodType = z.ZodType> = {
  spec: JobSpec<TPayload>;
  payload: z.input<TPayload>;
  options: EnqueueOptions;
};

/** A job request, typed by its spec (so the payload is checked against that spec's schema). */
export function jobRequest<TPayload extends z.ZodType>(
  spec: JobSpec<TPayload>,
  payload: z.input<TPayload>,
  options: EnqueueOptions,
): JobRequest {
  return { spec, payload, options };
}

/**
 * Enqueues several jobs in the caller's transaction with one statement: all of them or (on an invalid payload or a
 * failed insert) none. Singleton keys dedupe as in `enqueue`, within the batch too (the first wins). Returns, in
 * order, whether each was inserted.
 */
export async function enqueueMany(executor: Executor, requests: readonly JobRequest[]): Promise<boolean[]> {
  if (requests.length === 0) return [];
  const jobs = requests.map(newJob);
  const inserted = await insertJobs(executor, jobs);
  if (inserted.size > 0) wakeWorkers();
  return jobs.map((job) => inserted.has(job.id));
}

/**
 * Runs a guard statement and enqueues, in that same statement, the jobs of the rows it wrote: `guard` returns a
 * `key` column (an `INSERT … ON CONFLICT DO NOTHING RETURNING …` of the rows that stand for the jobs), and each
 * request is enqueued only when its `key` was returned. One statement is atomic, so the rows and their jobs exist
 * together or not at all without a transaction (one round trip instead of four), and a second run whose rows
 * already exist enqueues nothing. Payloads are validated first; singleton keys dedupe as in `enqueueMany`.
 * Returns, in order, whether each was enqueued.
 */
export async function enqueueGuarded(
  executor: Executor,
  guard: OperationNodeSource,
  requests: readonly (JobRequest & { key: string })[],
): Promise<boolean[]> {
  const jobs = requests.map((request) => ({ ...newJob(request), guardKey: request.key }));
  const inserted = await insertJobsGuarded(executor, guard, jobs);
  if (inserted.size > 0) wakeWorkers();
  return jobs.map((job) => inserted.has(job.id));
}

function newJob({ spec, payload, options }: JobRequest): NewJob {
  return {
    id: uuidv7(),
    organizationId: options.organizationId,
    name: spec.name,
    payload: spec.payload.parse(payload),
    runAt: options.runAt ?? new Date(),
    maxAttempts: spec.maxAttempts ?? 5,
    singletonKey: options.singletonKey ?? null,
  };
}

function wakeWorkers(): void {
  setTimeout(() => listeners.forEach((listener) => listener()), 5).unref();
}
