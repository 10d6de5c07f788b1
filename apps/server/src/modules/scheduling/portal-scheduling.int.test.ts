import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { createClinic } from '../../../test/factories/clinic';
import { startTestDesk, TEST_PASSWORD, type TestDesk } from '../../../test/harness';
import { insertAccount } from '../../platform/auth/auth.repository';
import { hashPassword } from '../../platform/auth/passwords';
import { uuidv7 } from '../../platform/ids';

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));

describe('portal self-scheduling', () => {
  let t: TestDesk;
  let clinic: Awaited<ReturnType<typeof createClinic>>;
  let portal: string;
  before(async () => {
    t = await startTestDesk({ clock });
    clinic = await createClinic(t.database, t.organization.id);
    portal = await t.login('patient');
  });
  after(() => t.close());

  const get = (url: string) => t.request({ method: 'GET', url, cookie: portal });
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url, cookie: portal, payload, headers });

  it('offers only the types the clinic opens to self-scheduling', async () => {
    const types = await get('/api/portal/appointment-types');
    assert.deepEqual(
      types
        .json()
        .items.map((type: { code: string }) => type.code)
        .sort(),
      ['FU', 'TELE'],
    );
    const closed = await get(
      `/api/portal/slots?appointmentTypeId=${clinic.types.newPatient}&from=2026-03-02T00:00:00Z&to=2026-03-07T00:00:00Z`,
    );
    assert.equal(closed.statusCode, 403);
    assert.equal(closed.json().code, 'NOT_SELF_SCHEDULABLE');
  });

  it('books, lists with preparation, exports to a calendar, moves and cancels the patient’s own visit', async () => {
    const slots = await get(
      `/api/portal/slots?appointmentTypeId=${clinic.types.followUp}&from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z`,
    );
    const slot = slots.json().items[0];
    assert.ok(slot);
    const booked = await post(
      '/api/portal/appointments',
      {
        patientId: t.organization.portalPatientId,
        appointmentTypeId: clinic.types.followUp,
        providerId: slot.providerId,
        locationId: slot.locationId,
        start: slot.start,
      },
      { 'idempotency-key': 'portal-booking-0001' },
    );
    assert.equal(booked.statusCode, 201, booked.body);
    assert.equal(booked.json().bookedVia, 'portal');
    assert.equal(booked.json().preparation.es, 'Traiga sus medicinas.');

    const upcoming = await get('/api/portal/appointments');
    assert.deepEqual(
      upcoming.json().items.map((item: { id: string }) => item.id),
      [booked.json().id],
    );

    const ics = await get(`/api/portal/appointments/${booked.json().id}/calendar.ics`);
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] as string, /text\/calendar/);
    assert.match(ics.body, /BEGIN:VEVENT[\s\S]*DTSTART:20260303T140000Z[\s\S]*Bring your medicines\./);

    const moved = await post(
      `/api/portal/appointments/${booked.json().id}/reschedule`,
      { start: '2026-03-03T11:00:00-05:00', providerId: slot.providerId },
      { 'if-match': `W/"${booked.json().version}"` },
    );
    assert.equal(moved.statusCode, 201, moved.body);
    assert.equal(moved.json().bookedVia, 'portal');
    const cancelled = await post(
      `/api/portal/appointments/${moved.json().id}/cancel`,
      { reason: 'schedule-conflict' },
      { 'if-match': `W/"${moved.json().version}"` },
    );
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal(cancelled.json().cancelledBy, 'patient');
    assert.deepEqual(
      (await get('/api/portal/appointments'))
        .json()
        .items.filter((item: { status: string }) => item.status !== 'cancelled'),
      [],
    );
  });

  it('refuses booking for someone else, and hides other patients’ visits', async () => {
    const stranger = await clinic.patient('Stranger');
    const forOther = await post('/api/portal/appointments', {
      patientId: stranger,
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-04T09:00:00-05:00',
    });
    assert.equal(forOther.statusCode, 422);
    const desk = await t.login('front_desk');
    const theirs = await t.request({
      method: 'POST',
      url: '/api/appointments',
      cookie: desk,
      payload: {
        patientId: stranger,
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        locationId: clinic.locations.east,
        start: '2026-03-04T10:00:00-05:00',
      },
    });
    const peek = await get(`/api/portal/appointments/${theirs.json().id}/calendar.ics`);
    assert.equal(peek.statusCode, 404);
    const cancelTheirs = await post(
      `/api/portal/appointments/${theirs.json().id}/cancel`,
      { reason: 'other' },
      { 'if-match': 'W/"1"' },
    );
    assert.equal(cancelTheirs.statusCode, 404);
  });

  it('answers an account linked to no patient with empty lists, not an error', async () => {
    await insertAccount(t.database.db, {
      organization_id: t.organization.id,
      id: uuidv7(),
      email: `unlinked@${t.organization.slug}.test`,
      display_name: 'Unlinked',
      role: 'patient',
      password_hash: await hashPassword(TEST_PASSWORD),
      is_demo: false,
    });
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `unlinked@${t.organization.slug}.test`, password: TEST_PASSWORD },
    });
    const cookie = `pd_session=${login.cookies[0]?.value ?? ''}`;
    for (const url of ['/api/portal/appointments', '/api/portal/patients', '/api/portal/records-requests']) {
      const response = await t.request({ method: 'GET', url, cookie });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      assert.deepEqual(response.json().items, []);
    }
  });
});
