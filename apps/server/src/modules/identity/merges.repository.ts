import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';
import { json } from '../../platform/db/schema';
import type { PatientMergeTable } from './identity.tables';
import type { MovedReference } from './patient-references';

export type LockedPatient = { id: string; version: number; merged_into: string | null };

/** Locks patients (in id order, so two merges of the same pair cannot deadlock) within the organization. */
export async function lockPatients(
  executor: Executor,
  organizationId: string,
  ids: readonly string[],
): Promise<LockedPatient[]> {
  const result = await sql<LockedPatient>`
    select id, version, merged_into from patient
     where organization_id = ${organizationId}::uuid and id = any(${[...ids]}::uuid[])
     order by id
       for update`.execute(executor);
  return result.rows;
}

/** A row of the merged record that collides with a row of the survivor. */
export type ConflictingRows = { survivor_row_id: string; merged_row_id: string };

/** Active appointments of the two records that overlap in time: the database would refuse them on one patient. */
export async function overlappingAppointments(
  executor: Executor,
  organizationId: string,
  survivorId: string,
  mergedId: string,
): Promise<ConflictingRows[]> {
  // The same predicate as the appointment_no_patient_overlap exclusion constraint.
  const result = await sql<ConflictingRows>`
    select s.id as survivor_row_id, m.id as merged_row_id
      from appointment s
      join appointment m on m.organization_id = s.organization_id and m.patient_id = ${mergedId}::uuid
                        and tstzrange(m.starts_at, m.ends_at) && tstzrange(s.starts_at, s.ends_at)
                        and m.status not in ('proposed', 'cancelled', 'no_show')
     where s.organization_id = ${organizationId}::uuid and s.patient_id = ${survivorId}::uuid
       and s.status not in ('proposed', 'cancelled', 'no_show')
     order by s.starts_at`.execute(executor);
  return result.rows;
}

/** Active waitlist entries of both records for the same kind of visit (one active entry per patient and kind). */
export async function duplicateWaitlistEntries(
  executor: Executor,
  organizationId: string,
  survivorId: string,
  mergedId: string,
): Promise<ConflictingRows[]> {
  const result = await sql<ConflictingRows>`
    select s.id as survivor_row_id, m.id as merged_row_id
      from waitlist_entry s
      join waitlist_entry m on m.organization_id = s.organization_id and m.patient_id = ${mergedId}::uuid
                           and m.appointment_type_id = s.appointment_type_id and m.status = 'active'
     where s.organization_id = ${organizationId}::uuid and s.patient_id = ${survivorId}::uuid
       and s.status = 'active'`.execute(executor);
  return result.rows;
}

/** One person on both records' care teams at overlapping times (one membership at a time per person and patient). */
export async function overlappingCareTeamMembers(
  executor: Executor,
  organizationId: string,
  survivorId: string,
  mergedId: string,
): Promise<ConflictingRows[]> {
  // The same predicate as the care_team_member_no_overlap exclusion constraint.
  const result = await sql<ConflictingRows>`
    select s.id as survivor_row_id, m.id as merged_row_id
      from care_team_member s
      join care_team_member m on m.organization_id = s.organization_id and m.patient_id = ${mergedId}::uuid
                             and m.user_id = s.user_id
                             and tstzrange(m.starts_at, m.ends_at) && tstzrange(s.starts_at, s.ends_at)
     where s.organization_id = ${organizationId}::uuid and s.patient_id = ${survivorId}::uuid`.execute(
    executor,
  );
  return result.rows;
}

export type RestrictionState = { kind: string | null; category: string | null };

/** Each record's current restriction (kind null: not restricted, whether or not it ever was). */
export async function restrictionsOf(
  executor: Executor,
  organizationId: string,
  patientIds: readonly string[],
): Promise<Map<string, RestrictionState>> {
  const rows = await sql<{ patient_id: string; kind: string | null; category: string | null }>`
    select patient_id, kind, category from patient_restriction
     where organization_id = ${organizationId}::uuid and patient_id = any(${[...patientIds]}::uuid[])`.execute(
    executor,
  );
  return new Map(rows.rows.map((row) => [row.patient_id, { kind: row.kind, category: row.category }]));
}

export type NewMerge = {
  id: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  candidateId: string | null;
  mergedBy: string | null;
  mergedAt: Date;
  undoUntil: Date;
};

export async function insertMerge(
  executor: Executor,
  organizationId: string,
  merge: NewMerge,
): Promise<void> {
  await executor
    .insertInto('patient_merge')
    .values({
      organization_id: organizationId,
      id: merge.id,
      survivor_id: merge.survivorId,
      merged_id: merge.mergedId,
      reason: merge.reason,
      candidate_id: merge.candidateId,
      status: 'merged',
      merged_at: merge.mergedAt,
      merged_by: merge.mergedBy,
      undo_until: merge.undoUntil,
      moved: json({}),
    })
    .execute();
}

function keyObject(reference: MovedReference, alias: string) {
  return sql.join(
    reference.key.map((column) => sql`${column}::text, ${sql.ref(`${alias}.${column}`)}`),
    sql`, `,
  );
}

/**
 * Takes away the merged record's rows the survivor already has an equal of (same key), keeping each whole row so
 * an undo can put it back. Returns how many.
 */
export async function removeDuplicateRows(
  executor: Executor,
  organizationId: string,
  mergeId: string,
  reference: MovedReference,
  survivorId: string,
  mergedId: string,
): Promise<number> {
  const table = sql.table(reference.table);
  const sameKey = sql.join(
    reference.key.map((key) => sql`${sql.ref(`s.${key}`)} = ${sql.ref(`m.${key}`)}`),
    sql` and `,
  );
  const result = await sql`
    with removed as (
      delete from ${table} as m
       where m.organization_id = ${organizationId}::uuid and ${sql.ref(`m.${reference.column}`)} = ${mergedId}::uuid
         and exists (select 1 from ${table} as s
                      where s.organization_id = m.organization_id
                        and ${sql.ref(`s.${reference.column}`)} = ${survivorId}::uuid and ${sameKey})
      returning m.*)
    insert into patient_merge_row (organization_id, merge_id, table_name, column_name, action, row_key, snapshot)
    select ${organizationId}::uuid, ${mergeId}::uuid, ${reference.table}, ${reference.column}, 'removed',
           jsonb_build_object(${keyObject(reference, 'removed')}), to_jsonb(removed)
      from removed`.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

/** Moves the merged record's rows of one table to the survivor, recording each row's key. Returns how many. */
export async function moveRows(
  executor: Executor,
  organizationId: string,
  mergeId: string,
  reference: MovedReference,
  survivorId: string,
  mergedId: string,
): Promise<number> {
  const column = sql.ref(reference.column);
  const result = await sql`
    with moved as (
      update ${sql.table(reference.table)} as t set ${column} = ${survivorId}::uuid
       where t.organization_id = ${organizationId}::uuid and ${sql.ref(`t.${reference.column}`)} = ${mergedId}::uuid
      returning jsonb_build_object(${keyObject(reference, 't')}) as row_key)
    insert into patient_merge_row (organization_id, merge_id, table_name, column_name, action, row_key)
    select ${organizationId}::uuid, ${mergeId}::uuid, ${reference.table}, ${reference.column}, 'moved', row_key
      from moved`.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Moves back exactly the rows a merge moved (those still on the survivor); rows created for the survivor since
 * stay. Returns how many moved back.
 */
export async function moveRowsBack(
  executor: Executor,
  organizationId: string,
  mergeId: string,
  reference: MovedReference,
  survivorId: string,
  mergedId: string,
): Promise<number> {
  const result = await sql`
    update ${sql.table(reference.table)} as t set ${sql.ref(reference.column)} = ${mergedId}::uuid
      from patient_merge_row r
     where r.organization_id = ${organizationId}::uuid and r.merge_id = ${mergeId}::uuid
       and r.table_name = ${reference.table} and r.column_name = ${reference.column} and r.action = 'moved'
       and t.organization_id = ${organizationId}::uuid and ${sql.ref(`t.${reference.column}`)} = ${survivorId}::uuid
       and r.row_key = jsonb_build_object(${keyObject(reference, 't')})`.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

/** Puts back the rows a merge removed as duplicates (unless an equal row exists again). Returns how many. */
export async function restoreRemovedRows(
  executor: Executor,
  organizationId: string,
  mergeId: string,
  reference: MovedReference,
): Promise<number> {
  const table = sql.table(reference.table);
  const result = await sql`
    insert into ${table}
    select (jsonb_populate_record(null::${table}, r.snapshot)).*
      from patient_merge_row r
     where r.organization_id = ${organizationId}::uuid and r.merge_id = ${mergeId}::uuid
       and r.table_name = ${reference.table} and r.column_name = ${reference.column} and r.action = 'removed'
    on conflict do nothing`.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Sets (or clears) where a record was merged, as a new version of it, with the version in the record's history
 * (patient_version) like any other change.
 */
export async function setMergedInto(
  executor: Executor,
  organizationId: string,
  patientId: string,
  change: { from: string | null; to: string | null; by: string | null; at: Date },
): Promise<number> {
  const result = await sql<{ version: number }>`
    with changed as (
      update patient set merged_into = ${change.to}::uuid, version = version + 1, updated_at = ${change.at}::timestamptz
       where organization_id = ${organizationId}::uuid and id = ${patientId}::uuid
      returning version)
    insert into patient_version (organization_id, patient_id, version, changed_at, changed_by, changes)
    select ${organizationId}::uuid, ${patientId}::uuid, version, ${change.at}::timestamptz, ${change.by}::uuid,
           ${json([{ field: 'mergedInto', from: change.from, to: change.to }])}::jsonb
      from changed
    returning version`.execute(executor);
  return result.rows[0]?.version ?? 0;
}

export type MergeRow = Selectable<PatientMergeTable>;

export async function findMerge(
  executor: Executor,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<MergeRow | undefined> {
  const query = executor
    .selectFrom('patient_merge')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id);
  return await (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function recordMoved(
  executor: Executor,
  organizationId: string,
  id: string,
  moved: Record<string, number>,
): Promise<void> {
  await executor
    .updateTable('patient_merge')
    .set({ moved: json(moved) })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export async function markMergeUndone(
  executor: Executor,
  organizationId: string,
  id: string,
  undo: { by: string | null; at: Date; reason: string },
): Promise<void> {
  await executor
    .updateTable('patient_merge')
    .set({ status: 'undone', undone_at: undo.at, undone_by: undo.by, undo_reason: undo.reason })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** Every record merged into this one, directly or through records merged into those. */
export async function mergedIntoChain(
  executor: Executor,
  organizationId: string,
  survivorId: string,
): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive merged (id, depth) as (
      select id, 1 from patient where organization_id = ${organizationId}::uuid and merged_into = ${survivorId}::uuid
      union
      select p.id, m.depth + 1 from patient p join merged m on p.organization_id = ${organizationId}::uuid
                                                     and p.merged_into = m.id
       where m.depth < 20)
    select distinct id from merged`.execute(executor);
  return result.rows.map((row) => row.id);
}

/** The record a merged record now lives on (following merges of merges), or null when it was not merged. */
export async function finalSurvivor(
  executor: Executor,
  organizationId: string,
  patientId: string,
): Promise<string | null> {
  const result = await sql<{ id: string; merged_into: string | null }>`
    with recursive chain (id, merged_into, depth) as (
      select id, merged_into, 0 from patient where organization_id = ${organizationId}::uuid and id = ${patientId}::uuid
      union all
      select p.id, p.merged_into, c.depth + 1 from patient p join chain c on p.organization_id = ${organizationId}::uuid
                                                                  and p.id = c.merged_into
       where c.depth < 20)
    select id, merged_into from chain order by depth desc limit 1`.execute(executor);
  const last = result.rows[0];
  if (!last || last.id === patientId) return null;
  return last.id;
}
