import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import {
  frequenciesCountedAt,
  patientsChangedAfter,
  refreshNameFrequencies,
  saveScanPosition,
  scanPosition,
} from './scan-state.repository';
import { findDuplicatesOf } from './find-duplicates-of';

export type ScanOptions = {
  /** Patients per transaction. */
  batchSize?: number;
  /** Batches per run; the next run carries on (a first run over a large organization takes several). */
  maxBatches?: number;
  /**
   * Changes younger than this wait for the next run: a registration's updated_at is taken when its transaction
   * starts, so one that commits late must not fall behind a position already passed.
   */
  settleMs?: number;
  /** How old the name counts may grow before a run counts them again (a day). */
  recountMs?: number;
};

/**
 * Looks for duplicates of every patient registered or changed since the last run (counting the organization's
 * names first when the counts are a day old), in order of change, and moves
 * the organization's position forward batch by batch (a crash repeats at most one batch, which is idempotent).
 * Returns how many patients it looked at.
 */
export async function scanChangedPatients(
  db: Db,
  organizationId: string,
  now: Date,
  options: ScanOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;
  const until = new Date(now.getTime() - (options.settleMs ?? 60_000));
  const counted = await frequenciesCountedAt(db, organizationId);
  if (!counted || now.getTime() - counted.getTime() > (options.recountMs ?? 86_400_000)) {
    await inTransaction(db, (trx) => refreshNameFrequencies(trx, organizationId, now));
  }
  let position = await scanPosition(db, organizationId);
  let scanned = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const rows = await patientsChangedAfter(db, organizationId, position, until, batchSize);
    const last = rows.at(-1);
    if (!last) break;
    const next = { updatedAt: last.updated_at, id: last.id };
    await inTransaction(db, async (trx) => {
      await findDuplicatesOf(
        trx,
        organizationId,
        rows.map((row) => row.id),
        now,
      );
      await saveScanPosition(trx, organizationId, next, now);
    });
    position = next;
    scanned += rows.length;
    if (rows.length < batchSize) break;
  }
  return scanned;
}
