import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { parsePatientQuery } from './name-search';
import { searchPatients } from './patients.repository';

/**
 * Finds patients by any mix of name, date of birth, MRN, phone and email. Name parts match as word prefixes; when
 * nothing matches, a second pass tolerates typos. Each patient shown is audited as a search hit.
 */
export async function findPatients(db: Db, context: ActorContext, text: string, limit: number) {
  const query = parsePatientQuery(text);
  const empty =
    query.nameTokens.length === 0 &&
    !query.birthDate &&
    !query.mrn &&
    !query.phone &&
    !query.phoneSuffix &&
    !query.email;
  if (empty) return [];
  let rows = await searchPatients(db, context, query, { limit, fuzzy: false });
  if (rows.length === 0 && query.nameTokens.length > 0) {
    rows = await searchPatients(db, context, query, { limit, fuzzy: true });
  }
  await recordShown(
    db,
    context,
    'search',
    'Patient',
    rows.map((row) => ({ patientId: row.id, resourceId: row.id })),
  );
  return rows;
}
