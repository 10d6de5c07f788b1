import type { Role } from '@patientdesk/contracts';
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';
import type { AccessFacts } from './access-rules';
import type { CareTeamMemberTable, PatientRestrictionTable } from './confidentiality.tables';

// Every query is scoped by the caller's organization. Reads of the patient, appointment and app_user tables stay
// here (rather than going through those modules) because the access check runs on every opening of a record:
// one round trip, and no import of a module that itself opens records.

export async function patientExists(executor: Executor, organizationId: string, patientId: string) {
  const row = await executor
    .selectFrom('patient')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether the record is restricted and, if it is, every way the user may be related to it — in one query. An
 * unrestricted record returns no row and evaluates none of the subqueries.
 */
export async function accessFacts(
  executor: Executor,
  organizationId: string,
  patientId: string,
  userId: string,
  at: { now: Date; appointmentsFrom: Date; appointmentsTo: Date },
): Promise<AccessFacts> {
  const row = await executor
    .selectFrom('patient_restriction as r')
    .select((eb) => [
      'r.kind',
      eb
        .exists(
          eb
            .selectFrom('care_team_member as m')
            .select(sql`1`.as('one'))
            .whereRef('m.organization_id', '=', 'r.organization_id')
            .whereRef('m.patient_id', '=', 'r.patient_id')
            .where('m.user_id', '=', userId)
            .where('m.starts_at', '<=', at.now)
            .where((inner) => inner.or([inner('m.ends_at', 'is', null), inner('m.ends_at', '>', at.now)])),
        )
        .as('on_care_team'),
      eb
        .exists(
          eb
            .selectFrom('appointment as a')
            .select(sql`1`.as('one'))
            .whereRef('a.organization_id', '=', 'r.organization_id')
            .whereRef('a.patient_id', '=', 'r.patient_id')
            .where('a.starts_at', '>=', at.appointmentsFrom)
            .where('a.starts_at', '<', at.appointmentsTo)
            .where('a.status', 'not in', ['proposed', 'cancelled', 'no_show']),
        )
        .as('appointment_near_now'),
      eb
        .exists(
          eb
            .selectFrom('break_glass_grant as g')
            .select(sql`1`.as('one'))
            .whereRef('g.organization_id', '=', 'r.organization_id')
            .whereRef('g.patient_id', '=', 'r.patient_id')
            .where('g.user_id', '=', userId)
            .where('g.expires_at', '>', at.now)
            .where('g.revoked_at', 'is', null),
        )
        .as('active_grant'),
    ])
    .where('r.organization_id', '=', organizationId)
    .where('r.patient_id', '=', patientId)
    .where('r.kind', 'is not', null)
    .executeTakeFirst();
  return {
    restriction: row?.kind ?? null,
    onCareTeam: row?.on_care_team === true,
    appointmentNearNow: row?.appointment_near_now === true,
    activeGrant: row?.active_grant === true,
  };
}

/** The ids among `patientIds` whose records are restricted. */
export async function restrictedPatientIds(
  executor: Executor,
  organizationId: string,
  patientIds: readonly string[],
): Promise<string[]> {
  if (patientIds.length === 0) return [];
  const rows = await executor
    .selectFrom('patient_restriction')
    .select('patient_id')
    .where('organization_id', '=', organizationId)
    .where('patient_id', 'in', [...new Set(patientIds)])
    .where('kind', 'is not', null)
    .execute();
  return rows.map((row) => row.patient_id);
}

// --- Restrictions -----------------------------------------------------------------------------------------

export async function findRestriction(executor: Executor, organizationId: string, patientId: string) {
  return executor
    .selectFrom('patient_restriction as r')
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'r.organization_id').onRef('u.id', '=', 'r.set_by'),
    )
    .select([
      'r.patient_id',
      'r.kind',
      'r.category',
      'r.reason',
      'r.set_by',
      'u.display_name as set_by_name',
      'r.set_at',
      'r.version',
    ])
    .where('r.organization_id', '=', organizationId)
    .where('r.patient_id', '=', patientId)
    .executeTakeFirst();
}
export type RestrictionRow = NonNullable<Awaited<ReturnType<typeof findRestriction>>>;

/** The restriction row, locked until the transaction ends: changes and grants for one patient take turns. */
export async function lockRestriction(executor: Executor, organizationId: string, patientId: string) {
  return executor
    .selectFrom('patient_restriction')
    .select(['kind', 'version'])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .forUpdate()
    .executeTakeFirst();
}

export async function restrictionHistory(executor: Executor, organizationId: string, patientId: string) {
  return executor
    .selectFrom('patient_restriction_change as c')
    .innerJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'c.organization_id').onRef('u.id', '=', 'c.changed_by'),
    )
    .select([
      'c.action',
      'c.kind',
      'c.category',
      'c.reason',
      'c.changed_by',
      'u.display_name as changed_by_name',
      'c.changed_at',
    ])
    .where('c.organization_id', '=', organizationId)
    .where('c.patient_id', '=', patientId)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}
export type RestrictionChangeRow = Awaited<ReturnType<typeof restrictionHistory>>[number];

export type RestrictionState = Pick<PatientRestrictionTable, 'kind' | 'category' | 'reason' | 'set_by'> & {
  set_at: Date | null;
};

/**
 * Writes the restriction when its version is still `expectedVersion` (0: never restricted). Returns the new
 * version, or null when someone changed it first.
 */
export async function writeRestriction(
  executor: Executor,
  organizationId: string,
  patientId: string,
  expectedVersion: number,
  state: RestrictionState,
  now: Date,
): Promise<number | null> {
  if (expectedVersion === 0) {
    const inserted = await executor
      .insertInto('patient_restriction')
      .values({
        organization_id: organizationId,
        patient_id: patientId,
        ...state,
        version: 1,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.columns(['organization_id', 'patient_id']).doNothing())
      .returning('version')
      .executeTakeFirst();
    return inserted?.version ?? null;
  }
  const updated = await executor
    .updateTable('patient_restriction')
    .set((eb) => ({ ...state, version: eb('version', '+', 1), updated_at: now }))
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return updated?.version ?? null;
}

export async function insertRestrictionChange(
  executor: Executor,
  organizationId: string,
  change: {
    id: string;
    patientId: string;
    action: 'set' | 'clear';
    kind: PatientRestrictionTable['kind'];
    category: PatientRestrictionTable['category'];
    reason: string;
    changedBy: string;
    changedAt: Date;
  },
): Promise<void> {
  await executor
    .insertInto('patient_restriction_change')
    .values({
      organization_id: organizationId,
      id: change.id,
      patient_id: change.patientId,
      action: change.action,
      kind: change.kind,
      category: change.category,
      reason: change.reason,
      changed_by: change.changedBy,
      changed_at: change.changedAt,
    })
    .execute();
}

// --- Care teams -------------------------------------------------------------------------------------------

/** A staff account (not a portal account, not disabled) of the organization, with its role. */
export async function activeStaffAccount(executor: Executor, organizationId: string, userId: string) {
  return executor
    .selectFrom('app_user')
    .select(['id', 'role'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .where('role', '!=', 'patient')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function insertCareTeamMember(
  executor: Executor,
  organizationId: string,
  member: Omit<Insertable<CareTeamMemberTable>, 'organization_id' | 'ended_by' | 'end_reason'>,
): Promise<void> {
  await executor
    .insertInto('care_team_member')
    .values({ ...member, organization_id: organizationId })
    .execute();
}

function selectCareTeam(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('care_team_member as m')
    .innerJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'm.organization_id').onRef('u.id', '=', 'm.user_id'),
    )
    .innerJoin('app_user as a', (join) =>
      join.onRef('a.organization_id', '=', 'm.organization_id').onRef('a.id', '=', 'm.added_by'),
    )
    .leftJoin('app_user as e', (join) =>
      join.onRef('e.organization_id', '=', 'm.organization_id').onRef('e.id', '=', 'm.ended_by'),
    )
    .select([
      'm.id',
      'm.patient_id',
      'm.user_id',
      'u.display_name as user_name',
      'u.role as user_role',
      'm.role',
      'm.starts_at',
      'm.ends_at',
      'm.added_by',
      'a.display_name as added_by_name',
      'm.added_at',
      'm.ended_by',
      'e.display_name as ended_by_name',
      'm.end_reason',
    ])
    .where('m.organization_id', '=', organizationId);
}

export async function findCareTeamMember(
  executor: Executor,
  organizationId: string,
  patientId: string,
  memberId: string,
) {
  const row = await selectCareTeam(executor, organizationId)
    .where('m.patient_id', '=', patientId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return row ? { ...row, user_role: row.user_role as Role } : undefined;
}
export type CareTeamMemberRow = NonNullable<Awaited<ReturnType<typeof findCareTeamMember>>>;

/** The care team of a patient: current and future members, or everyone who ever was on it. */
export async function careTeamOf(
  executor: Executor,
  organizationId: string,
  patientId: string,
  options: { includePast: boolean; now: Date },
) {
  let query = selectCareTeam(executor, organizationId).where('m.patient_id', '=', patientId);
  if (!options.includePast) {
    query = query.where((eb) => eb.or([eb('m.ends_at', 'is', null), eb('m.ends_at', '>', options.now)]));
  }
  const rows = await query.orderBy('m.starts_at').orderBy('m.id').execute();
  return rows.map((row) => ({ ...row, user_role: row.user_role as Role }));
}

/** Ends a membership that has not ended yet: at `now`, or at its start if it had not begun. */
export async function endCareTeamMember(
  executor: Executor,
  organizationId: string,
  memberId: string,
  ending: { endedBy: string; reason: string; now: Date },
): Promise<boolean> {
  const result = await executor
    .updateTable('care_team_member')
    .set({
      ends_at: sql<Date>`greatest(starts_at, ${ending.now}::timestamptz)`,
      ended_by: ending.endedBy,
      end_reason: ending.reason,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', memberId)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', ending.now)]))
    .where('ended_by', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
