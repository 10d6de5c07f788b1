import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { requireActor } from './access-rules';
import { toCareTeamMember } from './confidentiality-view';
import { confidentialityError } from './confidentiality.errors';
import { endCareTeamMember as endMembership, findCareTeamMember } from './confidentiality.repository';

/** Ends a care team membership now, with the reason; the row stays as history. */
export async function endCareTeamMember(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  memberId: string,
  reason: string,
) {
  const now = clock.now();
  const actor = requireActor(context);
  return inTransaction(db, async (trx) => {
    const member = await findCareTeamMember(trx, context.organizationId, patientId, memberId);
    if (!member) throw confidentialityError('CARE_TEAM_MEMBER_NOT_FOUND', 'No such care team membership.');
    const ended = await endMembership(trx, context.organizationId, memberId, {
      endedBy: actor.id,
      reason,
      now,
    });
    if (!ended)
      throw confidentialityError('CARE_TEAM_MEMBERSHIP_ENDED', 'This membership has already ended.');
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId,
        resourceType: 'CareTeamMember',
        resourceId: memberId,
        details: { ended: true },
      },
      now,
    );
    const row = await findCareTeamMember(trx, context.organizationId, patientId, memberId);
    if (!row) throw new Error('care team member vanished after update');
    return toCareTeamMember(row, now);
  });
}
