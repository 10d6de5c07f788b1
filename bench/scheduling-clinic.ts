import type { DatabaseHandle } from '../apps/server/src/platform/db/database';
import {
  insertAppointmentType,
  insertLocation,
  insertProvider,
  npiWithCheckDigit,
} from '../apps/server/src/modules/directory';
import '../apps/server/src/modules/scheduling';
import { addDays, weekdayOf } from '../apps/server/src/modules/scheduling/zoned-time';
import { uuidv7 } from '../apps/server/src/platform/ids';

/** Providers by specialty: most in primary care, so "first available for a type" looks across many. */
export const SPECIALTIES = [
  ['primary_care', 120],
  ['cardiology', 30],
  ['dermatology', 25],
  ['orthopedics', 25],
] as const;

export type Specialty = (typeof SPECIALTIES)[number][0];

/** Weekday availability, in local wall-clock minutes: 08:00–12:00 and 13:00–17:00. */
export const BLOCKS = [
  { start: 8 * 60, end: 12 * 60 },
  { start: 13 * 60, end: 17 * 60 },
] as const;

export type ClinicLocation = { id: string; name: string; timeZone: string };

/** A provider's working day: one location per block (a few work mornings in New York, afternoons in Chicago). */
export type ClinicProvider = { id: string; specialty: Specialty; blockLocations: [number, number] };

export type ClinicType = {
  id: string;
  code: string;
  specialty: Specialty;
  durationMinutes: number;
  bufferMinutes: number;
  modality: 'in_person' | 'video';
  /** Share of the specialty's appointments that are of this type. */
  share: number;
  maxPerDay?: number;
};

export type BenchClinic = {
  locations: ClinicLocation[];
  providers: ClinicProvider[];
  types: ClinicType[];
  /** Days the whole organization is closed (`YYYY-MM-DD`). */
  holidays: Set<string>;
  /** The follow-up visit of each specialty (15 minutes, no buffer): what the scenarios look for. */
  followUp: Record<Specialty, ClinicType>;
};

type TypeSpec = Omit<ClinicType, 'id' | 'specialty'> & { name: string };

const TYPES: Record<Specialty, TypeSpec[]> = {
  primary_care: [
    {
      code: 'PC-FU',
      name: 'Follow-up visit',
      durationMinutes: 15,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.6,
    },
    {
      code: 'PC-TELE',
      name: 'Video visit',
      durationMinutes: 15,
      bufferMinutes: 0,
      modality: 'video',
      share: 0.2,
    },
    {
      code: 'PC-AWV',
      name: 'Annual wellness visit',
      durationMinutes: 30,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.12,
    },
    {
      code: 'PC-NEW',
      name: 'New patient visit',
      durationMinutes: 45,
      bufferMinutes: 15,
      modality: 'in_person',
      share: 0.08,
      maxPerDay: 3,
    },
  ],
  cardiology: [
    {
      code: 'CARD-FU',
      name: 'Cardiology follow-up',
      durationMinutes: 15,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.55,
    },
    {
      code: 'CARD-TEST',
      name: 'Stress test review',
      durationMinutes: 30,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.3,
    },
    {
      code: 'CARD-NEW',
      name: 'New cardiology patient',
      durationMinutes: 45,
      bufferMinutes: 15,
      modality: 'in_person',
      share: 0.15,
      maxPerDay: 4,
    },
  ],
  dermatology: [
    {
      code: 'DERM-FU',
      name: 'Dermatology follow-up',
      durationMinutes: 15,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.6,
    },
    {
      code: 'DERM-NEW',
      name: 'New dermatology patient',
      durationMinutes: 30,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.25,
    },
    {
      code: 'DERM-PROC',
      name: 'Skin procedure',
      durationMinutes: 30,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.15,
    },
  ],
  orthopedics: [
    {
      code: 'ORTHO-FU',
      name: 'Orthopedic follow-up',
      durationMinutes: 15,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.55,
    },
    {
      code: 'ORTHO-NEW',
      name: 'New orthopedic patient',
      durationMinutes: 30,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.3,
    },
    {
      code: 'ORTHO-INJ',
      name: 'Joint injection',
      durationMinutes: 15,
      bufferMinutes: 0,
      modality: 'in_person',
      share: 0.15,
    },
  ],
};

const FAMILY_NAMES = [
  'Okafor',
  'Nguyen',
  'Patel',
  'García',
  'Kowalski',
  'Haddad',
  'Johansson',
  'Mensah',
  'Ito',
  'Reyes',
];

/**
 * The clinic the scheduling suite books into: a New York and a Chicago location, 200 providers, appointment types
 * per specialty, weekday templates (08:00–12:00 and 13:00–17:00 local) from two years back, and US holidays.
 * Providers and types go in through the directory's own inserts; templates and holidays in one statement each.
 */
export async function seedClinic(
  database: DatabaseHandle,
  organizationId: string,
  today: string,
): Promise<BenchClinic> {
  const db = database.db;
  const locations: ClinicLocation[] = [
    { id: uuidv7(), name: 'East Clinic', timeZone: 'America/New_York' },
    { id: uuidv7(), name: 'Central Clinic', timeZone: 'America/Chicago' },
  ];
  for (const location of locations) {
    await insertLocation(db, organizationId, { ...location, phone: null, address: {} });
  }
  const providers: ClinicProvider[] = [];
  for (const [specialty, count] of SPECIALTIES) {
    for (let index = 0; index < count; index += 1) {
      const number = providers.length;
      // Half in each city; every tenth works mornings in New York and afternoons in Chicago.
      const blockLocations: [number, number] = number % 10 === 9 ? [0, 1] : [number % 2, number % 2];
      const provider: ClinicProvider = { id: uuidv7(), specialty, blockLocations };
      const family = `${FAMILY_NAMES[number % FAMILY_NAMES.length]!}-${number}`;
      await insertProvider(db, organizationId, {
        id: provider.id,
        displayName: `Dr. ${family}`,
        familyName: family,
        givenNames: 'Bench',
        credentials: 'MD',
        specialty,
        npi: npiWithCheckDigit(`1${String(70_000_000 + number).padStart(8, '0')}`),
        locationIds: [...new Set(blockLocations)].map((location) => locations[location]!.id),
      });
      providers.push(provider);
    }
  }
  const types: ClinicType[] = [];
  for (const [specialty, specs] of Object.entries(TYPES) as [Specialty, TypeSpec[]][]) {
    for (const { name, ...spec } of specs) {
      const type: ClinicType = { id: uuidv7(), specialty, ...spec };
      await insertAppointmentType(db, organizationId, {
        id: type.id,
        code: type.code,
        name,
        specialty,
        durationMinutes: type.durationMinutes,
        bufferMinutes: type.bufferMinutes,
        modality: type.modality,
        newPatient: type.code.endsWith('-NEW'),
        selfSchedulable: type.code.endsWith('-FU'),
        rules: type.maxPerDay ? { maxPerDay: type.maxPerDay } : {},
      });
      types.push(type);
    }
  }
  const effectiveFrom = addDays(today, -3 * 365);
  const templates = providers.flatMap((provider) =>
    [1, 2, 3, 4, 5].flatMap((weekday) =>
      BLOCKS.map((block, index) => ({
        organization_id: organizationId,
        id: uuidv7(),
        provider_id: provider.id,
        location_id: locations[provider.blockLocations[index]!]!.id,
        weekday,
        start_time: minutesToTime(block.start),
        end_time: minutesToTime(block.end),
        effective_from: effectiveFrom,
        effective_to: null,
        appointment_type_ids: null,
      })),
    ),
  );
  await db.insertInto('availability_template').values(templates).execute();
  const holidays = usHolidays(Number(today.slice(0, 4)) - 3, Number(today.slice(0, 4)) + 1);
  await db
    .insertInto('holiday')
    .values(
      [...holidays].map(([day, name]) => ({
        organization_id: organizationId,
        id: uuidv7(),
        day,
        name,
        location_id: null,
      })),
    )
    .execute();
  const followUp = Object.fromEntries(
    SPECIALTIES.map(([specialty]) => [
      specialty,
      types.find((type) => type.code.endsWith('-FU') && type.specialty === specialty)!,
    ]),
  ) as Record<Specialty, ClinicType>;
  return { locations, providers, types, holidays: new Set(holidays.keys()), followUp };
}

function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The n-th (or, n = -1, the last) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  if (n > 0) return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7);
  const last = addDays(
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`,
    -1,
  );
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

/** Federal holidays a clinic closes for, observed on the Friday or Monday when they fall on a weekend. */
function usHolidays(fromYear: number, toYear: number): Map<string, string> {
  const days = new Map<string, string>();
  const observed = (day: string) => {
    const weekday = weekdayOf(day);
    return weekday === 6 ? addDays(day, -1) : weekday === 0 ? addDays(day, 1) : day;
  };
  for (let year = fromYear; year <= toYear; year += 1) {
    days.set(observed(`${year}-01-01`), "New Year's Day");
    days.set(nthWeekday(year, 5, 1, -1), 'Memorial Day');
    days.set(observed(`${year}-07-04`), 'Independence Day');
    days.set(nthWeekday(year, 9, 1, 1), 'Labor Day');
    days.set(nthWeekday(year, 11, 4, 4), 'Thanksgiving');
    days.set(observed(`${year}-12-25`), 'Christmas Day');
  }
  return days;
}
