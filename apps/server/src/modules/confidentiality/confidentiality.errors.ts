import { defineErrors } from '../../platform/http/errors';

export const ConfidentialityErrors = {
  /**
   * The record is restricted and the caller has no care relationship with the patient and no active grant. The
   * problem body carries the restriction's kind (never its reason or category) and the break-the-glass reasons.
   */
  BREAK_THE_GLASS_REQUIRED: 'forbidden',
  /** Break-the-glass was asked for a record the caller may already open (not restricted, or on the care team). */
  BREAK_GLASS_NOT_NEEDED: 'conflict',
  /** No patient with that id in the caller's organization. */
  PATIENT_NOT_FOUND: 'not_found',
  /** The patient has no restriction to clear. */
  NOT_RESTRICTED: 'conflict',
  /** The account named for the care team is not an active staff account of this organization. */
  CARE_TEAM_USER_INVALID: 'unprocessable',
  /** The person is already on the patient's care team for (part of) that time. */
  ALREADY_ON_CARE_TEAM: 'conflict',
  /** No care team membership with that id for this patient. */
  CARE_TEAM_MEMBER_NOT_FOUND: 'not_found',
  /** The membership has already ended. */
  CARE_TEAM_MEMBERSHIP_ENDED: 'conflict',
  /** No break-the-glass grant with that id in the caller's organization. */
  GRANT_NOT_FOUND: 'not_found',
  /** A reviewer cannot review their own break-the-glass access. */
  SELF_REVIEW_NOT_ALLOWED: 'forbidden',
  /** The grant has already been reviewed. */
  GRANT_ALREADY_REVIEWED: 'conflict',
} as const;

export const confidentialityError = defineErrors(ConfidentialityErrors);
