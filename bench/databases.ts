import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../apps/server/src/platform/db/database';
import { migrate } from '../apps/server/src/platform/db/migrate';
import type { DatabaseKind } from './report';

/** A database made for one benchmark run, and how to get rid of it. */
export type BenchDatabase = {
  kind: DatabaseKind;
  /** DATA_DIR for the server (PGlite keeps its data in `<dataDir>/pgdata`). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Opens it with migrations applied (PGlite: close it before the server opens the folder). */
  open(): Promise<DatabaseHandle>;
  /** Deletes it. Safe to call twice, and while a server still holds it. */
  drop(): Promise<void>;
};

/** A fresh PGlite in a new temporary folder. */
export function createPgliteDatabase(): BenchDatabase {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-'));
  return {
    kind: 'pglite',
    dataDir,
    databaseUrl: undefined,
    open: () => openMigrated({ dataDir: path.join(dataDir, 'pgdata') }),
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * A fresh database `pd_bench_<timestamp>` on the PostgreSQL server that DATABASE_URL names (its database name
 * swapped), or on the local server.
 */
export async function createPostgresDatabase(): Promise<BenchDatabase> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/');
  const name = `pd_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const target = new URL(server);
  target.pathname = `/${name}`;
  await withClient(admin.href, (client) => client.query(`create database "${name}"`));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-'));
  let dropped = false;
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl: target.href,
    open: () => openMigrated({ databaseUrl: target.href, poolSize: 4 }),
    async drop() {
      if (dropped) return;
      dropped = true;
      // WITH (FORCE) ends the sessions a killed server may have left behind.
      await withClient(admin.href, (client) =>
        client.query(`drop database if exists "${name}" with (force)`),
      );
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The version string of the server a URL points at. */
export async function postgresServerVersion(): Promise<string> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/');
  server.pathname = '/postgres';
  return withClient(server.href, async (client) => {
    const result = await client.query<{ version: string }>('select version()');
    return result.rows[0]?.version ?? 'unknown';
  });
}

/** `PostgreSQL 15.20 (Debian …)`: the part of version() before the build details. */
export async function databaseVersion(database: DatabaseHandle): Promise<string> {
  const result = await sql<{ version: string }>`select version()`.execute(database.db);
  return (result.rows[0]?.version ?? 'unknown').split(' on ')[0] ?? 'unknown';
}

async function openMigrated(options: Parameters<typeof openDatabase>[0]): Promise<DatabaseHandle> {
  const handle = await openDatabase(options);
  await migrate(handle.db);
  return handle;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('notice', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
