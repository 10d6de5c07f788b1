import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Starts `main.ts` as `npm start` does and resolves with its port once it listens. */
function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'never',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('PatientDesk is running')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

// The embedded database's durability is the product's promise on a single machine; a PostgreSQL server's is its own.
describe(
  'a crash loses nothing acknowledged (embedded database)',
  { skip: Boolean(process.env.DATABASE_URL) },
  () => {
    it('keeps a patient created just before the process was killed', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-crash-'));
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const base = `http://127.0.0.1:${port}`;
      try {
        // Make an organization and an account with the CLI's building blocks, in the same data folder.
        const { openDatabase } = await import('./platform/db/database');
        const { migrate } = await import('./platform/db/migrate');
        const { createTestOrganization, TEST_PASSWORD } = await import('../test/harness');
        const setup = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
        await migrate(setup.db);
        const organization = await createTestOrganization(setup);
        await setup.close();

        let server = await startServer(dataDir, port);
        const login = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: organization.users.front_desk.email, password: TEST_PASSWORD }),
        });
        assert.equal(login.status, 200);
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const created = await fetch(`${base}/api/patients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ familyName: 'Durable', givenNames: 'Dana', birthDate: '1961-06-06' }),
        });
        assert.equal(created.status, 201);
        const patient = (await created.json()) as { id: string };
        server.kill('SIGKILL');
        await new Promise((resolve) => server.once('exit', resolve));

        server = await startServer(dataDir, port);
        try {
          const again = await fetch(`${base}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: organization.users.front_desk.email, password: TEST_PASSWORD }),
          });
          const cookie2 = (again.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
          const read = await fetch(`${base}/api/patients/${patient.id}`, { headers: { cookie: cookie2 } });
          assert.equal(read.status, 200);
          assert.equal(((await read.json()) as { familyName: string }).familyName, 'Durable');
        } finally {
          server.kill('SIGTERM');
          await new Promise((resolve) => server.once('exit', resolve));
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  },
);
