import { organizationProfile } from '../../platform/tenancy/organizations.repository';
import { systemContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/http/errors';
import { loadSchedule, slotsInWindow, toLocal, weekdayOf } from '../scheduling';
import { closeOffers } from './close-offers';
import { enqueueReconcile } from './jobs/waitlist-jobs';
import { matchesSlot } from './matching';
import { criteriaOf, reconcileSlot } from './reconcile-slot';
import type { WaitlistDeps } from './waitlist-deps';
import { expirePassedEntries, type SlotRef } from './waitlist.repository';
import { entriesAwaitingOffers, slotsWithDueOffers } from './waitlist-offers.repository';
import { waitlistSettingsOf } from './waitlist-settings';

/** Times one sweep may offer, per organization: a burst of new availability is spread over a few sweeps. */
const MAX_TIMES_PER_SWEEP = 50;
const MAX_ENTRIES_PER_SWEEP = 500;
const DAY = 86_400_000;

const keyOf = (entryId: string, slot: { providerId: string; locationId: string; start: Date }) =>
  `${entryId}|${slot.providerId}|${slot.locationId}|${slot.start.toISOString()}`;

/**
 * One organization's sweep. New availability (a template, an extra clinic, a lifted block or holiday) changes no
 * appointment, so no appointment event announces it: the sweep finds it by asking the slot engine for free times of
 * each kind of visit that has entries waiting, over the next days (default 14), and offering those that suit them.
 * It also expires entries whose window has passed, and is the safety net for offers whose expiry job was missed.
 */
export async function sweepWaitlist(
  deps: WaitlistDeps,
  organizationId: string,
): Promise<{ expiredEntries: number; times: number }> {
  const now = deps.clock.now();
  const context = systemContext(organizationId);
  const expiredEntries = await inTransaction(deps.db, async (trx) => {
    const expired = await expirePassedEntries(trx, organizationId, now);
    await recordAudit(
      trx,
      context,
      expired.map((entry) => ({
        action: 'update' as const,
        patientId: entry.patient_id,
        resourceType: 'WaitlistEntry',
        resourceId: entry.id,
        details: { status: 'expired' },
      })),
      now,
    );
    for (const entry of expired) {
      const withdrawn = await closeOffers(
        trx,
        context,
        { entryId: entry.id, from: ['open'] },
        { state: 'withdrawn', withdrawnReason: 'entry-closed' },
        now,
      );
      for (const offer of withdrawn) await enqueueReconcile(trx, organizationId, offer.slot, { now });
    }
    return expired.length;
  });

  let times = 0;
  for (const slot of await slotsWithDueOffers(deps.db, organizationId, now, MAX_TIMES_PER_SWEEP)) {
    await inTransaction(deps.db, (trx) => reconcileSlot(trx, deps, organizationId, slot));
    times += 1;
  }

  const organization = await organizationProfile(deps.db, organizationId);
  if (!organization) return { expiredEntries, times };
  const settings = waitlistSettingsOf(organization);
  const { entries, answered } = await entriesAwaitingOffers(deps.db, organizationId, MAX_ENTRIES_PER_SWEEP);
  const answeredKeys = new Set(
    answered.map((row) =>
      keyOf(row.entry_id, { providerId: row.provider_id, locationId: row.location_id, start: row.starts_at }),
    ),
  );
  const byType = new Map<string, typeof entries>();
  for (const entry of entries) {
    byType.set(entry.appointment_type_id, [...(byType.get(entry.appointment_type_id) ?? []), entry]);
  }
  for (const [appointmentTypeId, waitingOfType] of byType) {
    if (times >= MAX_TIMES_PER_SWEEP) break;
    const lastDay = waitingOfType.reduce(
      (last, entry) => (entry.latest_date > last ? entry.latest_date : last),
      '',
    );
    const to = new Date(Math.min(now.getTime() + settings.sweepDays * DAY, Date.parse(lastDay) + 2 * DAY));
    if (to <= now) continue;
    let schedule: Awaited<ReturnType<typeof loadSchedule>>;
    try {
      schedule = await loadSchedule(deps.db, context, { appointmentTypeId, from: now, to, now });
    } catch (error) {
      if (error instanceof AppError && error.code === 'APPOINTMENT_TYPE_NOT_FOUND') continue;
      throw error;
    }
    const free = await slotsInWindow(deps.db, context, schedule, { from: now, to, now, limit: 2000 });
    let waiting = waitingOfType;
    for (const candidate of free) {
      if (waiting.length === 0 || times >= MAX_TIMES_PER_SWEEP) break;
      const timeZone = schedule.locations.get(candidate.locationId)?.timeZone;
      if (!timeZone) continue;
      const local = toLocal(candidate.start, timeZone);
      const localSlot = {
        providerId: candidate.providerId,
        locationId: candidate.locationId,
        localDate: local.date,
        weekday: weekdayOf(local.date),
        localMinutes: local.minutes,
      };
      const suits = waiting.some(
        (entry) => matchesSlot(criteriaOf(entry), localSlot) && !answeredKeys.has(keyOf(entry.id, candidate)),
      );
      if (!suits) continue;
      const slot: SlotRef = {
        appointmentTypeId,
        providerId: candidate.providerId,
        locationId: candidate.locationId,
        start: candidate.start,
      };
      const result = await inTransaction(deps.db, (trx) => reconcileSlot(trx, deps, organizationId, slot));
      times += 1;
      waiting = waiting.filter((entry) => !result.offered.includes(entry.id));
    }
  }
  return { expiredEntries, times };
}
