import type { closeWorkItemsFor, openWorkItem } from '../worklist';

/**
 * The supervisors' worklist, handed in by the app. This module cannot import the worklist at run time: the
 * worklist reads patients, and the patients module opens records through this module's guard.
 */
export type ReviewQueue = { open: typeof openWorkItem; close: typeof closeWorkItemsFor };

/** The work item every grant puts in the supervisors' queue, until a supervisor reviews the grant. */
export const REVIEW_ITEM = { kind: 'break-glass-review', subjectType: 'BreakGlassGrant' } as const;
