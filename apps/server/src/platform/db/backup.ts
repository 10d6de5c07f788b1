import { sql, type QueryResult, type RawBuilder } from 'kysely';
import type { Db } from './database';
import { listMigrations, migrationStatus, migrate } from './migrate';
import type { Tx } from './transaction';
import {
  BACKUP_FORMAT,
  BackupError,
  checkBackup,
  gzipFile,
  readBackup,
  rowPrefix,
  type BackupHeader,
  type CheckedBackup,
  type TableCounts,
} from './backup-file';

export {
  BackupError,
  checkBackup,
  type BackupHeader,
  type CheckedBackup,
  type TableCounts,
} from './backup-file';

// A database utility, not a repository: it reads the catalog and moves every table, so its SQL lives here.

type Table = { name: string; columns: string[]; key: { name: string; type: string }[] };

/** Public tables (except schema_migration), parents first, with insertable columns and primary keys. */
async function readCatalog(trx: Tx): Promise<Table[]> {
  const columns = await sql<{ table: string; column: string }>`
    select c.relname as "table", a.attname as "column"
      from pg_class c join pg_attribute a on a.attrelid = c.oid
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
       and c.relname <> 'schema_migration' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
       and not exists (select 1 from pg_depend d
                        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     order by c.relname, a.attnum`.execute(trx);
  const keys = await sql<{ table: string; column: string; type: string }>`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type"
      from pg_index i join pg_class c on c.oid = i.indrelid
           cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
           join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
     where i.indisprimary and c.relnamespace = 'public'::regnamespace
     order by c.relname, k.position`.execute(trx);
  const references = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent
      from pg_constraint f join pg_class child on child.oid = f.conrelid join pg_class parent on parent.oid = f.confrelid
     where f.contype = 'f' and child.relnamespace = 'public'::regnamespace
       and parent.relnamespace = 'public'::regnamespace and child.oid <> parent.oid`.execute(trx);

  const tables = new Map<string, Table>();
  for (const row of columns.rows) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], key: [] };
    table.columns.push(row.column);
    tables.set(row.table, table);
  }
  for (const row of keys.rows) tables.get(row.table)?.key.push({ name: row.column, type: row.type });
  // Kahn's algorithm, taking ready tables alphabetically so the order is the same on every engine and run.
  const parents = new Map([...tables.keys()].map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references.rows) {
    if (tables.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: Table[] = [];
  while (parents.size > 0) {
    const ready = [...parents].filter(([, waiting]) => waiting.size === 0).map(([name]) => name);
    if (ready.length === 0) {
      throw new BackupError(`Foreign keys form a cycle among: ${[...parents.keys()].join(', ')}.`);
    }
    for (const name of ready.sort()) {
      ordered.push(tables.get(name) as Table);
      parents.delete(name);
      for (const waiting of parents.values()) waiting.delete(name);
    }
  }
  return ordered;
}

const table = (name: string) => sql.id('public', name);

/** One table's rows as to_jsonb text, in primary-key order, a page at a time (keyset paging: no OFFSET rescans). */
async function* tableRows(trx: Tx, { name, key }: Table, batchSize: number): AsyncGenerator<string[]> {
  if (key.length === 0) throw new BackupError(`Table ${name} has no primary key, so it cannot be paged.`);
  const keyColumns = sql.join(key.map((column) => sql.id('t', column.name)));
  const keyText = sql.join(key.map((column) => sql`${sql.id('t', column.name)}::text`));
  let after: string[] | null = null;
  for (;;) {
    const position: string[] | null = after;
    const where: RawBuilder<unknown> = position
      ? sql`where (${keyColumns}) > (${sql.join(key.map((column, index) => sql`cast(${position[index]} as ${sql.raw(column.type)})`))})`
      : sql``;
    // As text, not parsed: big integers keep every digit, and jsonb text never holds a newline.
    const page: QueryResult<{ r: string; k: string[] }> = await sql<{ r: string; k: string[] }>`
      select to_jsonb(t.*)::text as r, array[${keyText}] as k from ${table(name)} as t
      ${where} order by ${keyColumns} limit ${batchSize}`.execute(trx);
    if (page.rows.length > 0) yield page.rows.map((row) => row.r);
    if (page.rows.length < batchSize) return;
    after = page.rows.at(-1)?.k ?? null;
  }
}

/**
 * Writes a consistent logical backup of every table to a gzip'd NDJSON file: one REPEATABLE READ, read-only
 * transaction (every table is read at the same instant while the server keeps writing), rows in primary-key order.
 */
export async function backupDatabase(db: Db, file: string, options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 1000;
  const out = gzipFile(file);
  try {
    const result = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // Timestamps written in UTC: the same database gives the same file on any server, whatever its zone.
        await sql`set local timezone to 'UTC'`.execute(trx);
        const tables = await readCatalog(trx);
        const migrations = await trx
          .selectFrom('schema_migration')
          .select('version')
          .orderBy('version')
          .execute();
        const sequences = await sql<{ name: string; next: string }>`
          select sequencename as name, (last_value + 1)::text as next
            from pg_sequences where schemaname = 'public' and last_value is not null`.execute(trx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: 1,
          createdAt: new Date().toISOString(),
          migrations: migrations.map((row) => row.version),
          tables: tables.map((t) => t.name),
          sequences: Object.fromEntries(sequences.rows.map((row) => [row.name, row.next])),
        };
        await out.write(`${JSON.stringify(header)}\n`);
        const counts: TableCounts = {};
        for (const each of tables) {
          const prefix = rowPrefix(each.name);
          let count = 0;
          for await (const rows of tableRows(trx, each, batchSize)) {
            await out.write(rows.map((row) => `${prefix}${row}}\n`).join(''));
            count += rows.length;
          }
          counts[each.name] = count;
        }
        return { header, counts };
      });
    await out.finish();
    return result;
  } catch (error) {
    await out.abort();
    throw error;
  }
}

/** Brings a brand-new database to the backup's migrations; refuses one at any other migrations. */
async function prepareTarget(db: Db, header: BackupHeader) {
  let status = await migrationStatus(db);
  if (status.applied.length === 0) {
    const shipped = listMigrations();
    const unknown = header.migrations.filter((version) => !shipped.some((m) => m.version === version));
    if (unknown.length > 0) {
      throw new BackupError(`The backup needs migrations this build does not have: ${unknown.join(', ')}.`);
    }
    // Only the backup's migrations: any later ones run at the next start, over the restored rows.
    await migrate(
      db,
      shipped.filter((m) => header.migrations.includes(m.version)),
    );
    status = await migrationStatus(db);
  }
  const sorted = (versions: number[]) => [...versions].sort((a, b) => a - b).join(', ');
  if (sorted(status.applied) !== sorted(header.migrations)) {
    throw new BackupError(
      `The backup was made at migrations ${sorted(header.migrations)}, but this database has ` +
        `${sorted(status.applied) || 'none'}. Restore into an empty database migrated by the same release.`,
    );
  }
}

/**
 * Restores a backup into an empty database: migrates a brand-new one to the backup's migrations, then inserts every
 * row in one transaction, parents first, and moves every sequence past the restored values. The file is read and
 * checked completely before the database is touched, so a damaged file changes nothing.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  options: { batchRows?: number; batchBytes?: number; checked?: CheckedBackup } = {},
) {
  const batchRows = options.batchRows ?? 500;
  const batchBytes = options.batchBytes ?? 4_000_000;
  const { header, counts: expected } = options.checked ?? (await checkBackup(file));
  await prepareTarget(db, header);

  return db.transaction().execute(async (trx) => {
    const tables = await readCatalog(trx);
    if (tables.map((t) => t.name).join(',') !== header.tables.join(',')) {
      throw new BackupError(`The backup's tables (${header.tables.join(', ')}) are not this database's.`);
    }
    for (const { name } of tables) {
      const rows = await sql<{ found: boolean }>`select exists (select from ${table(name)}) as found`.execute(
        trx,
      );
      if (!rows.rows[0]?.found) continue;
      throw new BackupError(
        name === 'organization'
          ? 'The database already has organizations; restore only into an empty database.'
          : `Table ${name} already has rows; restore only into an empty database.`,
      );
    }

    const columnsOf = new Map(tables.map((t) => [t.name, sql.join(t.columns.map((c) => sql.id(c)))]));
    const counts: TableCounts = Object.fromEntries(tables.map((t) => [t.name, 0]));
    let batch: string[] = [];
    let batchTable = '';
    let size = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const columns = columnsOf.get(batchTable);
      const rows = `[${batch.join(',')}]`;
      try {
        // overriding system value: identity values (audit_event.id) are kept exactly, even GENERATED ALWAYS ones.
        await sql`insert into ${table(batchTable)} (${columns}) overriding system value
          select ${columns} from jsonb_populate_recordset(null::${table(batchTable)}, ${rows}::jsonb)`.execute(
          trx,
        );
      } catch (error) {
        // The database's message can quote a value from the row: name only the table and the error's code.
        const { code, constraint } = error as { code?: string; constraint?: string };
        throw new BackupError(
          `Rows of table ${batchTable} could not be inserted (PostgreSQL error ${code ?? 'unknown'}` +
            `${constraint ? `, constraint ${constraint}` : ''}). Nothing was restored.`,
        );
      }
      counts[batchTable] = (counts[batchTable] ?? 0) + batch.length;
      batch = [];
      size = 0;
    };
    for await (const item of readBackup(file)) {
      if ('format' in item) continue;
      if (item.table !== batchTable || batch.length >= batchRows || size >= batchBytes) await flush();
      batchTable = item.table;
      batch.push(item.json);
      size += item.json.length;
    }
    await flush();
    if (tables.some(({ name }) => counts[name] !== (expected[name] ?? 0))) {
      throw new BackupError(`${file} changed while it was being restored. Nothing was restored.`);
    }
    await resetSequences(trx, header.sequences ?? {});
    return { header, counts };
  });
}

/** Moves every sequence past what the restored rows (and the source's own sequence) have used. */
async function resetSequences(trx: Tx, fromSource: Record<string, string>) {
  const sequences = await sql<{ name: string; start: string; table: string | null; column: string | null }>`
    select s.relname as name, q.seqstart::text as start, t.relname as "table", a.attname as "column"
      from pg_class s join pg_sequence q on q.seqrelid = s.oid
           left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid
                 and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
           left join pg_class t on t.oid = d.refobjid
           left join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
     where s.relkind = 'S' and s.relnamespace = 'public'::regnamespace`.execute(trx);
  for (const sequence of sequences.rows) {
    const candidates = [BigInt(sequence.start)];
    const recorded = fromSource[sequence.name];
    if (recorded && /^-?\d+$/.test(recorded)) candidates.push(BigInt(recorded));
    if (sequence.table && sequence.column) {
      const max = await sql<{ max: string | null }>`
        select max(${sql.id(sequence.column)})::text as max from ${table(sequence.table)}`.execute(trx);
      if (max.rows[0]?.max) candidates.push(BigInt(max.rows[0].max) + 1n);
    }
    if (sequence.name === 'patient_mrn_seq') {
      // An MRN is the sequence value in seven digits plus a Luhn check digit; other MRN shapes are not ours.
      const max = await sql<{ max: string | null }>`
        select max(substr(mrn, 1, 7)::bigint)::text as max from patient where mrn ~ '^[0-9]{8}$'`.execute(
        trx,
      );
      if (max.rows[0]?.max) candidates.push(BigInt(max.rows[0].max) + 1n);
    }
    const next = candidates.reduce((a, b) => (b > a ? b : a));
    await sql`select setval(format('%I.%I', 'public', ${sequence.name}::text)::regclass, ${next.toString()}::bigint, false)`.execute(
      trx,
    );
  }
}
