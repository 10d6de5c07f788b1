import type { Slot } from '@patientdesk/contracts';
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
