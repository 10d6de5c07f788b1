import { organizationProfile } from '../../platform/tenancy/organizations.repository';
import { systemContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { toLocal, weekdayOf } from '../scheduling';
import { closeOffers } from './close-offers';
import { freeSlot } from './free-slot';
import { enqueueReconcile } from './jobs/waitlist-jobs';
import { makeOffer } from './make-offer';
import { matchesSlot } from './matching';
import type { WaitlistDeps } from './waitlist-deps';
import { locationName, lockProviderOffers, type SlotRef } from './waitlist.repository';
import { candidatesForSlot, openOffersOfSlot, type CandidateRow } from './waitlist-offers.repository';
import { waitlistSettingsOf } from './waitlist-settings';

/** An entry row as the matcher reads it. */
export function criteriaOf(row: Omit<CandidateRow, 'priority' | 'created_at' | 'id' | 'patient_id'>) {
  return {
    providerId: row.provider_id,
    locationId: row.location_id,
    earliestDate: row.earliest_date,
    latestDate: row.latest_date,
    weekdays: row.weekdays ? row.weekdays.map(Number) : null,
    earliestTime: row.earliest_time,
    latestTime: row.latest_time,
  };
}

/**
 * Brings one time's offers up to date, in the caller's transaction, holding the provider's offer lock: offers past
 * their time expire; if the time is no longer a free slot every open offer is withdrawn; otherwise the time is
 * offered to the best-ranked matching entries until the organization's number of open offers (default 3) is
 * reached, and an expiry check is queued for them. Safe to run any number of times. Returns the entries offered.
 */
export async function reconcileSlot(
  executor: Executor,
  deps: Pick<WaitlistDeps, 'clock' | 'linkBase'>,
  organizationId: string,
  slot: SlotRef,
): Promise<{ free: boolean; offered: string[] }> {
  const now = deps.clock.now();
  const context = systemContext(organizationId);
  await lockProviderOffers(executor, organizationId, slot.providerId);
  await closeOffers(executor, context, { slot, from: ['open'], dueBy: now }, { state: 'expired' }, now);
  const free = await freeSlot(executor, context, slot, now);
  if (!free) {
    await closeOffers(
      executor,
      context,
      { slot, from: ['open'] },
      { state: 'withdrawn', withdrawnReason: 'slot-unavailable' },
      now,
    );
    return { free: false, offered: [] };
  }
  const organization = await organizationProfile(executor, organizationId);
  if (!organization) return { free: true, offered: [] };
  const settings = waitlistSettingsOf(organization);
  const room = settings.offersAtOnce - (await openOffersOfSlot(executor, organizationId, slot)).length;
  if (room <= 0) return { free: true, offered: [] };
  const local = toLocal(slot.start, free.timeZone);
  const localSlot = {
    providerId: slot.providerId,
    locationId: slot.locationId,
    localDate: local.date,
    weekday: weekdayOf(local.date),
    localMinutes: local.minutes,
  };
  // Already in waitlist order (high priority, then oldest); the matcher adds weekdays and time of day.
  const chosen = (await candidatesForSlot(executor, organizationId, slot, local.date))
    .filter((row) => matchesSlot(criteriaOf(row), localSlot))
    .slice(0, room);
  if (chosen.length === 0) return { free: true, offered: [] };
  const place = (await locationName(executor, organizationId, slot.locationId)) ?? settings.clinicName;
  const offered: string[] = [];
  let expiresAt: Date | null = null;
  for (const entry of chosen) {
    const made = await makeOffer(executor, context, {
      target: { entryId: entry.id, patientId: entry.patient_id, priority: entry.priority },
      slot,
      free,
      locationName: place,
      settings,
      linkBase: deps.linkBase,
      now,
    });
    if (!made) continue;
    offered.push(entry.id);
    expiresAt = made.expiresAt;
  }
  if (expiresAt) await enqueueReconcile(executor, organizationId, slot, { now, dueAt: expiresAt });
  return { free: true, offered };
}
