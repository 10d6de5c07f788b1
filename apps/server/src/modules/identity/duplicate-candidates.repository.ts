import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';
import { json } from '../../platform/db/schema';
import type { DuplicateCandidateTable } from './identity.tables';
import type { MatchReason } from './match-score';

/** A scored pair to keep on the supervisor's list. */
export type ScoredPair = { a: string; b: string; score: number; reasons: MatchReason[] };

/**
 * Records pairs (each in id order): a new pair opens, an open pair takes its new score, a decided pair
 * (merged, or judged not a duplicate) stays as it was decided.
 */
export async function upsertCandidates(
  executor: Executor,
  organizationId: string,
  pairs: readonly (ScoredPair & { id: string })[],
  now: Date,
): Promise<void> {
  if (pairs.length === 0) return;
  const rows = pairs.map((pair) => ({
    id: pair.id,
    a: pair.a < pair.b ? pair.a : pair.b,
    b: pair.a < pair.b ? pair.b : pair.a,
    score: pair.score,
    reasons: pair.reasons,
  }));
  await sql`
    insert into duplicate_candidate (organization_id, id, patient_a_id, patient_b_id, score, reasons, status,
                                     detected_at, updated_at)
    select ${organizationId}::uuid, r.id, r.a, r.b, r.score, r.reasons, 'open', ${now}::timestamptz,
           ${now}::timestamptz
      from jsonb_to_recordset(${json(rows)}::jsonb) as r(id uuid, a uuid, b uuid, score real, reasons jsonb)
    on conflict (organization_id, patient_a_id, patient_b_id) do update
       set score = excluded.score, reasons = excluded.reasons, updated_at = excluded.updated_at
     where duplicate_candidate.status = 'open'
       and (duplicate_candidate.score, duplicate_candidate.reasons)
           is distinct from (excluded.score, excluded.reasons)`.execute(executor);
}

/** Removes open pairs of these patients that a fresh look no longer finds (`keep`: the pairs it found). */
export async function dropStaleCandidates(
  executor: Executor,
  organizationId: string,
  patientIds: readonly string[],
  keep: readonly { a: string; b: string }[],
): Promise<void> {
  if (patientIds.length === 0) return;
  const kept = keep.map((pair) => (pair.a < pair.b ? `${pair.a}|${pair.b}` : `${pair.b}|${pair.a}`));
  await sql`
    delete from duplicate_candidate
     where organization_id = ${organizationId}::uuid and status = 'open'
       and (patient_a_id = any(${[...patientIds]}::uuid[]) or patient_b_id = any(${[...patientIds]}::uuid[]))
       and not (patient_a_id::text || '|' || patient_b_id::text = any(${kept}::text[]))`.execute(executor);
}

/** A stored pair as the module reads it. */
export type CandidateRow = Pick<Selectable<DuplicateCandidateTable>, (typeof CANDIDATE_COLUMNS)[number]>;

const CANDIDATE_COLUMNS = [
  'id',
  'patient_a_id',
  'patient_b_id',
  'score',
  'reasons',
  'status',
  'detected_at',
  'updated_at',
  'decided_at',
  'decided_by',
  'decision_reason',
  'merge_id',
] as const;

/**
 * A page of the organization's pairs, best first. Open pairs leave out records merged since (their pairs with
 * the survivor are found afresh).
 */
export async function listCandidates(
  executor: Executor,
  organizationId: string,
  filter: {
    status: CandidateRow['status'];
    minScore: number | undefined;
    patientId: string | undefined;
    after: { score: number; id: string } | undefined;
    limit: number;
  },
): Promise<CandidateRow[]> {
  let query = executor
    .selectFrom('duplicate_candidate as c')
    .selectAll('c')
    .where('c.organization_id', '=', organizationId)
    .where('c.status', '=', filter.status);
  if (filter.status === 'open') {
    query = query.where(
      sql<boolean>`not exists (select 1 from patient p where p.organization_id = c.organization_id
                                 and p.id in (c.patient_a_id, c.patient_b_id) and p.merged_into is not null)`,
    );
  }
  if (filter.minScore !== undefined) query = query.where('c.score', '>=', filter.minScore);
  const patientId = filter.patientId;
  if (patientId) {
    query = query.where((eb) =>
      eb.or([eb('c.patient_a_id', '=', patientId), eb('c.patient_b_id', '=', patientId)]),
    );
  }
  const after = filter.after;
  if (after) {
    query = query.where(
      sql<boolean>`(c.score < ${after.score}::real or (c.score = ${after.score}::real and c.id > ${after.id}::uuid))`,
    );
  }
  return await query
    .orderBy('c.score', 'desc')
    .orderBy('c.id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findCandidate(executor: Executor, organizationId: string, id: string) {
  return await executor
    .selectFrom('duplicate_candidate')
    .select(CANDIDATE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One pair, locked for the caller's transaction. */
export async function lockCandidate(executor: Executor, organizationId: string, id: string) {
  return await executor
    .selectFrom('duplicate_candidate')
    .select(CANDIDATE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The pair of two patients, whichever order they are given in. */
export async function candidateForPair(executor: Executor, organizationId: string, x: string, y: string) {
  const [a, b] = x < y ? [x, y] : [y, x];
  return await executor
    .selectFrom('duplicate_candidate')
    .select(CANDIDATE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('patient_a_id', '=', a)
    .where('patient_b_id', '=', b)
    .forUpdate()
    .executeTakeFirst();
}

/** Records a decision on a pair (or, with status 'open', takes it back). */
export async function decideCandidate(
  executor: Executor,
  organizationId: string,
  id: string,
  decision: {
    status: CandidateRow['status'];
    decidedBy: string | null;
    decidedAt: Date | null;
    reason: string | null;
    mergeId: string | null;
  },
  now: Date,
): Promise<void> {
  await executor
    .updateTable('duplicate_candidate')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      decision_reason: decision.reason,
      merge_id: decision.mergeId,
      updated_at: now,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** A merged pair goes back to the list when its merge is undone. */
export async function reopenCandidatesOfMerge(
  executor: Executor,
  organizationId: string,
  mergeId: string,
  now: Date,
): Promise<void> {
  await executor
    .updateTable('duplicate_candidate')
    .set({
      status: 'open',
      decided_at: null,
      decided_by: null,
      decision_reason: null,
      merge_id: null,
      updated_at: now,
    })
    .where('organization_id', '=', organizationId)
    .where('merge_id', '=', mergeId)
    .execute();
}
