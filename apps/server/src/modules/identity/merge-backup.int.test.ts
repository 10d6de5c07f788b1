import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestOrganization, openPrivateDatabase } from '../../../test/harness';
import { systemContext } from '../../platform/access/context';
import { backupDatabase, restoreDatabase } from '../../platform/db/backup';
import type { DatabaseHandle } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { mergePatients } from './merge-patients';
import { insertTestPatient } from './test/identity-kit';

describe('patient merge: a backup with merged records restores', () => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-merge-backup-'));
  before(async () => {
    source = await openPrivateDatabase();
    target = await openPrivateDatabase();
  });
  after(async () => {
    await source.close();
    await target.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('restores a record merged into a younger one, and the merge with its candidate', async () => {
    const organization = await createTestOrganization(source);
    const person = { familyName: 'Petrov', givenNames: 'Olga', birthDate: '1958-01-30' };
    // The older record is merged into the younger: in id order the merged row comes first.
    const older = await insertTestPatient(source.db, organization.id, person);
    const younger = await insertTestPatient(source.db, organization.id, person);
    await sql`insert into duplicate_candidate (organization_id, id, patient_a_id, patient_b_id, score, reasons,
                                               detected_at, updated_at)
              values (${organization.id}, gen_random_uuid(), ${older}, ${younger}, 0.99, '[]', now(), now())`.execute(
      source.db,
    );
    const mergeId = await inTransaction(source.db, (trx) =>
      mergePatients(
        trx,
        systemContext(organization.id),
        { survivorId: younger, mergedId: older, survivorVersion: 1, mergedVersion: 1, reason: 'Duplicate' },
        new Date(),
      ),
    );
    const file = path.join(folder, 'backup.ndjson.gz');
    await backupDatabase(source.db, file);
    // One row per statement, as a large restore has it: the merged row goes in before its survivor.
    await restoreDatabase(target.db, file, { batchRows: 1 });
    const restored = await sql<{ merged_into: string | null }>`select merged_into from patient
      where id = ${older}::uuid`.execute(target.db);
    assert.equal(restored.rows[0]?.merged_into, younger);
    const candidate = await sql<{ status: string; merge_id: string }>`select status, merge_id
      from duplicate_candidate where patient_a_id = ${older}::uuid`.execute(target.db);
    assert.deepEqual(candidate.rows[0], { status: 'merged', merge_id: mergeId });
  });
});
