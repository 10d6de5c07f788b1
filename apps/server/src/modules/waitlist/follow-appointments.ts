import { systemContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { toLocal, type AppointmentChange, type AppointmentChangeListener } from '../scheduling';
import { closeOffers } from './close-offers';
import { enqueueReconciles } from './jobs/waitlist-jobs';
import type { WaitlistDeps } from './waitlist-deps';
import {
  appointmentForWaitlist,
  appointmentTakingTime,
  closeEntry,
  type SlotRef,
} from './waitlist.repository';

const HOLDING = new Set(['booked', 'confirmed', 'arrived', 'checked_in', 'in_room', 'completed']);

/**
 * The waitlist's listener on appointment changes. A cancellation frees its time, and a reschedule the old time:
 * each is queued to be offered (if the slot engine agrees it is free). A booking (or the new time of a reschedule)
 * takes time: open offers that overlap it are queued to be checked, and the patient's active entries for that kind
 * of visit whose window holds the day are satisfied (booked). It only enqueues and updates rows, so a failure here
 * never holds up other listeners for long, and running twice does no harm.
 *
 * It reads first, outside a transaction (the reads lock nothing, so a transaction would see the same), and writes
 * only when there is something to do: most bookings take time nobody was offered, for a patient not waiting.
 */
export function followAppointments(deps: WaitlistDeps): AppointmentChangeListener {
  return async (change: AppointmentChange) => {
    const now = deps.clock.now();
    const organizationId = change.organizationId;
    const freedId =
      change.change === 'cancelled'
        ? change.appointmentId
        : change.change === 'rescheduled'
          ? change.previousAppointmentId
          : null;
    const takenId =
      change.change === 'booked' || change.change === 'rescheduled' ? change.appointmentId : null;

    const freedAppointment = freedId
      ? await appointmentForWaitlist(deps.db, organizationId, freedId)
      : undefined;
    const reconcile: SlotRef[] = [];
    if (freedAppointment && freedAppointment.starts_at > now) {
      reconcile.push({
        appointmentTypeId: freedAppointment.appointment_type_id,
        providerId: freedAppointment.provider_id,
        locationId: freedAppointment.location_id,
        start: freedAppointment.starts_at,
      });
    }
    const taken = takenId ? await appointmentTakingTime(deps.db, organizationId, takenId) : undefined;
    let satisfied: { id: string; patient_id: string }[] = [];
    if (taken && HOLDING.has(taken.status)) {
      reconcile.push(...taken.open_slots);
      const localDate = toLocal(taken.starts_at, taken.time_zone).date;
      satisfied = taken.entries.filter(
        (entry) => entry.earliest_date <= localDate && entry.latest_date >= localDate,
      );
    }

    if (!taken || satisfied.length === 0) {
      // One statement or none: no transaction needed.
      await enqueueReconciles(deps.db, organizationId, reconcile, { now });
      return;
    }
    await inTransaction(deps.db, async (trx) => {
      await enqueueReconciles(trx, organizationId, reconcile, { now });
      await satisfy(trx, organizationId, taken.id, satisfied, now);
    });
  };
}

/** Closes the entries a booking satisfied, withdrawing their open offers (whose times are then offered again). */
async function satisfy(
  trx: Executor,
  organizationId: string,
  appointmentId: string,
  entries: readonly { id: string; patient_id: string }[],
  now: Date,
) {
  const context = systemContext(organizationId);
  for (const entry of entries) {
    const withdrawn = await closeOffers(
      trx,
      context,
      { entryId: entry.id, from: ['open'] },
      { state: 'withdrawn', withdrawnReason: 'entry-closed' },
      now,
    );
    await enqueueReconciles(
      trx,
      organizationId,
      withdrawn.map((offer) => offer.slot),
      { now },
    );
    if (
      await closeEntry(
        trx,
        organizationId,
        entry.id,
        { status: 'booked', reason: 'appointment-booked', appointmentId },
        now,
      )
    ) {
      await recordAudit(
        trx,
        context,
        {
          action: 'update',
          patientId: entry.patient_id,
          resourceType: 'WaitlistEntry',
          resourceId: entry.id,
          details: { status: 'booked', appointmentId },
        },
        now,
      );
    }
  }
}
