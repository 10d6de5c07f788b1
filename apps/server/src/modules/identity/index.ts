import './identity.tables';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { JobHandler } from '../../platform/jobs/jobs';
import { findDuplicatesHandler, scheduleDuplicateScans } from './jobs/find-duplicates.job';

export { registerIdentityRoutes } from './identity.routes';
export { patientIdsMergedInto, survivorOf } from './merged-patients';
export { enqueueDuplicateCheck, scheduleDuplicateScans, FindDuplicatesJob } from './jobs/find-duplicates.job';
export { detectDuplicates, type DetectedPair } from './detect-duplicates';
export { scanChangedPatients } from './scan-changed-patients';
export { refreshNameFrequencies } from './scan-state.repository';
export {
  LIKELY_DUPLICATE,
  POSSIBLE_DUPLICATE,
  prepareRecord,
  scoreMatch,
  scoreRecords,
  type MatchInput,
  type PopulationStats,
  type MatchResult,
} from './match-score';
export { PATIENT_REFERENCES, type PatientReference } from './patient-references';

/** How often the worker looks for registrations changed since the last duplicate scan. */
export const DUPLICATE_SCAN_EVERY_MS = 60_000;

/** Identity's background work, for app.ts to wire: the duplicate-finding job and the timer that schedules it. */
export function identityWorker(options: { db: Db; clock: Clock }): {
  handlers: JobHandler[];
  periodic: { name: string; everyMs: number; run(): Promise<unknown> };
} {
  return {
    handlers: [findDuplicatesHandler(options)],
    periodic: {
      name: 'duplicate-scan',
      everyMs: DUPLICATE_SCAN_EVERY_MS,
      run: () => scheduleDuplicateScans(options.db),
    },
  };
}
