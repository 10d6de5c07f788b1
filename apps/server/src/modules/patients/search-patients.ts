import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { parsePatientQuery, type PatientQuery } from './name-search';
import { nicknamesOf } from './nicknames';
import { correctNameTokens, searchPatients, type NameMatch, type PatientRow } from './patients.repository';

/**
 * Finds patients by any mix of name, date of birth, MRN, phone and email. Name parts are tried, in order, as
 * "family given" and "given family" prefixes (alphabetical, the cheap and usual case), then as prefixes of any
 * name part (ranked by similarity). With two or more parts, a part that is a nickname also finds the formal name
 * and the other short forms ("Bob Smith": Robert Smith, Bobby Smith), after the exact matches. Only when nothing
 * matched at all are typos tolerated: each part no known name word starts with is corrected to one of the
 * organization's closest name words and the passes run again. Each patient shown is audited as a search hit.
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
  const rows: PatientRow[] = [];
  const search = async (terms: PatientQuery, match: NameMatch, givenNames?: readonly string[]) => {
    if (rows.length >= limit) return;
    const found = await searchPatients(db, context, terms, {
      limit: limit - rows.length,
      match,
      exclude: rows.map((row) => row.id),
      ...(givenNames ? { givenNames } : {}),
    });
    rows.push(...found);
  };
  const byName = async (nameTokens: string[]) => {
    const terms = { ...query, nameTokens };
    await search(terms, 'family-given');
    if (nameTokens.length >= 2) await search(terms, 'given-family');
    if (nameTokens.length >= 1) await search(terms, 'words');
  };

  const tokens = query.nameTokens;
  await byName(tokens);
  if (tokens.length >= 2) {
    for (const [index, token] of tokens.entries()) {
      const variants = nicknamesOf(token);
      if (variants.length === 0) continue;
      const others = tokens.filter((_, other) => other !== index);
      await search({ ...query, nameTokens: others }, 'nickname', variants);
    }
  }
  if (rows.length === 0 && tokens.length > 0) {
    // The closest words first; a word no patient has any longer finds nobody, and the next one is tried.
    const corrections = await correctNameTokens(db, context.organizationId, tokens);
    const tried = new Set<string>();
    for (let rank = 0; rank < 3 && rows.length === 0; rank += 1) {
      const corrected = tokens.map((token, index) => {
        const words = corrections[index] ?? [];
        return words[rank] ?? words[0] ?? token;
      });
      const key = corrected.join(' ');
      if (key === tokens.join(' ') || tried.has(key)) continue;
      tried.add(key);
      await byName(corrected);
    }
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
