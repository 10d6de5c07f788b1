import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../platform/config/config';
import { openDatabase, type DatabaseHandle } from '../platform/db/database';
import { migrationStatus } from '../platform/db/migrate';
import type { ArgumentSpec, ParsedArgs } from './args';

/** What a command may touch of the outside world; tests and the real process pass their own. */
export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Writes to the terminal without a newline (password prompts go to stderr, never stdout). */
  prompt: (text: string) => void;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
};

/** One `pd` command: the words that name it, its arguments, and what it does. Returns the exit code. */
export type Command = ArgumentSpec & {
  path: readonly string[];
  summary: string;
  /** Further paragraphs for `--help`. */
  details?: readonly string[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
};

/** A refusal or failure the operator can act on: printed as is, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The required string option (the parser has already refused a command line without it). */
export function requiredValue(args: ParsedArgs, name: string): string {
  const value = args.values[name];
  if (value === undefined) throw new CliError(`--${name} is required.`);
  return value;
}

/** Where the configured database is, without credentials: shown so an operator sees which one a command hit. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded PGlite at ${path.join(config.dataDir, 'pgdata')}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export type OpenOptions = {
  /**
   * May this command create an embedded database that does not exist yet? Only `migrate` and `restore` do: for the
   * others a missing data folder means DATA_DIR points at the wrong place, and creating an empty one would hide it.
   */
  create: boolean;
  /** Refuse to work on a database with migrations still to apply (run `pd migrate` first). */
  requireCurrent: boolean;
};

/** Opens the database the server would (loadConfig: DATABASE_URL, else PGlite in DATA_DIR), runs `work`, closes. */
export async function withDatabase<T>(
  io: CliIo,
  options: OpenOptions,
  work: (database: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env);
  const dataDir = path.join(config.dataDir, 'pgdata');
  if (!config.databaseUrl && !options.create && !fs.existsSync(dataDir)) {
    throw new CliError(
      `No embedded database at ${dataDir}. Run \`pd migrate\` to create it, or set DATA_DIR (or DATABASE_URL).`,
    );
  }
  // The PGlite open takes the data folder's lock: a running server makes this fail with a message naming it.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2, dataDir });
  try {
    if (options.requireCurrent) {
      const status = await migrationStatus(database.db);
      if (!status.current) {
        throw new CliError(
          `The database (${describeDatabase(config)}) has ${status.pending.length} migration(s) to apply ` +
            `(${status.pending.join(', ')}). Run \`pd migrate\` first.`,
        );
      }
    }
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** Aligned two-column lines (`name   count`) for tables of counts. */
export function alignedRows(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`);
}
