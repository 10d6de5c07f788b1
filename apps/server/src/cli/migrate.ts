import { listMigrations, migrate } from '../platform/db/migrate';
import { describeDatabase, withDatabase, type Command } from './command';

/** `pd migrate`: applies the shipped migrations the database does not have yet. */
export const migrateCommand: Command = {
  path: ['migrate'],
  summary: 'Apply pending database migrations',
  details: [
    'Creates the embedded database when it does not exist yet. Safe to run while servers are running: migrations ' +
      'are serialized with an advisory lock, and each runs in its own transaction.',
  ],
  options: {},
  run: async (_args, io) =>
    withDatabase(io, { create: true, requireCurrent: false }, async (database, config) => {
      const migrations = listMigrations();
      const ran = await migrate(database.db, migrations);
      io.out(`Database: ${describeDatabase(config)}`);
      if (ran.length === 0) {
        io.out(`Nothing to apply: all ${migrations.length} migrations are in place.`);
        return 0;
      }
      const names = new Map(migrations.map((migration) => [migration.version, migration.name]));
      for (const version of ran) {
        io.out(`Applied ${String(version).padStart(4, '0')}_${names.get(version) ?? ''}`);
      }
      io.out(`${ran.length} migration(s) applied.`);
      return 0;
    }),
};
