import {
  ZAppointmentType,
  ZPortalAppointment,
  ZPortalAppointmentList,
  ZSlotList,
  type PortalAppointment,
  type Slot,
  type ZPortalBookRequest,
  type ZPortalCancelRequest,
  type ZPortalRescheduleRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { requestJson, ifMatch } from './client';

/** The portal's scheduling calls: what a patient may book, free times, their visits, and changes to them. */

const ZAppointmentTypeList = z.object({ items: z.array(ZAppointmentType) });

export type PortalBookRequest = z.input<typeof ZPortalBookRequest>;
export type PortalCancelRequest = z.input<typeof ZPortalCancelRequest>;
export type PortalRescheduleRequest = z.input<typeof ZPortalRescheduleRequest>;

const path = (id: string) => `/api/portal/appointments/${encodeURIComponent(id)}`;

export async function listPortalAppointmentTypes(signal?: AbortSignal) {
  return (await requestJson('/api/portal/appointment-types', ZAppointmentTypeList, { signal })).items;
}

export async function listPortalSlots(
  query: { appointmentTypeId: string; providerId?: string; from: string; to: string },
  signal?: AbortSignal,
): Promise<Slot[]> {
  return (await requestJson('/api/portal/slots', ZSlotList, { query, signal })).items;
}

export async function listPortalAppointments(
  when: 'upcoming' | 'past',
  signal?: AbortSignal,
): Promise<PortalAppointment[]> {
  return (await requestJson('/api/portal/appointments', ZPortalAppointmentList, { query: { when }, signal }))
    .items;
}

export function bookPortalAppointment(
  request: PortalBookRequest,
  idempotencyKey: string,
): Promise<PortalAppointment> {
  return requestJson('/api/portal/appointments', ZPortalAppointment, {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export function cancelPortalAppointment(
  appointment: PortalAppointment,
  request: PortalCancelRequest,
): Promise<PortalAppointment> {
  return requestJson(`${path(appointment.id)}/cancel`, ZPortalAppointment, {
    method: 'POST',
    body: request,
    headers: ifMatch(appointment),
  });
}

export function reschedulePortalAppointment(
  appointment: PortalAppointment,
  request: PortalRescheduleRequest,
): Promise<PortalAppointment> {
  return requestJson(`${path(appointment.id)}/reschedule`, ZPortalAppointment, {
    method: 'POST',
    body: request,
    headers: ifMatch(appointment),
  });
}

/** The address of a visit's calendar file, for an "Add to calendar" link. */
export function calendarFileUrl(appointmentId: string): string {
  return `${path(appointmentId)}/calendar.ics`;
}
