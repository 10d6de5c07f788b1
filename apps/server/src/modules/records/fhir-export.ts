import type { AppointmentRow } from '../scheduling';
import type { PatientRow } from '../patients';
import type { DocumentRow } from './records.repository';

type Resource = Record<string, unknown> & { resourceType: string; id: string };

const APPOINTMENT_STATUS: Record<string, string> = {
  proposed: 'proposed',
  booked: 'booked',
  confirmed: 'booked',
  arrived: 'arrived',
  checked_in: 'checked-in',
  in_room: 'checked-in',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
};

const GENDER: Record<string, string> = {
  female: 'female',
  male: 'male',
  intersex: 'other',
  unknown: 'unknown',
};

function patientResource(patient: PatientRow, organizationId: string): Resource {
  return {
    resourceType: 'Patient',
    id: patient.id,
    identifier: [{ system: `urn:patientdesk:${organizationId}:mrn`, value: patient.mrn }],
    name: [
      { use: 'official', family: patient.family_name, given: patient.given_names.split(/\s+/) },
      ...(patient.preferred_name ? [{ use: 'usual', given: [patient.preferred_name] }] : []),
    ],
    birthDate: patient.birth_date,
    gender: GENDER[patient.sex] ?? 'unknown',
    telecom: [
      ...(patient.phone ? [{ system: 'phone', value: patient.phone }] : []),
      ...(patient.email ? [{ system: 'email', value: patient.email }] : []),
    ],
  };
}

function appointmentResource(row: AppointmentRow): Resource {
  return {
    resourceType: 'Appointment',
    id: row.id,
    status: APPOINTMENT_STATUS[row.status] ?? 'booked',
    serviceType: [{ text: row.type_name }],
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    ...(row.cancel_reason ? { cancelationReason: { text: row.cancel_reason } } : {}),
    participant: [
      { actor: { reference: `Patient/${row.patient_id}` }, status: 'accepted' },
      { actor: { display: row.provider_name }, status: 'accepted' },
      { actor: { display: row.location_name }, status: 'accepted' },
    ],
  };
}

function documentResource(row: DocumentRow): Resource {
  return {
    resourceType: 'DocumentReference',
    id: row.id,
    status: row.voided_at ? 'entered-in-error' : 'current',
    type: { text: row.kind },
    subject: { reference: `Patient/${row.patient_id}` },
    date: row.created_at.toISOString(),
    description: row.title,
    content: [{ attachment: { contentType: row.content_type, size: row.size_bytes, title: row.title } }],
  };
}

/**
 * The patient's record as a FHIR R4 Bundle (type "collection"): the Patient, their Appointments and the
 * DocumentReferences of their documents — the machine-readable copy of 45 CFR 164.524.
 */
export function patientBundle(
  organizationId: string,
  patient: PatientRow,
  appointments: readonly AppointmentRow[],
  documents: readonly DocumentRow[],
  now: Date,
) {
  const resources = [
    patientResource(patient, organizationId),
    ...appointments.map(appointmentResource),
    ...documents.map(documentResource),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
