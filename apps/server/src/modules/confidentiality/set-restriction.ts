import type { SetRestrictionRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { requireActor } from './access-rules';
import { confidentialityError } from './confidentiality.errors';
import { insertRestrictionChange, patientExists, writeRestriction } from './confidentiality.repository';
import { readRestriction } from './get-restriction';

/**
 * Restricts a record (or changes how it is restricted) when `expectedVersion` is still current. The change is
 * kept in the history and audited — by kind only: the reason and the sensitive category stay out of the trail.
 */
export async function setRestriction(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  expectedVersion: number,
  input: SetRestrictionRequest,
) {
  const now = clock.now();
  const actor = requireActor(context);
  const category = input.kind === 'sensitive' ? (input.category ?? null) : null;
  return inTransaction(db, async (trx) => {
    if (!(await patientExists(trx, context.organizationId, patientId))) {
      throw confidentialityError('PATIENT_NOT_FOUND', 'No patient with that id.');
    }
    const state = { kind: input.kind, category, reason: input.reason, set_by: actor.id, set_at: now };
    if (
      (await writeRestriction(trx, context.organizationId, patientId, expectedVersion, state, now)) === null
    ) {
      throw commonError(
        'VERSION_MISMATCH',
        'Someone changed this restriction since you opened it. Reload it.',
      );
    }
    await insertRestrictionChange(trx, context.organizationId, {
      id: uuidv7(now.getTime()),
      patientId,
      action: 'set',
      kind: input.kind,
      category,
      reason: input.reason,
      changedBy: actor.id,
      changedAt: now,
    });
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId,
        resourceType: 'PatientRestriction',
        resourceId: patientId,
        details: { restricted: true, kind: input.kind },
      },
      now,
    );
    return readRestriction(trx, context, patientId);
  });
}
