import type { AppointmentResponseLink } from '@patientdesk/contracts';
import { systemContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { toZonedIso } from '../scheduling';
import { clinicName, clinicPhone } from './clinic-identity';
import { messageLanguage } from './message-text';
import { reminderError } from './reminders.errors';
import { ACTIVE_STATUSES, findResponseLink } from './reminders.repository';
import { readResponseToken } from './response-token';

type LinkRow = NonNullable<Awaited<ReturnType<typeof findResponseLink>>>;

export function linkState(link: LinkRow, now: Date): AppointmentResponseLink['state'] {
  if (link.used_at) return 'used';
  if (now >= link.expires_at) return 'expired';
  if (!(ACTIVE_STATUSES as readonly string[]).includes(link.status)) return 'closed';
  return 'open';
}

/**
 * What an emailed link is for, for the page it opens: the visit's time and the clinic, nothing clinical and no
 * name. Whoever holds the link learns the time of a visit, so the read is audited against the patient.
 */
export async function describeResponseLink(
  db: Db,
  token: string,
  request: { now: Date; requestId: string; sourceAddress: string },
): Promise<AppointmentResponseLink> {
  const parsed = readResponseToken(token);
  const link = parsed ? await findResponseLink(db, parsed.organizationId, parsed.hash) : undefined;
  if (!parsed || !link) throw reminderError('LINK_NOT_FOUND', 'This link is not valid.');
  await recordAudit(
    db,
    { ...systemContext(parsed.organizationId, request.requestId), sourceAddress: request.sourceAddress },
    {
      action: 'read',
      patientId: link.patient_id,
      resourceType: 'Appointment',
      resourceId: link.appointment_id,
      reason: 'answer link opened',
    },
    request.now,
  );
  return {
    state: linkState(link, request.now),
    clinicName: clinicName(link.organization_name, link.settings),
    clinicPhone: clinicPhone(link.location_phone, link.settings),
    start: toZonedIso(link.starts_at, link.time_zone),
    timeZone: link.time_zone,
    language: messageLanguage(link.preferred_language),
    usedAction: link.used_action,
  };
}
