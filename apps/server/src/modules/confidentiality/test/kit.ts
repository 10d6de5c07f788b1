import type { Role } from '@patientdesk/contracts';
import { TEST_PASSWORD, type TestDesk, type TestOrganization } from '../../../../test/harness';
import { insertAccount } from '../../../platform/auth/auth.repository';
import { hashPassword } from '../../../platform/auth/passwords';
import { uuidv7 } from '../../../platform/ids';
import { insertAppointmentType, insertLocation, insertProvider } from '../../directory';

/** Helpers for the confidentiality tests: people, patients, restrictions and visits, through the real API. */
export function confidentialityKit(t: TestDesk, organization: TestOrganization = t.organization) {
  const register = async (familyName: string, cookie: string) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie,
      payload: { familyName, givenNames: 'Test', birthDate: '1970-05-17' },
    });
    if (response.statusCode !== 201) throw new Error(`register failed: ${response.body}`);
    return response.json<{ id: string; mrn: string; familyName: string; birthDate: string }>();
  };

  const restrict = (patientId: string, body: Record<string, unknown>, cookie: string, version = 0) =>
    t.request({
      method: 'PUT',
      url: `/api/patients/${patientId}/restriction`,
      cookie,
      headers: { 'if-match': `W/"${version}"` },
      payload: body,
    });

  /** A second account of a role (the harness makes one of each), signed in. */
  const addStaff = async (role: Role, name: string) => {
    const id = uuidv7();
    const email = `${name.toLowerCase().replace(/\W+/g, '-')}@${organization.slug}.test`;
    await insertAccount(t.database.db, {
      organization_id: organization.id,
      id,
      email,
      display_name: name,
      role,
      password_hash: await hashPassword(TEST_PASSWORD),
      is_demo: false,
    });
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'pd_session');
    if (!cookie) throw new Error(`login failed: ${response.body}`);
    return { id, cookie: `pd_session=${cookie.value}` };
  };

  let place: { locationId: string; providerId: string; typeId: string } | null = null;
  /** A visit for the patient, starting at `startsAt`, booked (or in another status) at a small clinic. */
  const bookVisit = async (
    patientId: string,
    startsAt: Date,
    status: 'booked' | 'cancelled' | 'checked_in' = 'booked',
  ) => {
    const db = t.database.db;
    if (!place) {
      place = { locationId: uuidv7(), providerId: uuidv7(), typeId: uuidv7() };
      await insertLocation(db, organization.id, {
        id: place.locationId,
        name: 'Main Street Clinic',
        timeZone: 'America/Chicago',
        phone: null,
        address: {},
      });
      await insertProvider(db, organization.id, {
        id: place.providerId,
        displayName: 'Dr. Test',
        familyName: 'Test',
        givenNames: 'Doctor',
        credentials: null,
        specialty: 'primary_care',
        npi: null,
        locationIds: [place.locationId],
      });
      await insertAppointmentType(db, organization.id, {
        id: place.typeId,
        code: 'VISIT',
        name: 'Visit',
        specialty: 'primary_care',
        durationMinutes: 30,
        modality: 'in_person',
        newPatient: false,
      });
    }
    const id = uuidv7();
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    await db
      .insertInto('appointment')
      .values({
        organization_id: organization.id,
        id,
        patient_id: patientId,
        provider_id: place.providerId,
        location_id: place.locationId,
        appointment_type_id: place.typeId,
        starts_at: startsAt,
        ends_at: endsAt,
        blocked_until: endsAt,
        status,
        modality: 'in_person',
        room_id: null,
        video_url: null,
        note: null,
        overbook_reason: null,
        rescheduled_from_id: null,
        rescheduled_to_id: null,
        cancel_reason: null,
        cancelled_by: null,
        cancelled_at: null,
        confirmed_at: null,
        booked_by: null,
        booked_via: 'desk',
        updated_at: startsAt,
      })
      .execute();
    return id;
  };

  return { register, restrict, addStaff, bookVisit };
}
