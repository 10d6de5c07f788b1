import type { Db } from '../db/database';
import { inTransaction } from '../db/transaction';
import { genesisHash, linkHash } from './audit-chain';
import { lockChainHead, organizationsWithUnsealed, unsealedBatch, writeSeals } from './audit.repository';

/**
 * Links unsealed audit rows into each organization's hash chain, in batches. Writers only insert, so a busy desk
 * never waits on a chain head; this runs in the background and serializes per organization on the head row.
 * Returns how many rows it sealed.
 */
export async function sealAudit(db: Db, batchSize = 2000): Promise<number> {
  let sealed = 0;
  for (const organizationId of await organizationsWithUnsealed(db)) {
    for (;;) {
      const count = await inTransaction(db, async (trx) => {
        const head = await lockChainHead(trx, organizationId, genesisHash(organizationId));
        const rows = await unsealedBatch(trx, organizationId, batchSize);
        if (rows.length === 0) return 0;
        let { lastSeq, lastHash } = head;
        const seals = rows.map((row) => {
          lastSeq += 1;
          lastHash = linkHash(lastHash, lastSeq, row);
          return { id: row.id, chainSeq: lastSeq, hash: lastHash };
        });
        await writeSeals(trx, organizationId, seals, { lastSeq, lastHash });
        return rows.length;
      });
      sealed += count;
      if (count < batchSize) break;
    }
  }
  return sealed;
}
