/**
 * A synthetic population for the duplicates bench, deterministic for a seed: people with realistic name
 * frequencies (the demo generator's common names as the head, generated names as a long tail), households that
 * share an address, a phone and often a family name, and planted duplicate registrations of some of them with
 * the corruptions desks make. Also planted hard negatives: twins, people with a common name born the same day,
 * a parent and child of the same name, spouses. Nobody here is real: phones are in the 555 exchange, emails at
 * example.com.
 */
import { randomSource, syntheticPatients } from '../apps/server/src/demo/synthetic';
import { nicknamesOf } from '../apps/server/src/modules/patients';

export type Person = {
  familyName: string;
  givenNames: string;
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  phone: string | null;
  email: string | null;
  address: { line1: string; city: string; state: string; postalCode: string } | null;
  identifier: { system: string; value: string } | null;
};

/** What a planted record is: a duplicate (with its corruptions) or a hard negative (and which kind). */
export type Planted =
  | { kind: 'duplicate'; of: number; corruptions: string[] }
  | { kind: 'twin' | 'common-name' | 'junior' | 'spouse'; of: number };

export type Random = ReturnType<typeof randomSource>;

const { given: HEAD_GIVEN, family: HEAD_FAMILY } = harvestNames();
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ten',
  'vor',
  'bel',
  'sha',
  'no',
  'dri',
  'an',
  'el',
  'is',
  'ur',
  'mar',
  'ko',
];
const ENDINGS = [
  'son',
  'berg',
  'ley',
  'ton',
  'wick',
  'ford',
  'ham',
  'field',
  'man',
  'ski',
  'ez',
  'ova',
  'ian',
  'er',
];
const TAIL_FAMILY = generatedNames(12_000, 3, ENDINGS, 1);
const TAIL_GIVEN = generatedNames(1_500, 2, ['a', 'o', 'el', 'in', 'ia', 'en', 'ie', 'us'], 2);
const STREETS = [
  'Main',
  'Oak',
  'Pine',
  'Maple',
  'Cedar',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Park',
  'River',
  'Church',
  'Spring',
  'Ridge',
  'Highland',
  'Sunset',
  'Franklin',
  'Jefferson',
  'Madison',
  'Lincoln',
  'Chestnut',
  'Walnut',
  'Willow',
  'Meadow',
  'Forest',
  'Valley',
  'Mill',
  'Center',
  'North',
  'South',
];
const SUFFIXES = ['Street', 'Avenue', 'Road', 'Drive', 'Lane', 'Court', 'Boulevard', 'Place'];
const CITIES: [string, string][] = [
  ['Chicago', 'IL'],
  ['New York', 'NY'],
  ['Brooklyn', 'NY'],
  ['Boston', 'MA'],
  ['San Francisco', 'CA'],
  ['Los Angeles', 'CA'],
  ['Baltimore', 'MD'],
  ['Louisville', 'KY'],
  ['Oak Park', 'IL'],
  ['Evanston', 'IL'],
];
const PAYERS = [
  'urn:payer:acme',
  'urn:payer:blue',
  'urn:payer:medicaid-il',
  'urn:payer:medicare',
  'urn:payer:union',
];

function harvestNames() {
  const given = new Set<string>();
  const family = new Set<string>();
  for (const patient of syntheticPatients(20_000, 7)) {
    given.add(patient.givenNames.split(' ')[0] ?? '');
    family.add(patient.familyName);
  }
  return { given: [...given].filter(Boolean).sort(), family: [...family].sort() };
}

function generatedNames(count: number, syllables: number, endings: string[], seed: number): string[] {
  const random = randomSource(seed);
  const names = new Set<string>();
  while (names.size < count) {
    let name = '';
    const parts = 1 + random.int(1, syllables);
    for (let part = 0; part < parts; part += 1) name += random.pick(SYLLABLES);
    name += random.pick(endings);
    names.add(name[0]!.toUpperCase() + name.slice(1));
  }
  return [...names];
}

/**
 * Picks from a list with Zipf weights (the first items far more often), as surnames are distributed; `rank` is
 * the rank of the list's first item in the whole distribution (the common names come before the tail).
 */
function zipfPicker(size: number, exponent: number, rank: number) {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let index = 0; index < size; index += 1) {
    total += 1 / (index + rank) ** exponent;
    cumulative[index] = total;
  }
  return (random: Random) => {
    const target = random.next() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

// The commonest tail family name is about as common as the 100th US surname (0.09%), as in census tables.
const tailFamily = zipfPicker(TAIL_FAMILY.length, 1, 100);
const tailGiven = zipfPicker(TAIL_GIVEN.length, 1, 50);

export function pickFamily(random: Random): string {
  return random.next() < 0.55 ? random.pick(HEAD_FAMILY) : TAIL_FAMILY[tailFamily(random)]!;
}

export function pickGiven(random: Random): string {
  return random.next() < 0.7 ? random.pick(HEAD_GIVEN) : TAIL_GIVEN[tailGiven(random)]!;
}

export function isCommonName(familyName: string): boolean {
  return HEAD_FAMILY.includes(familyName);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

export function birthDate(random: Random, fromYear = 1930, toYear = 2024): string {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(random.int(1, days))}`;
}

/** A phone number no other person of the run has: the n-th of a permutation of 8 million 555 numbers. */
export function uniquePhone(n: number): string {
  const value = (n * 7919 + 1_234_567) % 8_000_000;
  return `+1${200 + Math.floor(value / 10_000)}555${pad(value % 10_000, 4)}`;
}

export function newAddress(random: Random): NonNullable<Person['address']> {
  const [city, state] = random.pick(CITIES);
  return {
    line1: `${random.int(1, 9999)} ${random.pick(STREETS)} ${random.pick(SUFFIXES)}`,
    city,
    state,
    postalCode: pad(random.int(10_000, 49_999), 5),
  };
}

/** The n-th person of the base population (households are made by the caller from these). */
export function basePerson(random: Random, n: number): Person {
  const sexRoll = random.next();
  const given = pickGiven(random);
  const middle = random.next() < 0.25 ? ` ${pickGiven(random)}` : '';
  const family = pickFamily(random);
  return {
    familyName: family,
    givenNames: `${given}${middle}`,
    birthDate: birthDate(random),
    sex: sexRoll < 0.49 ? 'female' : sexRoll < 0.98 ? 'male' : 'unknown',
    phone: random.next() < 0.88 ? uniquePhone(n) : null,
    email: random.next() < 0.65 ? emailOf(given, family, n) : null,
    address: random.next() < 0.85 ? newAddress(random) : null,
    identifier:
      random.next() < 0.3 ? { system: random.pick(PAYERS), value: `M${pad(n * 37 + 11, 9)}` } : null,
  };
}

export function emailOf(given: string, family: string, n: number): string {
  const local = `${given}.${family}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  return `${local}${n}@example.com`;
}

/** Someone who lives with `head`: a spouse or a child, sharing the home and usually the family name. */
export function householdMember(random: Random, head: Person, n: number): Person {
  const child = random.next() < 0.5;
  const headYear = Number(head.birthDate.slice(0, 4));
  const year = child ? Math.min(2024, headYear + random.int(18, 40)) : headYear + random.int(-8, 8);
  const given = pickGiven(random);
  return {
    familyName: random.next() < 0.8 ? head.familyName : pickFamily(random),
    givenNames: given,
    birthDate: birthDate(random, Math.max(1900, year), Math.max(1900, year)),
    sex: random.next() < 0.5 ? 'female' : 'male',
    phone: random.next() < 0.6 ? head.phone : random.next() < 0.8 ? uniquePhone(n) : null,
    email:
      random.next() < 0.05 ? head.email : random.next() < 0.5 ? emailOf(given, head.familyName, n) : null,
    address: head.address,
    identifier: null,
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keying error in a name (never in its first letter): a letter changed, dropped, added, or two swapped. */
export function typo(random: Random, name: string): string {
  if (name.length < 4) return name;
  const at = random.int(1, name.length - 2);
  switch (random.int(0, 3)) {
    case 0:
      return name.slice(0, at) + random.pick([...LETTERS]) + name.slice(at + 1);
    case 1:
      return name.slice(0, at) + name.slice(at + 1);
    case 2:
      return name.slice(0, at) + random.pick([...LETTERS]) + name.slice(at);
    default:
      return name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2);
  }
}

function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '');
}

function capitalize(value: string): string {
  return value ? value[0]!.toUpperCase() + value.slice(1) : value;
}

function corruptBirthDate(random: Random, date: string, corruptions: string[]): string {
  const [year, month, day] = date.split('-') as [string, string, string];
  const roll = random.next();
  if (roll < 0.04 && Number(day) <= 12 && day !== month) {
    corruptions.push('dob-day-month');
    return `${year}-${day}-${month}`;
  }
  if (roll < 0.09) {
    // One digit of the day or of the year's last two, mistyped (a real date either way).
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const digits = `${year}${month}${day}`.split('');
      const at = random.pick([2, 3, 6, 7]);
      digits[at] = String(random.int(0, 9));
      const candidate = `${digits.slice(0, 4).join('')}-${digits.slice(4, 6).join('')}-${digits.slice(6).join('')}`;
      const parsed = new Date(`${candidate}T00:00:00Z`);
      if (
        candidate !== date &&
        !Number.isNaN(parsed.getTime()) &&
        parsed.toISOString().startsWith(candidate)
      ) {
        corruptions.push('dob-one-digit');
        return candidate;
      }
    }
  }
  if (roll < 0.11 && year[2] !== year[3]) {
    corruptions.push('dob-year-digits-swapped');
    return `${year.slice(0, 2)}${year[3]}${year[2]}-${month}-${day}`;
  }
  return date;
}

/** A second registration of `person`, with the corruptions a busy desk makes. */
export function duplicateOf(
  random: Random,
  person: Person,
  n: number,
): { person: Person; corruptions: string[] } {
  const corruptions: string[] = [];
  let [given = '', ...middle] = person.givenNames.split(' ');
  let family = person.familyName;
  const nicknames = nicknamesOf(stripAccents(given).toLowerCase());
  if (nicknames.length > 0 && random.next() < 0.2) {
    given = capitalize(random.pick(nicknames));
    corruptions.push('nickname');
  } else if (random.next() < 0.15) {
    given = typo(random, given);
    corruptions.push('given-typo');
  }
  if (random.next() < 0.15) {
    family = typo(random, family);
    corruptions.push('family-typo');
  }
  if (/[^\x20-\x7e]/.test(given + family) && random.next() < 0.4) {
    given = stripAccents(given);
    family = stripAccents(family);
    corruptions.push('accents-dropped');
  }
  if (/[- ]/.test(family) && random.next() < 0.5) {
    family = family.split(/[- ]/)[0] ?? family;
    corruptions.push('family-part-dropped');
  }
  if (person.sex === 'female' && random.next() < 0.08) {
    family = pickFamily(random);
    corruptions.push('married-name');
  }
  if (middle.length > 0 && random.next() < 0.3) {
    middle = [];
    corruptions.push('middle-dropped');
  }
  let givenNames = [given, ...middle].join(' ');
  if (random.next() < 0.04) {
    [givenNames, family] = [family, givenNames];
    corruptions.push('swapped-names');
  }
  const birth = corruptBirthDate(random, person.birthDate, corruptions);
  let phone = person.phone;
  const phoneRoll = random.next();
  if (phoneRoll < 0.25) {
    phone = uniquePhone(n);
    corruptions.push('new-phone');
  } else if (phoneRoll < 0.4) {
    phone = null;
    corruptions.push('phone-missing');
  }
  let email = person.email;
  const emailRoll = random.next();
  if (emailRoll < 0.3) {
    email = null;
    if (person.email) corruptions.push('email-missing');
  } else if (emailRoll < 0.4) {
    email = emailOf(given, family, n);
    corruptions.push('new-email');
  }
  let address = person.address;
  const addressRoll = random.next();
  if (addressRoll < 0.15) {
    address = newAddress(random);
    corruptions.push('moved');
  } else if (addressRoll < 0.35) {
    address = null;
    if (person.address) corruptions.push('address-missing');
  } else if (address && random.next() < 0.2) {
    address = { ...address, line1: address.line1.replace(/Street$/, 'St').replace(/Avenue$/, 'Ave') };
  }
  const sex = random.next() < 0.1 ? 'unknown' : person.sex;
  if (sex !== person.sex) corruptions.push('sex-missing');
  return {
    person: {
      familyName: family,
      givenNames,
      birthDate: birth,
      sex,
      phone,
      email,
      address,
      identifier: null,
    },
    corruptions,
  };
}

/** A hard negative: someone else who looks like `person` in the ways that fool detectors. */
export function hardNegativeOf(
  random: Random,
  person: Person,
  kind: 'twin' | 'common-name' | 'junior' | 'spouse',
  n: number,
): Person {
  const given = pickGiven(random);
  switch (kind) {
    case 'twin':
      return {
        ...person,
        givenNames: given === person.givenNames.split(' ')[0] ? `${given}a` : given,
        sex: random.next() < 0.5 ? 'female' : 'male',
        phone: random.next() < 0.8 ? person.phone : uniquePhone(n),
        email: random.next() < 0.5 ? emailOf(given, person.familyName, n) : null,
        identifier: null,
      };
    case 'common-name':
      return {
        ...basePerson(random, n),
        familyName: person.familyName,
        givenNames: person.givenNames,
        birthDate: person.birthDate,
      };
    case 'junior': {
      const year = Number(person.birthDate.slice(0, 4));
      const younger = year + 18 <= 2024;
      const other = younger
        ? random.int(year + 18, Math.min(2024, year + 45))
        : random.int(year - 45, year - 18);
      return {
        ...person,
        birthDate: birthDate(random, other, other),
        email: random.next() < 0.5 ? emailOf(person.givenNames, person.familyName, n) : null,
        identifier: null,
      };
    }
    case 'spouse':
      return householdMember(random, person, n);
  }
}
