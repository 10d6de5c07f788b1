import { ZAccessLog, ZPatient, type Patient } from '@patientdesk/contracts';
import { z } from 'zod';
import { requestJson } from './client';

/** The portal's calls about a patient's own record: whose records the account may act for, and who looked. */

const ZPortalPatients = z.object({ items: z.array(ZPatient) });

export type AccessLogEntry = z.infer<typeof ZAccessLog>['items'][number];

/** The records this portal account may act for, its own first. */
export async function listPortalPatients(signal?: AbortSignal): Promise<Patient[]> {
  return (await requestJson('/api/portal/patients', ZPortalPatients, { signal })).items;
}

/** Who at the clinic looked at or changed a record, newest first, a page at a time. */
export function getAccessLog(
  patientId: string,
  query: { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<z.infer<typeof ZAccessLog>> {
  return requestJson(`/api/portal/patients/${encodeURIComponent(patientId)}/access-log`, ZAccessLog, {
    query,
    signal,
  });
}
