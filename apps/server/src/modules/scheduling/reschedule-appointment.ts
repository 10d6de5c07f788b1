import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { publishAppointmentChange } from './appointment-events';
import { bookAppointment } from './book-appointment';
import { cancelAppointment } from './change-appointment';
import { schedulingError } from './scheduling.errors';
import { updateAppointment, type AppointmentRow } from './scheduling.repository';

/**
 * Moves an appointment: the old one is cancelled with reason "rescheduled" and points to the new one, which
 * points back; both in one transaction, so the patient never holds two visits or none. The old visit's own time
 * stays available to the new one (moving 15 minutes later is not a conflict with itself).
 */
export async function rescheduleAppointment(
  trx: Executor,
  context: ActorContext,
  current: AppointmentRow,
  move: {
    start: string;
    providerId?: string | undefined;
    locationId?: string | undefined;
    roomId?: string | undefined;
    by: 'patient' | 'clinic' | 'provider';
  },
  options: { now: Date; via: 'desk' | 'portal' | 'api' },
): Promise<string> {
  if (current.status !== 'booked' && current.status !== 'confirmed') {
    throw schedulingError(
      'TRANSITION_NOT_ALLOWED',
      `An appointment that is ${current.status} cannot be moved.`,
    );
  }
  // Cancel first: the patient's own old visit must not count against the new one.
  await cancelAppointment(
    trx,
    context,
    current,
    { reason: 'rescheduled', by: move.by },
    { now: options.now },
  );
  const { id: newId } = await bookAppointment(
    trx,
    context,
    {
      patientId: current.patient_id,
      appointmentTypeId: current.appointment_type_id,
      providerId: move.providerId ?? current.provider_id,
      locationId: move.locationId ?? current.location_id,
      start: move.start,
      ...(move.roomId ? { roomId: move.roomId } : {}),
      ...(current.note ? { note: current.note } : {}),
    },
    { now: options.now, via: options.via, mayOverbook: false, rescheduledFromId: current.id },
  );
  await updateAppointment(
    trx,
    context.organizationId,
    current.id,
    current.version + 1,
    { rescheduled_to_id: newId },
    options.now,
  );
  await publishAppointmentChange(trx, context, {
    appointmentId: newId,
    change: 'rescheduled',
    previousAppointmentId: current.id,
  });
  return newId;
}
