import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { AppError } from '../../platform/http/errors';
import { loadSchedule, slotsInWindow } from '../scheduling';
import type { SlotRef } from './waitlist.repository';

export type FreeSlot = { start: Date; end: Date; timeZone: string };

/**
 * The slot engine's word on a time: free now for its type, provider and location (on the grid, in open time,
 * within the type's rules, nothing held) — the same test a booking passes. Null when it is not.
 */
export async function freeSlot(
  executor: Executor,
  context: ActorContext,
  slot: SlotRef,
  now: Date,
): Promise<FreeSlot | null> {
  const to = new Date(slot.start.getTime() + 1);
  let schedule: Awaited<ReturnType<typeof loadSchedule>>;
  try {
    schedule = await loadSchedule(executor, context, {
      appointmentTypeId: slot.appointmentTypeId,
      providerId: slot.providerId,
      locationId: slot.locationId,
      from: slot.start,
      to,
      now,
    });
  } catch (error) {
    // A type retired since the offer: nothing of it is bookable.
    if (error instanceof AppError && error.code === 'APPOINTMENT_TYPE_NOT_FOUND') return null;
    throw error;
  }
  const slots = await slotsInWindow(executor, context, schedule, { from: slot.start, to, now });
  const found = slots.find(
    (candidate) =>
      candidate.providerId === slot.providerId &&
      candidate.locationId === slot.locationId &&
      candidate.start.getTime() === slot.start.getTime(),
  );
  const timeZone = schedule.locations.get(slot.locationId)?.timeZone;
  return found && timeZone ? { start: found.start, end: found.end, timeZone } : null;
}
