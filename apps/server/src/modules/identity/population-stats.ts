import type { Executor } from '../../platform/audit/audit.repository';
import { nameCounts } from './scan-state.repository';
import type { PopulationStats, PreparedRecord } from './match-score';

/** The organization's size and the frequencies of the names these records carry, for the scorer. */
export async function populationStatsFor(
  executor: Executor,
  organizationId: string,
  records: Iterable<PreparedRecord>,
): Promise<PopulationStats> {
  const family: string[] = [];
  const given: string[] = [];
  for (const record of records) {
    if (record.familyParts.length > 0) family.push(record.familyParts.join(' '));
    if (record.given) given.push(record.given);
  }
  const counts = await nameCounts(executor, organizationId, { family, given });
  return { patients: counts.patients, familyCounts: counts.family, givenCounts: counts.given };
}
