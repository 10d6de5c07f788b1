import { z } from 'zod';
import { ZId, ZInstant } from './common';
import { ZLanguageTag } from './patients';
import { ZAppointmentStatus, ZLocalTime } from './scheduling';

/** The languages messages are written in; a patient preferring another gets English (and, if needed, an interpreter). */
export const MESSAGE_LANGUAGES = ['en', 'es'] as const;
export const ZMessageLanguage = z.enum(MESSAGE_LANGUAGES);
export type MessageLanguage = z.infer<typeof ZMessageLanguage>;
/** A patient's preferred language: any BCP 47 tag. */
export const ZPreferredLanguage = ZLanguageTag;

export const ZPreferredChannel = z.enum(['sms', 'email', 'none']);
export type PreferredChannel = z.infer<typeof ZPreferredChannel>;

/** minimal: messages name no visit type or place; full: the patient chose to see them. */
export const ZMessageDetail = z.enum(['minimal', 'full']);
export type MessageDetail = z.infer<typeof ZMessageDetail>;

/** How a patient wants to hear about appointments. */
export const ZCommunicationPreferences = z.object({
  patientId: ZId,
  preferredLanguage: ZPreferredLanguage,
  /** The channel in effect: the one chosen, or SMS when the patient has a phone and email otherwise. */
  preferredChannel: ZPreferredChannel,
  /** False while the desk never chose: the channel follows the contact details. */
  preferredChannelChosen: z.boolean(),
  /** The patient was told plain SMS is not secure and agreed to it. Without it, no SMS. */
  smsConsent: z.boolean(),
  /** The same for plain email. Without it, no email. */
  emailConsent: z.boolean(),
  /** Local time at the appointment's location; across midnight when the start is later than the end. */
  quietHoursStart: ZLocalTime,
  quietHoursEnd: ZLocalTime,
  messageDetail: ZMessageDetail,
  hasPhone: z.boolean(),
  hasEmail: z.boolean(),
  /** Send it back in If-Match to change these preferences. */
  version: z.number().int(),
});
export type CommunicationPreferences = z.infer<typeof ZCommunicationPreferences>;

/** Replaces a patient's communication preferences (If-Match: the preferences' version). */
export const ZCommunicationPreferencesRequest = z
  .strictObject({
    preferredLanguage: ZPreferredLanguage,
    preferredChannel: ZPreferredChannel,
    smsConsent: z.boolean(),
    emailConsent: z.boolean(),
    quietHoursStart: ZLocalTime,
    quietHoursEnd: ZLocalTime,
    messageDetail: ZMessageDetail,
  })
  .refine((value) => value.quietHoursStart !== value.quietHoursEnd, {
    message: 'Must differ from the start of quiet hours',
    path: ['quietHoursEnd'],
  });
export type CommunicationPreferencesRequest = z.infer<typeof ZCommunicationPreferencesRequest>;

export const NOTICE_STATUSES = ['planned', 'sent', 'skipped', 'void'] as const;

/** One message about an appointment: a confirmation, a cancellation notice or a reminder. */
export const ZAppointmentNotice = z.object({
  /** booked, moved, cancelled, or reminder-<hours>h. */
  kind: z.string(),
  status: z.enum(NOTICE_STATUSES),
  plannedFor: ZInstant,
  /** Moved to the end of the patient's quiet hours. */
  deferredTo: ZInstant.nullable(),
  channel: z.enum(['sms', 'email']).nullable(),
  language: ZMessageLanguage.nullable(),
  sentAt: ZInstant.nullable(),
  /** Why it was skipped or voided: no-consent, opted-out, quiet-hours, daily-limit, weekly-limit, moved, … */
  reason: z.string().nullable(),
  messageId: ZId.nullable(),
});
export type AppointmentNotice = z.infer<typeof ZAppointmentNotice>;

export const ZAppointmentReply = z.object({
  channel: z.enum(['sms', 'email']),
  action: z.enum(['confirm', 'reschedule']),
  outcome: z.enum(['confirmed', 'already-confirmed', 'reschedule-requested']),
  receivedAt: ZInstant,
});

/** What the desk sees of an appointment's messages and the patient's answers. */
export const ZAppointmentReminders = z.object({
  appointmentId: ZId,
  status: ZAppointmentStatus,
  confirmedAt: ZInstant.nullable(),
  notices: z.array(ZAppointmentNotice),
  replies: z.array(ZAppointmentReply),
});
export type AppointmentReminders = z.infer<typeof ZAppointmentReminders>;

/** The token from an emailed link: opaque, single-use, expiring. */
export const ZResponseToken = z.string().min(20).max(200);

export const ZAppointmentResponseRequest = z.strictObject({
  token: ZResponseToken,
  action: z.enum(['confirm', 'reschedule']),
});
export type AppointmentResponseRequest = z.infer<typeof ZAppointmentResponseRequest>;

/** What a link is for, for the page that opens it: the time and the clinic, nothing clinical. */
export const ZAppointmentResponseLink = z.object({
  /** open: it can be used; used: it was; expired: the visit began; closed: the visit was cancelled or moved. */
  state: z.enum(['open', 'used', 'expired', 'closed']),
  clinicName: z.string(),
  clinicPhone: z.string().nullable(),
  /** The visit's start with the location's UTC offset. */
  start: ZInstant,
  timeZone: z.string(),
  language: ZMessageLanguage,
  usedAction: z.enum(['confirm', 'reschedule']).nullable(),
});
export type AppointmentResponseLink = z.infer<typeof ZAppointmentResponseLink>;

export const ZAppointmentResponseResult = z.object({
  outcome: z.enum(['confirmed', 'already-confirmed', 'reschedule-requested']),
});
