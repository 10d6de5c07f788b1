export type MatchField =
  'familyName' | 'givenName' | 'birthDate' | 'sex' | 'phone' | 'email' | 'address' | 'identifier';
export type MatchKind = 'exact' | 'similar' | 'different';

/** One field's comparison and the weight it added (negative when it speaks against one person). */
export type MatchReason = { field: MatchField; kind: MatchKind; weight: number; detail: string | null };

/**
 * log2 weights by field and outcome. An exact family or given name is weighed by how common it is in the
 * organization (see PopulationStats): log2(m / share), between the bounds here; without statistics, a name of
 * the default share.
 */
export const WEIGHTS = {
  familyName: { m: 0.9, min: 3, max: 13, namePart: 5, spelling: 5, swapped: 6, different: -3 },
  givenName: {
    m: 0.85,
    min: 3,
    max: 11,
    nickname: 5,
    preferred: 5,
    spelling: 4.5,
    middleName: 3,
    initial: 1.5,
    swapped: 5,
    different: -8,
  },
  birthDate: { exact: 14, transposed: 9, oneDigit: 8, different: -10 },
  sex: { exact: 0.3, different: -6 },
  phone: { exact: 10, similar: 3, different: -2 },
  email: { exact: 11, similar: 3, different: -2 },
  address: { exact: 8, similar: 4, different: -2 },
  identifier: { exact: 18, different: -2 },
} as const;

/**
 * How common names are in the organization, and how many patients it has: a family name, a given name and a
 * birth date shared by chance are likelier among a million patients than among a thousand, and likelier for
 * "Smith" than for "Okonkwo" (Fellegi–Sunter with term frequencies).
 */
export type PopulationStats = {
  patients: number;
  /** Patients per normalized family name and per normalized first given name (names missing: rare). */
  familyCounts: ReadonlyMap<string, number>;
  givenCounts: ReadonlyMap<string, number>;
};

/** Used without statistics (a new organization, the unit tests). */
export const DEFAULT_STATS: PopulationStats = {
  patients: 100_000,
  familyCounts: new Map(),
  givenCounts: new Map(),
};
export const DEFAULT_SHARE = { family: 1 / 200, given: 1 / 100 };

/**
 * Phone, email and address agree together for people who share a home (twins, spouses, a parent and child), so
 * their agreements are not independent evidence: the strongest counts in full, the next at this share, the third
 * at its square.
 */
export const SHARED_CONTACT_DISCOUNT = 0.35;
