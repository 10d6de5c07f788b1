import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@patientdesk/contracts';
import { sql } from 'kysely';
import { createPatientDesk } from '../../../app';
import type { manualClock } from '../../../platform/clock';
import type { Config } from '../../../platform/config/config';
import { openDatabase, type DatabaseHandle } from '../../../platform/db/database';
import { migrate } from '../../../platform/db/migrate';
import type { OrganizationSettings } from '../../../platform/db/schema';
import { uuidv7 } from '../../../platform/ids';
import { createLogger } from '../../../platform/logging/logger';
import { signWebhookBody } from '../../../platform/notify/notify.routes';
import {
  createTestOrganization,
  openTestDatabase,
  TEST_PASSWORD,
  testConfig,
  type TestDesk,
  type TestOrganization,
} from '../../../../test/harness';

export type ManualClock = ReturnType<typeof manualClock>;
export const WEBHOOK_SECRET = 'reminders-webhook-secret';

/**
 * Where a test's database lives, reopenable (for the restart test): a PGlite data folder on disk, or on PostgreSQL
 * a database of its own on the server.
 */
export type DatabaseStore = { open(): Promise<DatabaseHandle>; dispose(): Promise<void> };

export async function databaseStore(): Promise<DatabaseStore> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-reminders-'));
    return {
      open: async () => {
        const handle = await openDatabase({ dataDir: path.join(directory, 'pgdata') });
        await migrate(handle.db);
        return handle;
      },
      dispose: async () => fs.rmSync(directory, { recursive: true, force: true }),
    };
  }
  const name = `pd_reminders_${uuidv7().replace(/-/g, '').slice(-16)}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const target = new URL(url);
  target.pathname = `/${name}`;
  const adminHandle = await openDatabase({ databaseUrl: admin.toString(), poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(adminHandle.db);
  return {
    open: async () => {
      const handle = await openDatabase({ databaseUrl: target.toString(), poolSize: 3 });
      await migrate(handle.db);
      return handle;
    },
    dispose: async () => {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(adminHandle.db);
      await adminHandle.close();
    },
  };
}

export type ReminderDesk = TestDesk & {
  clock: ManualClock;
  /** Moves the clock and the job queue forward together, then runs every job that came due. */
  advanceTo(at: Date | string): Promise<number>;
  /** Runs every due job. */
  drain(): Promise<number>;
  /** Posts a signed inbound SMS to the gateway webhook. */
  inbound(from: string, body: string): Promise<string>;
};

/**
 * The whole server, as `startTestDesk` builds it, over a database no other test file shares. The job queue is
 * global to a database and a worker's drain takes every due job, so on a shared PostgreSQL database another
 * file's drain would send these tests' reminders with its own clock (and this file's drains theirs). On PGlite
 * every file has its own database anyway.
 */
export async function startReminderDesk(options: {
  clock: ManualClock;
  settings?: OrganizationSettings;
  config?: Partial<Config>;
  store?: DatabaseStore;
  organization?: TestOrganization;
}): Promise<ReminderDesk> {
  const privateStore = options.store || !process.env.DATABASE_URL ? null : await databaseStore();
  const store = options.store ?? privateStore;
  const database = store ? await store.open() : await openTestDatabase();
  const desk = await createPatientDesk({
    config: testConfig({ smsWebhookSecret: WEBHOOK_SECRET, ...options.config }),
    database,
    logger: createLogger('silent'),
    clock: options.clock,
    transports: { email: null, sms: null },
  });
  await desk.app.ready();
  const organization = options.organization ?? (await createTestOrganization(database, options.settings));
  const request: TestDesk['request'] = (injectOptions) => {
    const { cookie, headers, ...rest } = injectOptions;
    return desk.app.inject({ ...rest, headers: { ...(cookie ? { cookie } : {}), ...(headers ?? {}) } });
  };
  const drain = () => desk.worker.drain();
  return {
    desk,
    database,
    organization,
    clock: options.clock,
    request,
    async login(role: Role, org = organization) {
      const response = await request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: org.users[role].email, password: TEST_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login as ${role} failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'pd_session');
      if (!cookie) throw new Error('no session cookie');
      return `pd_session=${cookie.value}`;
    },
    drain,
    async advanceTo(at) {
      const target = new Date(at);
      const seconds = (target.getTime() - options.clock.now().getTime()) / 1000;
      if (seconds < 0) throw new Error('The clock only moves forward.');
      options.clock.set(target);
      await sql`update job set run_at = run_at - make_interval(secs => ${seconds})
                 where state = 'queued'`.execute(database.db);
      return drain();
    },
    async inbound(from, body) {
      const raw = JSON.stringify({ from, body, messageId: uuidv7() });
      const response = await request({
        method: 'POST',
        url: `/api/webhooks/sms/${organization.slug}`,
        headers: {
          'content-type': 'application/json',
          'x-patientdesk-signature': signWebhookBody(WEBHOOK_SECRET, raw),
        },
        payload: raw,
      });
      if (response.statusCode !== 200)
        throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
      return response.json<{ handledAs: string }>().handledAs;
    },
    async close() {
      await desk.close();
      await database.close();
      await privateStore?.dispose();
    },
  };
}
