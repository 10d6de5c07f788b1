import { defineErrors } from '../../platform/http/errors';

export const IdentityErrors = {
  /** A patient named in a merge is not in the caller's organization. */
  PATIENT_NOT_FOUND: 'not_found',
  /** No duplicate candidate with that id in the organization. */
  CANDIDATE_NOT_FOUND: 'not_found',
  /** No merge with that id in the organization. */
  MERGE_NOT_FOUND: 'not_found',
  /** The survivor and the merged record are the same record. */
  MERGE_SAME_PATIENT: 'invalid',
  /** One of the records was already merged into another: merge into (or from) the record it went to. */
  PATIENT_ALREADY_MERGED: 'conflict',
  /** The record at this address was merged into another; writes go to the survivor (named in the message). */
  PATIENT_MERGED: 'conflict',
  /** Both records have active appointments at overlapping times; cancel or move one of each pair first. */
  MERGE_APPOINTMENT_CONFLICT: 'conflict',
  /** Both records wait on the waitlist for the same kind of visit; cancel one of the entries first. */
  MERGE_WAITLIST_CONFLICT: 'conflict',
  /** One person is on both records' care teams at overlapping times; end one membership first. */
  MERGE_CARE_TEAM_CONFLICT: 'conflict',
  /**
   * The records are restricted differently (staff, VIP, sensitive): set the same restriction on the survivor (or
   * clear both) first, so a merge neither exposes a restricted record nor restricts one unasked.
   */
  MERGE_RESTRICTION_CONFLICT: 'conflict',
  /** The candidate named with a merge is not the pair being merged. */
  CANDIDATE_MISMATCH: 'unprocessable',
  /** The pair was already decided: merged, or judged not a duplicate (dismissing a merged pair). */
  CANDIDATE_DECIDED: 'conflict',
  /** The merge was already undone. */
  MERGE_ALREADY_UNDONE: 'conflict',
  /** More than 30 days have passed since the merge: it can no longer be undone. */
  MERGE_UNDO_EXPIRED: 'conflict',
  /** The survivor has since been merged into another record; undo that merge first. */
  MERGE_SUPERSEDED: 'conflict',
  /** Moving the rows back would break a rule (rows were added to the merged record since); nothing was changed. */
  UNDO_CONFLICT: 'conflict',
} as const;

export const identityError = defineErrors(IdentityErrors);
