import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { inTransaction } from '../../platform/db/transaction';
import { lockProviderBookings } from './scheduling.repository';
import { createClinic } from '../../../test/factories/clinic';
import { startTestDesk, type TestDesk } from '../../../test/harness';

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
const CONTENDERS = 200;

// On PostgreSQL the requests really run side by side over a pool; on PGlite they are serialized, and the answer
// must be the same: exactly one booking.
describe('booking under contention', () => {
  let t: TestDesk;
  let clinic: Awaited<ReturnType<typeof createClinic>>;
  before(async () => {
    t = await startTestDesk({ clock, poolSize: 20 });
    clinic = await createClinic(t.database, t.organization.id);
  });
  after(() => t.close());

  it(`books one of ${CONTENDERS} concurrent requests for the same slot and refuses the rest with SLOT_TAKEN`, async () => {
    const cookie = await t.login('front_desk');
    const patients: string[] = [];
    for (let index = 0; index < CONTENDERS; index += 1)
      patients.push(await clinic.patient(`Contender${index}`));
    const responses = await Promise.all(
      patients.map((patientId) =>
        t.request({
          method: 'POST',
          url: '/api/appointments',
          cookie,
          payload: {
            patientId,
            appointmentTypeId: clinic.types.followUp,
            providerId: clinic.providers.ada,
            locationId: clinic.locations.east,
            start: '2026-03-05T10:00:00-05:00',
          },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    assert.equal(statuses.filter((status) => status === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((status) => status === 409).length, CONTENDERS - 1);
    assert.ok(responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'SLOT_TAKEN'));
    const rows = await t.database.db
      .selectFrom('appointment')
      .select('id')
      .where('organization_id', '=', t.organization.id)
      .where('provider_id', '=', clinic.providers.ada)
      .where('status', '!=', 'cancelled')
      .execute();
    assert.equal(rows.length, 1);
  });

  // The provider's lock keeps one provider's bookings in line; two providers' bookings of one patient at the same
  // time run side by side and meet only in the patient's exclusion constraint, where each may wait on the other.
  it('books a patient once when two providers are booked for them at the same time, and refuses the rest with 409', async () => {
    const cookie = await t.login('front_desk');
    // Eight mornings both work in the east (after the DST change of March 8).
    const days = ['09', '10', '11', '12', '13', '16', '17', '18'];
    for (const [round, day] of days.entries()) {
      const patientId = await clinic.patient(`Twice${round}`);
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          t.request({
            method: 'POST',
            url: '/api/appointments',
            cookie,
            payload: {
              patientId,
              appointmentTypeId: clinic.types.followUp,
              providerId: index % 2 ? clinic.providers.ada : clinic.providers.ben,
              locationId: clinic.locations.east,
              start: `2026-03-${day}T09:00:00-04:00`,
            },
          }),
        ),
      );
      const answers = responses.map((response) =>
        response.statusCode === 201 ? 201 : `${response.statusCode} ${response.json().code}`,
      );
      assert.equal(answers.filter((answer) => answer === 201).length, 1, JSON.stringify(answers));
      assert.ok(
        answers.every(
          (answer) => answer === 201 || answer === '409 SLOT_TAKEN' || answer === '409 PATIENT_DOUBLE_BOOKED',
        ),
        JSON.stringify(answers),
      );
    }
  });

  // Most types are checked against the time read before the insert, and only the exclusion constraints stand
  // between two bookings of one provider in flight: overlapping but different starts must still never both book.
  it('never books overlapping times of one provider when requests for different starts race', async () => {
    const cookie = await t.login('front_desk');
    // 30-minute visits starting every 15 minutes from 13:00 to 14:45: each overlaps its neighbours.
    const starts = Array.from({ length: 8 }, (_, index) => {
      const minutes = 13 * 60 + index * 15;
      return `2026-03-19T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00-04:00`;
    });
    const requests = [];
    for (let index = 0; index < 48; index += 1) {
      requests.push({
        patientId: await clinic.patient(`Overlap${index}`),
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        locationId: clinic.locations.east,
        start: starts[index % starts.length]!,
      });
    }
    const responses = await Promise.all(
      requests.map((payload) => t.request({ method: 'POST', url: '/api/appointments', cookie, payload })),
    );
    const answers = responses.map((response) =>
      response.statusCode === 201 ? 201 : `${response.statusCode} ${response.json().code}`,
    );
    assert.ok(
      answers.every((answer) => answer === 201 || answer === '409 SLOT_TAKEN'),
      JSON.stringify(answers),
    );
    const booked = await t.database.db
      .selectFrom('appointment')
      .select(['starts_at', 'blocked_until'])
      .where('organization_id', '=', t.organization.id)
      .where('provider_id', '=', clinic.providers.ada)
      .where('starts_at', '>=', new Date('2026-03-19T17:00:00Z'))
      .where('starts_at', '<', new Date('2026-03-19T19:00:00Z'))
      .where('status', '=', 'booked')
      .orderBy('starts_at')
      .execute();
    assert.equal(booked.length, answers.filter((answer) => answer === 201).length);
    assert.ok(booked.length >= 2, `only ${booked.length} booked`);
    for (let index = 1; index < booked.length; index += 1)
      assert.ok(booked[index]!.starts_at >= booked[index - 1]!.blocked_until, 'two bookings overlap');
  });

  // A daily maximum is a count the exclusion constraints know nothing of: bookings of such a type are checked under
  // the provider's lock, so racing requests for separate times cannot all pass a count that allows fewer.
  it('keeps a type’s daily maximum when requests for separate times race', async () => {
    const cookie = await t.login('front_desk');
    const offered = await t.request({
      method: 'GET',
      url: `/api/slots?${new URLSearchParams({
        appointmentTypeId: clinic.types.newPatient,
        providerId: clinic.providers.ada,
        from: '2026-03-20T00:00:00Z',
        to: '2026-03-21T00:00:00Z',
      }).toString()}`,
      cookie,
    });
    assert.equal(offered.statusCode, 200, offered.body);
    // New-patient visits hold 50 minutes: every fourth 15-minute start is clear of the one before.
    const starts = (offered.json().items as { start: string }[])
      .map((slot) => slot.start)
      .filter((_, index) => index % 4 === 0);
    assert.ok(starts.length >= 3, JSON.stringify(starts));
    const responses = await Promise.all(
      Array.from({ length: 24 }, async (_, index) =>
        t.request({
          method: 'POST',
          url: '/api/appointments',
          cookie,
          payload: {
            patientId: await clinic.patient(`Daily${index}`),
            appointmentTypeId: clinic.types.newPatient,
            providerId: clinic.providers.ada,
            locationId: clinic.locations.east,
            start: starts[index % starts.length],
          },
        }),
      ),
    );
    const answers = responses.map((response) =>
      response.statusCode === 201 ? 201 : `${response.statusCode} ${response.json().code}`,
    );
    // The type allows two a day.
    assert.equal(answers.filter((answer) => answer === 201).length, 2, JSON.stringify(answers));
    assert.ok(
      answers.every((answer) => answer === 201 || answer === '409 SLOT_TAKEN'),
      JSON.stringify(answers),
    );
  });

  // A booking in progress holds its provider's lock to the commit. A request for time the provider already holds is
  // refused at once rather than queued behind it (at the end of a busy round, most requests are of that kind); a
  // request for free time still waits, so the check that accepts it sees every booking made before.
  it('refuses time already held without waiting for the provider’s lock, and queues a booking of free time behind it', async (test) => {
    // PGlite is one connection: no second transaction can hold the lock while a request runs.
    if (t.database.kind !== 'postgres') return test.skip('PostgreSQL only');
    const cookie = await t.login('front_desk');
    const book = async (start: string, name: string) =>
      t.request({
        method: 'POST',
        url: '/api/appointments',
        cookie,
        payload: {
          patientId: await clinic.patient(name),
          appointmentTypeId: clinic.types.followUp,
          providerId: clinic.providers.ben,
          locationId: clinic.locations.east,
          start,
        },
      });
    assert.equal((await book('2026-03-06T10:00:00-05:00', 'Holder')).statusCode, 201);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = inTransaction(t.database.db, async (trx) => {
      await lockProviderBookings(trx, t.organization.id, clinic.providers.ben);
      locked();
      await released;
    });
    try {
      await lockTaken;
      const timeout = new Promise<'timed out'>((resolve) =>
        setTimeout(() => resolve('timed out'), 5_000).unref(),
      );
      const refused = await Promise.race([book('2026-03-06T10:00:00-05:00', 'Latecomer'), timeout]);
      if (refused === 'timed out') assert.fail('the refusal waited for the lock');
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().code, 'SLOT_TAKEN');
      const free = book('2026-03-06T11:00:00-05:00', 'Queued');
      const early = await Promise.race([
        free,
        new Promise((resolve) => setTimeout(() => resolve('waiting'), 300)),
      ]);
      assert.equal(early, 'waiting', 'a booking of free time did not wait for the lock');
      release();
      assert.equal((await free).statusCode, 201);
    } finally {
      release();
      await holder;
    }
  });
});
