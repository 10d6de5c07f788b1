import type { z } from 'zod';
import type { Executor } from '../audit/audit.repository';
import { uuidv7 } from '../ids';
import { insertJob } from './jobs.repository';

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
  const parsed: unknown = spec.payload.parse(payload);
  const inserted = await insertJob(executor, {
    id: uuidv7(),
    organizationId: options.organizationId,
    name: spec.name,
    payload: parsed,
    runAt: options.runAt ?? new Date(),
    maxAttempts: spec.maxAttempts ?? 5,
    singletonKey: options.singletonKey ?? null,
  });
  if (inserted) setTimeout(() => listeners.forEach((listener) => listener()), 5).unref();
  return inserted;
}
