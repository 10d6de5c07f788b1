import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { createClinic } from '../../../test/factories/clinic';
import { startTestDesk, type TestDesk } from '../../../test/harness';

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));

describe('appointments: status, cancel, reschedule, attendance', () => {
  let t: TestDesk;
  let clinic: Awaited<ReturnType<typeof createClinic>>;
  let desk: string;
  before(async () => {
    t = await startTestDesk({ clock });
    clinic = await createClinic(t.database, t.organization.id);
    desk = await t.login('front_desk');
  });
  after(() => t.close());

  const book = async (patientId: string, start: string) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/appointments',
      cookie: desk,
      payload: {
        patientId,
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        locationId: clinic.locations.east,
        start,
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; version: number; status: string }>();
  };
  const act = (
    appointment: { id: string; version: number },
    action: string,
    payload: Record<string, unknown>,
  ) =>
    t.request({
      method: 'POST',
      url: `/api/appointments/${appointment.id}/${action}`,
      cookie: desk,
      headers: { 'if-match': `W/"${appointment.version}"` },
      payload,
    });

  it('walks booked → confirmed → arrived → checked in → in room → completed, and refuses shortcuts', async () => {
    const patient = await clinic.patient('Walker');
    let appointment = await book(patient, '2026-03-02T09:00:00-05:00');
    const skip = await act(appointment, 'status', { status: 'completed' });
    assert.equal(skip.statusCode, 409);
    assert.equal(skip.json().code, 'TRANSITION_NOT_ALLOWED');
    const confirmed = await act(appointment, 'status', { status: 'confirmed' });
    assert.equal(confirmed.json().status, 'confirmed');
    assert.ok(confirmed.json().confirmedAt);
    const stale = await act(appointment, 'status', { status: 'arrived' });
    assert.equal(stale.statusCode, 412);
    appointment = confirmed.json();
    for (const status of ['arrived', 'checked_in', 'in_room', 'completed']) {
      const response = await act(appointment, 'status', { status });
      assert.equal(response.statusCode, 200, `${status}: ${response.body}`);
      appointment = response.json();
    }
    assert.equal(appointment.status, 'completed');
    const versionless = await t.request({
      method: 'POST',
      url: `/api/appointments/${appointment.id}/status`,
      cookie: desk,
      payload: { status: 'no_show' },
    });
    assert.equal(versionless.statusCode, 428);
    const history = await t.database.db
      .selectFrom('appointment_status_change')
      .select(['from_status', 'to_status'])
      .where('organization_id', '=', t.organization.id)
      .where('appointment_id', '=', appointment.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      history.map((row) => `${row.from_status ?? '-'}>${row.to_status}`),
      [
        '->booked',
        'booked>confirmed',
        'confirmed>arrived',
        'arrived>checked_in',
        'checked_in>in_room',
        'in_room>completed',
      ],
    );
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('organization_id', '=', t.organization.id)
      .where('resource_id', '=', appointment.id)
      .where('action', '=', 'update')
      .execute();
    assert.equal(audited.length, 5);
  });

  it('records a no-show only after the start, and counts it with late cancellations', async () => {
    const patient = await clinic.patient('Absent');
    const missed = await book(patient, '2026-03-03T09:00:00-05:00');
    const early = await act(missed, 'status', { status: 'no_show' });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'NO_SHOW_TOO_EARLY');
    const cancelledLate = await book(patient, '2026-03-03T11:00:00-05:00');
    const cancelledEarly = await book(patient, '2026-03-10T11:00:00-04:00');
    clock.set(new Date('2026-03-03T13:00:00Z')); // 08:00 in New York, three hours before the 11:00 visit
    desk = await t.login('front_desk'); // a day later: yesterday's session has timed out
    const late = await act(cancelledLate, 'cancel', { reason: 'patient-illness', by: 'patient' });
    assert.equal(late.statusCode, 200, late.body);
    assert.equal(late.json().lateCancellation, true);
    const inTime = await act(cancelledEarly, 'cancel', {
      reason: 'schedule-conflict',
      by: 'patient',
      note: 'Work trip',
    });
    assert.equal(inTime.json().lateCancellation, false);
    assert.equal(inTime.json().cancelledBy, 'patient');
    clock.set(new Date('2026-03-03T15:00:00Z'));
    desk = await t.login('front_desk');
    const noShow = await act(missed, 'status', { status: 'no_show' });
    assert.equal(noShow.statusCode, 200, noShow.body);
    const again = await act(inTime.json(), 'cancel', { reason: 'other', by: 'clinic' });
    assert.equal(again.statusCode, 409);
    const attendance = await t.request({
      method: 'GET',
      url: `/api/patients/${patient}/attendance`,
      cookie: desk,
    });
    assert.deepEqual(attendance.json(), {
      patientId: patient,
      completed: 0,
      noShows: 1,
      lateCancellations: 1,
      cancellations: 2,
      upcoming: 0,
    });
    const badReason = await act(cancelledEarly, 'cancel', { reason: 'felt like it', by: 'patient' });
    assert.equal(badReason.statusCode, 400);
    // "rescheduled" belongs to a reschedule; a plain cancel cannot claim it (it would skip the change events).
    const pretend = await act(missed, 'cancel', { reason: 'rescheduled', by: 'clinic' });
    assert.equal(pretend.statusCode, 400);
    clock.set(new Date('2026-03-02T12:00:00Z'));
  });

  it('moves an appointment: the old one is cancelled as rescheduled and each points to the other', async () => {
    const patient = await clinic.patient('Mover');
    const original = await book(patient, '2026-03-04T09:00:00-05:00');
    // Fifteen minutes later overlaps the old time: moving must not conflict with itself.
    const moved = await act(original, 'reschedule', { start: '2026-03-04T09:15:00-05:00', by: 'patient' });
    assert.equal(moved.statusCode, 201, moved.body);
    const next = moved.json();
    assert.equal(next.start, '2026-03-04T09:15:00-05:00');
    assert.equal(next.rescheduledFromId, original.id);
    const old = await t.request({ method: 'GET', url: `/api/appointments/${original.id}`, cookie: desk });
    assert.equal(old.json().status, 'cancelled');
    assert.equal(old.json().cancelReason, 'rescheduled');
    assert.equal(old.json().rescheduledToId, next.id);
    assert.equal(old.json().lateCancellation, false);
    const toBen = await act(next, 'reschedule', {
      start: '2026-03-04T13:00:00-06:00',
      providerId: clinic.providers.ben,
      locationId: clinic.locations.central,
      by: 'clinic',
    });
    assert.equal(toBen.statusCode, 201, toBen.body);
    assert.equal(toBen.json().provider.id, clinic.providers.ben);
    assert.equal(toBen.json().location.timeZone, 'America/Chicago');
    const taken = await book(await clinic.patient('Blocker'), '2026-03-04T10:00:00-05:00');
    const clash = await act(toBen.json(), 'reschedule', {
      start: '2026-03-04T10:00:00-05:00',
      providerId: clinic.providers.ada,
      locationId: clinic.locations.east,
      by: 'patient',
    });
    assert.equal(clash.statusCode, 409);
    const still = await t.request({
      method: 'GET',
      url: `/api/appointments/${toBen.json().id}`,
      cookie: desk,
    });
    assert.equal(still.json().status, 'booked', 'a failed move changes nothing');
    assert.ok(taken.id);
  });

  it('counts a visit that began before the range asked for: in the slots it holds and in the calendar', async () => {
    // 14:00–14:30 in New York; both questions start at 14:05 and 14:10, inside the visit.
    const visit = await book(await clinic.patient('Straddle'), '2026-03-05T14:00:00-05:00');
    const slots = await t.request({
      method: 'GET',
      url:
        `/api/slots?appointmentTypeId=${clinic.types.followUp}&providerId=${clinic.providers.ada}` +
        '&from=2026-03-05T19:05:00Z&to=2026-03-05T21:00:00Z',
      cookie: desk,
    });
    assert.equal(slots.statusCode, 200, slots.body);
    const starts = slots.json().items.map((item: { start: string }) => item.start);
    assert.ok(!starts.includes('2026-03-05T14:15:00-05:00'), 'the 14:00 visit holds 14:15');
    assert.equal(starts[0], '2026-03-05T14:30:00-05:00');
    const calendar = await t.request({
      method: 'GET',
      url: `/api/appointments?from=2026-03-05T19:10:00Z&to=2026-03-05T20:00:00Z&providerId=${clinic.providers.ada}`,
      cookie: desk,
    });
    assert.deepEqual(
      calendar.json().items.map((item: { id: string }) => item.id),
      [visit.id],
    );
  });

  it('lists the calendar by provider, location and patient, within a bounded range', async () => {
    const byProvider = await t.request({
      method: 'GET',
      url: `/api/appointments?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z&providerId=${clinic.providers.ada}`,
      cookie: desk,
    });
    assert.equal(byProvider.statusCode, 200);
    const starts = byProvider.json().items.map((item: { start: string }) => item.start);
    assert.deepEqual([...starts].sort(), starts, 'in time order');
    assert.ok(
      byProvider
        .json()
        .items.every((item: { provider: { id: string } }) => item.provider.id === clinic.providers.ada),
    );
    const tooLong = await t.request({
      method: 'GET',
      url: '/api/appointments?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z',
      cookie: desk,
    });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().code, 'RANGE_TOO_LONG');
  });
});
