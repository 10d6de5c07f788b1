import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { findPatientsInScope } from './patients.repository';

/** The records a portal account may act for, its own first; each read is audited. */
export async function listOwnPatients(db: Db, context: ActorContext) {
  const rows = await findPatientsInScope(db, context);
  await recordShown(
    db,
    context,
    'read',
    'Patient',
    rows.map((row) => row.id),
  );
  return rows;
}
