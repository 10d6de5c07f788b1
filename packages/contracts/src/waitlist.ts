import { z } from 'zod';
import { ZId, ZInstant, ZPage, ZPlainDate } from './common';
import { ZLocalTime } from './scheduling';

export const WAITLIST_PRIORITIES = ['normal', 'high'] as const;
/** Staff set `high` for clinical urgency: high entries are offered a freed time before normal ones. */
export const ZWaitlistPriority = z.enum(WAITLIST_PRIORITIES);

export const WAITLIST_ENTRY_STATUSES = ['active', 'booked', 'cancelled', 'expired'] as const;
export const ZWaitlistEntryStatus = z.enum(WAITLIST_ENTRY_STATUSES);
export type WaitlistEntryStatus = z.infer<typeof ZWaitlistEntryStatus>;

/**
 * An offer's state: `open` (sent, waiting for an answer), `accepted` (booked), `declined`, `expired` (no answer
 * in time), `taken` (the patient tried to accept after the time was gone), `withdrawn` (closed without an answer:
 * someone else took the time, or the entry was closed).
 */
export const WAITLIST_OFFER_STATES = [
  'open',
  'accepted',
  'declined',
  'expired',
  'taken',
  'withdrawn',
] as const;
export const ZWaitlistOfferState = z.enum(WAITLIST_OFFER_STATES);
export type WaitlistOfferState = z.infer<typeof ZWaitlistOfferState>;

/** How the offer reached the patient; `phone` means no phone or email on file: the desk calls (a work item). */
export const ZWaitlistOfferChannel = z.enum(['sms', 'email', 'phone']);

const ZNamed = z.object({ id: ZId, name: z.string() });

export const ZWaitlistOffer = z.object({
  id: ZId,
  /** The offered time, in the location's own offset. */
  start: ZInstant,
  end: ZInstant,
  provider: ZNamed,
  location: ZNamed.extend({ timeZone: z.string() }),
  channel: ZWaitlistOfferChannel,
  state: ZWaitlistOfferState,
  sentAt: ZInstant,
  expiresAt: ZInstant,
  respondedAt: ZInstant.nullable(),
  /** The appointment booked by accepting it. */
  appointmentId: ZId.nullable(),
});
export type WaitlistOffer = z.infer<typeof ZWaitlistOffer>;

export const ZWaitlistEntry = z.object({
  id: ZId,
  patient: z.object({ id: ZId, name: z.string(), mrn: z.string() }),
  appointmentType: z.object({ id: ZId, code: z.string(), name: z.string() }),
  /** Null: any provider who offers the type. */
  provider: ZNamed.nullable(),
  /** Null: any location. */
  location: ZNamed.nullable(),
  earliestDate: ZPlainDate,
  latestDate: ZPlainDate,
  /** Preferred weekdays, 0 = Sunday; null: any day. */
  weekdays: z.array(z.number().int().min(0).max(6)).nullable(),
  /** Local time-of-day range the visit may start in (both ends included), at the location; null: any time. */
  earliestTime: ZLocalTime.nullable(),
  latestTime: ZLocalTime.nullable(),
  note: z.string().nullable(),
  priority: ZWaitlistPriority,
  status: ZWaitlistEntryStatus,
  appointmentId: ZId.nullable(),
  createdBy: ZNamed.nullable(),
  createdVia: z.enum(['desk', 'portal']),
  createdAt: ZInstant,
  closedAt: ZInstant.nullable(),
  version: z.number().int(),
  /** Offers made to this entry, newest first. */
  offers: z.array(ZWaitlistOffer),
});
export type WaitlistEntry = z.infer<typeof ZWaitlistEntry>;

export const ZWaitlistEntryList = ZPage(ZWaitlistEntry);

export const ZWaitlistEntryListQuery = z.strictObject({
  appointmentTypeId: ZId.optional(),
  /** Entries that named this provider (not those open to any provider). */
  providerId: ZId.optional(),
  locationId: ZId.optional(),
  patientId: ZId.optional(),
  status: ZWaitlistEntryStatus.default('active'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

const MAX_WINDOW_DAYS = 366;

const ZWaitlistWindow = z.strictObject({
  patientId: ZId,
  appointmentTypeId: ZId,
  providerId: ZId.optional(),
  locationId: ZId.optional(),
  earliestDate: ZPlainDate,
  latestDate: ZPlainDate,
  weekdays: z
    .array(z.number().int().min(0).max(6))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, 'Name each weekday once')
    .optional(),
  earliestTime: ZLocalTime.optional(),
  latestTime: ZLocalTime.optional(),
  note: z.string().trim().max(500).optional(),
  priority: ZWaitlistPriority.default('normal'),
});

type WindowInput = { earliestDate: string; latestDate: string; earliestTime?: string; latestTime?: string };

function checkWindow(value: WindowInput, context: z.RefinementCtx): void {
  if (value.latestDate < value.earliestDate) {
    context.addIssue({
      code: 'custom',
      path: ['latestDate'],
      message: 'Must be on or after the earliest date',
    });
  } else if (Date.parse(value.latestDate) - Date.parse(value.earliestDate) > MAX_WINDOW_DAYS * 86_400_000) {
    context.addIssue({ code: 'custom', path: ['latestDate'], message: `At most ${MAX_WINDOW_DAYS} days` });
  }
  if ((value.earliestTime === undefined) !== (value.latestTime === undefined)) {
    context.addIssue({
      code: 'custom',
      path: [value.earliestTime === undefined ? 'earliestTime' : 'latestTime'],
      message: 'Give both ends of the time range, or neither',
    });
  } else if (value.earliestTime !== undefined && value.latestTime !== undefined) {
    if (value.latestTime < value.earliestTime) {
      context.addIssue({
        code: 'custom',
        path: ['latestTime'],
        message: 'Must not be before the earliest time',
      });
    }
  }
}

/** The desk puts a patient on the waitlist. */
export const ZJoinWaitlistRequest = ZWaitlistWindow.superRefine(checkWindow);
export type JoinWaitlistRequest = z.infer<typeof ZJoinWaitlistRequest>;

/** A patient (or proxy) joins in the portal: no staff note, no priority (staff set it). */
export const ZPortalJoinWaitlistRequest = ZWaitlistWindow.omit({ note: true, priority: true }).superRefine(
  checkWindow,
);

export const ZLeaveWaitlistRequest = z.strictObject({
  reason: z.string().trim().max(300).optional(),
});

/** The token from an offer link: the only authority a public answer needs. */
export const ZWaitlistOfferTokenRequest = z.strictObject({
  token: z.string().min(20).max(200),
});

/**
 * An offer as its link shows it, to anyone holding the token: the time and place, never who it is for or what
 * kind of visit (that waits behind a sign-in).
 */
export const ZWaitlistOfferView = z.object({
  id: ZId,
  clinicName: z.string(),
  state: ZWaitlistOfferState,
  start: ZInstant,
  end: ZInstant,
  location: z.object({ name: z.string(), timeZone: z.string() }),
  expiresAt: ZInstant,
  appointmentId: ZId.nullable(),
});
export type WaitlistOfferView = z.infer<typeof ZWaitlistOfferView>;

/** A waitlist entry as the portal shows it: without the staff note or priority. */
export const ZPortalWaitlistEntry = ZWaitlistEntry.omit({ note: true, priority: true, createdBy: true });
export const ZPortalWaitlistEntryList = z.object({ items: z.array(ZPortalWaitlistEntry) });
