import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { startWaitlistDesk, type WaitlistKit } from './test/kit';

describe('waitlist sweep: new availability is offered to waiting entries', () => {
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let kit: WaitlistKit;
  const saturday: string[] = [];
  before(async () => {
    // One offer per time, answered within the hour: the organization's settings.
    kit = await startWaitlistDesk(clock, { waitlistOffersAtOnce: 1, waitlistOfferHours: 1 });
    for (const name of ['Sat1', 'Sat2']) {
      const patientId = await kit.clinic.patient(name);
      saturday.push(patientId);
      await kit.join({
        patientId,
        appointmentTypeId: kit.clinic.types.followUp,
        providerId: kit.clinic.providers.ada,
        earliestDate: '2026-03-07',
        latestDate: '2026-03-07',
      });
    }
  });
  after(() => kit.t.close());

  it('offers nothing while there is no free time in the window', async () => {
    await kit.sweep();
    assert.deepEqual(Object.values(await kit.offerStates()), [null, null]);
  });

  it('offers the times of an extra clinic, one patient per time, each answered within the hour', async () => {
    const supervisor = await kit.t.login('supervisor');
    const extra = await kit.t.request({
      method: 'POST',
      url: `/api/providers/${kit.clinic.providers.ada}/availability-exceptions`,
      cookie: supervisor,
      payload: {
        locationId: kit.clinic.locations.east,
        kind: 'extra',
        start: '2026-03-07T09:00:00-05:00',
        end: '2026-03-07T10:00:00-05:00',
        reason: 'Saturday catch-up clinic',
      },
    });
    assert.equal(extra.statusCode, 201, extra.body);
    await kit.sweep();
    const byPatient = await kit.entriesByPatient();
    const offers = saturday.map((patientId) => byPatient.get(patientId)?.offers ?? []);
    assert.deepEqual(
      offers.map((list) =>
        list.map(({ state, start, sentAt, expiresAt }) => ({ state, start, sentAt, expiresAt })),
      ),
      [
        [
          {
            state: 'open',
            start: '2026-03-07T09:00:00-05:00',
            sentAt: '2026-03-02T07:02:00-05:00',
            expiresAt: '2026-03-02T08:02:00-05:00',
          },
        ],
        [
          {
            state: 'open',
            start: '2026-03-07T09:15:00-05:00',
            sentAt: '2026-03-02T07:02:00-05:00',
            expiresAt: '2026-03-02T08:02:00-05:00',
          },
        ],
      ],
    );
    await kit.sweep();
    const again = await kit.entriesByPatient();
    assert.deepEqual(
      saturday.map((patientId) => again.get(patientId)?.offers.length),
      [1, 1],
      'a second sweep changes nothing',
    );
  });
});

describe('waitlist: reschedules, bookings and passing windows', () => {
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let kit: WaitlistKit;
  let mover: { id: string; version: number };
  let waiting: { id: string; patient: { id: string } };
  before(async () => {
    kit = await startWaitlistDesk(clock);
    mover = await kit.book(await kit.clinic.patient('Mover'), '2026-03-03T11:00:00-05:00');
    waiting = await kit.join({
      patientId: await kit.clinic.patient('Eleven'),
      appointmentTypeId: kit.clinic.types.followUp,
      providerId: kit.clinic.providers.ada,
      earliestDate: '2026-03-03',
      latestDate: '2026-03-03',
      earliestTime: '11:00',
      latestTime: '11:00',
    });
  });
  after(() => kit.t.close());

  it('offers the time a reschedule left', async () => {
    const moved = await kit.t.request({
      method: 'POST',
      url: `/api/appointments/${mover.id}/reschedule`,
      cookie: kit.desk,
      headers: { 'if-match': `W/"${mover.version}"` },
      payload: { start: '2026-03-03T14:00:00-05:00', by: 'clinic' },
    });
    assert.equal(moved.statusCode, 201, moved.body);
    await kit.drain();
    const offer = (await kit.entriesByPatient()).get(waiting.patient.id)?.offers[0];
    assert.equal(offer?.state, 'open');
    assert.equal(offer?.start, '2026-03-03T11:00:00-05:00');
  });

  it('withdraws an offer when the desk books its time for someone else, and keeps the entry', async () => {
    await kit.book(await kit.clinic.patient('Walkin'), '2026-03-03T11:00:00-05:00');
    await kit.drain();
    const entry = (await kit.entriesByPatient()).get(waiting.patient.id);
    assert.equal(entry?.status, 'active');
    assert.equal(entry?.offers[0]?.state, 'withdrawn');
    const late = await kit.answer('accept', await kit.tokenOf(waiting.patient.id));
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'OFFER_TAKEN');
  });

  it('closes an entry as booked when the desk books that patient that kind of visit within the window', async () => {
    const patientId = await kit.clinic.patient('Satisfied');
    const entry = await kit.join({
      patientId,
      appointmentTypeId: kit.clinic.types.followUp,
      earliestDate: '2026-03-04',
      latestDate: '2026-03-10',
    });
    const appointment = await kit.book(patientId, '2026-03-05T09:00:00-05:00', kit.clinic.providers.ben);
    await kit.drain();
    const after = (await kit.entriesByPatient()).get(patientId);
    assert.equal(after?.id, entry.id);
    assert.equal(after?.status, 'booked');
    assert.equal(after?.appointmentId, appointment.id);
  });

  it('expires entries whose window has passed at their location', async () => {
    const patientId = await kit.clinic.patient('Today');
    await kit.join({
      patientId,
      appointmentTypeId: kit.clinic.types.followUp,
      locationId: kit.clinic.locations.central,
      earliestDate: '2026-03-02',
      latestDate: '2026-03-02',
    });
    // Midnight has come in New York (05:00Z) but not yet in Chicago (06:00Z), where the entry is.
    await kit.passTime(Date.parse('2026-03-03T05:30:00Z') - clock.now().getTime());
    await kit.sweep();
    assert.equal((await kit.entriesByPatient()).get(patientId)?.status, 'active');
    await kit.passTime(60 * 60_000);
    await kit.sweep();
    assert.equal((await kit.entriesByPatient()).get(patientId)?.status, 'expired');
  });
});
