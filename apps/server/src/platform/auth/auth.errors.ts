import { defineErrors } from '../http/errors';

export const AuthErrors = {
  /** Email or password wrong, the account disabled, or no such account: one answer for all, on purpose. */
  INVALID_CREDENTIALS: 'unauthenticated',
  /** The password was right and the account has TOTP: send the code. */
  MFA_REQUIRED: 'unauthenticated',
  /** The TOTP code did not match. */
  MFA_INVALID: 'unauthenticated',
  /** Too many failed sign-ins for this account or address; `Retry-After` says when to try again. */
  LOGIN_RATE_LIMITED: 'rate_limited',
  /** The email has accounts in several organizations: say which. */
  ORGANIZATION_REQUIRED: 'unprocessable',
  /** TOTP enrolment confirmed without a pending secret, or already enabled. */
  MFA_NOT_PENDING: 'conflict',
} as const;

export const authError = defineErrors(AuthErrors);
