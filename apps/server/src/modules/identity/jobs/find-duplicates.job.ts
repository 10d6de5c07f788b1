import { z } from 'zod';
import type { Executor } from '../../../platform/audit/audit.repository';
import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../platform/db/database';
import { inTransaction } from '../../../platform/db/transaction';
import { defineJob, enqueue, handleJob } from '../../../platform/jobs/jobs';
import { organizationsToScan } from '../scan-state.repository';
import { findDuplicatesOf } from '../find-duplicates-of';
import { scanChangedPatients } from '../scan-changed-patients';

/**
 * Looks for duplicates in one organization: of the patients named (right after a registration or a change), or
 * of every patient registered or changed since the last scan.
 */
export const FindDuplicatesJob = defineJob({
  name: 'identity.find-duplicates@1',
  payload: z.object({
    organizationId: z.uuid(),
    patientIds: z.array(z.uuid()).max(1000).optional(),
  }),
  maxAttempts: 3,
});

export function findDuplicatesHandler(deps: { db: Db; clock: Clock }) {
  return handleJob(FindDuplicatesJob, async (payload) => {
    const now = deps.clock.now();
    if (payload.patientIds) {
      const ids = payload.patientIds;
      await inTransaction(deps.db, (trx) => findDuplicatesOf(trx, payload.organizationId, ids, now));
      return;
    }
    await scanChangedPatients(deps.db, payload.organizationId, now);
  });
}

/**
 * Asks for a look at these patients' duplicates, in the caller's transaction (for the registration and update
 * use cases to call, so the supervisor's list follows within seconds rather than at the next scan).
 */
export async function enqueueDuplicateCheck(
  executor: Executor,
  organizationId: string,
  patientIds: readonly string[],
): Promise<void> {
  if (patientIds.length === 0) return;
  await enqueue(
    executor,
    FindDuplicatesJob,
    { organizationId, patientIds: [...patientIds] },
    { organizationId },
  );
}

/**
 * The worker's timer: one scan job per organization with registrations changed since its last scan. The
 * singleton key keeps one pending per organization however many workers run the timer.
 */
export async function scheduleDuplicateScans(db: Db): Promise<number> {
  let queued = 0;
  for (const organizationId of await organizationsToScan(db)) {
    const inserted = await enqueue(
      db,
      FindDuplicatesJob,
      { organizationId },
      { organizationId, singletonKey: `duplicate-scan:${organizationId}` },
    );
    if (inserted) queued += 1;
  }
  return queued;
}
