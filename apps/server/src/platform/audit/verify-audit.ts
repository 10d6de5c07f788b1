import type { Db } from '../db/database';
import { genesisHash, linkHash } from './audit-chain';
import {
  chainHead,
  countUnsealed,
  organizationsWithAudit,
  sealedBatch,
  type Executor,
} from './audit.repository';

export type ChainBreak = { chainSeq: number; auditEventId: number | null; problem: string };

export type ChainReport = {
  organizationId: string;
  slug: string;
  sealed: number;
  unsealed: number;
  firstBreak: ChainBreak | null;
};

/**
 * Walks each organization's sealed chain from its genesis, recomputing every link; reports the first broken link
 * (a changed row, a missing row, a reordered row, or a head that does not match) and how many rows await sealing.
 * It reads one snapshot: a sealer committing between the batches and the head would otherwise look like a break.
 */
export async function verifyAudit(db: Db, batchSize = 5000): Promise<ChainReport[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((snapshot) => walkChains(snapshot, batchSize));
}

async function walkChains(db: Executor, batchSize: number): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const organization of await organizationsWithAudit(db)) {
    let previousHash = genesisHash(organization.id);
    let expectedSeq = 1;
    let firstBreak: ChainBreak | null = null;
    let afterSeq = 0;
    outer: for (;;) {
      const rows = await sealedBatch(db, organization.id, afterSeq, batchSize);
      for (const row of rows) {
        const seq = row.chain_seq ?? 0;
        if (seq !== expectedSeq) {
          firstBreak = {
            chainSeq: expectedSeq,
            auditEventId: null,
            problem: `link ${expectedSeq} is missing`,
          };
          break outer;
        }
        const hash = linkHash(previousHash, seq, row);
        if (hash !== row.hash) {
          firstBreak = {
            chainSeq: seq,
            auditEventId: row.id,
            problem: 'the row does not match its hash: it was changed after it was sealed',
          };
          break outer;
        }
        previousHash = hash;
        expectedSeq += 1;
        afterSeq = seq;
      }
      if (rows.length < batchSize) break;
    }
    const sealed = expectedSeq - 1;
    if (!firstBreak) {
      const head = await chainHead(db, organization.id);
      const headSeq = head?.last_seq ?? 0;
      if (headSeq !== sealed || (head && head.last_hash !== previousHash)) {
        firstBreak = {
          chainSeq: sealed + 1,
          auditEventId: null,
          problem: `the chain head says ${headSeq} links but ${sealed} were found: rows after link ${sealed} are missing`,
        };
      }
    }
    reports.push({
      organizationId: organization.id,
      slug: organization.slug,
      sealed,
      unsealed: await countUnsealed(db, organization.id),
      firstBreak,
    });
  }
  return reports;
}
