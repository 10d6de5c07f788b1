import { sql } from 'kysely';
import type { DatabaseHandle } from '../apps/server/src/platform/db/database';
import { syntheticPatients } from '../apps/server/src/demo/synthetic';
import { uuidv7 } from '../apps/server/src/platform/ids';
import { nameSearchColumns, rememberAllNameWords } from '../apps/server/src/modules/patients';

/** The MRN sequence runs from 1,000,000 to 9,999,999; leave room for the patients the create scenario adds. */
export const MAX_SEEDED_PATIENTS = 8_900_000;

const BATCH_SIZE = 5000;

export type SeedResult = {
  patients: number;
  seconds: number;
  patientsPerSecond: number;
  /** VACUUM (ANALYZE) after the load. */
  analyzeSeconds: number;
  /** Words in the organization's name dictionary (typo search corrects against it), padding included. */
  nameWords?: number;
};

/**
 * The synthetic names repeat a few hundred words, where a real population of a million brings tens of thousands of
 * family and given names (the 2010 US census counted about 160,000 family names with 100 or more bearers). The
 * dictionary is padded with made-up words to about this many, so correcting a typo costs what it would there.
 */
const REALISTIC_NAME_WORDS_PER_MILLION = 100_000;

/** A seeded patient as the scenarios use it: to read by id and to search for. */
export type SamplePatient = {
  id: string;
  mrn: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  phone: string | null;
};

/**
 * Loads `count` synthetic patients into one organization, in batches of multi-row `insert … select` over
 * jsonb_to_recordset (one parameter per batch). MRNs come from the same sequence and check-digit function the
 * app uses; the name search columns come from the app's own nameSearchColumns.
 */
export async function seedPatients(
  database: DatabaseHandle,
  organizationId: string,
  count: number,
  onProgress: (done: number, patientsPerSecond: number) => void = () => undefined,
): Promise<SeedResult> {
  if (count > MAX_SEEDED_PATIENTS) {
    throw new Error(`--patients ${count} is more than the MRN sequence allows (${MAX_SEEDED_PATIENTS}).`);
  }
  const started = performance.now();
  let done = 0;
  let nextReport = count / 10;
  for (let batch = 0; done < count; batch += 1) {
    const size = Math.min(BATCH_SIZE, count - done);
    // A different seed per batch keeps memory flat at any size and the stream deterministic.
    const rows = syntheticPatients(size, 20_261_128 + batch).map((patient, index) => ({
      id: uuidv7(),
      family_name: patient.familyName,
      given_names: patient.givenNames,
      birth_date: patient.birthDate,
      sex: patient.sex,
      phone: patient.phone,
      email: patient.email.replace(/\d+@/, `${done + index}@`),
      ...nameSearchColumns(patient.familyName, patient.givenNames, null),
    }));
    await sql`
      insert into patient (organization_id, id, mrn, family_name, given_names, birth_date, sex, phone, email,
                           name_search, family_search, given_search)
      select ${organizationId}::uuid, r.id, mrn_with_check_digit(nextval('patient_mrn_seq')), r.family_name,
             r.given_names, r.birth_date, r.sex, r.phone, r.email, r.name_search, r.family_search, r.given_search
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
             as r(id uuid, family_name text, given_names text, birth_date date, sex text, phone text,
                  email text, name_search text, family_search text, given_search text)`.execute(database.db);
    done += size;
    if (done >= nextReport || done === count) {
      onProgress(done, done / ((performance.now() - started) / 1000));
      nextReport += count / 10;
    }
  }
  await rememberAllNameWords(database.db, organizationId);
  const nameWords = await padNameWords(
    database,
    organizationId,
    Math.round((REALISTIC_NAME_WORDS_PER_MILLION * count) / 1_000_000),
  );
  const loaded = performance.now();
  // What autovacuum would have done on a live database: planner statistics, the GIN pending list merged into the
  // trigram index, and the visibility map set.
  await sql`vacuum (analyze) patient`.execute(database.db);
  await sql`analyze`.execute(database.db);
  const seconds = (loaded - started) / 1000;
  return {
    patients: count,
    seconds,
    patientsPerSecond: count / seconds,
    analyzeSeconds: (performance.now() - loaded) / 1000,
    nameWords,
  };
}

/** Made-up name words (three syllables and an ending, deterministic) until the dictionary holds `target`. */
async function padNameWords(
  database: DatabaseHandle,
  organizationId: string,
  target: number,
): Promise<number> {
  const count = async () => {
    const result = await sql<{ words: string }>`
      select count(*)::text as words from patient_name_word where organization_id = ${organizationId}::uuid`.execute(
      database.db,
    );
    return Number(result.rows[0]?.words ?? 0);
  };
  const missing = Math.min(target - (await count()), 30 * 30 * 30 * 20);
  if (missing <= 0) return await count();
  await sql`
    insert into patient_name_word (organization_id, word)
    select distinct ${organizationId}::uuid,
           s[1 + h % 30] || s[1 + (h / 30) % 30] || s[1 + (h / 900) % 30] || e[1 + (h / 27000) % 20]
      from generate_series(0, ${missing - 1}) as h,
           cast(${sql.lit(SYLLABLES)} as text[]) as s, cast(${sql.lit(ENDINGS)} as text[]) as e
    on conflict do nothing`.execute(database.db);
  return await count();
}

const SYLLABLES =
  '{ka,lo,mi,ran,del,tor,vez,ska,ber,gon,an,el,ris,sen,ov,ich,mar,ta,qui,zu,ha,no,pe,wi,ch,str,ol,ia,ez,man}';
const ENDINGS = '{"",s,son,ez,ski,er,i,a,o,y,berg,ton,ley,mann,ov,ova,ic,en,in,um}';
/** A random sample of the organization's patients (what the read and search scenarios ask for). */
export async function samplePatients(
  database: DatabaseHandle,
  organizationId: string,
  size: number,
): Promise<SamplePatient[]> {
  const result = await sql<{
    id: string;
    mrn: string;
    family_name: string;
    given_names: string;
    birth_date: string;
    phone: string | null;
  }>`
    select id, mrn, family_name, given_names, birth_date, phone
      from patient
     where organization_id = ${organizationId}::uuid
       and mrn ~ '^[0-9]{8}$'
     order by random()
     limit ${size}`.execute(database.db);
  return result.rows.map((row) => ({
    id: row.id,
    mrn: row.mrn,
    familyName: row.family_name,
    givenNames: row.given_names,
    birthDate: row.birth_date,
    phone: row.phone,
  }));
}
