import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestOrganization, openTestDatabase, TEST_PASSWORD, testConfig } from '../../../test/harness';
import { createPatient } from '../../modules/patients';
import { openWorkItem } from '../../modules/worklist';
import { systemContext } from '../access/context';
import { sealAudit } from '../audit/seal-audit';
import { verifyAudit } from '../audit/verify-audit';
import { login } from '../auth/login';
import { systemClock } from '../clock';
import { backupDatabase, BackupError, restoreDatabase } from './backup';
import { openDatabase, type DatabaseHandle } from './database';
import { migrate } from './migrate';

type Engine = 'pglite' | 'postgres';
type Scratch = { database: DatabaseHandle; drop(): Promise<void> };

// On PostgreSQL each side gets a database of its own: the shared test database holds other files' organizations,
// and a restore needs an empty target. Both are dropped at the end.
async function privatePostgres(): Promise<Scratch> {
  const base = new URL(process.env.DATABASE_URL as string);
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const name = `pd_backup_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
  return {
    database,
    drop: async () => {
      await database.close();
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A brand-new database: not even migrated. */
async function emptyDatabase(engine: Engine): Promise<Scratch> {
  if (engine === 'postgres') return privatePostgres();
  const database = await openDatabase({ dataDir: null });
  return { database, drop: () => database.close() };
}

async function sourceDatabase(engine: Engine): Promise<Scratch> {
  if (engine === 'pglite') {
    // openTestDatabase answers with the shared PostgreSQL database when DATABASE_URL is set; this side is PGlite.
    const database = process.env.DATABASE_URL
      ? await openDatabase({ dataDir: null })
      : await openTestDatabase();
    await migrate(database.db);
    return { database, drop: () => database.close() };
  }
  const scratch = await privatePostgres();
  await migrate(scratch.database.db);
  return scratch;
}

async function countRows(database: DatabaseHandle, tables: readonly string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await sql<{ count: number }>`select count(*) as count from ${sql.id(table)}`.execute(
      database.db,
    );
    counts[table] = Number(result.rows[0]?.count);
  }
  return counts;
}

/** Every row of every table as the backup writes it: two files with the same rows are the same data. */
function rowLines(file: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(1);
}

function rewriteBackup(file: string, target: string, change: (lines: string[]) => string[]) {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  fs.writeFileSync(target, zlib.gzipSync(change(lines).join('\n')));
}

async function isBrandNew(database: DatabaseHandle) {
  const result = await sql<{
    missing: boolean;
  }>`select to_regclass('schema_migration') is null as missing`.execute(database.db);
  return result.rows[0]?.missing === true;
}

const pairs: [Engine, Engine][] = process.env.DATABASE_URL
  ? [
      ['postgres', 'postgres'],
      ['pglite', 'postgres'],
      ['postgres', 'pglite'],
    ]
  : [['pglite', 'pglite']];

for (const [sourceEngine, targetEngine] of pairs) {
  describe(`backup and restore, ${sourceEngine} to ${targetEngine}`, () => {
    let source: Scratch;
    let target: Scratch;
    let folder: string;
    let file: string;
    let organizationId: string;
    let patientIds: string[];
    let tables: string[];

    before(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-backup-test-'));
      file = path.join(folder, 'backup.ndjson.gz');
      source = await sourceDatabase(sourceEngine);
      target = await emptyDatabase(targetEngine);
      const db = source.database.db;
      const organization = await createTestOrganization(source.database);
      organizationId = organization.id;
      const context = systemContext(organization.id);
      patientIds = [];
      const names = [
        ["O'Brien-Ñúñez", 'Zoë "Q"'],
        ['Okafor', 'Chidi'],
        ['Lindqvist', 'Åsa'],
      ];
      for (const [familyName, givenNames] of names) {
        const patient = await createPatient(db, systemClock, context, {
          familyName: familyName as string,
          givenNames: givenNames as string,
          birthDate: '1984-02-29',
          sex: 'female',
          phone: '(212) 555-0147',
          email: 'someone@example.test',
        });
        patientIds.push(patient.id);
      }
      await openWorkItem(db, context, {
        kind: 'callback',
        title: 'Call back about a bill',
        patientId: patientIds[0] ?? null,
        priority: 'high',
        dueAt: new Date('2031-05-06T07:08:09.123Z'),
        detail: { note: 'line one\nline two', amounts: [1, 2.5, -3] },
      });
      // A session, a sign-in attempt (an identity column) and the audit rows of a sign-in.
      await login(
        { db, clock: systemClock, config: testConfig() },
        { email: organization.users.front_desk.email, password: TEST_PASSWORD },
        { sourceAddress: '127.0.0.1', userAgent: 'backup test', requestId: null },
      );
      await sealAudit(db);
      // And one row the sealer has not linked yet: a restore keeps it unsealed.
      patientIds.push(
        (
          await createPatient(db, systemClock, context, {
            familyName: 'Last',
            givenNames: 'Unsealed',
            birthDate: '2001-01-01',
            sex: 'unknown',
          })
        ).id,
      );
      const summary = await backupDatabase(db, file, { batchSize: 2 });
      tables = summary.header.tables;
      assert.deepEqual(summary.counts, await countRows(source.database, tables));
    });

    after(async () => {
      await source?.drop();
      await target?.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    it('writes parents before children and skips the migration table', () => {
      assert.ok(!tables.includes('schema_migration'));
      for (const [parent, child] of [
        ['organization', 'app_user'],
        ['app_user', 'app_session'],
        ['patient', 'account_patient_link'],
        ['patient', 'work_item'],
        ['organization', 'audit_event'],
      ]) {
        assert.ok(
          tables.indexOf(parent as string) < tables.indexOf(child as string),
          `${parent} before ${child}`,
        );
      }
    });

    it('refuses a truncated file and a line that is not JSON, changing nothing', async () => {
      const truncated = path.join(folder, 'truncated.ndjson.gz');
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await assert.rejects(restoreDatabase(target.database.db, truncated), (error: unknown) => {
        assert.ok(error instanceof BackupError);
        assert.match(error.message, /cannot be read/);
        return true;
      });
      const notJson = path.join(folder, 'not-json.ndjson.gz');
      rewriteBackup(file, notJson, (lines) =>
        lines.map((line, index) => (index === 5 ? '{"t":"patient",' : line)),
      );
      await assert.rejects(restoreDatabase(target.database.db, notJson), /Line 6 is not JSON/);
      assert.equal(await isBrandNew(target.database), true, 'the target was not even migrated');
    });

    it('rolls back every row when the database refuses one', async () => {
      const refused = path.join(folder, 'refused.ndjson.gz');
      // The last table's row breaks a check constraint, after every other table's rows went in.
      rewriteBackup(file, refused, (lines) =>
        lines.map((line) =>
          line.startsWith('{"t":"work_item"') ? line.replace(/"priority": \d/, '"priority": 9') : line,
        ),
      );
      await assert.rejects(
        restoreDatabase(target.database.db, refused),
        /work_item could not be inserted.*23514/,
      );
      assert.deepEqual(Object.values(await countRows(target.database, tables)).filter(Boolean), []);
    });

    it('restores every row, the audit chain and the sequences', async () => {
      const restored = await restoreDatabase(target.database.db, file, { batchRows: 3 });
      const sourceCounts = await countRows(source.database, tables);
      assert.deepEqual(await countRows(target.database, tables), sourceCounts);
      assert.deepEqual(restored.counts, sourceCounts);
      assert.ok((sourceCounts.audit_event ?? 0) > 5 && (sourceCounts.login_attempt ?? 0) === 1);

      const patientOf = (database: DatabaseHandle) =>
        database.db
          .selectFrom('patient')
          .selectAll()
          .where('organization_id', '=', organizationId)
          .where('id', '=', patientIds[0] as string)
          .executeTakeFirstOrThrow();
      const original = await patientOf(source.database);
      assert.equal(original.family_name, "O'Brien-Ñúñez");
      assert.deepEqual(await patientOf(target.database), original);

      // The same rows, byte for byte, as the backup writes them (timestamps to the microsecond, jsonb as stored).
      const again = path.join(folder, 'again.ndjson.gz');
      await backupDatabase(target.database.db, again);
      assert.deepEqual(rowLines(again), rowLines(file));

      const before = (await verifyAudit(source.database.db)).find((r) => r.organizationId === organizationId);
      const restoredChain = (await verifyAudit(target.database.db)).find(
        (r) => r.organizationId === organizationId,
      );
      assert.ok(before && restoredChain);
      assert.equal(restoredChain.firstBreak, null);
      assert.equal(restoredChain.sealed, before.sealed);
      assert.ok(before.sealed > 0);
      assert.equal(restoredChain.unsealed, before.unsealed);
      assert.ok(before.unsealed > 0);
      // The chain goes on from where the source left it.
      await sealAudit(target.database.db);
      const sealed = (await verifyAudit(target.database.db)).find((r) => r.organizationId === organizationId);
      assert.equal(sealed?.firstBreak, null);
      assert.equal(sealed?.unsealed, 0);
    });

    it('gives a patient registered after the restore a new MRN and audit id', async () => {
      const existing = await target.database.db.selectFrom('patient').select('mrn').execute();
      const patient = await createPatient(target.database.db, systemClock, systemContext(organizationId), {
        familyName: 'After',
        givenNames: 'Restore',
        birthDate: '1999-09-09',
        sex: 'unknown',
      });
      assert.ok(!existing.some((row) => row.mrn === patient.mrn), `MRN ${patient.mrn} is new`);
      const highest =
        existing
          .map((row) => row.mrn)
          .filter((mrn) => /^\d{8}$/.test(mrn))
          .sort()
          .at(-1) ?? '';
      assert.ok(patient.mrn > highest);
      const attempt = await target.database.db
        .insertInto('login_attempt')
        .values({
          account_key: 'x@y.test',
          source_address: '127.0.0.1',
          succeeded: false,
          attempted_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const previous = await source.database.db
        .selectFrom('login_attempt')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(attempt.id) > Number(previous.id));
    });

    it('refuses a database that already has rows, and leaves it as it was', async () => {
      const counts = await countRows(target.database, tables);
      await assert.rejects(restoreDatabase(target.database.db, file), (error: unknown) => {
        assert.ok(error instanceof BackupError);
        assert.match(error.message, /already has organizations; restore only into an empty database/);
        return true;
      });
      assert.deepEqual(await countRows(target.database, tables), counts);
    });

    it('refuses to overwrite a file', async () => {
      await assert.rejects(backupDatabase(source.database.db, file), /already exists/);
      assert.ok(!fs.existsSync(`${file}.partial`));
    });
  });
}
