import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { startWaitlistDesk, type WaitlistKit } from './test/kit';

describe('waitlist entries: joining, listing, leaving, and the portal', () => {
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let kit: WaitlistKit;
  let portal: string;
  before(async () => {
    kit = await startWaitlistDesk(clock);
    portal = await kit.t.login('patient');
  });
  after(() => kit.t.close());

  const post = (url: string, payload: Record<string, unknown>, cookie = kit.desk, headers = {}) =>
    kit.t.request({ method: 'POST', url, cookie, payload, headers });
  const valid = () => ({
    appointmentTypeId: kit.clinic.types.followUp,
    providerId: kit.clinic.providers.ada,
    locationId: kit.clinic.locations.east,
    earliestDate: '2026-03-03',
    latestDate: '2026-03-20',
  });

  it('puts a patient on the waitlist with a window, weekdays, a time range, a note and a priority', async () => {
    const patientId = await kit.clinic.patient('Joiner');
    const response = await post('/api/waitlist-entries', {
      ...valid(),
      patientId,
      weekdays: [4, 2],
      earliestTime: '08:30',
      latestTime: '11:00',
      note: 'Needs an interpreter',
      priority: 'high',
    });
    assert.equal(response.statusCode, 201, response.body);
    const entry = response.json();
    assert.equal(entry.status, 'active');
    assert.equal(entry.priority, 'high');
    assert.deepEqual(entry.weekdays, [2, 4]);
    assert.equal(entry.earliestTime, '08:30');
    assert.equal(entry.provider.name, 'Dr. Ada');
    assert.equal(entry.location.name, 'East Clinic');
    assert.equal(entry.createdBy.id, kit.t.organization.users.front_desk.id);
    assert.equal(entry.createdVia, 'desk');
    assert.deepEqual(entry.offers, []);
    const audit = await kit.t.database.db
      .selectFrom('audit_event')
      .select(['action', 'patient_id'])
      .where('organization_id', '=', kit.t.organization.id)
      .where('resource_type', '=', 'WaitlistEntry')
      .where('resource_id', '=', entry.id)
      .execute();
    assert.deepEqual(audit, [{ action: 'create', patient_id: patientId }]);

    const twice = await post('/api/waitlist-entries', { ...valid(), patientId });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'ENTRY_EXISTS');
  });

  it('names each invalid field', async () => {
    const patientId = await kit.clinic.patient('Invalid');
    const invalid = async (
      payload: Record<string, unknown>,
      status: number,
      code: string,
      paths: string[],
    ) => {
      const response = await post('/api/waitlist-entries', payload);
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.json().code, code);
      assert.deepEqual(
        response
          .json()
          .errors.map((error: { path: string }) => error.path)
          .sort(),
        paths.sort(),
        response.body,
      );
    };
    await invalid({ patientId }, 400, 'VALIDATION_FAILED', [
      'body.appointmentTypeId',
      'body.earliestDate',
      'body.latestDate',
    ]);
    await invalid({ ...valid(), patientId, latestDate: '2026-03-01' }, 400, 'VALIDATION_FAILED', [
      'body.latestDate',
    ]);
    await invalid({ ...valid(), patientId, earliestTime: '09:00' }, 400, 'VALIDATION_FAILED', [
      'body.latestTime',
    ]);
    await invalid(
      { ...valid(), patientId, earliestTime: '11:00', latestTime: '09:00' },
      400,
      'VALIDATION_FAILED',
      ['body.latestTime'],
    );
    await invalid(
      { ...valid(), patientId, weekdays: [1, 1, 9], priority: 'urgent' },
      400,
      'VALIDATION_FAILED',
      ['body.weekdays', 'body.weekdays.2', 'body.priority'],
    );
    await invalid({ ...valid(), patientId, earliestDate: '2026-02-30' }, 400, 'VALIDATION_FAILED', [
      'body.earliestDate',
    ]);
    await invalid({ ...valid(), patientId, status: 'booked' }, 400, 'VALIDATION_FAILED', ['body.status']);
    await invalid(
      { ...valid(), patientId, earliestDate: '2026-02-20', latestDate: '2026-03-01' },
      422,
      'WINDOW_PASSED',
      ['body.latestDate'],
    );
    await invalid({ ...valid(), patientId: kit.clinic.rooms.echo }, 422, 'PATIENT_INVALID', [
      'body.patientId',
    ]);
    await invalid(
      { ...valid(), patientId, appointmentTypeId: kit.clinic.rooms.echo },
      422,
      'APPOINTMENT_TYPE_INVALID',
      ['body.appointmentTypeId'],
    );
    await invalid({ ...valid(), patientId, providerId: kit.clinic.providers.ima }, 422, 'PROVIDER_INVALID', [
      'body.providerId',
    ]);
    await invalid(
      { ...valid(), patientId, locationId: kit.clinic.locations.central },
      422,
      'PROVIDER_INVALID',
      ['body.providerId'],
    );
    await invalid({ ...valid(), patientId, locationId: kit.clinic.rooms.echo }, 422, 'LOCATION_INVALID', [
      'body.locationId',
    ]);
  });

  it('lists by kind of visit, provider and status, in waitlist order, audited as one read', async () => {
    const { clinic } = kit;
    const ben = await kit.join({
      patientId: await clinic.patient('Benlist'),
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ben,
      earliestDate: '2026-03-03',
      latestDate: '2026-03-20',
    });
    const tele = await kit.join({
      patientId: await clinic.patient('Telelist'),
      appointmentTypeId: clinic.types.video,
      earliestDate: '2026-03-03',
      latestDate: '2026-03-20',
    });
    const ids = async (query: string) => (await kit.entries(query)).map((entry) => entry.id);
    assert.deepEqual(await ids(`?providerId=${clinic.providers.ben}`), [ben.id]);
    assert.deepEqual(await ids(`?appointmentTypeId=${clinic.types.video}`), [tele.id]);
    assert.deepEqual(await ids('?status=cancelled'), []);
    const all = await kit.entries();
    assert.equal(all[0]?.priority, 'high', 'the high-priority entry leads');
    const page = await kit.t.request({
      method: 'GET',
      url: '/api/waitlist-entries?limit=1',
      cookie: kit.desk,
    });
    const next = await kit.t.request({
      method: 'GET',
      url: `/api/waitlist-entries?limit=1&cursor=${page.json().nextCursor}`,
      cookie: kit.desk,
    });
    assert.deepEqual(
      [...page.json().items, ...next.json().items].map((entry: { id: string }) => entry.id),
      all.slice(0, 2).map((entry) => entry.id),
    );
    const shown = await kit.t.database.db
      .selectFrom('audit_event')
      .select(['patient_ids', 'patient_id'])
      .where('organization_id', '=', kit.t.organization.id)
      .where('resource_type', '=', 'WaitlistEntry')
      .where('action', '=', 'read')
      .where('actor_id', '=', kit.t.organization.users.front_desk.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    assert.ok(shown?.patient_ids?.length || shown?.patient_id, 'the list read is audited');
    const billing = await kit.t.login('billing');
    const cannot = await post('/api/waitlist-entries', { ...valid() }, billing);
    assert.equal(cannot.statusCode, 403);
  });

  it('takes an entry off at the version the desk saw', async () => {
    const entry = await kit.join({ ...valid(), patientId: await kit.clinic.patient('Leaver') });
    const cancel = (version: number) =>
      post(`/api/waitlist-entries/${entry.id}/cancel`, { reason: 'Found a time elsewhere' }, kit.desk, {
        'if-match': `W/"${version}"`,
      });
    const stale = await cancel(entry.version + 1);
    assert.equal(stale.statusCode, 412);
    const done = await cancel(entry.version);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'cancelled');
    const again = await cancel(done.json().version);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'ENTRY_NOT_ACTIVE');
  });

  it('lets a portal patient join for a self-schedulable visit, see only their own entries, and leave', async () => {
    const self = kit.t.organization.portalPatientId;
    const { clinic } = kit;
    const joinAs = (payload: Record<string, unknown>) =>
      post('/api/portal/waitlist-entries', payload, portal);
    const closed = await joinAs({ ...valid(), patientId: self, appointmentTypeId: clinic.types.newPatient });
    assert.equal(closed.statusCode, 403);
    assert.equal(closed.json().code, 'NOT_SELF_SCHEDULABLE');
    const other = await joinAs({ ...valid(), patientId: await clinic.patient('Stranger') });
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().code, 'PATIENT_INVALID');
    const ranked = await joinAs({ ...valid(), patientId: self, priority: 'high' });
    assert.equal(ranked.statusCode, 400, 'patients do not set priority');
    const joined = await joinAs({ ...valid(), patientId: self });
    assert.equal(joined.statusCode, 201, joined.body);
    assert.equal(joined.json().createdVia, 'portal');
    assert.equal(joined.json().note, undefined, 'the staff note is not shown');

    const mine = await kit.t.request({ method: 'GET', url: '/api/portal/waitlist-entries', cookie: portal });
    assert.deepEqual(
      mine.json().items.map((entry: { patient: { id: string } }) => entry.patient.id),
      [self],
    );
    const someoneElses = (await kit.entries()).find((entry) => entry.patient.id !== self);
    const leaveTheirs = await post(`/api/portal/waitlist-entries/${someoneElses?.id}/cancel`, {}, portal, {
      'if-match': `W/"${someoneElses?.version}"`,
    });
    assert.equal(leaveTheirs.statusCode, 404);
    const left = await post(`/api/portal/waitlist-entries/${joined.json().id}/cancel`, {}, portal, {
      'if-match': `W/"${joined.json().version}"`,
    });
    assert.equal(left.statusCode, 200, left.body);
    assert.equal(left.json().status, 'cancelled');
    const desk = await kit.t.request({
      method: 'GET',
      url: '/api/portal/waitlist-entries',
      cookie: kit.desk,
    });
    assert.equal(desk.statusCode, 403, 'the portal routes are for portal accounts');
  });

  it('lets a portal patient accept their own offer in the portal, and nobody else’s', async () => {
    const self = kit.t.organization.portalPatientId;
    const { clinic } = kit;
    const appointment = await kit.book(await clinic.patient('Vacating'), '2026-03-09T09:00:00-04:00');
    const joined = await post(
      '/api/portal/waitlist-entries',
      {
        patientId: self,
        appointmentTypeId: clinic.types.followUp,
        earliestDate: '2026-03-09',
        latestDate: '2026-03-09',
        earliestTime: '09:00',
        latestTime: '09:00',
      },
      portal,
    );
    assert.equal(joined.statusCode, 201, joined.body);
    const rival = await kit.join({
      patientId: await clinic.patient('Rival'),
      appointmentTypeId: clinic.types.followUp,
      earliestDate: '2026-03-09',
      latestDate: '2026-03-09',
    });
    await kit.cancel(appointment);
    await kit.drain();
    const mine = await kit.t.request({ method: 'GET', url: '/api/portal/waitlist-entries', cookie: portal });
    const entry = mine.json().items.find((item: { id: string }) => item.id === joined.json().id);
    const offer = entry.offers[0];
    assert.equal(offer.state, 'open');
    assert.equal(offer.start, '2026-03-09T09:00:00-04:00', 'after the clocks change in New York');
    const rivalOffer = (await kit.entriesByPatient()).get(rival.patient.id)?.offers[0];
    assert.equal(rivalOffer?.state, 'open');
    const theirs = await post(`/api/portal/waitlist-offers/${rivalOffer?.id}/accept`, {}, portal);
    assert.equal(theirs.statusCode, 404);
    assert.equal(theirs.json().code, 'OFFER_NOT_FOUND');
    const accepted = await post(`/api/portal/waitlist-offers/${offer.id}/accept`, {}, portal);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().state, 'accepted');
    const booked = await kit.t.request({ method: 'GET', url: '/api/portal/appointments', cookie: portal });
    assert.ok(
      booked
        .json()
        .items.some(
          (item: { id: string; bookedVia: string }) =>
            item.id === accepted.json().appointmentId && item.bookedVia === 'waitlist',
        ),
    );
  });
});
