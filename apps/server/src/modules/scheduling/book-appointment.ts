import type { BookAppointmentRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { auditWrite, type Executor } from '../../platform/audit/audit.repository';
import { organizationSettings } from '../../platform/auth/auth.repository';
import type { OrganizationSettings } from '../../platform/db/schema';
import { pgConstraint, pgErrorCode } from '../../platform/db/transaction';
import { randomToken, uuidv7 } from '../../platform/ids';
import { appointmentChangeWrite } from './appointment-events';
import { heldOverlaps, scheduleFilter, slotsGivenBusy, slotsInWindow, toSchedule } from './find-slots';
import { schedulingError } from './scheduling.errors';
import {
  bookingSnapshot,
  findRoom,
  insertAppointment,
  lockProviderBookings,
  LONGEST_HOLD_MS,
  type AppointmentRow,
} from './scheduling.repository';

export type BookingOptions = {
  now: Date;
  via: 'desk' | 'portal' | 'waitlist' | 'api';
  /** The caller may overbook (a supervisor); the organization must allow it too. */
  mayOverbook: boolean;
  /** Moving an appointment: the one it replaces, whose time does not count as taken. */
  rescheduledFromId?: string;
};

/**
 * Books an appointment in the caller's transaction. The start must be a slot the engine offers now (on the grid,
 * in open time, within the type's rules); the database's exclusion constraints are the final word against a
 * double booking by a concurrent request, and answer SLOT_TAKEN. Returns the new appointment as
 * `findAppointment` reads it.
 */
export async function bookAppointment(
  trx: Executor,
  context: ActorContext,
  input: BookAppointmentRequest,
  options: BookingOptions,
): Promise<AppointmentRow> {
  const start = new Date(input.start);
  const window = { from: start, to: new Date(start.getTime() + 1) };
  // One round trip for the patient, the schedule and the provider's held time around the start (not yet locked).
  const snapshot = await bookingSnapshot(trx, context.organizationId, {
    ...scheduleFilter({ ...input, ...window }),
    providerId: input.providerId,
    patientId: input.patientId,
    busyFrom: window.from,
    busyTo: new Date(window.to.getTime() + LONGEST_HOLD_MS),
    exceptAppointmentId: options.rescheduledFromId,
  });
  const { patient } = snapshot;
  if (!patient) {
    throw schedulingError('PATIENT_INVALID', 'No patient with that id.', {
      fields: [{ path: 'body.patientId', message: 'No such patient' }],
    });
  }
  if (patient.merged_into) {
    throw schedulingError(
      'PATIENT_MERGED',
      `This record was merged into record ${patient.merged_into}. Book the visit there.`,
      { fields: [{ path: 'body.patientId', message: 'Merged into another record' }] },
    );
  }
  const schedule = toSchedule(snapshot);
  const { type } = schedule;
  if (!schedule.providerIds.includes(input.providerId) || !schedule.locations.has(input.locationId)) {
    throw schedulingError(
      'PROVIDER_NOT_OFFERED',
      'This provider does not offer this visit at this location.',
    );
  }
  const overbooking = input.overbook !== undefined;
  // Settings matter only to an overbooking or a video visit: most bookings need not read them.
  const settings: OrganizationSettings =
    overbooking || type.modality === 'video' ? await organizationSettings(trx, context.organizationId) : {};
  if (overbooking && !(options.mayOverbook && settings.allowOverbooking)) {
    throw schedulingError(
      'OVERBOOK_NOT_ALLOWED',
      'Overbooking needs a supervisor, where the organization allows it.',
    );
  }
  let roomId = input.roomId ?? null;
  if (roomId) {
    const room = await findRoom(trx, context.organizationId, roomId);
    if (!room || room.location_id !== input.locationId || (type.room_kind && room.kind !== type.room_kind)) {
      throw schedulingError(
        'ROOM_INVALID',
        'That room is not at this location, or not the kind this visit needs.',
        {
          fields: [{ path: 'body.roomId', message: 'Choose a room of the right kind at this location' }],
        },
      );
    }
  }
  if (!overbooking) {
    // Time the provider already held when the snapshot was read is taken for certain: refuse without queueing for
    // the lock behind the booking that took it (under contention, most refusals are of this kind).
    if (heldOverlaps(snapshot.busy, type, start)) {
      throw schedulingError('SLOT_TAKEN', 'That time is no longer free. Choose another slot.');
    }
    const slotWindow = {
      ...window,
      now: options.now,
      ...(options.rescheduledFromId ? { exceptAppointmentId: options.rescheduledFromId } : {}),
    };
    // A daily maximum counts, and a room is chosen among, what others hold now: under the provider's lock (to the
    // commit, this provider's other bookings wait), read again. Otherwise only time can have been taken since the
    // snapshot, and the exclusion constraints refuse that at the insert: the snapshot's held time decides.
    const recount = type.rules.maxPerDay !== undefined || type.room_kind !== null;
    if (recount) await lockProviderBookings(trx, context.organizationId, input.providerId);
    const slots = recount
      ? await slotsInWindow(trx, context, schedule, slotWindow)
      : await slotsGivenBusy(trx, context, schedule, slotWindow, [
          { provider_id: input.providerId, busy: snapshot.busy },
        ]);
    const slot = slots.find(
      (candidate) => candidate.providerId === input.providerId && candidate.locationId === input.locationId,
    );
    if (!slot) {
      throw schedulingError('SLOT_TAKEN', 'That time is no longer free. Choose another slot.');
    }
    if (type.room_kind) roomId = roomId ?? slot.roomId;
  }
  const id = uuidv7(options.now.getTime());
  const endsAt = new Date(start.getTime() + type.duration_minutes * 60_000);
  const videoUrl =
    type.modality === 'video' && settings.videoUrlPattern
      ? settings.videoUrlPattern.replace('{token}', randomToken(16))
      : null;
  // The change (a reschedule publishes its own) and the audit event go in with the appointment, in one statement.
  const writes = [
    ...(options.rescheduledFromId
      ? []
      : [appointmentChangeWrite(context, { appointmentId: id, change: 'booked' })]),
    auditWrite(
      context,
      {
        action: 'create',
        patientId: input.patientId,
        resourceType: 'Appointment',
        resourceId: id,
        details: { via: options.via, overbooked: overbooking },
      },
      options.now,
    )!,
  ];
  let appointment: AppointmentRow | undefined;
  try {
    appointment = await insertAppointment(
      trx,
      context,
      {
        id,
        patientId: input.patientId,
        providerId: input.providerId,
        locationId: input.locationId,
        roomId,
        appointmentTypeId: type.id,
        startsAt: start,
        endsAt,
        blockedUntil: new Date(endsAt.getTime() + type.buffer_minutes * 60_000),
        status: 'booked',
        modality: type.modality,
        videoUrl,
        note: input.note ?? null,
        overbooked: overbooking,
        overbookReason: input.overbook?.reason ?? null,
        rescheduledFromId: options.rescheduledFromId ?? null,
        bookedVia: options.via,
      },
      options.now,
      { reason: input.overbook ? `overbooked: ${input.overbook.reason}` : null },
      writes,
    );
  } catch (error) {
    if (pgErrorCode(error) === '23P01') {
      if (pgConstraint(error) === 'appointment_no_patient_overlap') {
        throw schedulingError(
          'PATIENT_DOUBLE_BOOKED',
          'The patient already has an appointment at that time.',
        );
      }
      throw schedulingError('SLOT_TAKEN', 'That time was just booked by someone else. Choose another slot.');
    }
    throw error;
  }
  if (!appointment) throw schedulingError('APPOINTMENT_NOT_FOUND', 'The appointment could not be read back.');
  return appointment;
}
