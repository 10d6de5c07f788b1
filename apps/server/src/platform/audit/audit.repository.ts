import type { AuditAction } from '@patientdesk/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ActorContext } from '../access/context';
import type { AuditEventTable, Database } from '../db/schema';
import { json } from '../db/schema';
import { runWrite, type Write } from '../db/write';

/** Anything that runs queries: the database or an open transaction. */
export type Executor = Kysely<Database>;

export type AuditEntry = {
  action: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  patientId?: string | null;
  /** Several patients shown at once (search hits, list rows). */
  patientIds?: readonly string[] | null;
  resourceType?: string | null;
  resourceId?: string | null;
  reason?: string | null;
  /** Facts about the event that are not patient data (counts, field names, codes). */
  details?: Record<string, unknown> | null;
  /** Who acted, when the context has no actor yet (a sign-in). */
  actorId?: string | null;
  actorRole?: string | null;
};

/**
 * Writes audit events. Call it with the transaction that makes the change, so the change and its record commit
 * together; for reads, call it before the data leaves the server.
 */
export async function recordAudit(
  executor: Executor,
  context: ActorContext,
  entries: AuditEntry | readonly AuditEntry[],
  occurredAt: Date = new Date(),
): Promise<void> {
  const write = auditWrite(context, entries, occurredAt);
  if (write) await runWrite(executor, write);
}

/**
 * The statement that writes audit events, for a change's own statement to carry (see `Write`); null when there
 * are none.
 */
export function auditWrite(
  context: ActorContext,
  entries: AuditEntry | readonly AuditEntry[],
  occurredAt: Date = new Date(),
): Write | null {
  const list: readonly AuditEntry[] = 'action' in entries ? [entries] : entries;
  if (list.length === 0) return null;
  const rows = list.map((entry) => ({
    actor_id: entry.actorId !== undefined ? entry.actorId : (context.actor?.id ?? null),
    actor_role: entry.actorRole !== undefined ? entry.actorRole : (context.actor?.role ?? null),
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    patient_id: entry.patientId ?? null,
    patient_ids: entry.patientIds?.length ? entry.patientIds : null,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  }));
  // One statement text for any number of entries: prepared once, and one parameter instead of thirteen per row.
  return {
    statement: sql`
    insert into audit_event (organization_id, occurred_at, source_address, request_id, actor_id, actor_role,
                             action, outcome, patient_id, patient_ids, resource_type, resource_id, reason,
                             details)
    select ${context.organizationId}::uuid, ${occurredAt}::timestamptz, ${context.sourceAddress},
           ${context.requestId}, e.actor_id, e.actor_role, e.action, e.outcome, e.patient_id, e.patient_ids,
           e.resource_type, e.resource_id, e.reason, e.details
      from jsonb_to_recordset(${json(rows)}::jsonb)
           as e(actor_id uuid, actor_role text, action text, outcome text, patient_id uuid, patient_ids uuid[],
                resource_type text, resource_id text, reason text, details jsonb)`,
  };
}

/**
 * Audits patient data shown in a list (search hits, worklist rows, outbox messages) as one event naming every
 * patient shown — one patient is named in `patient_id`, several in `patient_ids`. Rows that name no patient
 * are not patient data; a list that shows none writes nothing.
 */
export async function recordShown(
  executor: Executor,
  context: ActorContext,
  action: 'read' | 'search',
  resourceType: string,
  patientIds: readonly (string | null)[],
): Promise<void> {
  const unique = [...new Set(patientIds.filter((id): id is string => id !== null))];
  if (unique.length === 0) return;
  await recordAudit(
    executor,
    context,
    unique.length === 1
      ? { action, resourceType, patientId: unique[0] }
      : { action, resourceType, patientIds: unique, details: { count: unique.length } },
  );
}

/** An audit row as read back: every column of the table. */
export type AuditRow = Selectable<AuditEventTable>;

const AUDIT_COLUMNS = [
  'id',
  'organization_id',
  'occurred_at',
  'actor_id',
  'actor_role',
  'action',
  'outcome',
  'patient_id',
  'patient_ids',
  'resource_type',
  'resource_id',
  'source_address',
  'request_id',
  'reason',
  'details',
  'chain_seq',
  'hash',
] as const;

/** Organizations that have audit rows not yet linked into their chain. */
export async function organizationsWithUnsealed(db: Executor, limit = 100): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select('organization_id')
    .distinct()
    .where('chain_seq', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((row) => row.organization_id);
}

/** Locks the organization's chain head (creating it at the genesis value if missing) and returns it. */
export async function lockChainHead(
  trx: Executor,
  organizationId: string,
  genesisHash: string,
): Promise<{ lastSeq: number; lastHash: string }> {
  await trx
    .insertInto('audit_chain_head')
    .values({ organization_id: organizationId, last_seq: 0, last_hash: genesisHash, sealed_at: new Date() })
    .onConflict((conflict) => conflict.column('organization_id').doNothing())
    .execute();
  const head = await trx
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('organization_id', '=', organizationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { lastSeq: head.last_seq, lastHash: head.last_hash };
}

export async function unsealedBatch(
  trx: Executor,
  organizationId: string,
  limit: number,
): Promise<AuditRow[]> {
  return await trx
    .selectFrom('audit_event')
    .select(AUDIT_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('chain_seq', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Links rows into the chain: the only update the append-only trigger allows. */
export async function writeSeals(
  trx: Executor,
  organizationId: string,
  seals: { id: number; chainSeq: number; hash: string }[],
  head: { lastSeq: number; lastHash: string },
): Promise<void> {
  await sql`
    update audit_event a
       set chain_seq = v.chain_seq, hash = v.hash
      from jsonb_to_recordset(${json(seals.map((s) => ({ id: s.id, chain_seq: s.chainSeq, hash: s.hash })))}::jsonb)
           as v(id bigint, chain_seq bigint, hash text)
     where a.organization_id = ${organizationId} and a.id = v.id`.execute(trx);
  await trx
    .updateTable('audit_chain_head')
    .set({ last_seq: head.lastSeq, last_hash: head.lastHash, sealed_at: new Date() })
    .where('organization_id', '=', organizationId)
    .execute();
}

/** Sealed rows of one organization in chain order, after `afterSeq`. */
export async function sealedBatch(
  db: Executor,
  organizationId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return await db
    .selectFrom('audit_event')
    .select(AUDIT_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('chain_seq', '>', afterSeq)
    .orderBy('chain_seq')
    .limit(limit)
    .execute();
}

export async function chainHead(db: Executor, organizationId: string) {
  return db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

export async function countUnsealed(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function organizationsWithAudit(db: Executor): Promise<{ id: string; slug: string }[]> {
  return db.selectFrom('organization').select(['id', 'slug']).orderBy('slug').execute();
}

export type AuditListFilter = {
  /** A patient's record: its own id and the ids of records merged into it (their rows keep the merged id). */
  patientIds?: readonly string[] | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
};

/** Newest first, within the caller's organization. */
export async function listAuditEvents(db: Executor, organizationId: string, filter: AuditListFilter) {
  let query = db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'a.organization_id').onRef('u.id', '=', 'a.actor_id'),
    )
    .select([
      'a.id',
      'a.occurred_at',
      'a.actor_id',
      'a.actor_role',
      'u.display_name as actor_name',
      'a.action',
      'a.outcome',
      'a.patient_id',
      'a.patient_ids',
      'a.resource_type',
      'a.resource_id',
      'a.source_address',
      'a.reason',
      'a.chain_seq',
    ])
    .where('a.organization_id', '=', organizationId);
  if (filter.patientIds?.length) query = query.where(namesAnyOf(filter.patientIds));
  if (filter.actorId) query = query.where('a.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  if (filter.from) query = query.where('a.occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('a.occurred_at', '<', filter.to);
  if (filter.beforeId !== undefined) query = query.where('a.id', '<', filter.beforeId);
  return query
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/**
 * Who, among staff, touched a patient's record: their names and roles, newest first. Reads by the patient
 * themselves (or their proxies) are left out: the log answers "who looked at my record".
 */
export async function patientAccessLog(
  db: Executor,
  organizationId: string,
  patientIds: readonly string[],
  options: { beforeId?: number | undefined; limit: number },
) {
  let query = db
    .selectFrom('audit_event as a')
    .innerJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'a.organization_id').onRef('u.id', '=', 'a.actor_id'),
    )
    .select(['a.id', 'a.occurred_at', 'u.display_name', 'a.actor_role', 'a.action', 'a.resource_type'])
    .where('a.organization_id', '=', organizationId)
    .where(namesAnyOf(patientIds))
    .where('a.actor_role', '!=', 'patient')
    .where('a.outcome', '=', 'success');
  if (options.beforeId !== undefined) query = query.where('a.id', '<', options.beforeId);
  return query
    .orderBy('a.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** Audit rows (aliased `a`) naming any of `patientIds`, alone (`patient_id`) or among others (`patient_ids`). */
function namesAnyOf(patientIds: readonly string[]) {
  const ids = [...patientIds];
  return sql<boolean>`(a.patient_id = any(${ids}::uuid[]) or a.patient_ids && ${ids}::uuid[])`;
}
