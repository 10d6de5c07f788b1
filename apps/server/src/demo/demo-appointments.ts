import { bookDemoAppointments } from '../modules/scheduling';
import type { Db } from '../platform/db/database';

/** The next five days of the demo clinic, about a third full, so the calendar and the portal have something. */
export async function seedDemoAppointments(db: Db, organizationId: string, patientIds: readonly string[]) {
  return bookDemoAppointments(db, organizationId, patientIds, { days: 5, everyNthSlot: 3, now: new Date() });
}
