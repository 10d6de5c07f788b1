import type { AppointmentType } from '@patientdesk/contracts';
import type { listAppointmentTypes } from './scheduling.repository';

type Row = Awaited<ReturnType<typeof listAppointmentTypes>>[number];

export function toAppointmentType(row: Row): AppointmentType {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    specialty: row.specialty,
    durationMinutes: row.duration_minutes,
    bufferMinutes: row.buffer_minutes,
    modality: row.modality,
    newPatient: row.new_patient,
    roomKind: row.room_kind,
    selfSchedulable: row.self_schedulable,
    rules: row.rules,
    preparation: row.preparation,
    requiredForms: row.required_forms,
  };
}
