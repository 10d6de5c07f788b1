import type { Appointment } from '@patientdesk/contracts';
import type { AppointmentRow } from './scheduling.repository';
import { toZonedIso } from './zoned-time';

/** An appointment as the API shows it, its times written in the location's own offset. */
export function toAppointment(row: AppointmentRow): Appointment {
  const zoned = (instant: Date) => toZonedIso(instant, row.time_zone);
  return {
    id: row.id,
    patient: {
      id: row.patient_id,
      name: `${row.patient_family_name}, ${row.patient_given_names}`,
      mrn: row.patient_mrn,
    },
    provider: { id: row.provider_id, name: row.provider_name },
    location: { id: row.location_id, name: row.location_name, timeZone: row.time_zone },
    room: row.room_id ? { id: row.room_id, name: row.room_name ?? '' } : null,
    appointmentType: {
      id: row.appointment_type_id,
      code: row.type_code,
      name: row.type_name,
      durationMinutes: row.duration_minutes,
    },
    start: zoned(row.starts_at),
    end: zoned(row.ends_at),
    status: row.status,
    modality: row.modality,
    videoUrl: row.video_url,
    note: row.note,
    overbooked: row.overbooked,
    rescheduledFromId: row.rescheduled_from_id,
    rescheduledToId: row.rescheduled_to_id,
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
    cancelledAt: row.cancelled_at ? zoned(row.cancelled_at) : null,
    lateCancellation: row.late_cancellation,
    confirmedAt: row.confirmed_at ? zoned(row.confirmed_at) : null,
    bookedVia: row.booked_via,
    createdAt: zoned(row.created_at),
    version: row.version,
  };
}
