import { systemContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { toLocal, type AppointmentChange, type AppointmentChangeListener } from '../scheduling';
import { closeOffers } from './close-offers';
import { enqueueReconcile } from './jobs/waitlist-jobs';
import type { WaitlistDeps } from './waitlist-deps';
import { activeEntriesSatisfiedBy, appointmentForWaitlist, closeEntry } from './waitlist.repository';
import { openSlotsOverlapping } from './waitlist-offers.repository';

const HOLDING = new Set(['booked', 'confirmed', 'arrived', 'checked_in', 'in_room', 'completed']);

/**
 * The waitlist's listener on appointment changes. A cancellation frees its time, and a reschedule the old time:
 * each is queued to be offered (if the slot engine agrees it is free). A booking (or the new time of a reschedule)
 * takes time: open offers that overlap it are queued to be checked, and the patient's active entries for that kind
 * of visit whose window holds the day are satisfied (booked). It only enqueues and updates rows, so a failure here
 * never holds up other listeners for long, and running twice does no harm.
 */
export function followAppointments(deps: WaitlistDeps): AppointmentChangeListener {
  return async (change: AppointmentChange) => {
    await inTransaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      switch (change.change) {
        case 'cancelled':
          await freed(trx, change.organizationId, change.appointmentId, now);
          break;
        case 'rescheduled':
          if (change.previousAppointmentId) {
            await freed(trx, change.organizationId, change.previousAppointmentId, now);
          }
          await taken(trx, change.organizationId, change.appointmentId, now);
          break;
        case 'booked':
          await taken(trx, change.organizationId, change.appointmentId, now);
          break;
        case 'status':
          break;
      }
    });
  };
}

async function freed(trx: Executor, organizationId: string, appointmentId: string, now: Date) {
  const appointment = await appointmentForWaitlist(trx, organizationId, appointmentId);
  if (!appointment || appointment.starts_at <= now) return;
  await enqueueReconcile(
    trx,
    organizationId,
    {
      appointmentTypeId: appointment.appointment_type_id,
      providerId: appointment.provider_id,
      locationId: appointment.location_id,
      start: appointment.starts_at,
    },
    { now },
  );
}

async function taken(trx: Executor, organizationId: string, appointmentId: string, now: Date) {
  const appointment = await appointmentForWaitlist(trx, organizationId, appointmentId);
  if (!appointment || !HOLDING.has(appointment.status)) return;
  const context = systemContext(organizationId);
  for (const slot of await openSlotsOverlapping(
    trx,
    organizationId,
    appointment.provider_id,
    appointment.starts_at,
    appointment.blocked_until,
  )) {
    await enqueueReconcile(trx, organizationId, slot, { now });
  }
  const satisfied = await activeEntriesSatisfiedBy(trx, organizationId, {
    patientId: appointment.patient_id,
    appointmentTypeId: appointment.appointment_type_id,
    localDate: toLocal(appointment.starts_at, appointment.time_zone).date,
  });
  for (const entry of satisfied) {
    const withdrawn = await closeOffers(
      trx,
      context,
      { entryId: entry.id, from: ['open'] },
      { state: 'withdrawn', withdrawnReason: 'entry-closed' },
      now,
    );
    for (const offer of withdrawn) await enqueueReconcile(trx, organizationId, offer.slot, { now });
    if (
      await closeEntry(
        trx,
        organizationId,
        entry.id,
        { status: 'booked', reason: 'appointment-booked', appointmentId: appointment.id },
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
          details: { status: 'booked', appointmentId: appointment.id },
        },
        now,
      );
    }
  }
}
