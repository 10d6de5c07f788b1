import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { requireActor } from './access-rules';
import { confidentialityError } from './confidentiality.errors';
import {
  insertRestrictionChange,
  lockRestriction,
  patientExists,
  writeRestriction,
} from './confidentiality.repository';
import { readRestriction } from './get-restriction';

/** Lifts a restriction, with the reason, when `expectedVersion` is still current; the history keeps both. */
export async function clearRestriction(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  expectedVersion: number,
  reason: string,
) {
  const now = clock.now();
  const actor = requireActor(context);
  return inTransaction(db, async (trx) => {
    if (!(await patientExists(trx, context.organizationId, patientId))) {
      throw confidentialityError('PATIENT_NOT_FOUND', 'No patient with that id.');
    }
    const current = await lockRestriction(trx, context.organizationId, patientId);
    if ((current?.version ?? 0) !== expectedVersion) {
      throw commonError(
        'VERSION_MISMATCH',
        'Someone changed this restriction since you opened it. Reload it.',
      );
    }
    if (!current?.kind) throw confidentialityError('NOT_RESTRICTED', 'This record is not restricted.');
    const cleared = { kind: null, category: null, reason: null, set_by: null, set_at: null };
    await writeRestriction(trx, context.organizationId, patientId, expectedVersion, cleared, now);
    await insertRestrictionChange(trx, context.organizationId, {
      id: uuidv7(now.getTime()),
      patientId,
      action: 'clear',
      kind: null,
      category: null,
      reason,
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
        details: { restricted: false, kind: current.kind },
      },
      now,
    );
    return readRestriction(trx, context, patientId);
  });
}
