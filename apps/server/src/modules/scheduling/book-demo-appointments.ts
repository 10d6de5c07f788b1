import { systemContext } from '../../platform/access/context';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/http/errors';
import { bookAppointment } from './book-appointment';
import { findSlots } from './find-slots';
import { listAppointmentTypes } from './scheduling.repository';
import { toZonedIso } from './zoned-time';

/**
 * Fills part of the coming days with appointments for synthetic patients, through the real booking path (every
 * rule and constraint applies). For the demo clinic and benchmarks; returns how many were booked.
 */
export async function bookDemoAppointments(
  db: Db,
  organizationId: string,
  patientIds: readonly string[],
  options: { days: number; everyNthSlot: number; now: Date },
): Promise<number> {
  const context = systemContext(organizationId);
  const types = await listAppointmentTypes(db, organizationId);
  const to = new Date(options.now.getTime() + options.days * 86_400_000);
  let booked = 0;
  let patientIndex = 0;
  for (const type of types) {
    const { slots, schedule } = await findSlots(db, context, {
      appointmentTypeId: type.id,
      from: options.now,
      to,
      now: options.now,
    });
    for (let index = 0; index < slots.length; index += options.everyNthSlot * types.length) {
      const slot = slots[index];
      const patientId = patientIds[patientIndex % patientIds.length];
      if (!slot || !patientId) continue;
      patientIndex += 1;
      const timeZone = schedule.locations.get(slot.locationId)?.timeZone ?? 'UTC';
      try {
        await inTransaction(db, (trx) =>
          bookAppointment(
            trx,
            context,
            {
              patientId,
              appointmentTypeId: type.id,
              providerId: slot.providerId,
              locationId: slot.locationId,
              start: toZonedIso(slot.start, timeZone),
            },
            { now: options.now, via: 'desk', mayOverbook: false },
          ),
        );
        booked += 1;
      } catch (error) {
        // Another type took the time, or the patient is busy then: leave the slot free.
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
  return booked;
}
