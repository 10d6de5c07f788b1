import { BREAK_GLASS_REASON_LABELS, type BreakGlassRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import { organizationSettings } from '../../platform/auth/auth.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import {
  addMinutes,
  decideAccess,
  DESK_APPOINTMENT_WINDOW_MS,
  grantMinutes,
  requireActor,
  REVIEW_DUE_HOURS,
} from './access-rules';
import { confidentialityError } from './confidentiality.errors';
import { activeGrantOf, displayNameOf, insertGrant } from './break-glass.repository';
import { accessFacts, lockRestriction, patientExists } from './confidentiality.repository';
import { REVIEW_ITEM, type ReviewQueue } from './review-queue';

/**
 * Breaks the glass: a time-boxed grant for the caller to open one restricted record, its audit entry (with the
 * reason code; the caller's own words stay in the grant, for the reviewer), and a review item in the
 * supervisors' queue — all in one transaction. Asking again while a grant runs returns that grant.
 */
export async function breakGlass(
  db: Db,
  deps: { clock: Clock; queue: ReviewQueue },
  context: ActorContext,
  patientId: string,
  input: BreakGlassRequest,
) {
  const now = deps.clock.now();
  const actor = requireActor(context);
  return inTransaction(db, async (trx) => {
    if (!(await patientExists(trx, context.organizationId, patientId))) {
      throw confidentialityError('PATIENT_NOT_FOUND', 'No patient with that id.');
    }
    // One request at a time per record: two clicks make one grant, and a restriction change waits for it.
    const restriction = await lockRestriction(trx, context.organizationId, patientId);
    const running = await activeGrantOf(trx, context.organizationId, patientId, actor.id, now);
    if (running) return { grant: running, created: false };
    const facts = await accessFacts(trx, context.organizationId, patientId, actor.id, {
      now,
      appointmentsFrom: new Date(now.getTime() - DESK_APPOINTMENT_WINDOW_MS),
      appointmentsTo: new Date(now.getTime() + DESK_APPOINTMENT_WINDOW_MS),
    });
    const decision = decideAccess(actor.role, facts);
    if (!restriction?.kind || decision.allowed) {
      throw confidentialityError(
        'BREAK_GLASS_NOT_NEEDED',
        restriction?.kind
          ? 'You already have a care relationship with this patient: open the record.'
          : 'This record is not restricted: open it.',
      );
    }
    const minutes = grantMinutes(await organizationSettings(trx, context.organizationId));
    const grant = await insertGrant(trx, context.organizationId, {
      id: uuidv7(now.getTime()),
      patient_id: patientId,
      user_id: actor.id,
      reason: input.reason,
      detail: input.detail,
      restriction_kind: restriction.kind,
      granted_at: now,
      expires_at: addMinutes(now, minutes),
    });
    await recordAudit(
      trx,
      context,
      {
        action: 'break-glass',
        patientId,
        resourceType: 'Patient',
        resourceId: patientId,
        reason: input.reason,
        details: {
          grantId: grant.id,
          restriction: restriction.kind,
          expiresAt: grant.expires_at.toISOString(),
        },
      },
      now,
    );
    const name = await displayNameOf(trx, context.organizationId, actor.id);
    await deps.queue.open(
      trx,
      context,
      {
        kind: REVIEW_ITEM.kind,
        title: `Review break-the-glass access by ${name} (${BREAK_GLASS_REASON_LABELS[input.reason]})`,
        patientId,
        queue: 'supervisor',
        priority: 'normal',
        dueAt: addMinutes(now, REVIEW_DUE_HOURS * 60),
        subject: { type: REVIEW_ITEM.subjectType, id: grant.id },
        detail: { reason: input.reason, actorId: actor.id },
      },
      now,
    );
    return { grant, created: true };
  });
}
