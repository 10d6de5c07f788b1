import { normalizeName } from '../patients';

export type MatchAddress = {
  line1?: string | null | undefined;
  line2?: string | null | undefined;
  city?: string | null | undefined;
  postalCode?: string | null | undefined;
};

export type MatchIdentifier = { system: string; value: string };

/** A patient record as the scorer reads it (a registration form or a stored row). */
export type MatchInput = {
  familyName: string;
  givenNames: string;
  preferredName?: string | null | undefined;
  birthDate?: string | null | undefined;
  sex?: string | null | undefined;
  phone?: string | null | undefined;
  /** More numbers than the primary one (home, work). */
  otherPhones?: readonly string[] | null | undefined;
  email?: string | null | undefined;
  addresses?: readonly MatchAddress[] | null | undefined;
  identifiers?: readonly MatchIdentifier[] | null | undefined;
};

/** A record normalized once, so that scoring it against many others repeats no work. */
export type PreparedRecord = {
  family: string;
  familyParts: string[];
  given: string;
  middleNames: string[];
  preferred: string[];
  birthDate: string | null;
  sex: string | null;
  phone: string | null;
  /** Every number, the primary first. */
  phones: string[];
  email: string | null;
  addresses: { line1: string; house: string | null; postal: string | null; city: string | null }[];
  identifiers: Map<string, string[]>;
};

/** Normalizes a record for scoring: names without accents or punctuation, phone digits, lower-case email. */
export function prepareRecord(input: MatchInput): PreparedRecord {
  const familyParts = normalizeName(input.familyName).split(' ').filter(Boolean);
  const givenParts = normalizeName(input.givenNames).split(' ').filter(Boolean);
  const identifiers = new Map<string, string[]>();
  for (const identifier of input.identifiers ?? []) {
    const system = identifier.system.trim().toLowerCase();
    const value = identifier.value.replace(/[\s-]/g, '').toUpperCase();
    identifiers.set(system, [...(identifiers.get(system) ?? []), value]);
  }
  return {
    family: familyParts.join(''),
    familyParts,
    given: givenParts[0] ?? '',
    middleNames: givenParts.slice(1),
    preferred: normalizeName(input.preferredName ?? '')
      .split(' ')
      .filter(Boolean),
    birthDate: input.birthDate ?? null,
    sex: input.sex && input.sex !== 'unknown' ? input.sex : null,
    phone: phoneDigits(input.phone),
    phones: [input.phone, ...(input.otherPhones ?? [])].flatMap((phone) => phoneDigits(phone) ?? []),
    email: input.email ? input.email.trim().toLowerCase() : null,
    addresses: (input.addresses ?? []).flatMap((address) => {
      const line1 = normalizeStreet(address.line1 ?? '');
      if (!line1) return [];
      const postal = (address.postalCode ?? '').replace(/\s/g, '').toLowerCase().slice(0, 5) || null;
      const city = normalizeName(address.city ?? '') || null;
      return [{ line1, house: /^(\d+)/.exec(line1)?.[1] ?? null, postal, city }];
    }),
    identifiers,
  };
}

/** The digits of a phone number, without the US country code. */
function phoneDigits(phone: string | null | undefined): string | null {
  return phone ? phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '') || null : null;
}

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  boulevard: 'blvd',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  terrace: 'ter',
  highway: 'hwy',
  parkway: 'pkwy',
  circle: 'cir',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  apartment: 'apt',
  suite: 'ste',
};

function normalizeStreet(line: string): string {
  return normalizeName(line)
    .split(' ')
    .filter(Boolean)
    .map((word) => STREET_WORDS[word] ?? word)
    .join(' ');
}
