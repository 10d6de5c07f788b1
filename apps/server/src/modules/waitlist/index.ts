import './waitlist.tables';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config/config';
import type { Db } from '../../platform/db/database';
import type { JobHandler } from '../../platform/jobs/jobs';
import type { AppointmentChangeListener } from '../scheduling';
import { followAppointments } from './follow-appointments';
import { reconcileSlotHandler } from './jobs/reconcile-slot.job';
import { scheduleWaitlistSweeps, waitlistSweepHandler } from './jobs/waitlist-sweep.job';
import { waitlistDeps } from './waitlist-deps';

export { registerWaitlistRoutes } from './waitlist.routes';

/** How often the worker sweeps for new availability, passed windows and missed expiries. */
export const WAITLIST_SWEEP_EVERY_MS = 5 * 60_000;

/** The waitlist's background work, for app.ts to wire: its appointment listener, job handlers and sweep timer. */
export function waitlistWorker(options: { db: Db; clock: Clock; config: Config }): {
  listener: AppointmentChangeListener;
  handlers: JobHandler[];
  periodic: { name: string; everyMs: number; run(): Promise<unknown> };
} {
  const deps = waitlistDeps(options);
  return {
    listener: followAppointments(deps),
    handlers: [reconcileSlotHandler(deps), waitlistSweepHandler(deps)],
    periodic: {
      name: 'waitlist-sweep',
      everyMs: WAITLIST_SWEEP_EVERY_MS,
      run: () => scheduleWaitlistSweeps(options.db),
    },
  };
}
