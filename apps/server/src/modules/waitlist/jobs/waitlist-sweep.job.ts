import type { Db } from '../../../platform/db/database';
import { enqueue, handleJob } from '../../../platform/jobs/jobs';
import { sweepWaitlist } from '../sweep-waitlist';
import type { WaitlistDeps } from '../waitlist-deps';
import { organizationsWithActiveEntries } from '../waitlist.repository';
import { WaitlistSweepJob } from './waitlist-jobs';

export function waitlistSweepHandler(deps: WaitlistDeps) {
  return handleJob(WaitlistSweepJob, async (payload) => {
    await sweepWaitlist(deps, payload.organizationId);
  });
}

/**
 * The worker's timer: one sweep job per organization with active entries. The singleton key keeps one pending
 * per organization however many workers run the timer.
 */
export async function scheduleWaitlistSweeps(db: Db): Promise<number> {
  let queued = 0;
  for (const organizationId of await organizationsWithActiveEntries(db)) {
    const inserted = await enqueue(
      db,
      WaitlistSweepJob,
      { organizationId },
      { organizationId, singletonKey: `waitlist-sweep:${organizationId}` },
    );
    if (inserted) queued += 1;
  }
  return queued;
}
