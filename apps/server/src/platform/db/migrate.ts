import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

// Any constant shared by every PatientDesk process: serializes migrations across processes on one server.
const MIGRATION_LOCK_KEY = 7_204_411_001;

export type Migration = { version: number; name: string; checksum: string; script: string };

/** The migrations shipped with this build, in order. File names are `NNNN_name.sql`. */
export function listMigrations(directory = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(directory)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const script = fs.readFileSync(path.join(directory, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        checksum: createHash('sha256').update(script).digest('hex'),
        script,
      };
    });
}

export type MigrationStatus = { applied: number[]; pending: number[]; current: boolean };

/** Which shipped migrations the database has, and whether any landed one was changed since. */
export async function migrationStatus(db: Db, migrations = listMigrations()): Promise<MigrationStatus> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('schema_migration') is not null as present`.execute(db);
  const applied = exists.rows[0]?.present
    ? await db.selectFrom('schema_migration').select(['version', 'checksum']).orderBy('version').execute()
    : [];
  const appliedVersions = new Set(applied.map((row) => row.version));
  return {
    applied: [...appliedVersions],
    pending: migrations.filter((migration) => !appliedVersions.has(migration.version)).map((m) => m.version),
    current: migrations.every((migration) => appliedVersions.has(migration.version)),
  };
}

/**
 * Applies every pending migration, each in its own transaction, holding an advisory lock so two processes
 * starting together do not race. Refuses to run when a migration that already ran has changed on disk.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<number[]> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      await sql
        .raw(
          `create table if not exists schema_migration (
             version integer primary key,
             name text not null,
             checksum text not null,
             applied_at timestamptz not null default now()
           )`,
        )
        .execute(connection);
      const applied = new Map(
        (
          await connection.selectFrom('schema_migration').select(['version', 'checksum', 'name']).execute()
        ).map((row) => [row.version, row]),
      );
      const ran: number[] = [];
      for (const migration of migrations) {
        const previous = applied.get(migration.version);
        if (previous) {
          if (previous.checksum !== migration.checksum) {
            throw new Error(
              `Migration ${migration.version} (${previous.name}) was changed after it ran. Landed migrations are never edited: add a new one.`,
            );
          }
          continue;
        }
        await sql.raw('begin').execute(connection);
        try {
          await sql.raw(migration.script).execute(connection);
          await connection
            .insertInto('schema_migration')
            .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
            .execute();
          await sql.raw('commit').execute(connection);
        } catch (error) {
          await sql.raw('rollback').execute(connection);
          throw new Error(
            `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        ran.push(migration.version);
      }
      return ran;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}
