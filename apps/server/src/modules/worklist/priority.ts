import { WORK_ITEM_PRIORITIES } from '@patientdesk/contracts';

export type Priority = (typeof WORK_ITEM_PRIORITIES)[number];

/** Priorities are stored as numbers so that urgent (0) sorts first. */
export function priorityRank(priority: Priority): number {
  return WORK_ITEM_PRIORITIES.indexOf(priority);
}

export function priorityName(rank: number): Priority {
  return WORK_ITEM_PRIORITIES[rank] ?? 'normal';
}
