import { describeError as describe, type Logger } from '../logging/logger';
import type { Db } from '../db/database';
import { claimJobs, completeJobs, failJob, pruneJobs } from './jobs.repository';
import { onJobEnqueued, type JobHandler } from './jobs';

export type WorkerOptions = {
  db: Db;
  handlers: readonly JobHandler[];
  logger: Logger;
  /** Work that runs on a timer in the worker (the audit sealer, sweeps). */
  periodic?: readonly { name: string; everyMs: number; run(): Promise<unknown> }[];
  pollMs?: number;
  concurrency?: number;
};

/** Backoff before retry n (1-based): 2^n seconds, capped at 10 minutes, with up to 20% jitter. */
export function retryDelayMs(attempt: number): number {
  const base = Math.min(2 ** attempt * 1000, 10 * 60 * 1000);
  return Math.round(base * (1 + Math.random() * 0.2));
}

/** Runs jobs from the durable queue until stopped. One worker per process; several processes may run side by side. */
export class Worker {
  private stopped = true;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly handlers: Map<string, JobHandler>;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: WorkerOptions) {
    this.handlers = new Map(options.handlers.map((handler) => [handler.spec.name, handler]));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onJobEnqueued(() => this.wake?.());
    this.loop = this.run();
    for (const task of this.options.periodic ?? []) {
      let running = false;
      const timer = setInterval(() => {
        if (running || this.stopped) return;
        running = true;
        task
          .run()
          .catch((error: unknown) =>
            this.options.logger.error({ task: task.name, err: describe(error) }, 'periodic task failed'),
          )
          .finally(() => {
            running = false;
          });
      }, task.everyMs);
      this.timers.push(timer);
    }
    this.timers.push(
      setInterval(() => {
        pruneJobs(this.options.db, new Date(Date.now() - 7 * 24 * 3600 * 1000)).catch(() => undefined);
      }, 3600 * 1000),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.timers.splice(0).forEach((timer) => clearInterval(timer));
    this.wake?.();
    await this.loop;
  }

  /**
   * Claims and runs due jobs until none are left; returns how many ran. For tests and `pd worker --drain`; a test
   * on a shared database passes its organization so it runs only its own jobs.
   */
  async drain(options: { organizationId?: string } = {}): Promise<number> {
    let total = 0;
    for (;;) {
      const ran = await this.runBatch(options.organizationId);
      total += ran;
      if (ran === 0) return total;
    }
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    while (!this.stopped) {
      let ran = 0;
      try {
        ran = await this.runBatch();
      } catch (error) {
        this.options.logger.error({ err: describe(error) }, 'job worker could not claim jobs');
      }
      if (ran > 0 || this.stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async runBatch(organizationId?: string): Promise<number> {
    const { db } = this.options;
    const jobs = await claimJobs(
      db,
      [...this.handlers.keys()],
      this.options.concurrency ?? 5,
      300,
      organizationId,
    );
    // The batch's successes are marked completed together once it has run: a crash before that runs them again,
    // which their handlers allow (they must be idempotent).
    const completed: string[] = [];
    await Promise.all(
      jobs.map(async (job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) return;
        try {
          const payload: unknown = handler.spec.payload.parse(job.payload);
          await handler.handle(payload, {
            id: job.id,
            organizationId: job.organization_id,
            attempt: job.attempts,
          });
          completed.push(job.id);
        } catch (error) {
          const retryAt =
            job.attempts < job.max_attempts ? new Date(Date.now() + retryDelayMs(job.attempts)) : null;
          this.options.logger.warn(
            {
              job: job.name,
              jobId: job.id,
              attempt: job.attempts,
              err: describe(error),
              willRetry: retryAt !== null,
            },
            'job failed',
          );
          await failJob(db, job.id, describe(error).message, retryAt);
        }
      }),
    );
    await completeJobs(db, completed);
    return jobs.length;
  }
}
