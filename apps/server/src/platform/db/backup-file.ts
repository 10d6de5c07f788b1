import { once } from 'node:events';
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

// The backup file: gzip'd NDJSON, a header line and then one line per row. No database here.

export const BACKUP_FORMAT = 'patientdesk-backup';

/** The first line of a backup file. Each further line is one row: `{"t": table, "r": row as to_jsonb}`. */
export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  /** Migration versions the source had: a backup restores only into a database at the same ones. */
  migrations: number[];
  /** Tables in insert order: foreign-key parents before children. */
  tables: string[];
  /** Each sequence's next value in the source, so a restore never hands out a value the source already did. */
  sequences?: Record<string, string>;
};

export type TableCounts = Record<string, number>;

/** A backup file that cannot be restored, or a database that must not be restored into. Nothing was changed. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export const rowPrefix = (name: string) => `{"t":${JSON.stringify(name)},"r":`;

/** A gzip stream into `<file>.partial`, which takes the file's name only once it is complete and on disk. */
export function gzipFile(file: string) {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another name.`);
  const partial = `${file}.partial`;
  const gzip = zlib.createGzip();
  const written = new Promise<void>((resolve, reject) =>
    pipeline(gzip, fs.createWriteStream(partial, { flags: 'wx' }), (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  // Awaited in finish or abort; until then a disk error must not surface as an unhandled rejection.
  written.catch(() => undefined);
  return {
    async write(text: string) {
      if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), written]);
    },
    async finish() {
      gzip.end();
      await written;
      const handle = await fs.promises.open(partial, 'r+');
      await handle.sync();
      await handle.close();
      // A hard link, not a rename: it refuses to replace a file that appeared under the name meanwhile.
      fs.linkSync(partial, file);
      fs.rmSync(partial);
    },
    async abort() {
      gzip.destroy();
      await written.catch(() => undefined);
      fs.rmSync(partial, { force: true });
    },
  };
}

async function* readLines(file: string): AsyncGenerator<string> {
  const lines = pipeline(fs.createReadStream(file), zlib.createGunzip(), () => undefined);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of lines) {
    const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

type RowLine = { table: string; json: string };

/** Reads and checks the whole file, yielding the header first and then each row with its table. */
export async function* readBackup(file: string): AsyncGenerator<BackupHeader | RowLine> {
  if (!fs.existsSync(file)) throw new BackupError(`No file ${file}.`);
  let header: BackupHeader | null = null;
  let lineNumber = 0;
  let tableIndex = 0;
  try {
    for await (const line of readLines(file)) {
      lineNumber += 1;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new BackupError(`Line ${lineNumber} is not JSON: the file is damaged.`);
      }
      if (!header) {
        header = checkHeader(parsed);
        yield header;
        continue;
      }
      const row = parsed as { t?: unknown; r?: unknown };
      const index = typeof row.t === 'string' ? header.tables.indexOf(row.t, tableIndex) : -1;
      const isObject = typeof row.r === 'object' && row.r !== null && !Array.isArray(row.r);
      if (Object.keys(row).length !== 2 || index === -1 || !isObject) {
        throw new BackupError(
          `Line ${lineNumber} is not a row of a table the header lists, in header order.`,
        );
      }
      tableIndex = index;
      const prefix = rowPrefix(header.tables[index] as string);
      // The row's text exactly as written (big integers keep every digit), when the line is in our own layout.
      const json =
        line.startsWith(prefix) && line.endsWith('}') ? line.slice(prefix.length, -1) : JSON.stringify(row.r);
      yield { table: header.tables[index] as string, json };
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup file cannot be read: ${(error as Error).message}.`);
  }
  if (!header) throw new BackupError(`${file} is empty.`);
}

function checkHeader(value: unknown): BackupHeader {
  const header = value as Partial<BackupHeader> | null;
  if (header?.format !== BACKUP_FORMAT || header.version !== 1) {
    throw new BackupError('This is not a PatientDesk backup (format version 1).');
  }
  const isNumbers = Array.isArray(header.migrations) && header.migrations.every((v) => Number.isInteger(v));
  const isNames = Array.isArray(header.tables) && header.tables.every((v) => typeof v === 'string');
  if (!isNumbers || !isNames) throw new BackupError('The backup header is damaged.');
  return header as BackupHeader;
}

export type CheckedBackup = { header: BackupHeader; counts: TableCounts };

/** Reads the whole file and checks every line, without a database: what a restore would insert, per table. */
export async function checkBackup(file: string): Promise<CheckedBackup> {
  let header: BackupHeader | null = null;
  const counts: TableCounts = {};
  for await (const item of readBackup(file)) {
    if ('format' in item) header = item;
    else counts[item.table] = (counts[item.table] ?? 0) + 1;
  }
  if (!header) throw new BackupError(`${file} is empty.`);
  return { header, counts };
}
