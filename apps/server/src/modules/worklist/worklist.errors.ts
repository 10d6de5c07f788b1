import { defineErrors } from '../../platform/http/errors';

export const WorklistErrors = {
  /** No work item with that id in the caller's organization. */
  WORK_ITEM_NOT_FOUND: 'not_found',
  /** A closed item (done or cancelled) cannot change, except to reopen it. */
  WORK_ITEM_CLOSED: 'conflict',
  /** The assignee is not an active staff account of this organization. */
  ASSIGNEE_INVALID: 'unprocessable',
  /** The patient named does not exist in this organization. */
  PATIENT_INVALID: 'unprocessable',
} as const;

export const worklistError = defineErrors(WorklistErrors);
