import type { AddCareTeamMemberRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction, pgConstraint } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { requireActor } from './access-rules';
import { toCareTeamMember } from './confidentiality-view';
import { confidentialityError } from './confidentiality.errors';
import {
  activeStaffAccount,
  findCareTeamMember,
  insertCareTeamMember,
  patientExists,
} from './confidentiality.repository';

/** Puts a staff member on a patient's care team, from now (or a given start) until ended. */
export async function addCareTeamMember(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  input: AddCareTeamMemberRequest,
) {
  const now = clock.now();
  const actor = requireActor(context);
  const id = uuidv7(now.getTime());
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= startsAt) {
    throw commonError('VALIDATION_FAILED', 'The membership must end after it starts.', {
      fields: [{ path: 'body.endsAt', message: 'Must be after the start' }],
    });
  }
  try {
    return await inTransaction(db, async (trx) => {
      if (!(await patientExists(trx, context.organizationId, patientId))) {
        throw confidentialityError('PATIENT_NOT_FOUND', 'No patient with that id.');
      }
      if (!(await activeStaffAccount(trx, context.organizationId, input.userId))) {
        throw confidentialityError(
          'CARE_TEAM_USER_INVALID',
          'Choose an active staff member of this clinic.',
          {
            fields: [{ path: 'body.userId', message: 'Not an active staff account here' }],
          },
        );
      }
      await insertCareTeamMember(trx, context.organizationId, {
        id,
        patient_id: patientId,
        user_id: input.userId,
        role: input.role,
        starts_at: startsAt,
        ends_at: endsAt,
        added_by: actor.id,
        added_at: now,
      });
      await recordAudit(
        trx,
        context,
        {
          action: 'create',
          patientId,
          resourceType: 'CareTeamMember',
          resourceId: id,
          details: { userId: input.userId, role: input.role },
        },
        now,
      );
      const row = await findCareTeamMember(trx, context.organizationId, patientId, id);
      if (!row) throw new Error('care team member vanished after insert');
      return toCareTeamMember(row, now);
    });
  } catch (error) {
    if (pgConstraint(error) === 'care_team_member_no_overlap') {
      throw confidentialityError(
        'ALREADY_ON_CARE_TEAM',
        'This person is already on the care team for that time. End that membership first.',
      );
    }
    throw error;
  }
}
