import { sql, type Insertable, type Updateable } from 'kysely';
import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { AppointmentNoticeTable, AppointmentReplyTable } from './reminders.tables';

/** Appointments that still lead to a visit: reminders go to these, and answers are taken for these. */
export const ACTIVE_STATUSES = ['booked', 'confirmed'] as const;

const PREFERENCE_COLUMNS = [
  'id',
  'phone',
  'email',
  'preferred_language',
  'preferred_channel',
  'sms_consent',
  'email_consent',
  sql<string>`to_char(quiet_hours_start, 'HH24:MI')`.as('quiet_hours_start'),
  sql<string>`to_char(quiet_hours_end, 'HH24:MI')`.as('quiet_hours_end'),
  'message_detail',
  'communication_version',
] as const;

/** A patient's communication preferences (staff only: the desk reads and sets them). */
export async function findPreferences(executor: Executor, context: ActorContext, patientId: string) {
  return executor
    .selectFrom('patient')
    .select(PREFERENCE_COLUMNS)
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
}

export type PreferencesRow = NonNullable<Awaited<ReturnType<typeof findPreferences>>>;

export type PreferencesChange = {
  preferred_language: string;
  preferred_channel: 'sms' | 'email' | 'none';
  sms_consent: boolean;
  email_consent: boolean;
  quiet_hours_start: string;
  quiet_hours_end: string;
  message_detail: 'minimal' | 'full';
};

/** Replaces the preferences at the version the caller saw; undefined when someone changed them first. */
export async function updatePreferences(
  executor: Executor,
  context: ActorContext,
  patientId: string,
  version: number,
  change: PreferencesChange,
) {
  return executor
    .updateTable('patient')
    .set((eb) => ({ ...change, communication_version: eb('communication_version', '+', 1) }))
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', patientId)
    .where('communication_version', '=', version)
    .returning(PREFERENCE_COLUMNS)
    .executeTakeFirst();
}

/**
 * Everything a message about an appointment needs, in one read: the appointment, the patient's contact details
 * and preferences, the location, the type's preparation and the organization's name and settings.
 */
export async function noticeFacts(executor: Executor, organizationId: string, appointmentId: string) {
  return executor
    .selectFrom('appointment as a')
    .innerJoin('patient as p', (join) =>
      join.onRef('p.organization_id', '=', 'a.organization_id').onRef('p.id', '=', 'a.patient_id'),
    )
    .innerJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'a.organization_id').onRef('l.id', '=', 'a.location_id'),
    )
    .innerJoin('appointment_type as t', (join) =>
      join.onRef('t.organization_id', '=', 'a.organization_id').onRef('t.id', '=', 'a.appointment_type_id'),
    )
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select([
      'a.id',
      'a.status',
      'a.starts_at',
      'a.cancelled_by',
      'a.cancel_reason',
      'a.version',
      'a.patient_id',
      'p.phone',
      'p.email',
      'p.preferred_language',
      'p.preferred_channel',
      'p.sms_consent',
      'p.email_consent',
      sql<string>`to_char(p.quiet_hours_start, 'HH24:MI')`.as('quiet_hours_start'),
      sql<string>`to_char(p.quiet_hours_end, 'HH24:MI')`.as('quiet_hours_end'),
      'p.message_detail',
      'l.name as location_name',
      'l.time_zone',
      'l.phone as location_phone',
      't.name as type_name',
      't.preparation',
      'o.name as organization_name',
      'o.settings',
    ])
    .where('a.organization_id', '=', organizationId)
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
}

export type NoticeFacts = NonNullable<Awaited<ReturnType<typeof noticeFacts>>>;

export type NewNotice = { kind: string; plannedFor: Date };

/**
 * The insert that plans messages for an appointment, returning (as `key`) the kinds it planned: those that already
 * exist for the appointment are left out (planning is idempotent). Not run here: the send jobs of the kinds it
 * returns are enqueued in the same statement (`enqueueGuarded`).
 */
export function noticesInsert(
  executor: Executor,
  organizationId: string,
  appointment: { appointmentId: string; startsAt: Date; now: Date },
  notices: readonly NewNotice[],
) {
  return executor
    .insertInto('appointment_notice')
    .values(
      notices.map((notice) => ({
        organization_id: organizationId,
        appointment_id: appointment.appointmentId,
        kind: notice.kind,
        status: 'planned' as const,
        planned_for: notice.plannedFor,
        appointment_starts_at: appointment.startsAt,
        created_at: appointment.now,
        updated_at: appointment.now,
      })),
    )
    .onConflict((conflict) => conflict.columns(['organization_id', 'appointment_id', 'kind']).doNothing())
    .returning('kind as key');
}

/** Voids every message still planned for an appointment (it was moved, cancelled, or is under way). */
export async function voidPlannedNotices(
  executor: Executor,
  organizationId: string,
  appointmentId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await executor
    .updateTable('appointment_notice')
    .set({ status: 'void', reason, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .where('status', '=', 'planned')
    .execute();
}

/** One planned message, locked for the transaction that sends it (so two runs of its job send it once). */
export async function lockNotice(
  executor: Executor,
  organizationId: string,
  appointmentId: string,
  kind: string,
) {
  return executor
    .selectFrom('appointment_notice')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .where('kind', '=', kind)
    .forUpdate()
    .executeTakeFirst();
}

export type NoticeRow = NonNullable<Awaited<ReturnType<typeof lockNotice>>>;

export async function updateNotice(
  executor: Executor,
  organizationId: string,
  notice: { appointmentId: string; kind: string },
  change: Pick<
    Updateable<AppointmentNoticeTable>,
    'status' | 'deferred_to' | 'channel' | 'recipient' | 'language' | 'message_id' | 'reason' | 'sent_at'
  > & { updated_at: Date },
): Promise<void> {
  await executor
    .updateTable('appointment_notice')
    .set(change)
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', notice.appointmentId)
    .where('kind', '=', notice.kind)
    .execute();
}

/** Makes sends to one number take turns until the transaction ends (so two never count the same free slot). */
export async function lockTextsTo(executor: Executor, organizationId: string, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`texts:${organizationId}:${phone}`}, 0))`.execute(
    executor,
  );
}

/** Texts about appointments sent to a number since an instant (TCPA: per number and purpose). */
export async function textsSentSince(
  executor: Executor,
  organizationId: string,
  phone: string,
  since: Date,
): Promise<number> {
  const row = await executor
    .selectFrom('appointment_notice')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('recipient', '=', phone)
    .where('channel', '=', 'sms')
    .where('status', '=', 'sent')
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Upcoming active appointments a text was sent about to this number, soonest first, with their patients. */
export async function appointmentsTextedTo(
  executor: Executor,
  organizationId: string,
  phone: string,
  now: Date,
) {
  return executor
    .selectFrom('appointment_notice as n')
    .innerJoin('appointment as a', (join) =>
      join.onRef('a.organization_id', '=', 'n.organization_id').onRef('a.id', '=', 'n.appointment_id'),
    )
    .select(['a.id', 'a.patient_id', 'a.starts_at'])
    .distinct()
    .where('n.organization_id', '=', organizationId)
    .where('n.recipient', '=', phone)
    .where('n.channel', '=', 'sms')
    .where('n.status', '=', 'sent')
    .where('a.status', 'in', [...ACTIVE_STATUSES])
    .where('a.starts_at', '>', now)
    .orderBy('a.starts_at')
    .limit(20)
    .execute();
}

export async function insertResponseLink(
  executor: Executor,
  organizationId: string,
  link: { tokenHash: string; appointmentId: string; noticeKind: string; expiresAt: Date; now: Date },
): Promise<void> {
  await executor
    .insertInto('appointment_response_link')
    .values({
      organization_id: organizationId,
      token_hash: link.tokenHash,
      appointment_id: link.appointmentId,
      notice_kind: link.noticeKind,
      expires_at: link.expiresAt,
      created_at: link.now,
    })
    .execute();
}

/** An answer link with what its page shows: the visit's time, zone and clinic (never the patient or the type). */
export async function findResponseLink(
  executor: Executor,
  organizationId: string,
  tokenHash: string,
  forUpdate = false,
) {
  let query = executor
    .selectFrom('appointment_response_link as k')
    .innerJoin('appointment as a', (join) =>
      join.onRef('a.organization_id', '=', 'k.organization_id').onRef('a.id', '=', 'k.appointment_id'),
    )
    .innerJoin('patient as p', (join) =>
      join.onRef('p.organization_id', '=', 'a.organization_id').onRef('p.id', '=', 'a.patient_id'),
    )
    .innerJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'a.organization_id').onRef('l.id', '=', 'a.location_id'),
    )
    .innerJoin('organization as o', 'o.id', 'k.organization_id')
    .select([
      'k.appointment_id',
      'k.expires_at',
      'k.used_at',
      'k.used_action',
      'a.status',
      'a.starts_at',
      'a.patient_id',
      'p.preferred_language',
      'l.time_zone',
      'l.phone as location_phone',
      'o.name as organization_name',
      'o.settings',
    ])
    .where('k.organization_id', '=', organizationId)
    .where('k.token_hash', '=', tokenHash);
  if (forUpdate) query = query.forUpdate('k');
  return query.executeTakeFirst();
}

export async function markLinkUsed(
  executor: Executor,
  organizationId: string,
  tokenHash: string,
  use: { action: 'confirm' | 'reschedule'; at: Date },
): Promise<void> {
  await executor
    .updateTable('appointment_response_link')
    .set({ used_at: use.at, used_action: use.action })
    .where('organization_id', '=', organizationId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function insertReply(
  executor: Executor,
  organizationId: string,
  reply: Omit<Insertable<AppointmentReplyTable>, 'organization_id'>,
): Promise<void> {
  await executor
    .insertInto('appointment_reply')
    .values({ organization_id: organizationId, ...reply })
    .execute();
}

/** An appointment's status and zone, for the desk's view of its messages. */
export async function appointmentBrief(executor: Executor, context: ActorContext, appointmentId: string) {
  return executor
    .selectFrom('appointment as a')
    .innerJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'a.organization_id').onRef('l.id', '=', 'a.location_id'),
    )
    .select(['a.id', 'a.patient_id', 'a.status', 'a.confirmed_at', 'l.time_zone'])
    .where('a.organization_id', '=', context.organizationId)
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
}

export async function noticesOf(executor: Executor, organizationId: string, appointmentId: string) {
  return executor
    .selectFrom('appointment_notice')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .orderBy('planned_for')
    .orderBy('kind')
    .execute();
}

export async function repliesOf(executor: Executor, organizationId: string, appointmentId: string) {
  return executor
    .selectFrom('appointment_reply')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('appointment_id', '=', appointmentId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}
