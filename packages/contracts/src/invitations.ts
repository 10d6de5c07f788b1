import { z } from 'zod';
import { ZId, ZInstant, ZPlainDate } from './common';
import { ZMessageLanguage } from './reminders';

/**
 * pending: sent, not yet used; accepted: an account was made (or linked) with it; expired: not used in time;
 * revoked: withdrawn by staff, replaced by a newer invitation, or closed after too many wrong dates of birth.
 */
export const PORTAL_INVITATION_STATES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export const ZPortalInvitationState = z.enum(PORTAL_INVITATION_STATES);
export type PortalInvitationState = z.infer<typeof ZPortalInvitationState>;

export const PORTAL_INVITATION_REVOKE_REASONS = ['withdrawn', 'replaced', 'too-many-tries'] as const;

/** An emailed invitation to the portal, for the patient or for one of their proxies. */
export const ZPortalInvitation = z.object({
  id: ZId,
  /** Null: for the patient; otherwise the proxy it is for. */
  proxyId: ZId.nullable(),
  /** Who it is for, as the desk sees it: "Patient" or the proxy's name and relationship. */
  recipientLabel: z.string(),
  email: z.string(),
  language: ZMessageLanguage,
  state: ZPortalInvitationState,
  sentAt: ZInstant,
  sentByName: z.string().nullable(),
  expiresAt: ZInstant,
  acceptedAt: ZInstant.nullable(),
  revokedAt: ZInstant.nullable(),
  revokedReason: z.enum(PORTAL_INVITATION_REVOKE_REASONS).nullable(),
});
export type PortalInvitation = z.infer<typeof ZPortalInvitation>;

/** Who can use the portal for a patient, and the invitations sent (newest first). */
export const ZPortalAccess = z.object({
  /** The patient's own portal account, if they have one. */
  account: z.object({ email: z.string(), since: ZInstant, disabled: z.boolean() }).nullable(),
  /** The email on file: where an invitation goes unless the desk gives another. */
  emailOnFile: z.string().nullable(),
  invitations: z.array(ZPortalInvitation),
});
export type PortalAccess = z.infer<typeof ZPortalAccess>;

export const ZNewPortalInvitation = z.strictObject({
  /** For a proxy of the patient (their email on file is the default), rather than the patient. */
  proxyId: ZId.optional(),
  /** Where to send it; defaults to the email on file. */
  email: z.email().max(254).optional(),
  /** Defaults to the patient's preferred language (Spanish for a Spanish speaker, English otherwise). */
  language: ZMessageLanguage.optional(),
});
export type NewPortalInvitation = z.infer<typeof ZNewPortalInvitation>;

export const ZPortalInvitationToken = z.string().min(20).max(100);

/** The token goes in a body, never a URL (where proxies and access logs keep it). */
export const ZPortalInvitationLookup = z.strictObject({ token: ZPortalInvitationToken });

/** What an invitation link is for, for the page it opens (no sign-in; the token is the authority). */
export const ZPortalInvitationLink = z.object({
  state: z.enum(['open', 'accepted', 'expired', 'revoked']),
  clinicName: z.string(),
  clinicPhone: z.string().nullable(),
  language: ZMessageLanguage,
  /** The account's email with most of its name hidden: `m•••@example.com`. */
  email: z.string(),
  /** An account with this email exists already: accepting asks for its password and adds the record to it. */
  existingAccount: z.boolean(),
  /** For a proxy: they will act for someone else (the page says so, without a name). */
  forProxy: z.boolean(),
});
export type PortalInvitationLink = z.infer<typeof ZPortalInvitationLink>;

export const ZAcceptPortalInvitation = z.strictObject({
  token: ZPortalInvitationToken,
  /** The patient's date of birth: whoever holds a forwarded email does not also know it. */
  birthDate: ZPlainDate,
  /** A new password (12 characters or more), or the existing account's password. */
  password: z.string().min(1).max(200),
});
export type AcceptPortalInvitation = z.infer<typeof ZAcceptPortalInvitation>;
