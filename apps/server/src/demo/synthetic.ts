/**
 * Synthetic people for the demo clinic, tests and benchmarks. Deterministic for a given seed. None of these are
 * real patients: names are drawn from common name lists and combined at random; phones use the 555 exchange and
 * emails the reserved example.com domain.
 */

const GIVEN = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Christopher',
  'Lisa',
  'Daniel',
  'Nancy',
  'Matthew',
  'Betty',
  'Anthony',
  'Margaret',
  'Mark',
  'Sandra',
  'Donald',
  'Ashley',
  'Steven',
  'Kimberly',
  'Paul',
  'Emily',
  'Andrew',
  'Donna',
  'Joshua',
  'Michelle',
  'Kenneth',
  'Carol',
  'Kevin',
  'Amanda',
  'Brian',
  'Dorothy',
  'George',
  'Melissa',
  'Timothy',
  'Deborah',
  'José',
  'María',
  'Luis',
  'Sofía',
  'Carlos',
  'Ana',
  'Juan',
  'Lucía',
  'Miguel',
  'Camila',
  'Wei',
  'Mei',
  'Hiroshi',
  'Yuki',
  'Aarav',
  'Priya',
  'Mohammed',
  'Fatima',
  'Oluwaseun',
  'Chiamaka',
  'Dmitri',
  'Olga',
  'Zoë',
  'Noah',
  'Liam',
  'Olivia',
  'Emma',
  'Ava',
  'Mateo',
  'Isabella',
  'Ethan',
  'Mia',
  'Aiden',
  'Harper',
  'Elijah',
  'Amelia',
  'Logan',
  'Evelyn',
  'Nguyen',
  'Thanh',
  'Siobhán',
  'Seán',
  'Renée',
  'André',
  'Chloé',
  'François',
  'Björn',
  'Ingrid',
  'Kwame',
  'Ama',
];

const FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Kim',
  'Chen',
  'Wang',
  'Patel',
  'Shah',
  'Okafor',
  'Adeyemi',
  "O'Brien",
  "O'Neil",
  'McDonald',
  'Van der Berg',
  'De la Cruz',
  'García-López',
  'Smith-Jones',
  'Müller',
  'Søndergaard',
  'Nakamura',
  'Tanaka',
  'Kowalski',
  'Nowak',
  'Ivanov',
  'Petrov',
  'Haddad',
  'Khalil',
  'Mensah',
  'Osei',
  'Fernández',
  'Núñez',
  'Peña',
  'Dubois',
  'Lefèvre',
  'Rossi',
  'Bianchi',
  'Costa',
  'Silva',
  'Santos',
  'Oliveira',
  'Murphy',
  'Kelly',
  'Sullivan',
  'Byrne',
  'Cohen',
  'Levy',
  'Friedman',
  'Schwartz',
  'Park',
  'Choi',
  'Singh',
  'Kaur',
  'Ali',
];

const AREA_CODES = [
  '212',
  '312',
  '347',
  '410',
  '415',
  '502',
  '617',
  '646',
  '708',
  '773',
  '872',
  '917',
  '929',
];

export type SyntheticPatient = {
  familyName: string;
  givenNames: string;
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  phone: string;
  email: string;
};

/** A small, fast, seedable PRNG (mulberry32). */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

/** The n-th synthetic patient of a seeded stream. */
export function syntheticPatients(count: number, seed = 20261128): SyntheticPatient[] {
  const random = randomSource(seed);
  const patients: SyntheticPatient[] = [];
  for (let index = 0; index < count; index += 1) {
    const given = random.pick(GIVEN);
    const middle = random.next() < 0.25 ? ` ${random.pick(GIVEN)}` : '';
    const family = random.pick(FAMILY);
    const year = random.int(1935, 2024);
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    const sexRoll = random.next();
    const phone = `+1${random.pick(AREA_CODES)}555${String(random.int(0, 9999)).padStart(4, '0')}`;
    const emailName = `${given}.${family}`
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z.]/g, '');
    patients.push({
      familyName: family,
      givenNames: `${given}${middle}`,
      birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      sex: sexRoll < 0.49 ? 'female' : sexRoll < 0.98 ? 'male' : 'unknown',
      phone,
      email: `${emailName}${index}@example.com`,
    });
  }
  return patients;
}
