import type { Slot } from '@patientdesk/contracts';
import type { OfferedTemplate } from './scheduling.repository';
import type { EngineSlot } from './slot-engine';
import { toZonedIso } from './zoned-time';

/** Slots as the API shows them, each instant in its location's own offset. */
export function toSlots(
  slots: readonly EngineSlot[],
  locations: ReadonlyMap<string, { timeZone: string }>,
): Slot[] {
  return slots.map((slot) => {
    const timeZone = locations.get(slot.locationId)?.timeZone ?? 'UTC';
    return {
      start: toZonedIso(slot.start, timeZone),
      end: toZonedIso(slot.end, timeZone),
      providerId: slot.providerId,
      locationId: slot.locationId,
      roomId: slot.roomId,
    };
  });
}

/** A weekly template in the API's words (and the slot engine's). */
export function templateView(row: OfferedTemplate) {
  return {
    providerId: row.provider_id,
    locationId: row.location_id,
    weekday: row.weekday,
    startTime: row.start_time,
    endTime: row.end_time,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    appointmentTypeIds: row.appointment_type_ids,
  };
}
