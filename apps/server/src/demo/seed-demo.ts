import type { Role } from '@patientdesk/contracts';
import { systemContext } from '../platform/access/context';
import { createAccount } from '../platform/auth/accounts';
import type { Db } from '../platform/db/database';
import { inTransaction } from '../platform/db/transaction';
import { uuidv7 } from '../platform/ids';
import {
  countOrganizations,
  findOrganizationBySlug,
  insertOrganization,
} from '../platform/tenancy/organizations.repository';
import {
  insertAppointmentType,
  insertLocation,
  insertProvider,
  insertRoom,
  npiWithCheckDigit,
} from '../modules/directory';
import { createPatient } from '../modules/patients';
import { openWorkItem } from '../modules/worklist';
import { systemClock } from '../platform/clock';
import { syntheticPatients } from './synthetic';
import { DEMO_APPOINTMENT_TYPES } from './appointment-types';
import { seedDemoAppointments } from './demo-appointments';
import { insertAvailabilityTemplate } from '../modules/scheduling';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ORGANIZATION_SLUG = 'demo';

export const DEMO_ACCOUNTS: readonly { email: string; role: Role; displayName: string }[] = [
  { email: 'frontdesk@demo.test', role: 'front_desk', displayName: 'Fran Desk' },
  { email: 'billing@demo.test', role: 'billing', displayName: 'Bill Ling' },
  { email: 'clinician@demo.test', role: 'clinician', displayName: 'Dr. Casey Clinician' },
  { email: 'supervisor@demo.test', role: 'supervisor', displayName: 'Sam Supervisor' },
  { email: 'admin@demo.test', role: 'admin', displayName: 'Ada Admin' },
  { email: 'patient@demo.test', role: 'patient', displayName: 'Alex Rivera' },
];

const DEMO_PATIENT_COUNT = 400;

/** Seeds the demo clinic when the database has no organization at all (first start of the embedded database). */
export async function seedDemoIfEmpty(db: Db) {
  if ((await countOrganizations(db)) > 0) return null;
  return seedDemo(db);
}

/**
 * The demo clinic: two locations in different time zones, eight providers across primary care, cardiology, imaging
 * and behavioral health, rooms, appointment types, several hundred synthetic patients, the demo accounts (password
 * `demo-password`), and a few worklist items. Refuses to run twice.
 */
export async function seedDemo(db: Db, options: { patients?: number } = {}) {
  if (await findOrganizationBySlug(db, DEMO_ORGANIZATION_SLUG)) {
    throw new Error('The demo organization already exists.');
  }
  const organizationId = uuidv7();
  const context = systemContext(organizationId);
  const east = uuidv7();
  const central = uuidv7();
  await inTransaction(db, async (trx) => {
    await insertOrganization(trx, {
      id: organizationId,
      slug: DEMO_ORGANIZATION_SLUG,
      name: 'Riverside Community Health (demo)',
      settings: {
        contactPhone: '(212) 555-0100',
        displayName: 'Riverside Health',
        mfaRequiredForPrivileged: false,
      },
    });
    await insertLocation(trx, organizationId, {
      id: east,
      name: 'Riverside Main Clinic',
      timeZone: 'America/New_York',
      phone: '+12125550100',
      address: { line: '100 Example Avenue', city: 'New York', state: 'NY', postalCode: '10001' },
    });
    await insertLocation(trx, organizationId, {
      id: central,
      name: 'Lakeside Clinic',
      timeZone: 'America/Chicago',
      phone: '+13125550100',
      address: { line: '200 Sample Street', city: 'Chicago', state: 'IL', postalCode: '60601' },
    });
    const providers = [
      ['Okonkwo', 'Adaeze', 'MD', 'primary_care', [east]],
      ['Lindqvist', 'Erik', 'DO', 'primary_care', [central]],
      ['Ramanathan', 'Priya', 'MD', 'cardiology', [east, central]],
      ['Delgado', 'Marco', 'MD', 'cardiology', [east]],
      ['Whitfield', 'Hannah', 'MD', 'imaging', [east]],
      ['Tanaka', 'Kenji', 'MD', 'imaging', [central]],
      ['Moreau', 'Claire', 'PsyD', 'behavioral_health', [east, central]],
      ['Abernathy', 'Jonah', 'LCSW', 'behavioral_health', [central]],
    ] as const;
    for (const [index, [family, given, credentials, specialty, locations]] of providers.entries()) {
      const providerId = uuidv7();
      await insertProvider(trx, organizationId, {
        id: providerId,
        displayName: `${given} ${family}, ${credentials}`,
        familyName: family,
        givenNames: given,
        credentials,
        specialty,
        npi: npiWithCheckDigit(`1${String(20260000 + index * 17).padStart(8, '0')}`),
        locationIds: [...locations],
      });
      // Weekdays; a provider at both locations works mornings in New York and afternoons in Chicago.
      const blocks =
        locations.length === 2
          ? [
              [locations[0], '08:00', '12:00'],
              [locations[1], '13:00', '17:00'],
            ]
          : [
              [locations[0], '08:00', '12:00'],
              [locations[0], '13:00', '17:00'],
            ];
      for (let weekday = 1; weekday <= 5; weekday += 1) {
        for (const [locationId, startTime, endTime] of blocks) {
          await insertAvailabilityTemplate(trx, organizationId, {
            id: uuidv7(),
            providerId,
            locationId: locationId as string,
            weekday,
            startTime: startTime as string,
            endTime: endTime as string,
            effectiveFrom: '2026-01-01',
            effectiveTo: null,
            appointmentTypeIds: null,
          });
        }
      }
    }
    const rooms: [string, string, string][] = [
      [east, 'Exam 1', 'exam'],
      [east, 'Exam 2', 'exam'],
      [east, 'Exam 3', 'exam'],
      [east, 'Echo Lab', 'imaging'],
      [east, 'X-ray', 'imaging'],
      [east, 'Counseling A', 'counseling'],
      [central, 'Exam A', 'exam'],
      [central, 'Exam B', 'exam'],
      [central, 'MRI Suite', 'imaging'],
      [central, 'Counseling B', 'counseling'],
    ];
    for (const [locationId, name, kind] of rooms) {
      await insertRoom(trx, organizationId, { id: uuidv7(), locationId, name, kind });
    }
    for (const type of DEMO_APPOINTMENT_TYPES) {
      await insertAppointmentType(trx, organizationId, { id: uuidv7(), ...type });
    }
  });

  const alex = await createPatient(db, systemClock, context, {
    familyName: 'Rivera',
    givenNames: 'Alex',
    birthDate: '1988-06-14',
    sex: 'unknown',
    phone: '(212) 555-0142',
    email: 'patient@demo.test',
  });
  const patientIds: string[] = [alex.id];
  for (const patient of syntheticPatients((options.patients ?? DEMO_PATIENT_COUNT) - 1)) {
    const row = await createPatient(db, systemClock, context, patient);
    patientIds.push(row.id);
  }

  await inTransaction(db, async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      await createAccount(trx, {
        organizationId,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        password: DEMO_PASSWORD,
        isDemo: true,
        ...(account.role === 'patient' ? { patientId: alex.id } : {}),
      });
    }
    const now = Date.now();
    const items = [
      ['callback', 'Call back: question about a recent bill', 1, 'high', 2],
      ['insurance-verification', 'Verify insurance before Thursday visit', 2, 'normal', 24],
      ['records-request', 'Mail records to new cardiologist (authorization on file)', 3, 'normal', 72],
      ['callback', 'Patient asked for a Spanish-speaking interpreter at next visit', 4, 'high', 6],
      ['task', 'Restock kiosk paper forms at Lakeside', null, 'low', null],
    ] as const;
    for (const [kind, title, patientIndex, priority, dueHours] of items) {
      await openWorkItem(trx, context, {
        kind,
        title,
        patientId: patientIndex === null ? null : (patientIds[patientIndex] ?? null),
        queue: 'front_desk',
        priority,
        dueAt: dueHours === null ? null : new Date(now + dueHours * 3600_000),
      });
    }
  });
  const appointments = await seedDemoAppointments(db, organizationId, patientIds);
  return { organizationId, patients: patientIds.length, appointments };
}
