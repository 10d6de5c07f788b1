import assert from 'node:assert/strict';
import type { AppointmentReminders, CommunicationPreferencesRequest } from '@patientdesk/contracts';
import { createClinic } from '../../../../test/factories/clinic';
import type { ReminderDesk } from './reminder-desk';

let phones = 0;

/** A phone number no other patient of the test has, as a person types it, and as stored (E.164). */
export function uniquePhone(): { typed: string; e164: string } {
  phones += 1;
  const area = 212 + Math.floor(phones / 100);
  const line = String(phones % 100).padStart(2, '0');
  return { typed: `(${area}) 555-01${line}`, e164: `+1${area}55501${line}` };
}

export const DEFAULT_PREFERENCES: CommunicationPreferencesRequest = {
  preferredLanguage: 'en',
  preferredChannel: 'sms',
  smsConsent: true,
  emailConsent: false,
  quietHoursStart: '21:00',
  quietHoursEnd: '08:00',
  messageDetail: 'minimal',
};

/** A clinic, patients with the preferences a test needs, and the desk calls the tests make. */
export async function reminderFixtures(t: ReminderDesk) {
  const clinic = await createClinic(t.database, t.organization.id);
  // Sessions time out by the test's clock, which jumps days: sign in again after it moved.
  let session = { cookie: await t.login('front_desk'), at: t.clock.now().getTime() };
  const desk = async () => {
    if (t.clock.now().getTime() - session.at > 5 * 60_000) {
      session = { cookie: await t.login('front_desk'), at: t.clock.now().getTime() };
    }
    return session.cookie;
  };

  const patient = async (
    options: {
      /** false: no phone; a number: shared with another patient (a family phone). */
      phone?: false | { typed: string; e164: string };
      email?: boolean;
      preferences?: Partial<CommunicationPreferencesRequest>;
    } = {},
  ) => {
    const phone = options.phone === false ? null : (options.phone ?? uniquePhone());
    const email = options.email ? `patient${phones}-${Date.now()}@example.org` : null;
    const created = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: await desk(),
      payload: {
        familyName: 'Reminded',
        givenNames: 'Pat',
        birthDate: '1970-05-05',
        ...(phone ? { phone: phone.typed } : {}),
        ...(email ? { email } : {}),
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const current = await t.request({
      method: 'GET',
      url: `/api/patients/${id}/communication-preferences`,
      cookie: await desk(),
    });
    const preferences = {
      ...DEFAULT_PREFERENCES,
      ...(phone ? {} : { preferredChannel: 'email' as const, smsConsent: false }),
      ...options.preferences,
    };
    const saved = await t.request({
      method: 'PUT',
      url: `/api/patients/${id}/communication-preferences`,
      cookie: await desk(),
      headers: { 'if-match': current.headers.etag as string },
      payload: preferences,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    return { id, phone: phone?.e164 ?? null, email };
  };

  const book = async (
    patientId: string,
    start: string,
    options: { typeId?: string; providerId?: string } = {},
  ) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/appointments',
      cookie: await desk(),
      payload: {
        patientId,
        appointmentTypeId: options.typeId ?? clinic.types.followUp,
        providerId: options.providerId ?? clinic.providers.ada,
        locationId: clinic.locations.east,
        start,
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; version: number; start: string }>();
  };

  const notices = async (appointmentId: string) => {
    const response = await t.request({
      method: 'GET',
      url: `/api/appointments/${appointmentId}/reminders`,
      cookie: await desk(),
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<AppointmentReminders>();
  };

  const notice = async (appointmentId: string, kind: string) => {
    const found = (await notices(appointmentId)).notices.find((item) => item.kind === kind);
    assert.ok(found, `no ${kind} notice`);
    return found;
  };

  /** Messages about appointments to one recipient, oldest first. */
  const messagesTo = (recipient: string) =>
    t.database.db
      .selectFrom('outbox_message')
      .select(['id', 'channel', 'subject', 'body', 'status', 'purpose', 'patient_id'])
      .where('organization_id', '=', t.organization.id)
      .where('recipient', '=', recipient)
      .where('purpose', '=', 'appointment-reminder')
      .orderBy('id')
      .execute();

  const appointment = async (id: string) => {
    const response = await t.request({ method: 'GET', url: `/api/appointments/${id}`, cookie: await desk() });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ id: string; status: string; version: number; confirmedAt: string | null }>();
  };

  return { clinic, desk, patient, book, notices, notice, messagesTo, appointment };
}
