import path from 'node:path';
import { backupDatabase, checkBackup, restoreDatabase, type TableCounts } from '../platform/db/backup';
import {
  alignedRows,
  describeDatabase,
  requiredValue,
  withDatabase,
  type CliIo,
  type Command,
} from './command';

/** `patientdesk-backup-20250131T140502Z.ndjson.gz`: sorts by time and is a valid file name everywhere. */
export function defaultBackupName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `patientdesk-backup-${stamp}.ndjson.gz`;
}

function printCounts(io: CliIo, counts: TableCounts) {
  const entries = Object.entries(counts);
  for (const line of alignedRows(entries.map(([table, count]) => [table, String(count)]))) io.out(line);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  io.out(`${total} row(s) in ${entries.length} table(s).`);
}

/** `pd backup`: a consistent logical dump that restores on PGlite or PostgreSQL alike. */
export const backupCommand: Command = {
  path: ['backup'],
  summary: 'Write a consistent backup of the whole database to a file',
  details: [
    'A gzip’d NDJSON file of every table, read in one consistent snapshot while the server keeps running ' +
      '(with the embedded database, stop the server first: only one process may open it). It restores with ' +
      '`pd restore` into PGlite or PostgreSQL alike. The file holds patient data: keep it as safe as the database.',
  ],
  options: {
    out: {
      type: 'string',
      valueName: 'file',
      description: 'Where to write (default: patientdesk-backup-<time>.ndjson.gz here)',
    },
  },
  run: async (args, io) => {
    const file = path.resolve(io.cwd, args.values.out ?? defaultBackupName(new Date()));
    return withDatabase(io, { create: false, requireCurrent: false }, async (database, config) => {
      const started = Date.now();
      const { header, counts } = await backupDatabase(database.db, file);
      io.out(`Backed up ${describeDatabase(config)} (migrations ${header.migrations.join(', ')}) to ${file}`);
      printCounts(io, counts);
      io.out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    });
  },
};

/** `pd restore`: loads a backup into an empty database. */
export const restoreCommand: Command = {
  path: ['restore'],
  summary: 'Restore a backup into an empty database',
  details: [
    'The target must be empty: a brand-new database (it is migrated to the backup’s migrations first) or one ' +
      'migrated by the same release with no organization yet. Everything is inserted in one transaction, so a ' +
      'failed restore leaves nothing behind. Afterwards, `pd audit verify` checks the audit chains.',
  ],
  options: {},
  positionals: [{ name: 'file', description: 'A file written by `pd backup`', required: true }],
  run: async (args, io) => {
    const file = path.resolve(io.cwd, args.positionals[0] ?? requiredValue(args, 'file'));
    const started = Date.now();
    // Checked before the database is opened, so a damaged file does not even create an empty data folder.
    const checked = await checkBackup(file);
    return withDatabase(io, { create: true, requireCurrent: false }, async (database, config) => {
      const { header, counts } = await restoreDatabase(database.db, file, { checked });
      io.out(`Restored ${file} (made ${header.createdAt}) into ${describeDatabase(config)}`);
      printCounts(io, counts);
      io.out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Check it with \`pd audit verify\`.`);
      return 0;
    });
  },
};
