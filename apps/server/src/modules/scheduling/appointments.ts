import type { ActorContext } from '../../platform/access/context';
import { recordAudit, recordShown, type Executor } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { schedulingError } from './scheduling.errors';
import { findAppointment, listAppointments, type AppointmentFilter } from './scheduling.repository';

const MAX_CALENDAR_DAYS = 62;

/** One appointment, audited as a read of the patient's data. */
export async function readAppointment(executor: Executor, context: ActorContext, id: string) {
  const row = await findAppointment(executor, context, id);
  if (!row) throw schedulingError('APPOINTMENT_NOT_FOUND', 'No appointment with that id.');
  await recordAudit(executor, context, {
    action: 'read',
    patientId: row.patient_id,
    resourceType: 'Appointment',
    resourceId: row.id,
  });
  return row;
}

/** Appointments in a range (a calendar), audited as one read naming the patients shown. */
export async function readCalendar(db: Db, context: ActorContext, filter: AppointmentFilter) {
  if (
    filter.to.getTime() - filter.from.getTime() > MAX_CALENDAR_DAYS * 86_400_000 ||
    filter.to <= filter.from
  ) {
    throw schedulingError(
      'RANGE_TOO_LONG',
      `Ask for at most ${MAX_CALENDAR_DAYS} days, ending after the start.`,
      {
        fields: [{ path: 'query.to', message: `At most ${MAX_CALENDAR_DAYS} days after from` }],
      },
    );
  }
  const rows = await listAppointments(db, context, filter);
  await recordShown(
    db,
    context,
    'read',
    'Appointment',
    rows.map((row) => row.patient_id),
  );
  return rows;
}
