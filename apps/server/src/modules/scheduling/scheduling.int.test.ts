import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { createClinic } from '../../../test/factories/clinic';
import { createTestOrganization, startTestDesk, type TestDesk } from '../../../test/harness';

// Monday March 2, 2026, 07:00 in New York: before the day's first clinic.
const clock = manualClock(new Date('2026-03-02T12:00:00Z'));

describe('scheduling: slots and booking', () => {
  let t: TestDesk;
  let clinic: Awaited<ReturnType<typeof createClinic>>;
  let desk: string;
  let supervisor: string;
  before(async () => {
    t = await startTestDesk({
      clock,
      settings: { allowOverbooking: true, videoUrlPattern: 'https://video.example.org/visit/{token}' },
    });
    clinic = await createClinic(t.database, t.organization.id);
    desk = await t.login('front_desk');
    supervisor = await t.login('supervisor');
  });
  after(() => t.close());

  const slots = async (query: Record<string, string>) => {
    const response = await t.request({
      method: 'GET',
      url: `/api/slots?${new URLSearchParams(query).toString()}`,
      cookie: desk,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().items as {
      start: string;
      providerId: string;
      locationId: string;
      roomId: string | null;
    }[];
  };
  const book = (payload: Record<string, unknown>, options: { cookie?: string; key?: string } = {}) =>
    t.request({
      method: 'POST',
      url: '/api/appointments',
      cookie: options.cookie ?? desk,
      headers: options.key ? { 'idempotency-key': options.key } : {},
      payload,
    });

  it('offers a provider’s week on the 15-minute grid, in the location’s own offset', async () => {
    const week = await slots({
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-07T00:00:00Z',
    });
    // 09:00–12:00 and 13:00–17:00, 30-minute visits every 15 minutes: 11 + 15 a day, five days.
    assert.equal(week.length, 26 * 5);
    assert.equal(week[0]?.start, '2026-03-02T09:00:00-05:00');
  });

  it('keeps 9:00 at 9:00 across the March 8 change, through the API', async () => {
    const after = await slots({
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      from: '2026-03-09T00:00:00Z',
      to: '2026-03-10T00:00:00Z',
    });
    assert.equal(after[0]?.start, '2026-03-09T09:00:00-04:00');
  });

  it('finds the first available slots across providers', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/slots/first-available?appointmentTypeId=${clinic.types.followUp}&limit=4`,
      cookie: desk,
    });
    const first = response.json().items;
    assert.equal(first.length, 4);
    assert.equal(first[0].start, '2026-03-02T09:00:00-05:00');
    assert.deepEqual(
      new Set(first.slice(0, 2).map((slot: { providerId: string }) => slot.providerId)),
      new Set([clinic.providers.ada, clinic.providers.ben]),
    );
  });

  it('books a slot once: the slot goes, the same time again is SLOT_TAKEN, and the history begins', async () => {
    const patient = await clinic.patient('Booked');
    const other = await clinic.patient('Late');
    const request = {
      patientId: patient,
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-03T10:00:00-05:00',
    };
    const booked = await book(request);
    assert.equal(booked.statusCode, 201, booked.body);
    const appointment = booked.json();
    assert.equal(appointment.status, 'booked');
    assert.equal(appointment.start, '2026-03-03T10:00:00-05:00');
    assert.equal(appointment.end, '2026-03-03T10:30:00-05:00');
    assert.equal(appointment.location.timeZone, 'America/New_York');
    const again = await book({ ...request, patientId: other });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'SLOT_TAKEN');
    const overlapping = await book({ ...request, patientId: other, start: '2026-03-03T10:15:00-05:00' });
    assert.equal(overlapping.json().code, 'SLOT_TAKEN');
    const day = await slots({
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      from: '2026-03-03T14:00:00Z',
      to: '2026-03-03T17:00:00Z',
    });
    assert.deepEqual(
      day.map((slot) => slot.start.slice(11, 16)),
      ['09:00', '09:15', '09:30', '10:30', '10:45', '11:00', '11:15', '11:30'],
    );
    const patientElsewhere = await book({ ...request, providerId: clinic.providers.ben });
    assert.equal(patientElsewhere.statusCode, 409);
    assert.equal(patientElsewhere.json().code, 'PATIENT_DOUBLE_BOOKED');
    const offGrid = await book({ ...request, patientId: other, start: '2026-03-03T10:40:00-05:00' });
    assert.equal(offGrid.statusCode, 409);
    const lunch = await book({ ...request, patientId: other, start: '2026-03-03T12:15:00-05:00' });
    assert.equal(lunch.statusCode, 409);
  });

  it('returns the first answer to a retried booking with the same Idempotency-Key, and does the work once', async () => {
    const patient = await clinic.patient('Retry');
    const request = {
      patientId: patient,
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-04T09:00:00-05:00',
    };
    const first = await book(request, { key: 'retry-key-0001' });
    const second = await book(request, { key: 'retry-key-0001' });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    const reused = await book({ ...request, start: '2026-03-04T09:30:00-05:00' }, { key: 'retry-key-0001' });
    assert.equal(reused.statusCode, 422);
    assert.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');
    const calendar = await t.request({
      method: 'GET',
      url: `/api/appointments?from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z&patientId=${patient}`,
      cookie: desk,
    });
    assert.equal(calendar.json().items.length, 1);
  });

  it('applies the type’s rules and room needs when booking', async () => {
    const late = await book({
      patientId: await clinic.patient('Afternoon'),
      appointmentTypeId: clinic.types.newPatient,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-05T14:00:00-05:00',
    });
    assert.equal(late.statusCode, 409, 'new-patient visits start by 11:00');
    const echo = await book({
      patientId: await clinic.patient('Echo'),
      appointmentTypeId: clinic.types.echo,
      providerId: clinic.providers.ima,
      locationId: clinic.locations.east,
      start: '2026-03-05T09:00:00-05:00',
    });
    assert.equal(echo.statusCode, 201, echo.body);
    assert.equal(echo.json().room.id, clinic.rooms.echo);
    const video = await book({
      patientId: await clinic.patient('Video'),
      appointmentTypeId: clinic.types.video,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-05T13:00:00-05:00',
    });
    assert.match(video.json().videoUrl, /^https:\/\/video\.example\.org\/visit\/[A-Za-z0-9_-]{20,}$/);
  });

  it('overbooks only for a supervisor, with a reason', async () => {
    const request = {
      patientId: await clinic.patient('Squeeze'),
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-03T10:00:00-05:00',
      overbook: { reason: 'Urgent follow-up after discharge' },
    };
    const byDesk = await book(request);
    assert.equal(byDesk.statusCode, 403);
    assert.equal(byDesk.json().code, 'OVERBOOK_NOT_ALLOWED');
    const bySupervisor = await book(request, { cookie: supervisor });
    assert.equal(bySupervisor.statusCode, 201, bySupervisor.body);
    assert.equal(bySupervisor.json().overbooked, true);
  });

  it('hides another organization’s appointments', async () => {
    const patient = await clinic.patient('Private');
    const booked = await book({
      patientId: patient,
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      start: '2026-03-06T15:00:00-05:00',
    });
    const other = await createTestOrganization(t.database);
    const otherDesk = await t.login('front_desk', other);
    const response = await t.request({
      method: 'GET',
      url: `/api/appointments/${booked.json().id}`,
      cookie: otherDesk,
    });
    assert.equal(response.statusCode, 404);
    const stranger = await book(
      {
        patientId: patient,
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        locationId: clinic.locations.east,
        start: '2026-03-06T16:00:00-05:00',
      },
      { cookie: otherDesk },
    );
    assert.equal(stranger.statusCode, 422);
  });
});
