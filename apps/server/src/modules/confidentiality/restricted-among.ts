import type { Executor } from '../../platform/audit/audit.repository';
import { restrictedPatientIds } from './confidentiality.repository';

/**
 * Which of these patients have restricted records, for lists that still show them (search, worklists) with a
 * `restricted` mark: name, date of birth and MRN are shown; opening the record is what the restriction guards.
 */
export async function restrictedAmong(
  executor: Executor,
  organizationId: string,
  patientIds: readonly string[],
): Promise<Set<string>> {
  return new Set(await restrictedPatientIds(executor, organizationId, patientIds));
}
