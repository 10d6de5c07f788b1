import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';
import type { BreakGlassGrantTable } from './confidentiality.tables';

// Break-the-glass grants and their review. Every query is scoped by the caller's organization.

export type GrantRow = Pick<
  BreakGlassGrantTable,
  'id' | 'patient_id' | 'user_id' | 'reason' | 'restriction_kind' | 'review_outcome'
> & {
  granted_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  reviewed_at: Date | null;
};

const GRANT_COLUMNS = [
  'id',
  'patient_id',
  'user_id',
  'reason',
  'restriction_kind',
  'granted_at',
  'expires_at',
  'revoked_at',
  'reviewed_at',
  'review_outcome',
] as const;

/** The caller's grant for this record that is still running, if any (the latest, should there be several). */
export async function activeGrantOf(
  executor: Executor,
  organizationId: string,
  patientId: string,
  userId: string,
  now: Date,
): Promise<GrantRow | undefined> {
  return executor
    .selectFrom('break_glass_grant')
    .select(GRANT_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('revoked_at', 'is', null)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}

export async function insertGrant(
  executor: Executor,
  organizationId: string,
  grant: Pick<
    BreakGlassGrantTable,
    'id' | 'patient_id' | 'user_id' | 'reason' | 'detail' | 'restriction_kind'
  > & { granted_at: Date; expires_at: Date },
): Promise<GrantRow> {
  return executor
    .insertInto('break_glass_grant')
    .values({ ...grant, organization_id: organizationId })
    .returning(GRANT_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function lockGrant(executor: Executor, organizationId: string, id: string) {
  return executor
    .selectFrom('break_glass_grant')
    .select(GRANT_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordReview(
  executor: Executor,
  organizationId: string,
  id: string,
  review: {
    outcome: 'appropriate' | 'inappropriate';
    note: string | null;
    reviewedBy: string;
    now: Date;
    revoke: boolean;
  },
): Promise<boolean> {
  const result = await executor
    .updateTable('break_glass_grant')
    .set({
      reviewed_at: review.now,
      reviewed_by: review.reviewedBy,
      review_outcome: review.outcome,
      review_note: review.note,
      ...(review.revoke ? { revoked_at: review.now, revoked_by: review.reviewedBy } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function selectGrantReviews(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('break_glass_grant as g')
    .innerJoin('patient as p', (join) =>
      join.onRef('p.organization_id', '=', 'g.organization_id').onRef('p.id', '=', 'g.patient_id'),
    )
    .innerJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'g.organization_id').onRef('u.id', '=', 'g.user_id'),
    )
    .leftJoin('app_user as r', (join) =>
      join.onRef('r.organization_id', '=', 'g.organization_id').onRef('r.id', '=', 'g.reviewed_by'),
    )
    .select([
      'g.id',
      'g.patient_id',
      'p.family_name as patient_family_name',
      'p.given_names as patient_given_names',
      'p.mrn as patient_mrn',
      'g.user_id',
      'u.display_name as user_name',
      'u.role as user_role',
      'g.reason',
      'g.detail',
      'g.restriction_kind',
      'g.granted_at',
      'g.expires_at',
      'g.revoked_at',
      'g.reviewed_at',
      'g.reviewed_by',
      'r.display_name as reviewed_by_name',
      'g.review_outcome',
      'g.review_note',
    ])
    .where('g.organization_id', '=', organizationId);
}

export async function findGrantReview(executor: Executor, organizationId: string, id: string) {
  return selectGrantReviews(executor, organizationId).where('g.id', '=', id).executeTakeFirst();
}
export type GrantReviewRow = NonNullable<Awaited<ReturnType<typeof findGrantReview>>>;

export type GrantFilter = {
  reviewed?: boolean | undefined;
  patientId?: string | undefined;
  /** Keyset position: (granted_at, id) of the last row of the previous page. */
  after?: [string, string] | undefined;
  limit: number;
};

/** The review queue (unreviewed) oldest first; otherwise newest first. */
export async function listGrantReviews(
  executor: Executor,
  organizationId: string,
  filter: GrantFilter,
): Promise<GrantReviewRow[]> {
  const oldestFirst = filter.reviewed === false;
  let query = selectGrantReviews(executor, organizationId);
  if (filter.reviewed === false) query = query.where('g.reviewed_at', 'is', null);
  if (filter.reviewed === true) query = query.where('g.reviewed_at', 'is not', null);
  if (filter.patientId) query = query.where('g.patient_id', '=', filter.patientId);
  if (filter.after) {
    const [grantedAt, id] = filter.after;
    query = query.where(
      oldestFirst
        ? sql<boolean>`(g.granted_at, g.id) > (${grantedAt}::timestamptz, ${id}::uuid)`
        : sql<boolean>`(g.granted_at, g.id) < (${grantedAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const direction = oldestFirst ? 'asc' : 'desc';
  return query
    .orderBy('g.granted_at', direction)
    .orderBy('g.id', direction)
    .limit(filter.limit + 1)
    .execute();
}

export async function displayNameOf(executor: Executor, organizationId: string, userId: string) {
  const row = await executor
    .selectFrom('app_user')
    .select('display_name')
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.display_name ?? 'Unknown';
}
