import type { AuditAction } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { organizationSettings } from '../../platform/auth/auth.repository';
import {
  breakGlassProblemMembers,
  decideAccess,
  DESK_APPOINTMENT_WINDOW_MS,
  grantMinutes,
  mustBeAsked,
} from './access-rules';
import { confidentialityError } from './confidentiality.errors';
import { accessFacts } from './confidentiality.repository';

/** What the caller was about to show, for the audit entry of a refused attempt. */
export type RecordAccess = {
  action: Extract<AuditAction, 'read' | 'update' | 'export'>;
  resourceType: string;
  resourceId?: string | null;
};

/**
 * The gate in front of a patient's record. Call it once the patient is found (an unknown id stays a 404) and
 * before any of their data leaves the server. A restricted record opens for staff on its care team, for the
 * front desk when the patient is booked around today, and for whoever holds an active break-the-glass grant;
 * anyone else gets BREAK_THE_GLASS_REQUIRED (403), and the refused attempt is audited. Portal accounts are
 * never asked: their queries only reach their own records.
 */
export async function assertMayOpenRecord(
  executor: Executor,
  context: ActorContext,
  patientId: string,
  now: Date = new Date(),
  access: RecordAccess = { action: 'read', resourceType: 'Patient', resourceId: patientId },
): Promise<void> {
  if (!mustBeAsked(context) || !context.actor) return;
  const facts = await accessFacts(executor, context.organizationId, patientId, context.actor.id, {
    now,
    appointmentsFrom: new Date(now.getTime() - DESK_APPOINTMENT_WINDOW_MS),
    appointmentsTo: new Date(now.getTime() + DESK_APPOINTMENT_WINDOW_MS),
  });
  const decision = decideAccess(context.actor.role, facts);
  if (decision.allowed) return;
  await recordAudit(
    executor,
    context,
    {
      action: access.action,
      outcome: 'denied',
      patientId,
      resourceType: access.resourceType,
      resourceId: access.resourceId ?? null,
      reason: 'break-the-glass-required',
      details: { restriction: decision.restriction },
    },
    now,
  );
  const minutes = grantMinutes(await organizationSettings(executor, context.organizationId));
  throw confidentialityError(
    'BREAK_THE_GLASS_REQUIRED',
    'This record is restricted. To open it, give your reason: your access will be time-limited, audited and reviewed by a supervisor.',
    { members: breakGlassProblemMembers(decision.restriction, minutes) },
  );
}
