import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { findPatientsInScope } from './patients.repository';

/** The records a portal account may act for, its own first; each read is audited. */
export async function listOwnPatients(db: Db, context: ActorContext) {
  const rows = await findPatientsInScope(db, context);
  await recordAudit(
    db,
    context,
    rows.map((row) => ({
      action: 'read' as const,
      patientId: row.id,
      resourceType: 'Patient',
      resourceId: row.id,
    })),
  );
  return rows;
}
