import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { testConfig } from '../../test/harness';
import { login } from '../platform/auth/login';
import { systemClock } from '../platform/clock';
import { openDatabase, type DatabaseHandle } from '../platform/db/database';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const onPostgres = Boolean(process.env.DATABASE_URL);

type Result = { code: number | null; stdout: string; stderr: string };

/** Runs the real CLI as the operator would, and waits for it to exit. */
function pd(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
      cwd: ROOT,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

type Target = {
  name: string;
  env: NodeJS.ProcessEnv;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
};

/** A database of the test's own: a fresh PGlite data folder, or a fresh PostgreSQL database on DATABASE_URL's server. */
async function freshTarget(name: string): Promise<Target> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `pd-cli-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: folder };
  delete env.DATABASE_URL;
  if (!onPostgres) {
    return {
      name,
      env,
      open: () => openDatabase({ dataDir: path.join(folder, 'pgdata') }),
      drop: async () => fs.rmSync(folder, { recursive: true, force: true }),
    };
  }
  const admin = new URL(process.env.DATABASE_URL as string);
  admin.pathname = '/postgres';
  const database = `pd_cli_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${database}`);
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${database}`;
  return {
    name,
    env: { ...env, DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 }),
    drop: async () => {
      await run(`drop database if exists ${database} with (force)`);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function withOpen<T>(target: Target, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const PASSWORD = 'correct horse battery';
const source = { sourceAddress: '127.0.0.1', userAgent: 'cli test', requestId: null };
const chainLines = (output: string) =>
  output.split('\n').filter((line) => /^[a-z0-9-]+: \d+ sealed/.test(line));

describe(`pd, the admin CLI, on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let a: Target;
  let b: Target;
  let verified: string[];
  const file = path.join(os.tmpdir(), `pd-cli-test-${randomBytes(4).toString('hex')}.ndjson.gz`);

  before(async () => {
    a = await freshTarget('a');
    b = await freshTarget('b');
  });
  after(async () => {
    await a?.drop();
    await b?.drop();
    fs.rmSync(file, { force: true });
  });

  it('migrate creates the database and says which migrations ran', async () => {
    const result = await pd(['migrate'], a.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Applied 0001_platform/);
    assert.match(result.stdout, /\d+ migration\(s\) applied/);
  });

  it('org create makes a tenant', async () => {
    const result = await pd(['org', 'create', '--slug', 'clinic-one', '--name', 'Clinic One'], a.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Created organization "clinic-one" \(Clinic One\)/);
  });

  it('user create takes the password from stdin, without printing it', async () => {
    const args = [
      'user',
      'create',
      '--email',
      'Ada@Clinic.test',
      '--role',
      'admin',
      '--organization',
      'clinic-one',
    ];
    const result = await pd([...args, '--name', 'Ada Admin'], a.env, `${PASSWORD}\n`);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Created admin account ada@clinic\.test in "clinic-one"/);
    assert.ok(!result.stdout.includes(PASSWORD) && !result.stderr.includes(PASSWORD));
  });

  it('user create refuses a password under 12 characters', async () => {
    const args = [
      'user',
      'create',
      '--email',
      'bo@clinic.test',
      '--role',
      'billing',
      '--organization',
      'clinic-one',
    ];
    const result = await pd(args, a.env, 'too-short\n');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Password refused: Use at least 12 characters/);
    assert.equal(result.stdout, '');
  });

  it('demo seed creates the demo clinic once, and says so the second time', async () => {
    const first = await pd(['demo', 'seed', '--patients', '25'], a.env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /with 25 synthetic patients/);
    const second = await pd(['demo', 'seed'], a.env);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /The demo organization already exists/);
  });

  it('audit verify --seal seals, then finds every chain intact', async () => {
    const result = await pd(['audit', 'verify', '--seal'], a.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Sealed [1-9]\d* pending audit row/);
    verified = chainLines(result.stdout);
    assert.equal(verified.length, 2);
    for (const line of verified) {
      assert.match(line, /: [1-9]\d* sealed link\(s\), 0 unsealed row\(s\), chain intact$/);
    }
  });

  it('backup, then restore into another fresh database, round-trips', async () => {
    const backup = await pd(['backup', '--out', file], a.env);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /^\s+patient\s+25$/m);
    const restore = await pd(['restore', file], b.env);
    assert.equal(restore.code, 0, restore.stderr);
    const counts = (output: string) => output.split('\n').filter((line) => /^\s+[a-z_]+\s+\d+$/.test(line));
    assert.deepEqual(counts(restore.stdout), counts(backup.stdout));
    const verify = await pd(['audit', 'verify'], b.env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.deepEqual(chainLines(verify.stdout), verified);
  });

  let tampered: number | undefined;

  it('the account created by the CLI signs in (and the data folder is locked meanwhile)', async () => {
    // One open of the database serves three checks: each open of a PGlite folder costs seconds.
    tampered = await withOpen(a, async (database) => {
      if (!onPostgres) {
        // The data folder is for one process: while this test holds it, the CLI refuses with a clear message.
        const locked = await pd(['audit', 'verify'], a.env);
        assert.equal(locked.code, 1);
        assert.match(locked.stderr, new RegExp(`is in use by process ${process.pid}`));
      }
      const session = await login(
        { db: database.db, clock: systemClock, config: testConfig() },
        { email: 'ada@clinic.test', password: PASSWORD },
        source,
      );
      assert.equal(session.account.role, 'admin');
      assert.equal(session.account.display_name, 'Ada Admin');
      // Tampering for the next tests: link 2 of the clinic's sealed chain is changed behind the trigger's back.
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(database.db);
      const row = await sql<{ id: number }>`
        update audit_event set action = 'read'
         where chain_seq = 2 and organization_id = (select id from organization where slug = 'clinic-one')
         returning id`.execute(database.db);
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(database.db);
      return row.rows[0]?.id;
    });
    assert.ok(tampered);
  });

  it('user disable ends the account’s open session', async () => {
    const result = await pd(
      ['user', 'disable', '--email', 'ada@clinic.test', '--organization', 'clinic-one'],
      a.env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Disabled ada@clinic\.test in "clinic-one"; ended 1 open session/);
  });

  it('audit verify names the first broken link of a tampered chain and exits 1', async () => {
    const result = await pd(['audit', 'verify'], a.env);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      new RegExp(
        `^clinic-one: .*chain BROKEN at link 2 \\(audit event ${tampered}\\): the row does not match its hash`,
        'm',
      ),
    );
    assert.match(result.stdout, /^demo: .*chain intact$/m);
    assert.match(result.stderr, /1 of 2 audit chain\(s\) broken: clinic-one/);
  });

  it('worker runs the job queue until SIGTERM, then stops cleanly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'worker'], {
      cwd: ROOT,
      env: b.env,
    });
    let output = '';
    const running = new Promise<void>((resolve) => {
      const collect = (chunk: string) => {
        output += chunk;
        if (output.includes('Job worker running')) resolve();
      };
      child.stdout.setEncoding('utf8').on('data', collect);
      child.stderr.setEncoding('utf8').on('data', collect);
    });
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    );
    try {
      await Promise.race([running, exited]);
      assert.match(output, /Job worker running on/);
      child.kill('SIGTERM');
      assert.deepEqual(await exited, [0, null], output);
      assert.match(output, /Stopping \(SIGTERM\)/);
    } finally {
      // A failed assertion must not leave the worker running (nor keep this test process waiting for it).
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
