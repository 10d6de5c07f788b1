import { sql, type Insertable } from 'kysely';
import { scopedPatientIds, type ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { RANK, type SlotRef } from './waitlist.repository';
import type { WaitlistOfferTable } from './waitlist.tables';

// ---------------------------------------------------------------------------------------------------------------
// Whom to offer a time

const CANDIDATE_COLUMNS = [
  'e.id',
  'e.patient_id',
  'e.provider_id',
  'e.location_id',
  sql<string>`to_char(e.earliest_date, 'YYYY-MM-DD')`.as('earliest_date'),
  sql<string>`to_char(e.latest_date, 'YYYY-MM-DD')`.as('latest_date'),
  'e.weekdays',
  sql<string | null>`to_char(e.earliest_time, 'HH24:MI')`.as('earliest_time'),
  sql<string | null>`to_char(e.latest_time, 'HH24:MI')`.as('latest_time'),
  'e.priority',
  'e.created_at',
] as const;

export type CandidateRow = Awaited<ReturnType<typeof candidatesForSlot>>[number];

/**
 * Active entries that could be offered this time: the type, a provider and location they accept, a window
 * holding the local date, no offer open elsewhere, and no earlier answer to this very time (declined, expired,
 * accepted or still open). Weekday and time of day are checked by the matcher. In waitlist order.
 */
export async function candidatesForSlot(
  executor: Executor,
  organizationId: string,
  slot: SlotRef,
  localDate: string,
) {
  return executor
    .selectFrom('waitlist_entry as e')
    .select(CANDIDATE_COLUMNS)
    .where('e.organization_id', '=', organizationId)
    .where('e.appointment_type_id', '=', slot.appointmentTypeId)
    .where('e.status', '=', 'active')
    .where((eb) => eb.or([eb('e.provider_id', 'is', null), eb('e.provider_id', '=', slot.providerId)]))
    .where((eb) => eb.or([eb('e.location_id', 'is', null), eb('e.location_id', '=', slot.locationId)]))
    .where('e.earliest_date', '<=', localDate)
    .where('e.latest_date', '>=', localDate)
    .where((outer) =>
      outer.not(
        outer.exists(
          outer
            .selectFrom('waitlist_offer as o')
            .select('o.id')
            .whereRef('o.organization_id', '=', 'e.organization_id')
            .whereRef('o.entry_id', '=', 'e.id')
            .where((eb) =>
              eb.or([
                eb('o.state', '=', 'open'),
                eb.and([
                  eb('o.provider_id', '=', slot.providerId),
                  eb('o.location_id', '=', slot.locationId),
                  eb('o.starts_at', '=', slot.start),
                  eb('o.state', 'in', ['declined', 'expired', 'accepted']),
                ]),
              ]),
            ),
        ),
      ),
    )
    .orderBy(RANK)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** Active entries with no open offer, for the sweep, with the times each already answered. */
export async function entriesAwaitingOffers(executor: Executor, organizationId: string, limit: number) {
  const entries = await executor
    .selectFrom('waitlist_entry as e')
    .select([...CANDIDATE_COLUMNS, 'e.appointment_type_id'])
    .where('e.organization_id', '=', organizationId)
    .where('e.status', '=', 'active')
    .where((outer) =>
      outer.not(
        outer.exists(
          outer
            .selectFrom('waitlist_offer as o')
            .select('o.id')
            .whereRef('o.organization_id', '=', 'e.organization_id')
            .whereRef('o.entry_id', '=', 'e.id')
            .where('o.state', '=', 'open'),
        ),
      ),
    )
    .orderBy(RANK)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  const answered = entries.length
    ? await executor
        .selectFrom('waitlist_offer')
        .select(['entry_id', 'provider_id', 'location_id', 'starts_at'])
        .where('organization_id', '=', organizationId)
        .where(
          'entry_id',
          'in',
          entries.map((entry) => entry.id),
        )
        .where('state', 'in', ['declined', 'expired', 'accepted'])
        .execute()
    : [];
  return { entries, answered };
}

// ---------------------------------------------------------------------------------------------------------------
// Offers

export type NewOffer = Omit<
  Insertable<WaitlistOfferTable>,
  'organization_id' | 'state' | 'withdrawn_reason' | 'responded_at' | 'closed_at' | 'appointment_id'
>;

export async function insertOffer(executor: Executor, organizationId: string, offer: NewOffer) {
  await executor
    .insertInto('waitlist_offer')
    .values({ ...offer, organization_id: organizationId, state: 'open' })
    .execute();
}

const OFFER_COLUMNS = [
  'o.id',
  'o.entry_id',
  'o.patient_id',
  'o.appointment_type_id',
  'o.provider_id',
  'pr.display_name as provider_name',
  'o.location_id',
  'l.name as location_name',
  'l.time_zone',
  'o.starts_at',
  'o.ends_at',
  'o.channel',
  'o.state',
  'o.withdrawn_reason',
  'o.sent_at',
  'o.expires_at',
  'o.responded_at',
  'o.appointment_id',
] as const;

function selectOffers(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('waitlist_offer as o')
    .innerJoin('provider as pr', (join) =>
      join.onRef('pr.organization_id', '=', 'o.organization_id').onRef('pr.id', '=', 'o.provider_id'),
    )
    .innerJoin('location as l', (join) =>
      join.onRef('l.organization_id', '=', 'o.organization_id').onRef('l.id', '=', 'o.location_id'),
    )
    .select(OFFER_COLUMNS)
    .where('o.organization_id', '=', organizationId);
}

export type OfferRow = NonNullable<Awaited<ReturnType<typeof findOfferByToken>>>;

/** The offer a token names (locked for the answer when asked). */
export async function findOfferByToken(
  executor: Executor,
  organizationId: string,
  tokenHash: string,
  forUpdate = false,
) {
  let query = selectOffers(executor, organizationId).where('o.token_hash', '=', tokenHash);
  if (forUpdate) query = query.forUpdate('o');
  return query.executeTakeFirst();
}

/** One offer by id, in the caller's organization and, for portal accounts, among their patients. */
export async function findOffer(executor: Executor, context: ActorContext, id: string, forUpdate = false) {
  let query = selectOffers(executor, context.organizationId).where('o.id', '=', id);
  if (context.patientScope) {
    query = query.where('o.patient_id', 'in', scopedPatientIds(context.patientScope));
  }
  if (forUpdate) query = query.forUpdate('o');
  return query.executeTakeFirst();
}

/** Offers made to some entries, newest first. */
export async function offersOfEntries(
  executor: Executor,
  organizationId: string,
  entryIds: readonly string[],
) {
  if (entryIds.length === 0) return [];
  return selectOffers(executor, organizationId)
    .where('o.entry_id', 'in', [...entryIds])
    .orderBy('o.sent_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
}

/** Open offers of one time. */
export async function openOffersOfSlot(executor: Executor, organizationId: string, slot: SlotRef) {
  return executor
    .selectFrom('waitlist_offer')
    .select(['id', 'entry_id', 'patient_id', 'expires_at'])
    .where('organization_id', '=', organizationId)
    .where('appointment_type_id', '=', slot.appointmentTypeId)
    .where('provider_id', '=', slot.providerId)
    .where('location_id', '=', slot.locationId)
    .where('starts_at', '=', slot.start)
    .where('state', '=', 'open')
    .execute();
}

/** The open offer of an entry, if any. */
export async function openOfferOfEntry(executor: Executor, organizationId: string, entryId: string) {
  return executor
    .selectFrom('waitlist_offer')
    .select([
      'id',
      'patient_id',
      'appointment_type_id',
      'provider_id',
      'location_id',
      'starts_at',
      'expires_at',
    ])
    .where('organization_id', '=', organizationId)
    .where('entry_id', '=', entryId)
    .where('state', '=', 'open')
    .executeTakeFirst();
}

/** Distinct times with open offers whose time to answer has passed (the sweep's safety net). */
export async function slotsWithDueOffers(
  executor: Executor,
  organizationId: string,
  now: Date,
  limit: number,
) {
  const rows = await executor
    .selectFrom('waitlist_offer')
    .select(['appointment_type_id', 'provider_id', 'location_id', 'starts_at'])
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('state', '=', 'open')
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map(toSlotRef);
}

function toSlotRef(row: {
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  starts_at: Date;
}): SlotRef {
  return {
    appointmentTypeId: row.appointment_type_id,
    providerId: row.provider_id,
    locationId: row.location_id,
    start: row.starts_at,
  };
}

export type OfferChange = {
  state: 'accepted' | 'declined' | 'expired' | 'taken' | 'withdrawn';
  withdrawnReason?: WaitlistOfferTable['withdrawn_reason'];
  appointmentId?: string;
  responded?: boolean;
};

/**
 * Moves offers from one of `from` states to a new one, optionally only those of a time or an entry, or due by
 * `dueBy`. Returns the offers changed (with their patient, for the audit).
 */
export async function changeOffers(
  executor: Executor,
  organizationId: string,
  where: {
    ids?: readonly string[];
    slot?: SlotRef;
    entryId?: string;
    from: readonly WaitlistOfferTable['state'][];
    dueBy?: Date;
    overlapping?: { providerId: string; from: Date; to: Date };
  },
  change: OfferChange,
  now: Date,
) {
  let query = executor
    .updateTable('waitlist_offer')
    .set({
      state: change.state,
      closed_at: now,
      ...(change.withdrawnReason ? { withdrawn_reason: change.withdrawnReason } : {}),
      ...(change.appointmentId ? { appointment_id: change.appointmentId } : {}),
      ...(change.responded ? { responded_at: now } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('state', 'in', [...where.from]);
  if (where.ids) {
    if (where.ids.length === 0) return [];
    query = query.where('id', 'in', [...where.ids]);
  }
  if (where.entryId) query = query.where('entry_id', '=', where.entryId);
  if (where.slot) {
    query = query
      .where('appointment_type_id', '=', where.slot.appointmentTypeId)
      .where('provider_id', '=', where.slot.providerId)
      .where('location_id', '=', where.slot.locationId)
      .where('starts_at', '=', where.slot.start);
  }
  if (where.overlapping) {
    query = query
      .where('provider_id', '=', where.overlapping.providerId)
      .where('starts_at', '<', where.overlapping.to)
      .where('ends_at', '>', where.overlapping.from);
  }
  if (where.dueBy) query = query.where('expires_at', '<=', where.dueBy);
  const rows = await query
    .returning([
      'id',
      'patient_id',
      'entry_id',
      'channel',
      'appointment_type_id',
      'provider_id',
      'location_id',
      'starts_at',
    ])
    .execute();
  return rows.map((row) => ({ ...row, slot: toSlotRef(row) }));
}
