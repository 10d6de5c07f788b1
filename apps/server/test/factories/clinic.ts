import {
  insertAppointmentType,
  insertLocation,
  insertProvider,
  insertRoom,
  npiWithCheckDigit,
} from '../../src/modules/directory';
import { createPatient } from '../../src/modules/patients';
import { insertAvailabilityTemplate } from '../../src/modules/scheduling';
import { systemContext } from '../../src/platform/access/context';
import { systemClock } from '../../src/platform/clock';
import type { DatabaseHandle } from '../../src/platform/db/database';
import { uuidv7 } from '../../src/platform/ids';

let npiCounter = 100_000;

/**
 * A small clinic for scheduling tests: a New York and a Chicago location, two primary-care providers and one
 * imaging provider, an imaging room, and weekday templates (Mon–Fri 09:00–12:00 and 13:00–17:00 local).
 */
export async function createClinic(database: DatabaseHandle, organizationId: string) {
  const db = database.db;
  const east = uuidv7();
  const central = uuidv7();
  await insertLocation(db, organizationId, {
    id: east,
    name: 'East Clinic',
    timeZone: 'America/New_York',
    phone: null,
    address: {},
  });
  await insertLocation(db, organizationId, {
    id: central,
    name: 'Central Clinic',
    timeZone: 'America/Chicago',
    phone: null,
    address: {},
  });
  const provider = async (family: string, specialty: string, locationIds: string[]) => {
    const id = uuidv7();
    npiCounter += 1;
    await insertProvider(db, organizationId, {
      id,
      displayName: `Dr. ${family}`,
      familyName: family,
      givenNames: 'Test',
      credentials: 'MD',
      specialty,
      npi: npiWithCheckDigit(`1${String(npiCounter).padStart(8, '0')}`),
      locationIds,
    });
    return id;
  };
  const ada = await provider('Ada', 'primary_care', [east]);
  const ben = await provider('Ben', 'primary_care', [east, central]);
  const ima = await provider('Ima', 'imaging', [east]);
  const echoRoom = uuidv7();
  await insertRoom(db, organizationId, { id: echoRoom, locationId: east, name: 'Echo Lab', kind: 'imaging' });
  const type = async (
    code: string,
    options: Parameters<typeof insertAppointmentType>[2] extends infer T ? Partial<T> : never,
  ) => {
    const id = uuidv7();
    await insertAppointmentType(db, organizationId, {
      id,
      code,
      name: code,
      specialty: 'primary_care',
      durationMinutes: 30,
      modality: 'in_person',
      newPatient: false,
      ...options,
    });
    return id;
  };
  const followUp = await type('FU', {
    selfSchedulable: true,
    preparation: { en: 'Bring your medicines.', es: 'Traiga sus medicinas.' },
  });
  const newPatient = await type('NEW', {
    durationMinutes: 40,
    newPatient: true,
    bufferMinutes: 10,
    rules: { latestLocalTime: '11:00', maxPerDay: 2 },
  });
  const video = await type('TELE', { modality: 'video', durationMinutes: 20, selfSchedulable: true });
  const echo = await type('ECHO', { specialty: 'imaging', durationMinutes: 60, roomKind: 'imaging' });
  for (const [providerId, locationId] of [
    [ada, east],
    [ben, east],
    [ben, central],
    [ima, east],
  ] as const) {
    for (let weekday = 1; weekday <= 5; weekday += 1) {
      // Ben works mornings in the east and afternoons in the centre.
      const blocks =
        providerId === ben
          ? locationId === east
            ? [['09:00', '12:00']]
            : [['13:00', '17:00']]
          : [
              ['09:00', '12:00'],
              ['13:00', '17:00'],
            ];
      for (const [startTime, endTime] of blocks) {
        await insertAvailabilityTemplate(db, organizationId, {
          id: uuidv7(),
          providerId,
          locationId,
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
  const context = systemContext(organizationId);
  const patient = async (family: string) =>
    (
      await createPatient(db, systemClock, context, {
        familyName: family,
        givenNames: 'Pat',
        birthDate: '1980-01-01',
        sex: 'unknown',
        phone: '(212) 555-0101',
      })
    ).id;
  return {
    locations: { east, central },
    providers: { ada, ben, ima },
    rooms: { echo: echoRoom },
    types: { followUp, newPatient, video, echo },
    patient,
  };
}
