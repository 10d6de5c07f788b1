import { isRealDate } from '@patientdesk/contracts';
import { normalizePhone } from '../../platform/phone';
import { isValidMrn } from './mrn';

/** Lower case, accents removed, punctuation to spaces: "José O'Neil-Smith" → "jose o neil smith". */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The search columns of a patient row, all derived from the name. */
export type NameSearchColumns = { name_search: string; family_search: string; given_search: string };

/**
 * What the name indexes hold for a patient: `name_search` (a leading space, then every normalized name part, for
 * word-prefix and typo matching) and the normalized family and given names (for the alphabetical fast path).
 */
export function nameSearchColumns(
  familyName: string,
  givenNames: string,
  preferredName: string | null,
): NameSearchColumns {
  return {
    name_search: ` ${normalizeName([familyName, givenNames, preferredName ?? ''].join(' '))}`,
    family_search: normalizeName(familyName),
    given_search: normalizeName(givenNames),
  };
}

export type PatientQuery = {
  nameTokens: string[];
  birthDate: string | null;
  mrn: string | null;
  phone: string | null;
  phoneSuffix: string | null;
  email: string | null;
};

/**
 * Reads what a specialist types into the search box — any mix of name parts, a date of birth (1980-04-02,
 * 04/02/1980, 4/2/80), an MRN, a phone number (full or last four digits) and an email — into search terms.
 */
export function parsePatientQuery(input: string, today: Date = new Date()): PatientQuery {
  const query: PatientQuery = {
    nameTokens: [],
    birthDate: null,
    mrn: null,
    phone: null,
    phoneSuffix: null,
    email: null,
  };
  const phoneCandidate = input.replace(/[^\d+]/g, '');
  const text = input.trim();
  if (/^[+\d\s().-]{10,}$/.test(text)) {
    const phone = normalizePhone(text);
    if (phone) {
      query.phone = phone;
      return query;
    }
  }
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    const token = raw.trim();
    if (token.includes('@')) {
      query.email = token.toLowerCase();
      continue;
    }
    const date = parseDate(token, today);
    if (date) {
      query.birthDate = date;
      continue;
    }
    if (/^\d{8}$/.test(token) && isValidMrn(token)) {
      query.mrn = token;
      continue;
    }
    if (/^\d{4}$/.test(token)) {
      query.phoneSuffix = token;
      continue;
    }
    if (/^\d+$/.test(token)) {
      query.mrn = token;
      continue;
    }
    const name = normalizeName(token);
    if (name) query.nameTokens.push(...name.split(' '));
  }
  if (!query.phone && phoneCandidate.length >= 10 && query.nameTokens.length === 0 && !query.birthDate) {
    query.phone = normalizePhone(phoneCandidate);
  }
  return query;
}

function parseDate(token: string, today: Date): string | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (match) return toIsoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(token);
  if (match) {
    let year = Number(match[3]);
    if (match[3]?.length === 2) {
      // Two-digit years: the most recent year not in the future.
      const century = Math.floor(today.getUTCFullYear() / 100) * 100;
      year = century + year > today.getUTCFullYear() ? century - 100 + year : century + year;
    }
    return toIsoDate(year, Number(match[1]), Number(match[2]));
  }
  return null;
}

function toIsoDate(year: number, month: number, day: number): string | null {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isRealDate(value) ? value : null;
}
