import { sql } from 'kysely';
import { randomSource } from '../apps/server/src/demo/synthetic';
import { nameSearchColumns } from '../apps/server/src/modules/patients';
import type { DatabaseHandle } from '../apps/server/src/platform/db/database';
import { uuidv7 } from '../apps/server/src/platform/ids';
import {
  basePerson,
  duplicateOf,
  hardNegativeOf,
  householdMember,
  isCommonName,
  type Person,
  type Random,
} from './duplicates-population';

const BATCH_SIZE = 5000;
const HOUSEHOLD_SHARE = 0.12;

export type PopulationOptions = {
  patients: number;
  duplicates: number;
  hardNegatives: number;
  seed: number;
};

export type HardNegativeKind = 'twin' | 'common-name' | 'junior' | 'spouse';

/** What was planted, keyed by the pair (`smaller id|larger id`). */
export type SeededPopulation = {
  patients: number;
  households: number;
  /** Planted duplicate pairs and the corruptions of each. */
  duplicates: Map<string, string[]>;
  /** Planted hard-negative pairs and their kind. */
  hardNegatives: Map<string, HardNegativeKind>;
  seconds: number;
  analyzeSeconds: number;
};

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

type Row = { id: string; person: Person };

/**
 * Loads the population in batches of multi-row `insert … select` over jsonb_to_recordset (one parameter per
 * batch), the speed trick of bench/seed.ts. Planted records go into the batch after their original, so they are
 * registered later, as they would be.
 */
export async function seedPopulation(
  database: DatabaseHandle,
  organizationId: string,
  options: PopulationOptions,
  onProgress: (done: number, perSecond: number) => void = () => undefined,
): Promise<SeededPopulation> {
  const random = randomSource(options.seed);
  const planted = options.duplicates + options.hardNegatives;
  const base = options.patients - planted;
  if (base < planted * 2)
    throw new Error('--patients must be well above --duplicates plus the hard negatives');
  const duplicates = new Map<string, string[]>();
  const hardNegatives = new Map<string, HardNegativeKind>();
  const heads: Row[] = [];
  let households = 0;
  let remainingDuplicates = options.duplicates;
  let remainingNegatives = options.hardNegatives;
  let pending: Row[] = [];
  let batch: Row[] = [];
  let inserted = 0;
  let n = 0;
  const started = performance.now();
  let nextReport = options.patients / 10;

  const flush = async () => {
    await insertBatch(database, organizationId, batch);
    inserted += batch.length;
    batch = [];
    if (inserted >= nextReport || inserted === options.patients) {
      onProgress(inserted, inserted / ((performance.now() - started) / 1000));
      nextReport += options.patients / 10;
    }
  };

  for (let index = 0; index < base; index += 1) {
    n += 1;
    let row: Row;
    if (heads.length > 0 && random.next() < HOUSEHOLD_SHARE) {
      const head = heads[random.int(0, heads.length - 1)]!;
      row = { id: uuidv7(), person: householdMember(random, head.person, n) };
      households += 1;
    } else {
      row = { id: uuidv7(), person: basePerson(random, n) };
      if (row.person.address) {
        if (heads.length < 2000) heads.push(row);
        else heads[random.int(0, heads.length - 1)] = row;
      }
    }
    batch.push(row);
    const left = base - index;
    // Selection sampling: exactly the asked-for number of originals, spread evenly over the population.
    if (random.next() < remainingDuplicates / left) {
      remainingDuplicates -= 1;
      n += 1;
      const copy = duplicateOf(random, row.person, n);
      const id = uuidv7();
      pending.push({ id, person: copy.person });
      duplicates.set(pairKey(row.id, id), copy.corruptions);
    }
    if (random.next() < remainingNegatives / left) {
      remainingNegatives -= 1;
      n += 1;
      const kind = negativeKind(random, row.person);
      const id = uuidv7();
      pending.push({ id, person: hardNegativeOf(random, row.person, kind, n) });
      hardNegatives.set(pairKey(row.id, id), kind);
    }
    if (batch.length >= BATCH_SIZE) {
      await flush();
      batch = pending;
      pending = [];
    }
  }
  batch.push(...pending);
  await flush();
  const loaded = performance.now();
  await sql`vacuum (analyze) patient`.execute(database.db);
  await sql`vacuum (analyze) patient_identifier`.execute(database.db);
  await sql`analyze`.execute(database.db);
  return {
    patients: inserted,
    households,
    duplicates,
    hardNegatives,
    seconds: (loaded - started) / 1000,
    analyzeSeconds: (performance.now() - loaded) / 1000,
  };
}

function negativeKind(random: Random, person: Person): HardNegativeKind {
  const roll = random.next();
  if (roll < 0.35) return 'twin';
  if (roll < 0.65) return isCommonName(person.familyName) ? 'common-name' : 'twin';
  if (roll < 0.8) return 'junior';
  return 'spouse';
}

async function insertBatch(database: DatabaseHandle, organizationId: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map(({ id, person }) => ({
    id,
    family_name: person.familyName,
    given_names: person.givenNames,
    birth_date: person.birthDate,
    sex: person.sex,
    phone: person.phone,
    email: person.email,
    addresses: person.address ? [{ use: 'home', country: 'US', ...person.address }] : [],
    ...nameSearchColumns(person.familyName, person.givenNames, null),
  }));
  await sql`
    insert into patient (organization_id, id, mrn, family_name, given_names, birth_date, sex, phone, email,
                         addresses, name_search, family_search, given_search)
    select ${organizationId}::uuid, r.id, mrn_with_check_digit(nextval('patient_mrn_seq')), r.family_name,
           r.given_names, r.birth_date, r.sex, r.phone, r.email, r.addresses, r.name_search, r.family_search,
           r.given_search
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
           as r(id uuid, family_name text, given_names text, birth_date date, sex text, phone text, email text,
                addresses jsonb, name_search text, family_search text, given_search text)`.execute(
    database.db,
  );
  const identifiers = rows.flatMap(({ id, person }) =>
    person.identifier ? [{ patient_id: id, ...person.identifier }] : [],
  );
  if (identifiers.length === 0) return;
  await sql`
    insert into patient_identifier (organization_id, patient_id, system, value)
    select ${organizationId}::uuid, r.patient_id, r.system, r.value
      from jsonb_to_recordset(${JSON.stringify(identifiers)}::jsonb) as r(patient_id uuid, system text, value text)`.execute(
    database.db,
  );
}
