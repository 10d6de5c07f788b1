import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { Mutex } from './mutex';

export type Db = Kysely<Database>;

/** What the rest of the server holds: the typed query builder plus what only a few places need. */
export type DatabaseHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a script of several statements (migrations, restore). */
  exec(script: string): Promise<void>;
  /** PGlite only: a copy of the whole data folder (used to start test databases from a migrated template). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
};

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

// Dates of birth are plain dates: never turn them into a Date at local midnight.
const parseDate = (value: string) => value;
// Counts and sequence numbers fit in a double; keep them numbers.
const parseInt8 = (value: string) => Number(value);

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` (in memory when null). */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  poolSize?: number;
  dataDir?: string | null;
  loadDataDir?: Blob;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? null, options.loadDataDir);
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === OID.DATE) return parseDate;
        if (oid === OID.INT8) return parseInt8;
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('notice', () => undefined);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
  return {
    db,
    kind: 'postgres',
    exec: async (script) => {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/** Marks a statement that must be planned for its own parameters each time (see PreparingPool). */
export const ADHOC = '/* adhoc */';

const MAX_PREPARED_STATEMENTS = 1000;

/**
 * Sends each parameterized statement as a named prepared statement, so PostgreSQL parses and plans it once per
 * connection instead of on every call (for the session lookup, planning was nine tenths of its cost). Statements
 * whose best plan depends on their values (pattern searches) carry the ADHOC marker and stay unnamed.
 */
class PreparingPool implements PostgresPool {
  private readonly names = new Map<string, string>();

  constructor(private readonly pool: pg.Pool) {}

  private nameOf(sql: string): string | null {
    let name = this.names.get(sql);
    if (name === undefined) {
      if (this.names.size >= MAX_PREPARED_STATEMENTS || sql.includes(ADHOC)) return null;
      name = `pd_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.names.set(sql, name);
    }
    return name;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    const query = <R>(sql: string, parameters: ReadonlyArray<unknown>) => {
      const name = parameters.length > 0 ? this.nameOf(sql) : null;
      return (name
        ? client.query({ name, text: sql, values: [...parameters] })
        : client.query(sql, [...parameters])) as unknown as Promise<PostgresQueryResult<R>>;
    };
    return { query, release: (destroy?: boolean) => client.release(destroy) } as PostgresPoolClient;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let releaseLock: () => void = () => undefined;
  if (dataDir) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    releaseLock = takeDataDirLock(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      extensions: { pg_trgm, btree_gist },
      parsers: { [OID.DATE]: parseDate, [OID.INT8]: parseInt8 },
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new PglitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    exec: async (script) => {
      await pool.mutex.run(async () => {
        await pglite.exec(script);
      });
    },
    dumpDataDir: () => pool.mutex.run(() => pglite.dumpDataDir('none')),
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one connection. Kysely asks a pool for a connection per query or per transaction; this pool hands
 * out that one connection to one caller at a time, so a transaction is never interleaved with another caller.
 */
class PglitePool implements PostgresPool {
  readonly mutex = new Mutex();

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    const release = await this.mutex.acquire();
    const pglite = this.pglite;
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        if (parameters.length === 0) {
          // Simple protocol: lets a migration or restore script hold several statements.
          const results = await pglite.exec(sql);
          const last = results.at(-1);
          return {
            command: 'SELECT',
            rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
            rows: (last?.rows ?? []) as R[],
          };
        }
        const result = await pglite.query<R>(sql, [...parameters]);
        return {
          command: (result as { command?: PostgresQueryResult<R>['command'] }).command ?? 'SELECT',
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
    return client as PostgresPoolClient;
  }

  async end(): Promise<void> {
    // The PGlite instance is closed by its owner.
  }
}

/**
 * A PGlite data folder is for one process: a second one opening it would corrupt it. The lock file holds the
 * owner's pid; a lock left by a process that no longer runs is taken over.
 */
function takeDataDirLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = fs.openSync(lockPath, 'wx');
      fs.writeSync(handle, String(process.pid));
      fs.closeSync(handle);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database at ${dataDir} is in use by process ${owner}. Stop it first, or set DATA_DIR.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
