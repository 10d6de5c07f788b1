import { sql } from 'kysely';
import { scopedPatientIds, type ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { writeItems, writesDone, type Write } from '../../platform/db/write';
import type { AppointmentTable, AvailabilityTemplateTable } from './scheduling.tables';

/** Statuses that hold time: everything but proposed, cancelled and no-show (the exclusion constraints agree). */
export const HOLDING_STATUSES = [
  'booked',
  'confirmed',
  'arrived',
  'checked_in',
  'in_room',
  'completed',
] as const;

export async function findAppointmentType(executor: Executor, organizationId: string, id: string) {
  return executor
    .selectFrom('appointment_type')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function listAppointmentTypes(
  executor: Executor,
  organizationId: string,
  selfSchedulableOnly = false,
) {
  let query = executor
    .selectFrom('appointment_type')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('active', '=', true);
  if (selfSchedulableOnly) query = query.where('self_schedulable', '=', true);
  return query.orderBy('specialty').orderBy('name').execute();
}

/** A weekly template row as slot computation and the availability view read it (`start_time`: `HH:MM` local). */
export type OfferedTemplate = Omit<AvailabilityTemplateTable, 'organization_id' | 'id' | 'created_at'>;

export type AppointmentTypeRow = NonNullable<Awaited<ReturnType<typeof findAppointmentType>>>;

export type OfferedSchedule = {
  /** The appointment type, if it is active (its row: no column of it needs more than JSON). */
  type: AppointmentTypeRow | null;
  /** Active providers of the type's specialty at each location they work at. */
  offered: { provider_id: string; location_id: string; time_zone: string }[];
  /** Their weekly templates at those locations. */
  templates: OfferedTemplate[];
  /** Their blocks and extra clinics between the two instants (times in epoch seconds). */
  exceptions: {
    provider_id: string;
    location_id: string | null;
    kind: 'block' | 'extra';
    starts_at: number;
    ends_at: number;
  }[];
  /** The organization's holidays between the two days. */
  holidays: { day: string; location_id: string | null }[];
};

type ScheduleFilter = {
  appointmentTypeId: string;
  providerId?: string | undefined;
  locationId?: string | undefined;
  from: Date;
  to: Date;
  fromDay: string;
  toDay: string;
};

/** The `offered` CTE and the select list of `offeredSchedule`, for the statements that read a schedule. */
function scheduleSql(organizationId: string, filter: ScheduleFilter) {
  const offered = sql`
    offered as (
      select p.id as provider_id, l.id as location_id, l.time_zone
        from appointment_type t
        join provider p on p.organization_id = t.organization_id and p.specialty = t.specialty
        join provider_location pl on pl.organization_id = p.organization_id and pl.provider_id = p.id
        join location l on l.organization_id = pl.organization_id and l.id = pl.location_id
       where t.organization_id = ${organizationId} and t.id = ${filter.appointmentTypeId} and p.active
             ${filter.providerId ? sql`and p.id = ${filter.providerId}` : sql``}
             ${filter.locationId ? sql`and l.id = ${filter.locationId}` : sql``}
    )`;
  const columns = sql`
      (select row_to_json(t) from appointment_type t
        where t.organization_id = ${organizationId} and t.id = ${filter.appointmentTypeId} and t.active) as type,
      (select coalesce(json_agg(o), '[]') from offered o) as offered,
      -- JSON writes dates as YYYY-MM-DD whatever the DateStyle; a time's text starts with HH:MM.
      (select coalesce(json_agg(a order by a.provider_id, a.weekday, a.start_time), '[]')
         from (select provider_id, location_id, weekday, left(start_time::text, 5) as start_time,
                      left(end_time::text, 5) as end_time, effective_from, effective_to, appointment_type_ids
                 from availability_template
                where organization_id = ${organizationId}
                  and (provider_id, location_id) in (select provider_id, location_id from offered)) a) as templates,
      (select coalesce(json_agg(json_build_object(
                'provider_id', e.provider_id, 'location_id', e.location_id, 'kind', e.kind,
                'starts_at', date_part('epoch', e.starts_at), 'ends_at', date_part('epoch', e.ends_at))
              order by e.starts_at), '[]')
         from availability_exception e
        where e.organization_id = ${organizationId}
          and e.provider_id in (select provider_id from offered)
          and e.starts_at < ${filter.to} and e.ends_at > ${filter.from}) as exceptions,
      (select coalesce(json_agg(json_build_object('day', to_char(h.day, 'YYYY-MM-DD'), 'location_id', h.location_id)
              order by h.day), '[]')
         from holiday h
        where h.organization_id = ${organizationId}
          and h.day >= ${filter.fromDay}::date and h.day <= ${filter.toDay}::date) as holidays`;
  return { offered, columns };
}

/**
 * An appointment type and who offers it when, in one statement (one round trip instead of five, which under load
 * is most of a provider's week of slots, and a booking's): the type if active, the active providers of its
 * specialty at the locations they work at (or one provider, or one location), their weekly templates there, their
 * blocks and extra clinics between two instants, and the holidays between two days.
 */
export async function offeredSchedule(
  executor: Executor,
  organizationId: string,
  filter: ScheduleFilter,
): Promise<OfferedSchedule> {
  const { offered, columns } = scheduleSql(organizationId, filter);
  const result = await sql<OfferedSchedule>`with ${offered} select ${columns}`.execute(executor);
  return result.rows[0]!;
}

/** What a booking reads before it takes the provider's lock: the schedule, the patient and the provider's time. */
export type BookingSnapshot = OfferedSchedule & {
  /** The patient, if in the organization. */
  patient: { id: string; merged_into: string | null } | null;
  /** The time the provider holds around the requested start, as `providerBusy` gives it (epoch seconds). */
  busy: [number, number][];
};

/**
 * Everything a booking checks before it takes the provider's lock, in one statement: the offered schedule around
 * the start, the patient, and the time the booked provider holds between two instants (as `providerBusy`). The
 * held time is read without the lock, so it can only show a slot taken for certain (a committed, active
 * appointment); whether it is free is decided again under the lock.
 */
export async function bookingSnapshot(
  executor: Executor,
  organizationId: string,
  filter: ScheduleFilter & {
    providerId: string;
    patientId: string;
    busyFrom: Date;
    busyTo: Date;
    exceptAppointmentId?: string | undefined;
  },
): Promise<BookingSnapshot> {
  const { offered, columns } = scheduleSql(organizationId, filter);
  const result = await sql<BookingSnapshot>`
    with ${offered},
    -- KEY SHARE, as the appointment's foreign key would take anyway, but now: a merge (FOR UPDATE) of this patient
    -- waits for the booking to commit and then moves it, or the booking waits and sees the record merged.
    booking_patient as (
      select id, merged_into from patient
       where organization_id = ${organizationId} and id = ${filter.patientId}
         for key share
    )
    select ${columns},
      (select row_to_json(bp) from booking_patient bp) as patient,
      (select coalesce(array_to_json(array_agg(array[date_part('epoch', a.starts_at),
                                                     date_part('epoch', a.blocked_until)])), '[]')
         from appointment a
        where a.organization_id = ${organizationId} and a.provider_id = ${filter.providerId}
          and a.status in (${sql.join(HOLDING_STATUSES)}) and not a.overbooked
          and a.starts_at < ${filter.busyTo}
          and a.starts_at > ${new Date(filter.busyFrom.getTime() - LONGEST_HOLD_MS)}
          and a.blocked_until > ${filter.busyFrom}
          ${filter.exceptAppointmentId ? sql`and a.id <> ${filter.exceptAppointmentId}` : sql``}) as busy`.execute(
    executor,
  );
  return result.rows[0]!;
}

/**
 * Holds a provider's bookings to one at a time until the transaction ends. Two requests for the same time would
 * otherwise both pass the check, both insert, and each wait on the other inside the exclusion constraint until
 * PostgreSQL's deadlock detector (a second later) fails one of them with an error instead of SLOT_TAKEN. In line,
 * the second sees the first's appointment and is refused at once. `insertAppointment` takes the same lock itself.
 */
export async function lockProviderBookings(executor: Executor, organizationId: string, providerId: string) {
  await sql`select pg_advisory_xact_lock(${providerLock(organizationId, providerId)})`.execute(executor);
}

function providerLock(organizationId: string, providerId: string) {
  return sql`hashtextextended(${`scheduling:${organizationId}:${providerId}`}, 0)`;
}

export async function exceptionsFor(
  executor: Executor,
  organizationId: string,
  providerIds: readonly string[],
  from: Date,
  to: Date,
) {
  if (providerIds.length === 0) return [];
  return executor
    .selectFrom('availability_exception')
    .select(['id', 'provider_id', 'location_id', 'kind', 'starts_at', 'ends_at', 'reason'])
    .where('organization_id', '=', organizationId)
    .where('provider_id', 'in', [...providerIds])
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
}

export async function holidaysBetween(
  executor: Executor,
  organizationId: string,
  fromDay: string,
  toDay: string,
) {
  return executor
    .selectFrom('holiday')
    .select(['id', 'day', 'name', 'location_id'])
    .where('organization_id', '=', organizationId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .orderBy('day')
    .execute();
}

/**
 * The longest an appointment holds its provider or room: the longest visit (480 minutes, the appointment_type check)
 * plus the longest buffer (120). A hold that overlaps `from` starts at most this long before it, so the search can
 * be a range on the (provider, starts_at) index instead of everything the provider ever held before `to`.
 */
export const LONGEST_HOLD_MS = (480 + 120) * 60_000;
/** The longest visit (the appointment_type check): a visit that ends after `from` starts at most this before it. */
const LONGEST_VISIT_MS = 480 * 60_000;

/**
 * The time each provider holds between two instants, as [start, end] pairs in epoch seconds, in no order:
 * active appointments to the end of their buffer; overbooked ones are left out (they are booked over others and
 * hold no time of their own). Aggregated in the database, a row per provider: a specialty's few days hold thousands
 * of appointments, and a row each costs more to send and parse than the whole slot search. The providers are a
 * list, or those of an appointment type's specialty (or one of them): asked that way, it need not wait for the
 * schedule to say who they are.
 */
export async function providerBusy(
  executor: Executor,
  organizationId: string,
  providers: readonly string[] | { appointmentTypeId: string; providerId?: string | undefined },
  from: Date,
  to: Date,
  exceptAppointmentId?: string,
) {
  if ('length' in providers && providers.length === 0) return [];
  let query = executor
    .selectFrom('appointment')
    .select([
      'provider_id',
      // A two-dimensional float8 array as JSON: the cheapest form found to build, send and parse.
      sql<[number, number][]>`array_to_json(array_agg(array[date_part('epoch', starts_at),
        date_part('epoch', blocked_until)]))`.as('busy'),
    ])
    .where('organization_id', '=', organizationId);
  if ('length' in providers) {
    query = query.where('provider_id', 'in', [...providers]);
  } else {
    let offering = executor
      .selectFrom('provider as p')
      .innerJoin('appointment_type as t', (join) =>
        join.onRef('t.organization_id', '=', 'p.organization_id').onRef('t.specialty', '=', 'p.specialty'),
      )
      .select('p.id')
      .where('p.organization_id', '=', organizationId)
      .where('t.id', '=', providers.appointmentTypeId);
    if (providers.providerId) offering = offering.where('p.id', '=', providers.providerId);
    query = query.where('provider_id', 'in', offering);
  }
  query = query
    .where('status', 'in', [...HOLDING_STATUSES])
    .where('overbooked', '=', false)
    .where('starts_at', '<', to)
    .where('starts_at', '>', new Date(from.getTime() - LONGEST_HOLD_MS))
    .where('blocked_until', '>', from)
    .groupBy('provider_id');
  if (exceptAppointmentId) query = query.where('id', '!=', exceptAppointmentId);
  return query.execute();
}

/** Active appointments of one type between two instants, overbooked or not (what a daily maximum counts). */
export async function holdsOfType(
  executor: Executor,
  organizationId: string,
  providerIds: readonly string[],
  appointmentTypeId: string,
  from: Date,
  to: Date,
  exceptAppointmentId?: string,
) {
  if (providerIds.length === 0) return [];
  let query = executor
    .selectFrom('appointment')
    .select(['provider_id', 'location_id', 'starts_at'])
    .where('organization_id', '=', organizationId)
    .where('provider_id', 'in', [...providerIds])
    .where('appointment_type_id', '=', appointmentTypeId)
    .where('status', 'in', [...HOLDING_STATUSES])
    .where('starts_at', '<', to)
    .where('starts_at', '>', new Date(from.getTime() - LONGEST_HOLD_MS))
    .where('blocked_until', '>', from);
  if (exceptAppointmentId) query = query.where('id', '!=', exceptAppointmentId);
  return query.execute();
}

/** Rooms of a kind at some locations, with the time each holds. */
export async function roomHolds(
  executor: Executor,
  organizationId: string,
  kind: string,
  locationIds: readonly string[],
  from: Date,
  to: Date,
  exceptAppointmentId?: string,
) {
  if (locationIds.length === 0) return { rooms: [], holds: [] };
  const rooms = await executor
    .selectFrom('room')
    .select(['id', 'location_id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('location_id', 'in', [...locationIds])
    .orderBy('name')
    .execute();
  if (rooms.length === 0) return { rooms, holds: [] };
  let query = executor
    .selectFrom('appointment')
    .select(['id', 'room_id', 'starts_at', 'blocked_until'])
    .where('organization_id', '=', organizationId)
    .where(
      'room_id',
      'in',
      rooms.map((room) => room.id),
    )
    .where('status', 'in', [...HOLDING_STATUSES])
    .where('starts_at', '<', to)
    .where('starts_at', '>', new Date(from.getTime() - LONGEST_HOLD_MS))
    .where('blocked_until', '>', from);
  if (exceptAppointmentId) query = query.where('id', '!=', exceptAppointmentId);
  return { rooms, holds: await query.execute() };
}

export type NewAppointment = {
  id: string;
  patientId: string;
  providerId: string;
  locationId: string;
  roomId: string | null;
  appointmentTypeId: string;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  status: 'booked' | 'proposed';
  modality: 'in_person' | 'video';
  videoUrl: string | null;
  note: string | null;
  overbooked: boolean;
  overbookReason: string | null;
  rescheduledFromId: string | null;
  bookedVia: AppointmentTable['booked_via'];
};

/**
 * Inserts a new appointment and the first entry of its history, and reads it back as `findAppointment` would, in
 * one statement. A clash with another active appointment fails it with the exclusion constraint's 23P01, as a plain
 * insert would. Undefined when the caller may not see the new appointment (as `findAppointment` answers).
 */
export async function insertAppointment(
  executor: Executor,
  context: ActorContext,
  row: NewAppointment,
  now: Date,
  history: { reason: string | null },
  /** What must go with the new appointment (its audit event, its jobs): run by the same statement. */
  writes: readonly Write[] = [],
): Promise<AppointmentRow | undefined> {
  // Plain SQL: the query builder spent longer building this statement than the database spent running it. The
  // provider's lock (see `lockProviderBookings`; taken again at no cost if already held) is taken before the row
  // goes in: the exclusion constraints then see every earlier booking of the provider committed, never one still
  // in flight.
  const result = await sql<AppointmentRow>`
    with provider_lock as materialized (
      select pg_advisory_xact_lock(${providerLock(context.organizationId, row.providerId)})
    ),
    inserted as (
      insert into appointment (organization_id, id, patient_id, provider_id, location_id, room_id,
                               appointment_type_id, starts_at, ends_at, blocked_until, status, modality, video_url,
                               note, overbooked, overbook_reason, rescheduled_from_id, booked_by, booked_via,
                               created_at, updated_at)
      select ${context.organizationId}::uuid, ${row.id}::uuid, ${row.patientId}::uuid, ${row.providerId}::uuid,
             ${row.locationId}::uuid, ${row.roomId}::uuid, ${row.appointmentTypeId}::uuid,
             ${row.startsAt}::timestamptz, ${row.endsAt}::timestamptz, ${row.blockedUntil}::timestamptz,
             ${row.status}::text, ${row.modality}::text, ${row.videoUrl}::text, ${row.note}::text,
             ${row.overbooked}::boolean, ${row.overbookReason}::text, ${row.rescheduledFromId}::uuid,
             ${context.actor?.id ?? null}::uuid, ${row.bookedVia}::text, ${now}::timestamptz, ${now}::timestamptz
        from provider_lock
      returning *
    ),
    history as (
      insert into appointment_status_change
        (organization_id, appointment_id, seq, from_status, to_status, changed_at, changed_by, reason)
      select organization_id, id, 1, null, status, created_at, booked_by, ${history.reason}::text from inserted
    )${writes.length ? sql`, ${writeItems(writes)}` : sql``}
    select ${sql.raw(APPOINTMENT_VIEW_COLUMNS.join(', '))}
      from inserted a ${APPOINTMENT_VIEW_JOINS}
     where true ${context.patientScope ? sql`and a.patient_id = any(${scopedPatientIds(context.patientScope)}::uuid[])` : sql``}`.execute(
    executor,
  );
  writesDone(writes);
  return result.rows[0];
}

const APPOINTMENT_VIEW_COLUMNS = [
  'a.id',
  'a.patient_id',
  'pt.family_name as patient_family_name',
  'pt.given_names as patient_given_names',
  'pt.mrn as patient_mrn',
  'a.provider_id',
  'pr.display_name as provider_name',
  'a.location_id',
  'l.name as location_name',
  'l.time_zone',
  'a.room_id',
  'r.name as room_name',
  'a.appointment_type_id',
  't.code as type_code',
  't.name as type_name',
  't.duration_minutes',
  'a.starts_at',
  'a.ends_at',
  'a.blocked_until',
  'a.status',
  'a.modality',
  'a.video_url',
  'a.note',
  'a.overbooked',
  'a.rescheduled_from_id',
  'a.rescheduled_to_id',
  'a.cancel_reason',
  'a.cancelled_by',
  'a.cancelled_at',
  'a.late_cancellation',
  'a.confirmed_at',
  'a.booked_via',
  'a.created_at',
  'a.version',
] as const;

/** The joins of `selectAppointments`, as SQL, for a statement that reads the view of a row `a` it has written. */
const APPOINTMENT_VIEW_JOINS = sql`
  join patient pt on pt.organization_id = a.organization_id and pt.id = a.patient_id
  join provider pr on pr.organization_id = a.organization_id and pr.id = a.provider_id
  join location l on l.organization_id = a.organization_id and l.id = a.location_id
  join appointment_type t on t.organization_id = a.organization_id and t.id = a.appointment_type_id
  left join room r on r.organization_id = a.organization_id and r.id = a.room_id`;

function selectAppointments(executor: Executor, context: ActorContext) {
  let query = executor
    .selectFrom('appointment as a')
    .innerJoin('patient as pt', (join) =>
      join.onRef('pt.organization_id', '=', 'a.organization_id').onRef('pt.id', '=', 'a.patient_id'),
    )
    .innerJoin('provider as pr', (join) =>
      join.onRef('pr.organization_id', '=', 'a.organization_id').onRef('pr.id', '=', 'a.provider_id'),
    )
    .innerJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'a.organization_id').onRef('l.id', '=', 'a.location_id'),
    )
    .innerJoin('appointment_type as t', (join) =>
      join.onRef('t.organization_id', '=', 'a.organization_id').onRef('t.id', '=', 'a.appointment_type_id'),
    )
    .leftJoin('room as r', (join) =>
      join.onRef('r.organization_id', '=', 'a.organization_id').onRef('r.id', '=', 'a.room_id'),
    )
    .select(APPOINTMENT_VIEW_COLUMNS)
    .where('a.organization_id', '=', context.organizationId);
  if (context.patientScope) {
    query = query.where('a.patient_id', 'in', scopedPatientIds(context.patientScope));
  }
  return query;
}

export type AppointmentRow = NonNullable<Awaited<ReturnType<typeof findAppointment>>>;

/** One appointment in the caller's organization (and, for portal accounts, of their patients). */
export async function findAppointment(
  executor: Executor,
  context: ActorContext,
  id: string,
  forUpdate = false,
) {
  let query = selectAppointments(executor, context).where('a.id', '=', id);
  if (forUpdate) query = query.forUpdate('a');
  return query.executeTakeFirst();
}

export type AppointmentFilter = {
  from: Date;
  to: Date;
  providerId?: string | undefined;
  locationId?: string | undefined;
  roomId?: string | undefined;
  patientId?: string | undefined;
  status?: AppointmentTable['status'] | undefined;
  limit: number;
};

export async function listAppointments(executor: Executor, context: ActorContext, filter: AppointmentFilter) {
  let query = selectAppointments(executor, context)
    .where('a.starts_at', '<', filter.to)
    .where('a.starts_at', '>', new Date(filter.from.getTime() - LONGEST_VISIT_MS))
    .where('a.ends_at', '>', filter.from);
  if (filter.providerId) query = query.where('a.provider_id', '=', filter.providerId);
  if (filter.locationId) query = query.where('a.location_id', '=', filter.locationId);
  if (filter.roomId) query = query.where('a.room_id', '=', filter.roomId);
  if (filter.patientId) query = query.where('a.patient_id', '=', filter.patientId);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  return query.orderBy('a.starts_at').orderBy('a.id').limit(filter.limit).execute();
}

export type AppointmentChange = Partial<{
  status: AppointmentTable['status'];
  cancel_reason: string | null;
  cancelled_by: AppointmentTable['cancelled_by'];
  cancelled_at: Date | null;
  late_cancellation: boolean;
  confirmed_at: Date | null;
  rescheduled_to_id: string | null;
}>;

/** Applies a change at the version the caller saw; false when someone changed it first. */
export async function updateAppointment(
  executor: Executor,
  organizationId: string,
  id: string,
  expectedVersion: number,
  change: AppointmentChange,
  now: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('appointment')
    .set((eb) => ({ ...change, updated_at: now, version: eb('version', '+', 1) }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStatusChange(
  executor: Executor,
  organizationId: string,
  change: {
    appointmentId: string;
    from: string | null;
    to: string;
    at: Date;
    by: string | null;
    reason: string | null;
  },
) {
  await sql`
    insert into appointment_status_change
      (organization_id, appointment_id, seq, from_status, to_status, changed_at, changed_by, reason)
    select ${organizationId}::uuid, ${change.appointmentId}::uuid,
           coalesce(max(seq), 0) + 1, ${change.from}, ${change.to}, ${change.at}::timestamptz, ${change.by}::uuid,
           ${change.reason}
      from appointment_status_change
     where organization_id = ${organizationId}::uuid and appointment_id = ${change.appointmentId}::uuid`.execute(
    executor,
  );
}

export async function statusHistory(executor: Executor, organizationId: string, appointmentId: string) {
  return executor
    .selectFrom('appointment_status_change')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .orderBy('seq')
    .execute();
}

/** A patient's record of attendance: what the desk needs to see before booking again. */
export async function attendanceOf(executor: Executor, organizationId: string, patientId: string, now: Date) {
  const row = await executor
    .selectFrom('appointment')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('status', '=', 'completed').as('completed'),
      eb.fn.countAll<number>().filterWhere('status', '=', 'no_show').as('no_shows'),
      eb.fn.countAll<number>().filterWhere('late_cancellation', '=', true).as('late_cancellations'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('status', '=', 'cancelled'), w('cancel_reason', '!=', 'rescheduled')]))
        .as('cancellations'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('status', 'in', ['booked', 'confirmed']), w('starts_at', '>', now)]))
        .as('upcoming'),
    ])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  return {
    completed: Number(row.completed),
    noShows: Number(row.no_shows),
    lateCancellations: Number(row.late_cancellations),
    cancellations: Number(row.cancellations),
    upcoming: Number(row.upcoming),
  };
}

export async function findRoom(executor: Executor, organizationId: string, roomId: string) {
  return executor
    .selectFrom('room')
    .select(['id', 'location_id', 'kind'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', roomId)
    .executeTakeFirst();
}

/** A portal account's appointments, upcoming (soonest first) or past (latest first). */
export async function appointmentsOfPatients(
  executor: Executor,
  context: ActorContext,
  when: 'upcoming' | 'past',
  now: Date,
  limit: number,
) {
  let query = selectAppointments(executor, context)
    .innerJoin('appointment_type as tp', (join) =>
      join.onRef('tp.organization_id', '=', 'a.organization_id').onRef('tp.id', '=', 'a.appointment_type_id'),
    )
    .select(['tp.preparation', 'tp.self_schedulable']);
  query =
    when === 'upcoming'
      ? query.where('a.ends_at', '>=', now).orderBy('a.starts_at', 'asc')
      : query.where('a.ends_at', '<', now).orderBy('a.starts_at', 'desc');
  return query.limit(limit).execute();
}

/** Every appointment of one patient, oldest first (for the patient's own copy of their record). */
export async function appointmentsOfPatient(executor: Executor, context: ActorContext, patientId: string) {
  return selectAppointments(executor, context)
    .where('a.patient_id', '=', patientId)
    .orderBy('a.starts_at')
    .execute();
}
