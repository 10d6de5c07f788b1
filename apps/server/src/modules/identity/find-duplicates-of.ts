import type { Executor } from '../../platform/audit/audit.repository';
import { uuidv7 } from '../../platform/ids';
import { dropStaleCandidates, upsertCandidates } from './duplicate-candidates.repository';
import { detectDuplicates } from './detect-duplicates';
import { POSSIBLE_DUPLICATE } from './match-score';

/** At most this many pairs per patient are kept (a number shared by a whole care home finds hundreds). */
const MAX_PAIRS_PER_PATIENT = 20;

/**
 * Looks for duplicates of these saved patients and keeps the supervisor's list current: pairs scoring at least
 * "possible" are recorded (best first), open pairs no longer found are dropped, decided pairs stay decided.
 * Idempotent: running it twice for the same patients changes nothing the second time.
 */
export async function findDuplicatesOf(
  executor: Executor,
  organizationId: string,
  patientIds: readonly string[],
  now: Date,
): Promise<number> {
  if (patientIds.length === 0) return 0;
  const detected = await detectDuplicates(executor, organizationId, { kind: 'patients', ids: patientIds });
  const kept = new Map<string, number>();
  const worth = detected
    .filter((pair) => pair.result.score >= POSSIBLE_DUPLICATE)
    .sort((x, y) => y.result.score - x.result.score)
    .filter((pair) => {
      const count = Math.max(kept.get(pair.a) ?? 0, kept.get(pair.b) ?? 0);
      if (count >= MAX_PAIRS_PER_PATIENT) return false;
      kept.set(pair.a, (kept.get(pair.a) ?? 0) + 1);
      kept.set(pair.b, (kept.get(pair.b) ?? 0) + 1);
      return true;
    });
  await upsertCandidates(
    executor,
    organizationId,
    worth.map((pair) => ({
      id: uuidv7(now.getTime()),
      a: pair.a,
      b: pair.b,
      score: pair.result.score,
      reasons: pair.result.reasons,
    })),
    now,
  );
  await dropStaleCandidates(executor, organizationId, patientIds, worth);
  return worth.length;
}
