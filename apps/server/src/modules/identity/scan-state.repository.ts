import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';

/** How far the detector has looked at changed registrations: a position in (updated_at, id); null: never. */
export type ScanPosition = { updatedAt: Date; id: string };

export async function scanPosition(executor: Executor, organizationId: string): Promise<ScanPosition | null> {
  const row = await executor
    .selectFrom('duplicate_scan_state')
    .select(['scanned_through', 'scanned_through_id'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.scanned_through && row.scanned_through_id
    ? { updatedAt: row.scanned_through, id: row.scanned_through_id }
    : null;
}

export async function saveScanPosition(
  executor: Executor,
  organizationId: string,
  position: ScanPosition,
  now: Date,
): Promise<void> {
  const values = { scanned_through: position.updatedAt, scanned_through_id: position.id, updated_at: now };
  await executor
    .insertInto('duplicate_scan_state')
    .values({ organization_id: organizationId, ...values })
    .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(values))
    .execute();
}

/**
 * Patients registered or changed after a position in (updated_at, id) and no later than `until`, oldest change
 * first.
 */
export async function patientsChangedAfter(
  executor: Executor,
  organizationId: string,
  after: ScanPosition | null,
  until: Date,
  limit: number,
): Promise<{ id: string; updated_at: Date }[]> {
  let query = executor
    .selectFrom('patient')
    .select(['id', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('updated_at', '<=', until);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('updated_at', '>', after.updatedAt),
        eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '>', after.id)]),
      ]),
    );
  }
  return await query.orderBy('updated_at').orderBy('id').limit(limit).execute();
}

/** Organizations with registrations changed since the detector last looked. */
export async function organizationsToScan(executor: Executor): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select o.id from organization o
      left join duplicate_scan_state d on d.organization_id = o.id
     where exists (select 1 from patient p
                    where p.organization_id = o.id
                      and p.updated_at > coalesce(d.scanned_through, '-infinity'::timestamptz))`.execute(
    executor,
  );
  return result.rows.map((row) => row.id);
}

/** When the organization's names were last counted (null: never). */
export async function frequenciesCountedAt(executor: Executor, organizationId: string): Promise<Date | null> {
  const row = await executor
    .selectFrom('duplicate_scan_state')
    .select('frequencies_at')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.frequencies_at ?? null;
}

/** Counts the organization's family and first given names afresh (patients merged away left out). */
export async function refreshNameFrequencies(
  executor: Executor,
  organizationId: string,
  now: Date,
): Promise<void> {
  await sql`delete from name_frequency where organization_id = ${organizationId}::uuid`.execute(executor);
  await sql`
    insert into name_frequency (organization_id, kind, name, patients)
    select ${organizationId}::uuid, 'family', family_search, count(*)
      from patient where organization_id = ${organizationId}::uuid and merged_into is null
     group by family_search having count(*) > 1
    union all
    select ${organizationId}::uuid, 'given', split_part(given_search, ' ', 1), count(*)
      from patient where organization_id = ${organizationId}::uuid and merged_into is null
     group by split_part(given_search, ' ', 1) having count(*) > 1`.execute(executor);
  await sql`
    insert into duplicate_scan_state (organization_id, patients, frequencies_at, updated_at)
    select ${organizationId}::uuid, count(*), ${now}::timestamptz, ${now}::timestamptz
      from patient where organization_id = ${organizationId}::uuid and merged_into is null
    on conflict (organization_id) do update
       set patients = excluded.patients, frequencies_at = excluded.frequencies_at,
           updated_at = excluded.updated_at`.execute(executor);
}

/** The organization's size and how many patients share each of these names (see refreshNameFrequencies). */
export async function nameCounts(
  executor: Executor,
  organizationId: string,
  names: { family: readonly string[]; given: readonly string[] },
): Promise<{ patients: number; family: Map<string, number>; given: Map<string, number> }> {
  const state = await executor
    .selectFrom('duplicate_scan_state')
    .select('patients')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  let patients = state?.patients ?? null;
  if (patients === null) {
    // Names not counted yet (a new organization): its size, at least, is cheap to know.
    const counted = await sql<{ count: number }>`select count(*)::int as count from patient
      where organization_id = ${organizationId}::uuid and merged_into is null`.execute(executor);
    patients = counted.rows[0]?.count ?? 0;
  }
  const rows = await sql<{ kind: 'family' | 'given'; name: string; patients: number }>`
    select kind, name, patients from name_frequency
     where organization_id = ${organizationId}::uuid
       and ((kind = 'family' and name = any(${[...new Set(names.family)]}::text[]))
            or (kind = 'given' and name = any(${[...new Set(names.given)]}::text[])))`.execute(executor);
  const family = new Map<string, number>();
  const given = new Map<string, number>();
  for (const row of rows.rows) (row.kind === 'family' ? family : given).set(row.name, row.patients);
  return { patients, family, given };
}
