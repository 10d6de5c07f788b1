import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/harness';
import type { Executor } from '../../platform/audit/audit.repository';
import type { DatabaseHandle } from '../../platform/db/database';
import { CONFLICT_CHECKS } from './merge-patients';
import { MOVED_REFERENCES, PATIENT_REFERENCES } from './patient-references';

/**
 * Every column of the live schema that names a patient: a foreign key to `patient`, or a column named like one
 * (`patient_id`, `patient_ids`, `…_patient_id`, `patient_…_id`) — outbox rows and audit rows name patients
 * without a foreign key.
 */
async function patientColumns(executor: Executor): Promise<string[]> {
  const result = await sql<{ reference: string }>`
    select c.relname || '.' || a.attname as reference
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
     where k.contype = 'f' and k.confrelid = 'patient'::regclass and a.attname <> 'organization_id'
       and c.relnamespace = current_schema()::regnamespace
    union
    select table_name || '.' || column_name
      from information_schema.columns
     where table_schema = current_schema()
       and (column_name in ('patient_id', 'patient_ids') or column_name ~ '_patient_ids?$'
            or column_name ~ '^patient_.*_id$')
       and table_name in (select table_name from information_schema.tables
                           where table_schema = current_schema() and table_type = 'BASE TABLE')
     order by 1`.execute(executor);
  return result.rows.map((row) => row.reference);
}

/** The unique indexes and exclusion constraints of a table that include a column, with their columns. */
async function uniqueIndexes(executor: Executor, table: string) {
  const result = await sql<{ name: string; columns: string[] }>`
    select i.relname as name, array_agg(a.attname::text order by a.attname) as columns
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_attribute a on a.attrelid = x.indrelid and a.attnum = any(x.indkey)
     where x.indrelid = ${table}::regclass and (x.indisunique or x.indisexclusion)
     group by i.relname`.execute(executor);
  return result.rows;
}

const known = (reference: { table: string; column: string }) => `${reference.table}.${reference.column}`;

describe('patient references: the merge knows every table that names a patient', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await openTestDatabase({ poolSize: 1 });
  });
  after(() => database.close());

  it('finds no column naming a patient that PATIENT_REFERENCES leaves out, and none it lists that is gone', async () => {
    const columns = await patientColumns(database.db);
    const listed = new Set(PATIENT_REFERENCES.map(known));
    const unknown = columns.filter((column) => !listed.has(column));
    assert.deepEqual(
      unknown,
      [],
      `These columns name a patient, but a merge would leave their rows on the merged record. Add each to ` +
        `PATIENT_REFERENCES (apps/server/src/modules/identity/patient-references.ts), to move or to keep, and why.`,
    );
    assert.deepEqual(
      [...listed].filter((reference) => !columns.includes(reference)),
      [],
      'listed but not in the schema',
    );
  });

  it('notices a new table that names a patient (the check above can fail)', async () => {
    const rollback = new Error('rollback');
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await sql`create table identity_probe (organization_id uuid, id uuid, patient_id uuid)`.execute(trx);
        const columns = await patientColumns(trx);
        assert.ok(columns.includes('identity_probe.patient_id'), columns.join(', '));
        throw rollback;
      }),
      (error) => error === rollback,
    );
  });

  it('identifies each moved row by a unique key, and declares every unique rule on the patient column', async () => {
    for (const reference of MOVED_REFERENCES) {
      const indexes = await uniqueIndexes(database.db, reference.table);
      const keyed = indexes.some((index) => {
        const withKey = ['organization_id', ...reference.key].sort();
        const withPatient = ['organization_id', reference.column, ...reference.key].sort();
        const columns = [...index.columns].sort();
        return [withKey, withPatient].some((wanted) => wanted.join() === columns.join());
      });
      assert.ok(
        keyed,
        `${reference.table}: (organization_id, ${reference.key.join(', ')}) is not a unique key`,
      );
      const onPatient = indexes
        .filter((index) => index.columns.includes(reference.column))
        .map((index) => index.name)
        .sort();
      assert.deepEqual(
        onPatient,
        Object.keys(reference.constraints).sort(),
        `${reference.table}: unique rules on ${reference.column} and how the merge keeps each`,
      );
      for (const [constraint, handling] of Object.entries(reference.constraints)) {
        if (handling === 'refuse')
          assert.ok(CONFLICT_CHECKS[constraint], `no conflict check for ${constraint}`);
      }
    }
  });
});
