import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPatientDesk, type PatientDesk } from '../../apps/server/src/app';
import { loadConfig } from '../../apps/server/src/platform/config/config';
import { seedDemo } from '../../apps/server/src/demo/seed-demo';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_DIST_DIR = path.join(ROOT, 'apps/web/dist');

/** The real server on a free port, with the demo clinic seeded into a fresh PGlite database. */
export type TestServer = { desk: PatientDesk; baseUrl: string; close(): Promise<void> };

/**
 * Starts PatientDesk as `npm start` would, in this process. Always on PGlite in a temporary folder, even when
 * DATABASE_URL is set: the demo seed must start from an empty database.
 */
export async function startServer(): Promise<TestServer> {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error('The web app is not built. Run `npm run build:web` (npm run test:e2e does it for you).');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientdesk-e2e-'));
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, PORT: '0', WEB_DIST_DIR }),
    databaseUrl: undefined,
  };
  const desk = await createPatientDesk({ config });
  try {
    await seedDemo(desk.database.db);
    await desk.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await desk.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  desk.worker.start();
  const address = desk.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
  return {
    desk,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await desk.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
