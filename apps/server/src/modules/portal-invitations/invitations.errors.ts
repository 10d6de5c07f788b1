import { defineErrors } from '../../platform/http/errors';

export const InvitationErrors = {
  /** No patient with that id in the caller's organization. */
  PATIENT_NOT_FOUND: 'not_found',
  /** No invitation with that id for the patient. */
  INVITATION_NOT_FOUND: 'not_found',
  /** The invitation was used, has expired or was withdrawn: it can no longer be used or withdrawn. */
  INVITATION_CLOSED: 'conflict',
  /** The patient already has a portal account of their own. */
  PORTAL_ACCOUNT_EXISTS: 'conflict',
  /** No email to send the invitation to: none on file and none given. */
  NO_EMAIL: 'unprocessable',
  /** The proxy is not the patient's, or no longer acts for them. */
  PROXY_NOT_ACTIVE: 'conflict',
  /** The date of birth given with the link is not the patient's. */
  BIRTH_DATE_MISMATCH: 'unprocessable',
  /** A new password that is too short or too long. */
  PASSWORD_WEAK: 'unprocessable',
  /** The password of the account the email already has is not right. */
  WRONG_PASSWORD: 'unprocessable',
  /**
   * The address's account uses two-step sign-in, which a link and a password must not get around (for a proxy, the
   * desk's "Give portal account" links it instead).
   */
  TWO_STEP_ACCOUNT: 'conflict',
  /** The email belongs to a staff account, a disabled one, or another patient's own account. */
  EMAIL_BELONGS_TO_ANOTHER: 'conflict',
} as const;

export const invitationError = defineErrors(InvitationErrors);
