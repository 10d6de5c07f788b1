import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { parsePatientQuery } from './name-search';
import { searchPatients, type NameMatch, type PatientRow } from './patients.repository';

/**
 * Finds patients by any mix of name, date of birth, MRN, phone and email. Name parts are tried, in order, as
 * "family given" and "given family" prefixes (alphabetical, the cheap and usual case), then as prefixes of any
 * name part (ranked by similarity), and only when nothing matched at all, by similarity to tolerate typos. Each
 * patient shown is audited as a search hit.
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
  const passes: NameMatch[] =
    query.nameTokens.length === 0
      ? ['family-given']
      : query.nameTokens.length === 1
        ? ['family-given', 'words']
        : ['family-given', 'given-family', 'words'];
  const rows: PatientRow[] = [];
  for (const match of passes) {
    if (rows.length >= limit) break;
    const found = await searchPatients(db, context, query, {
      limit: limit - rows.length,
      match,
      exclude: rows.map((row) => row.id),
    });
    rows.push(...found);
  }
  if (rows.length === 0 && query.nameTokens.length > 0) {
    rows.push(...(await searchPatients(db, context, query, { limit, match: 'fuzzy' })));
  }
  await recordShown(
    db,
    context,
    'search',
    'Patient',
    rows.map((row) => row.id),
  );
  return rows;
}
