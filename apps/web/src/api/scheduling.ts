import {
  ZAppointment,
  ZAppointmentList,
  ZAppointmentType,
  ZAttendance,
  ZAvailabilityException,
  ZAvailabilityTemplate,
  ZDirectory,
  ZSlotList,
  type Appointment,
  type AppointmentStatus,
  type BookAppointmentRequest,
  type Slot,
  type ZCancelRequest,
  type ZRescheduleRequest,
  type ZStatusChangeRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { requestJson, ifMatch } from './client';

/** The desk's scheduling calls: appointment types, the directory, slots, the calendar and its changes. */

const ZAppointmentTypeList = z.object({ items: z.array(ZAppointmentType) });
const ZAvailability = z.object({
  templates: z.array(ZAvailabilityTemplate),
  exceptions: z.array(ZAvailabilityException),
});

export type Directory = z.infer<typeof ZDirectory>;
export type Availability = z.infer<typeof ZAvailability>;
export type Attendance = z.infer<typeof ZAttendance>;
export type CancelRequest = z.input<typeof ZCancelRequest>;
export type RescheduleRequest = z.input<typeof ZRescheduleRequest>;
export type StatusChange = z.input<typeof ZStatusChangeRequest>;

const path = (id: string) => `/api/appointments/${encodeURIComponent(id)}`;

export async function listAppointmentTypes(signal?: AbortSignal) {
  return (await requestJson('/api/appointment-types', ZAppointmentTypeList, { signal })).items;
}

export function getDirectory(signal?: AbortSignal): Promise<Directory> {
  return requestJson('/api/directory', ZDirectory, { signal });
}

export function getProviderAvailability(providerId: string, signal?: AbortSignal): Promise<Availability> {
  return requestJson(`/api/providers/${encodeURIComponent(providerId)}/availability`, ZAvailability, {
    signal,
  });
}

export type SlotQuery = {
  appointmentTypeId: string;
  providerId?: string | undefined;
  locationId?: string | undefined;
  from: string;
  to: string;
};

export async function listSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
  return (await requestJson('/api/slots', ZSlotList, { query, signal })).items;
}

export type FirstAvailableQuery = Omit<SlotQuery, 'to' | 'from'> & {
  from?: string;
  days?: number;
  limit?: number;
};

export async function firstAvailableSlots(query: FirstAvailableQuery, signal?: AbortSignal): Promise<Slot[]> {
  return (await requestJson('/api/slots/first-available', ZSlotList, { query, signal })).items;
}

/** Books; `idempotencyKey` is fresh for each attempt and reused when retrying the same one. */
export function bookAppointment(
  request: BookAppointmentRequest,
  idempotencyKey: string,
): Promise<Appointment> {
  return requestJson('/api/appointments', ZAppointment, {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export type AppointmentQuery = {
  from: string;
  to: string;
  providerId?: string | undefined;
  locationId?: string | undefined;
  roomId?: string | undefined;
  patientId?: string | undefined;
  status?: AppointmentStatus | undefined;
  limit?: number;
};

export async function listAppointments(
  query: AppointmentQuery,
  signal?: AbortSignal,
): Promise<Appointment[]> {
  return (await requestJson('/api/appointments', ZAppointmentList, { query, signal })).items;
}

export function getAppointment(id: string, signal?: AbortSignal): Promise<Appointment> {
  return requestJson(path(id), ZAppointment, { signal });
}

/** Changes the status at the version the user saw; a 412 ApiError means someone changed it first. */
export function changeAppointmentStatus(
  appointment: Appointment,
  change: StatusChange,
): Promise<Appointment> {
  return requestJson(`${path(appointment.id)}/status`, ZAppointment, {
    method: 'POST',
    body: change,
    headers: ifMatch(appointment),
  });
}

export function cancelAppointment(appointment: Appointment, request: CancelRequest): Promise<Appointment> {
  return requestJson(`${path(appointment.id)}/cancel`, ZAppointment, {
    method: 'POST',
    body: request,
    headers: ifMatch(appointment),
  });
}

/** Moves an appointment; the answer is the new appointment (the old one is cancelled and points to it). */
export function rescheduleAppointment(
  appointment: Appointment,
  request: RescheduleRequest,
): Promise<Appointment> {
  return requestJson(`${path(appointment.id)}/reschedule`, ZAppointment, {
    method: 'POST',
    body: request,
    headers: ifMatch(appointment),
  });
}

export function getAttendance(patientId: string, signal?: AbortSignal): Promise<Attendance> {
  return requestJson(`/api/patients/${encodeURIComponent(patientId)}/attendance`, ZAttendance, { signal });
}
