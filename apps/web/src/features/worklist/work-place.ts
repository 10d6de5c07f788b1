import type { WorkItem } from '@patientdesk/contracts';
import { withQuery } from '../../router/router';

/** The tab of the patient's record where an item's work is done, when it is not the record itself. */
export function workTab(item: WorkItem): 'requests' | null {
  return item.subject?.type === 'RecordsRequest' ? 'requests' : null;
}

/** The patient's record, at the tab where the item's work is done. */
export function workPlace(item: WorkItem, patientId: string): string {
  return withQuery(`/desk/patients/${patientId}`, { tab: workTab(item) });
}
