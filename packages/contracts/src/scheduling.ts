import { z } from 'zod';
import { ZId, ZInstant, ZPlainDate } from './common';

export const APPOINTMENT_STATUSES = [
  'proposed',
  'booked',
  'confirmed',
  'arrived',
  'checked_in',
  'in_room',
  'completed',
  'cancelled',
  'no_show',
] as const;
export const ZAppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof ZAppointmentStatus>;

/** The statuses each status may move to. Cancel, reschedule and no-show have their own calls. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  proposed: ['booked', 'cancelled'],
  booked: ['confirmed', 'arrived', 'cancelled', 'no_show'],
  confirmed: ['arrived', 'cancelled', 'no_show'],
  arrived: ['checked_in', 'cancelled'],
  checked_in: ['in_room', 'completed'],
  in_room: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

export const CANCEL_REASONS = [
  'patient-request',
  'patient-illness',
  'transportation',
  'schedule-conflict',
  'weather',
  'provider-unavailable',
  'clinic-closure',
  'duplicate',
  'rescheduled',
  'other',
] as const;
export const ZCancelReason = z.enum(CANCEL_REASONS);
export const ZCancelledBy = z.enum(['patient', 'clinic', 'provider']);

/** `HH:MM`, 24-hour local wall-clock time. */
export const ZLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');

export const ZAppointmentTypeRules = z.strictObject({
  earliestLocalTime: ZLocalTime.optional(),
  latestLocalTime: ZLocalTime.optional(),
  maxPerDay: z.number().int().min(1).max(100).optional(),
  minNoticeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  horizonDays: z.number().int().min(1).max(730).optional(),
});
export type AppointmentTypeRules = z.infer<typeof ZAppointmentTypeRules>;

export const ZAppointmentType = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  specialty: z.string(),
  durationMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  modality: z.enum(['in_person', 'video']),
  newPatient: z.boolean(),
  roomKind: z.string().nullable(),
  selfSchedulable: z.boolean(),
  rules: ZAppointmentTypeRules,
  preparation: z.record(z.string(), z.string()),
  requiredForms: z.array(z.string()),
});
export type AppointmentType = z.infer<typeof ZAppointmentType>;

export const ZSlot = z.object({
  /** The instant, written with the location's own UTC offset (so 01:30-04:00 and 01:30-05:00 differ). */
  start: ZInstant,
  end: ZInstant,
  providerId: ZId,
  locationId: ZId,
  roomId: ZId.nullable(),
});
export type Slot = z.infer<typeof ZSlot>;

export const ZSlotQuery = z.strictObject({
  appointmentTypeId: ZId,
  providerId: ZId.optional(),
  locationId: ZId.optional(),
  from: ZInstant,
  to: ZInstant,
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const ZFirstAvailableQuery = z.strictObject({
  appointmentTypeId: ZId,
  providerId: ZId.optional(),
  locationId: ZId.optional(),
  from: ZInstant.optional(),
  days: z.coerce.number().int().min(1).max(90).default(30),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const ZSlotList = z.object({ items: z.array(ZSlot) });

const ZNamed = z.object({ id: ZId, name: z.string() });

export const ZAppointment = z.object({
  id: ZId,
  patient: z.object({ id: ZId, name: z.string(), mrn: z.string() }),
  provider: ZNamed,
  location: ZNamed.extend({ timeZone: z.string() }),
  room: ZNamed.nullable(),
  appointmentType: z.object({
    id: ZId,
    code: z.string(),
    name: z.string(),
    durationMinutes: z.number().int(),
  }),
  start: ZInstant,
  end: ZInstant,
  status: ZAppointmentStatus,
  modality: z.enum(['in_person', 'video']),
  videoUrl: z.string().nullable(),
  note: z.string().nullable(),
  overbooked: z.boolean(),
  rescheduledFromId: ZId.nullable(),
  rescheduledToId: ZId.nullable(),
  cancelReason: z.string().nullable(),
  cancelledBy: ZCancelledBy.nullable(),
  cancelledAt: ZInstant.nullable(),
  lateCancellation: z.boolean(),
  confirmedAt: ZInstant.nullable(),
  bookedVia: z.enum(['desk', 'portal', 'waitlist', 'api']),
  createdAt: ZInstant,
  version: z.number().int(),
});
export type Appointment = z.infer<typeof ZAppointment>;

export const ZBookAppointmentRequest = z.strictObject({
  patientId: ZId,
  appointmentTypeId: ZId,
  providerId: ZId,
  locationId: ZId,
  start: ZInstant,
  roomId: ZId.optional(),
  note: z.string().trim().max(500).optional(),
  /** Book over an existing appointment: supervisors only, where the organization allows it, with a reason. */
  overbook: z.strictObject({ reason: z.string().trim().min(3).max(500) }).optional(),
});
export type BookAppointmentRequest = z.infer<typeof ZBookAppointmentRequest>;

export const ZRescheduleRequest = z.strictObject({
  start: ZInstant,
  providerId: ZId.optional(),
  locationId: ZId.optional(),
  roomId: ZId.optional(),
  by: ZCancelledBy.default('patient'),
});

export const ZCancelRequest = z.strictObject({
  // "rescheduled" is set by a reschedule itself, never chosen as a cancellation reason.
  reason: ZCancelReason.exclude(['rescheduled']),
  by: ZCancelledBy,
  note: z.string().trim().max(500).optional(),
});

export const ZStatusChangeRequest = z.strictObject({
  status: z.enum(['booked', 'confirmed', 'arrived', 'checked_in', 'in_room', 'completed', 'no_show']),
  reason: z.string().trim().max(500).optional(),
});

export const ZAppointmentListQuery = z.strictObject({
  from: ZInstant,
  to: ZInstant,
  providerId: ZId.optional(),
  locationId: ZId.optional(),
  roomId: ZId.optional(),
  patientId: ZId.optional(),
  status: ZAppointmentStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ZAppointmentList = z.object({ items: z.array(ZAppointment) });

export const ZAttendance = z.object({
  patientId: ZId,
  completed: z.number().int(),
  noShows: z.number().int(),
  lateCancellations: z.number().int(),
  cancellations: z.number().int(),
  upcoming: z.number().int(),
});

export const ZAvailabilityTemplate = z.object({
  id: ZId,
  providerId: ZId,
  locationId: ZId,
  weekday: z.number().int().min(0).max(6),
  startTime: ZLocalTime,
  endTime: ZLocalTime,
  effectiveFrom: ZPlainDate,
  effectiveTo: ZPlainDate.nullable(),
  appointmentTypeIds: z.array(ZId).nullable(),
});
export type AvailabilityTemplate = z.infer<typeof ZAvailabilityTemplate>;

export const ZCreateAvailabilityTemplateRequest = ZAvailabilityTemplate.omit({ id: true, providerId: true })
  .extend({ effectiveTo: ZPlainDate.optional(), appointmentTypeIds: z.array(ZId).min(1).optional() })
  .strict()
  .refine((value) => value.startTime < value.endTime, {
    message: 'Must end after it starts',
    path: ['endTime'],
  });

export const ZAvailabilityException = z.object({
  id: ZId,
  providerId: ZId,
  locationId: ZId.nullable(),
  kind: z.enum(['block', 'extra']),
  start: ZInstant,
  end: ZInstant,
  reason: z.string().nullable(),
});

export const ZCreateAvailabilityExceptionRequest = z
  .strictObject({
    locationId: ZId.optional(),
    kind: z.enum(['block', 'extra']),
    start: ZInstant,
    end: ZInstant,
    reason: z.string().trim().max(300).optional(),
  })
  .refine((value) => new Date(value.start) < new Date(value.end), {
    message: 'Must end after it starts',
    path: ['end'],
  })
  .refine((value) => value.kind === 'block' || value.locationId, {
    message: 'An extra clinic needs a location',
    path: ['locationId'],
  });

export const ZHoliday = z.object({ id: ZId, day: ZPlainDate, name: z.string(), locationId: ZId.nullable() });
export const ZCreateHolidayRequest = z.strictObject({
  day: ZPlainDate,
  name: z.string().trim().min(1).max(100),
  locationId: ZId.optional(),
});

/** An appointment as the portal shows it to the patient: with how to prepare, in every language the clinic wrote. */
export const ZPortalAppointment = ZAppointment.extend({
  preparation: z.record(z.string(), z.string()),
  selfSchedulable: z.boolean(),
});
export type PortalAppointment = z.infer<typeof ZPortalAppointment>;

export const ZPortalAppointmentList = z.object({ items: z.array(ZPortalAppointment) });

export const ZPortalBookRequest = ZBookAppointmentRequest.omit({ overbook: true, roomId: true, note: true });

export const ZPortalCancelRequest = z.strictObject({
  reason: z.enum([
    'patient-request',
    'patient-illness',
    'transportation',
    'schedule-conflict',
    'weather',
    'other',
  ]),
  note: z.string().trim().max(500).optional(),
});

export const ZPortalRescheduleRequest = z.strictObject({
  start: ZInstant,
  providerId: ZId.optional(),
  locationId: ZId.optional(),
});
