import type { Executor } from '../../platform/audit/audit.repository';
import { finalSurvivor, mergedIntoChain } from './merges.repository';

/**
 * The patient ids whose records now live on `survivorId`: itself first, then every record merged into it
 * (directly, or into a record merged into it). A patient's audit trail and access log must read all of them:
 * the audit table is append-only, so its rows keep naming the merged record.
 */
export async function patientIdsMergedInto(
  executor: Executor,
  organizationId: string,
  survivorId: string,
): Promise<string[]> {
  return [survivorId, ...(await mergedIntoChain(executor, organizationId, survivorId))];
}

/** Where a merged record lives now (following merges of merges); null when the record was not merged. */
export async function survivorOf(
  executor: Executor,
  organizationId: string,
  patientId: string,
): Promise<string | null> {
  return finalSurvivor(executor, organizationId, patientId);
}
