import { sql, type Insertable } from 'kysely';
import { scopedPatientIds, type ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { WaitlistEntryTable } from './waitlist.tables';

/** A concrete time that can be offered: one kind of visit with one provider at one location. */
export type SlotRef = { appointmentTypeId: string; providerId: string; locationId: string; start: Date };

// Offers and the choice of whom to offer a time live in waitlist-offers.repository.ts.

// ---------------------------------------------------------------------------------------------------------------
// Locks and lookups

/**
 * Serializes offering, accepting and withdrawing for one provider's times, for the rest of the transaction. Two
 * acceptances of the same time then run one after the other (the second sees the time taken) instead of
 * deadlocking between the booking's exclusion constraint and each other's offer rows.
 */
export async function lockProviderOffers(executor: Executor, organizationId: string, providerId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`waitlist:${organizationId}:${providerId}`}, 0))`.execute(
    executor,
  );
}

export async function appointmentTypeFor(executor: Executor, organizationId: string, id: string) {
  return executor
    .selectFrom('appointment_type')
    .select(['id', 'specialty', 'self_schedulable'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function providerFor(executor: Executor, organizationId: string, id: string) {
  return executor
    .selectFrom('provider')
    .select(['id', 'specialty'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function locationExists(executor: Executor, organizationId: string, id: string) {
  const row = await executor
    .selectFrom('location')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function locationName(executor: Executor, organizationId: string, id: string) {
  const row = await executor
    .selectFrom('location')
    .select('name')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** The time zones of one location, or of every location of the organization. */
export async function locationZones(executor: Executor, organizationId: string, locationId: string | null) {
  let query = executor
    .selectFrom('location')
    .select('time_zone')
    .where('organization_id', '=', organizationId);
  if (locationId) query = query.where('id', '=', locationId);
  return (await query.execute()).map((row) => row.time_zone);
}

/** A patient's ways to be reached. */
export async function patientContact(executor: Executor, organizationId: string, patientId: string) {
  return executor
    .selectFrom('patient')
    .select(['id', 'phone', 'email'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
}

/** What the waitlist needs of an appointment: its time, who with, and its state. */
export async function appointmentForWaitlist(executor: Executor, organizationId: string, id: string) {
  return executor
    .selectFrom('appointment as a')
    .innerJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'a.organization_id').onRef('l.id', '=', 'a.location_id'),
    )
    .select([
      'a.id',
      'a.patient_id',
      'a.appointment_type_id',
      'a.provider_id',
      'a.location_id',
      'a.starts_at',
      'a.blocked_until',
      'a.status',
      'l.time_zone',
    ])
    .where('a.organization_id', '=', organizationId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * What a booking means for the waitlist, in one read: the appointment, the distinct times with open offers of its
 * provider that overlap the time it holds, and its patient's active entry for its type (at most one; whether its
 * window holds the visit's local date is for the caller to say). Plain SQL: it runs for every booking.
 */
export async function appointmentTakingTime(executor: Executor, organizationId: string, id: string) {
  const result = await sql<{
    id: string;
    patient_id: string;
    appointment_type_id: string;
    provider_id: string;
    location_id: string;
    starts_at: Date;
    blocked_until: Date;
    status: string;
    time_zone: string;
    open_slots: {
      appointment_type_id: string;
      provider_id: string;
      location_id: string;
      starts_at: number;
    }[];
    entries: { id: string; patient_id: string; earliest_date: string; latest_date: string }[];
  }>`
    select a.id, a.patient_id, a.appointment_type_id, a.provider_id, a.location_id, a.starts_at, a.blocked_until,
           a.status, l.time_zone,
           coalesce((select json_agg(s) from (
                       select distinct o.appointment_type_id, o.provider_id, o.location_id,
                              extract(epoch from o.starts_at)::float8 * 1000 as starts_at
                         from waitlist_offer o
                        where o.organization_id = a.organization_id and o.provider_id = a.provider_id
                          and o.state = 'open' and o.starts_at < a.blocked_until and o.ends_at > a.starts_at) s),
                    '[]') as open_slots,
           coalesce((select json_agg(json_build_object(
                              'id', e.id, 'patient_id', e.patient_id,
                              'earliest_date', to_char(e.earliest_date, 'YYYY-MM-DD'),
                              'latest_date', to_char(e.latest_date, 'YYYY-MM-DD')))
                       from waitlist_entry e
                      where e.organization_id = a.organization_id and e.patient_id = a.patient_id
                        and e.appointment_type_id = a.appointment_type_id and e.status = 'active'),
                    '[]') as entries
      from appointment a
      join location l on l.organization_id = a.organization_id and l.id = a.location_id
     where a.organization_id = ${organizationId} and a.id = ${id}`.execute(executor);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    ...row,
    open_slots: row.open_slots.map((slot): SlotRef => ({
      appointmentTypeId: slot.appointment_type_id,
      providerId: slot.provider_id,
      locationId: slot.location_id,
      start: new Date(slot.starts_at),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Entries

export type NewEntry = Omit<
  Insertable<WaitlistEntryTable>,
  'organization_id' | 'status' | 'appointment_id' | 'closed_at' | 'closed_reason' | 'version'
>;

/** Inserts an entry; false when the patient already has an active one for the type (the unique index says so). */
export async function insertEntry(executor: Executor, organizationId: string, entry: NewEntry) {
  const result = await sql`
    insert into waitlist_entry (organization_id, id, patient_id, appointment_type_id, provider_id, location_id,
                                earliest_date, latest_date, weekdays, earliest_time, latest_time, note, priority,
                                created_by, created_via, created_at, updated_at)
    values (${organizationId}, ${entry.id}, ${entry.patient_id}, ${entry.appointment_type_id}, ${entry.provider_id},
            ${entry.location_id}, ${entry.earliest_date}::date, ${entry.latest_date}::date,
            ${entry.weekdays}::smallint[], ${entry.earliest_time}::time, ${entry.latest_time}::time, ${entry.note},
            ${entry.priority}, ${entry.created_by}, ${entry.created_via}, ${entry.created_at}::timestamptz,
            ${entry.updated_at}::timestamptz)
    on conflict (organization_id, patient_id, appointment_type_id) where status = 'active' do nothing`.execute(
    executor,
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

const ENTRY_COLUMNS = [
  'e.id',
  'e.patient_id',
  'pt.family_name as patient_family_name',
  'pt.given_names as patient_given_names',
  'pt.mrn as patient_mrn',
  'e.appointment_type_id',
  't.code as type_code',
  't.name as type_name',
  'e.provider_id',
  'pr.display_name as provider_name',
  'e.location_id',
  'l.name as location_name',
  sql<string>`to_char(e.earliest_date, 'YYYY-MM-DD')`.as('earliest_date'),
  sql<string>`to_char(e.latest_date, 'YYYY-MM-DD')`.as('latest_date'),
  'e.weekdays',
  sql<string | null>`to_char(e.earliest_time, 'HH24:MI')`.as('earliest_time'),
  sql<string | null>`to_char(e.latest_time, 'HH24:MI')`.as('latest_time'),
  'e.note',
  'e.priority',
  'e.status',
  'e.appointment_id',
  'e.created_by',
  'u.display_name as created_by_name',
  'e.created_via',
  'e.created_at',
  'e.closed_at',
  'e.version',
] as const;

function selectEntries(executor: Executor, context: ActorContext) {
  let query = executor
    .selectFrom('waitlist_entry as e')
    .innerJoin('patient as pt', (join) =>
      join.onRef('pt.organization_id', '=', 'e.organization_id').onRef('pt.id', '=', 'e.patient_id'),
    )
    .innerJoin('appointment_type as t', (join) =>
      join.onRef('t.organization_id', '=', 'e.organization_id').onRef('t.id', '=', 'e.appointment_type_id'),
    )
    .leftJoin('provider as pr', (join) =>
      join.onRef('pr.organization_id', '=', 'e.organization_id').onRef('pr.id', '=', 'e.provider_id'),
    )
    .leftJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'e.organization_id').onRef('l.id', '=', 'e.location_id'),
    )
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'e.organization_id').onRef('u.id', '=', 'e.created_by'),
    )
    .select(ENTRY_COLUMNS)
    .where('e.organization_id', '=', context.organizationId);
  if (context.patientScope) {
    query = query.where('e.patient_id', 'in', scopedPatientIds(context.patientScope));
  }
  return query;
}

export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/** One entry in the caller's organization (and, for portal accounts, of their patients). */
export async function findEntry(executor: Executor, context: ActorContext, id: string) {
  return selectEntries(executor, context).where('e.id', '=', id).executeTakeFirst();
}

export type EntryFilter = {
  appointmentTypeId?: string | undefined;
  providerId?: string | undefined;
  locationId?: string | undefined;
  patientId?: string | undefined;
  status?: WaitlistEntryTable['status'] | undefined;
  /** Keyset position: [rank (0 high, 1 normal), created at, id]. */
  after?: [number, string, string] | undefined;
  limit: number;
};

export const RANK = sql<number>`(case when e.priority = 'high' then 0 else 1 end)`;

/** Entries in waitlist order (high priority, then oldest); one more than the limit, to tell if a page follows. */
export async function listEntries(executor: Executor, context: ActorContext, filter: EntryFilter) {
  let query = selectEntries(executor, context);
  if (filter.appointmentTypeId) query = query.where('e.appointment_type_id', '=', filter.appointmentTypeId);
  if (filter.providerId) query = query.where('e.provider_id', '=', filter.providerId);
  if (filter.locationId) query = query.where('e.location_id', '=', filter.locationId);
  if (filter.patientId) query = query.where('e.patient_id', '=', filter.patientId);
  if (filter.status) query = query.where('e.status', '=', filter.status);
  if (filter.after) {
    const [rank, createdAt, id] = filter.after;
    query = query.where(
      sql<boolean>`(${RANK}, e.created_at, e.id) > (${rank}::int, ${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  return query
    .orderBy(RANK)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .limit(filter.limit + 1)
    .execute();
}

/** Closes an active entry (booked, cancelled or expired); false when it was no longer active or at that version. */
export async function closeEntry(
  executor: Executor,
  organizationId: string,
  id: string,
  change: {
    status: 'booked' | 'cancelled' | 'expired';
    reason: string | null;
    appointmentId?: string | null;
    expectedVersion?: number;
  },
  now: Date,
): Promise<boolean> {
  let query = executor
    .updateTable('waitlist_entry')
    .set((eb) => ({
      status: change.status,
      closed_reason: change.reason,
      closed_at: now,
      updated_at: now,
      ...(change.appointmentId !== undefined ? { appointment_id: change.appointmentId } : {}),
      version: eb('version', '+', 1),
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', 'active');
  if (change.expectedVersion !== undefined) query = query.where('version', '=', change.expectedVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Expires active entries whose last day has ended at every location they could be offered at (their own, or every
 * location of the organization when they named none). Returns the entries expired.
 */
export async function expirePassedEntries(executor: Executor, organizationId: string, now: Date) {
  const result = await sql<{ id: string; patient_id: string }>`
    update waitlist_entry e
       set status = 'expired', closed_reason = 'window-passed', closed_at = ${now}::timestamptz,
           updated_at = ${now}::timestamptz, version = e.version + 1
     where e.organization_id = ${organizationId}::uuid
       and e.status = 'active'
       and not exists (
         select 1 from location l
          where l.organization_id = e.organization_id
            and (e.location_id is null or l.id = e.location_id)
            and ((e.latest_date + 1)::timestamp at time zone l.time_zone) > ${now}::timestamptz)
    returning e.id, e.patient_id`.execute(executor);
  return result.rows;
}

/** Organizations with active entries: the sweep visits each. */
export async function organizationsWithActiveEntries(executor: Executor, limit = 1000) {
  const rows = await executor
    .selectFrom('waitlist_entry')
    .select('organization_id')
    .distinct()
    .where('status', '=', 'active')
    .limit(limit)
    .execute();
  return rows.map((row) => row.organization_id);
}
