import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@patientdesk/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createPatientDesk, type PatientDesk } from '../src/app';
import { insertAccount, insertPatientLink } from '../src/platform/auth/auth.repository';
import { hashPassword } from '../src/platform/auth/passwords';
import { systemClock, type Clock } from '../src/platform/clock';
import { loadConfig, type Config } from '../src/platform/config/config';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database';
import { listMigrations, migrate } from '../src/platform/db/migrate';
import { uuidv7 } from '../src/platform/ids';
import { createLogger } from '../src/platform/logging/logger';
import type { Transports } from '../src/platform/notify/transports';
import { insertOrganization } from '../src/platform/tenancy/organizations.repository';
import type { OrganizationSettings } from '../src/platform/db/schema';
import { nameSearchColumns } from '../src/modules/patients';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const TEST_PASSWORD = 'test-password-123';
export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A database for one test file: the PostgreSQL server when DATABASE_URL is set (tests keep apart by each making
 * its own organization), otherwise an in-memory PGlite started from a migrated template, which is built once and
 * kept under .tmp/ (keyed by the migrations' checksums).
 */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    const handle = await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      poolSize: options.poolSize ?? 5,
    });
    await migrate(handle.db);
    return handle;
  }
  const key = createHash('sha256')
    .update(
      listMigrations()
        .map((migration) => migration.checksum)
        .join(','),
    )
    .digest('hex')
    .slice(0, 16);
  const template = path.join(ROOT, '.tmp', `pglite-template-${key}.tar`);
  if (!fs.existsSync(template)) {
    const fresh = await openDatabase({ dataDir: null });
    await migrate(fresh.db);
    const dump = await fresh.dumpDataDir!();
    await fresh.close();
    fs.mkdirSync(path.dirname(template), { recursive: true });
    const partial = `${template}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, template);
  }
  const handle = await openDatabase({ dataDir: null, loadDataDir: new Blob([fs.readFileSync(template)]) });
  await migrate(handle.db);
  return handle;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: path.join(ROOT, '.tmp', 'unused') }),
    ...overrides,
  };
}

export type TestUser = { id: string; email: string; role: Role };

export type TestOrganization = {
  id: string;
  slug: string;
  users: Record<Role, TestUser>;
  /** The patient record the portal account belongs to. */
  portalPatientId: string;
};

let passwordHash: Promise<string> | null = null;

/** An organization of its own, with one account per role (password TEST_PASSWORD) and a portal patient. */
export async function createTestOrganization(
  database: DatabaseHandle,
  settings: OrganizationSettings = {},
): Promise<TestOrganization> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const id = uuidv7();
  const slug = `test-${id.slice(-12)}`;
  const db = database.db;
  await insertOrganization(db, { id, slug, name: `Test Clinic ${slug}`, settings });
  const roles: Role[] = ['front_desk', 'billing', 'clinician', 'supervisor', 'admin', 'patient'];
  const users = {} as Record<Role, TestUser>;
  for (const role of roles) {
    const user = { id: uuidv7(), email: `${role.replace('_', '-')}@${slug}.test`, role };
    await insertAccount(db, {
      organization_id: id,
      id: user.id,
      email: user.email,
      display_name: `Test ${role}`,
      role,
      password_hash: hash,
      is_demo: false,
    });
    users[role] = user;
  }
  const portalPatientId = uuidv7();
  await db
    .insertInto('patient')
    .values({
      organization_id: id,
      id: portalPatientId,
      mrn: sql<string>`mrn_with_check_digit(nextval('patient_mrn_seq'))`,
      family_name: 'Portal',
      given_names: 'Pat',
      birth_date: '1990-01-01',
      sex: 'unknown',
      ...nameSearchColumns('Portal', 'Pat', null),
      updated_at: new Date(),
    })
    .execute();
  await insertPatientLink(db, {
    organization_id: id,
    user_id: users.patient.id,
    patient_id: portalPatientId,
    relationship: 'self',
  });
  return { id, slug, users, portalPatientId };
}

export type TestDesk = {
  desk: PatientDesk;
  database: DatabaseHandle;
  organization: TestOrganization;
  /** Sends a request through the real HTTP app (same-origin JSON by default). */
  request(options: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  /** Signs in through the API and returns the session cookie. */
  login(role: Role, organization?: TestOrganization): Promise<string>;
  close(): Promise<void>;
};

/** The whole server over a test database, with an organization of its own. */
export async function startTestDesk(
  options: {
    clock?: Clock;
    transports?: Transports;
    config?: Partial<Config>;
    settings?: OrganizationSettings;
    /** PostgreSQL connections, for tests of concurrency. */
    poolSize?: number;
  } = {},
): Promise<TestDesk> {
  const database = await openTestDatabase(options.poolSize ? { poolSize: options.poolSize } : {});
  const config = testConfig(options.config);
  const desk = await createPatientDesk({
    config,
    database,
    logger: createLogger('silent'),
    clock: options.clock ?? systemClock,
    transports: options.transports ?? { email: null, sms: null },
  });
  await desk.app.ready();
  const organization = await createTestOrganization(database, options.settings);
  const request: TestDesk['request'] = (injectOptions) => {
    const { cookie, headers, ...rest } = injectOptions;
    return desk.app.inject({
      ...rest,
      headers: { ...(cookie ? { cookie } : {}), ...(headers ?? {}) },
    });
  };
  return {
    desk,
    database,
    organization,
    request,
    async login(role, org = organization) {
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
    async close() {
      await desk.close();
      await database.close();
    },
  };
}

/**
 * A database of the test's own, empty but migrated: PGlite in memory, or on PostgreSQL a new database on the same
 * server (dropped by `close`). For tests that need the whole database to themselves, such as seeding the demo.
 */
export async function openPrivateDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openTestDatabase();
  const name = `pd_private_${uuidv7().replace(/-/g, '').slice(-16)}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminHandle = await openDatabase({ databaseUrl: admin.toString(), poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(adminHandle.db);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString(), poolSize: 3 });
  await migrate(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(adminHandle.db);
      await adminHandle.close();
    },
  };
}
