import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { newLinkToken } from '../../platform/link-token';
import { startWaitlistDesk, type WaitlistKit } from './test/kit';

const HOUR = 3600_000;

describe('waitlist: a cancellation offers the freed time to the best-ranked matching entries', () => {
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let kit: WaitlistKit;
  const patients: Record<string, string> = {};
  let freed: { id: string; version: number };
  before(async () => {
    kit = await startWaitlistDesk(clock);
    const { clinic } = kit;
    for (const name of ['Holder', 'Adams', 'Brown', 'Dunn', 'Early', 'Fisher', 'Gray', 'Hill', 'Irwin']) {
      patients[name] = await clinic.patient(name);
    }
    patients.Clark = await kit.patient('Clark', { email: 'clark@example.com' });
    // Wednesday 4 March, 10:00 in New York: the time that will be freed.
    freed = await kit.book(patients.Holder!, '2026-03-04T10:00:00-05:00');
    const followUp = { appointmentTypeId: clinic.types.followUp };
    const ada = { ...followUp, providerId: clinic.providers.ada };
    const wide = { earliestDate: '2026-03-02', latestDate: '2026-03-10' };
    await kit.join({
      ...ada,
      patientId: patients.Adams,
      earliestDate: '2026-03-03',
      latestDate: '2026-03-06',
    });
    await kit.join({ ...followUp, ...wide, patientId: patients.Brown, priority: 'high', note: 'Worsening' });
    await kit.join({
      ...ada,
      patientId: patients.Clark,
      earliestDate: '2026-03-04',
      latestDate: '2026-03-04',
    });
    await kit.join({ ...ada, ...wide, patientId: patients.Dunn });
    // Not a match: another kind of visit, another provider, outside the window, another weekday, another time.
    await kit.join({ ...wide, appointmentTypeId: clinic.types.video, patientId: patients.Early });
    await kit.join({ ...followUp, ...wide, providerId: clinic.providers.ben, patientId: patients.Fisher });
    await kit.join({
      ...ada,
      patientId: patients.Gray,
      earliestDate: '2026-03-05',
      latestDate: '2026-03-06',
    });
    await kit.join({ ...ada, ...wide, patientId: patients.Hill, weekdays: [1, 5] });
    await kit.join({
      ...ada,
      ...wide,
      patientId: patients.Irwin,
      earliestTime: '13:00',
      latestTime: '16:30',
    });
    await kit.cancel(freed);
    await kit.drain();
  });
  after(() => kit.t.close());

  it('offers it to three at once: high priority first, then the oldest entries; not to the rest', async () => {
    const states = await kit.offerStates();
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(patients).map(([name, id]) => [name, id in states ? states[id] : 'no entry']),
      ),
      {
        Holder: 'no entry',
        Adams: 'open',
        Brown: 'open',
        Clark: 'open',
        Dunn: null,
        Early: null,
        Fisher: null,
        Gray: null,
        Hill: null,
        Irwin: null,
      },
    );
  });

  it('shows the desk each offer: channel, when it was sent, when it expires, its state', async () => {
    const items = await kit.entries(`?appointmentTypeId=${kit.clinic.types.followUp}`);
    assert.deepEqual(
      items.slice(0, 4).map((entry) => entry.patient.id),
      [patients.Brown, patients.Adams, patients.Clark, patients.Dunn],
      'high priority first, then the oldest',
    );
    const brown = items[0]!;
    assert.equal(brown.priority, 'high');
    assert.deepEqual(
      brown.offers.map(({ state, channel, start, sentAt, expiresAt }) => ({
        state,
        channel,
        start,
        sentAt,
        expiresAt,
      })),
      [
        {
          state: 'open',
          channel: 'sms',
          start: '2026-03-04T10:00:00-05:00',
          sentAt: '2026-03-02T07:09:00-05:00',
          expiresAt: '2026-03-02T09:09:00-05:00',
        },
      ],
    );
    assert.equal(items[2]!.offers[0]!.channel, 'email', 'no phone: an email');
  });

  it('texts the offer in at most 160 characters with the clinic, the time and the link, nothing clinical', async () => {
    const [sms] = await kit.messagesTo(patients.Brown!);
    assert.ok(sms);
    assert.equal(sms.channel, 'sms');
    assert.ok(sms.body.length <= 160, `${sms.body.length}: ${sms.body}`);
    const text = sms.body.slice(0, sms.body.indexOf('http'));
    assert.equal(text, 'Riverside Health: visit opening Wed 3/4 10:00 AM. Claim by 9:09 AM: ');
    const [email] = await kit.messagesTo(patients.Clark!);
    assert.equal(email?.channel, 'email');
    assert.equal(email?.recipient, 'clark@example.com');
    assert.match(email?.body ?? '', /Wed, Mar 4, 10:00 AM at East Clinic/);
    assert.doesNotMatch(`${email?.subject} ${email?.body}`, /Ada|FU|Follow/);
  });

  it('shows the link’s page the time and place, without the patient', async () => {
    const response = await kit.answer('lookup', await kit.tokenOf(patients.Adams!));
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json();
    assert.equal(view.state, 'open');
    assert.equal(view.start, '2026-03-04T10:00:00-05:00');
    assert.equal(view.clinicName, 'Riverside Health');
    assert.equal(view.location.name, 'East Clinic');
    assert.ok(!response.body.includes('Adams') && !response.body.includes(patients.Adams!));
  });

  it('books the first acceptance via the waitlist; the other offers of the time are withdrawn', async () => {
    const response = await kit.answer('accept', await kit.tokenOf(patients.Adams!));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().state, 'accepted');
    const appointmentId = response.json().appointmentId as string;
    const appointment = await kit.t.request({
      method: 'GET',
      url: `/api/appointments/${appointmentId}`,
      cookie: kit.desk,
    });
    assert.equal(appointment.json().bookedVia, 'waitlist');
    assert.equal(appointment.json().patient.id, patients.Adams);
    assert.equal(appointment.json().start, '2026-03-04T10:00:00-05:00');
    const byPatient = await kit.entriesByPatient();
    assert.equal(byPatient.get(patients.Adams!)?.status, 'booked');
    assert.equal(byPatient.get(patients.Adams!)?.appointmentId, appointmentId);
    assert.equal(byPatient.get(patients.Brown!)?.offers[0]?.state, 'withdrawn');
    assert.equal(byPatient.get(patients.Clark!)?.offers[0]?.state, 'withdrawn');
  });

  it('tells a later acceptance the time was just taken, marks it taken, and keeps the entry', async () => {
    const response = await kit.answer('accept', await kit.tokenOf(patients.Brown!));
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().code, 'OFFER_TAKEN');
    assert.match(response.json().detail, /just taken/);
    const brown = (await kit.entriesByPatient()).get(patients.Brown!);
    assert.equal(brown?.status, 'active');
    assert.equal(brown?.offers[0]?.state, 'taken');
  });

  it('refuses a used, unknown or malformed token, naming no patient', async () => {
    const reused = await kit.answer('accept', await kit.tokenOf(patients.Adams!));
    assert.equal(reused.statusCode, 409);
    assert.equal(reused.json().code, 'OFFER_USED');
    const unknown = await kit.answer('accept', newLinkToken(kit.t.organization.id).token);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'OFFER_NOT_FOUND');
    const malformed = await kit.answer('lookup', 'not-a-token-at-all-but-long-enough');
    assert.equal(malformed.statusCode, 404);
    assert.equal(malformed.json().code, 'OFFER_NOT_FOUND');
    for (const refusal of [reused, unknown, malformed]) {
      assert.equal(refusal.headers['content-type'], 'application/problem+json; charset=utf-8');
      for (const [name, id] of Object.entries(patients)) {
        assert.ok(!refusal.body.includes(name) && !refusal.body.includes(id), refusal.body);
      }
    }
  });
});

describe('waitlist: concurrent acceptances of one time', () => {
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let kit: WaitlistKit;
  before(async () => {
    kit = await startWaitlistDesk(clock);
  });
  after(() => kit.t.close());

  it('books exactly one of several patients accepting the same time at once', async () => {
    const { clinic } = kit;
    const holder = await clinic.patient('Holder');
    const appointment = await kit.book(holder, '2026-03-05T10:00:00-05:00');
    const racers: string[] = [];
    for (const name of ['Racer1', 'Racer2', 'Racer3']) {
      const patientId = await clinic.patient(name);
      racers.push(patientId);
      await kit.join({
        patientId,
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        earliestDate: '2026-03-05',
        latestDate: '2026-03-05',
      });
    }
    await kit.cancel(appointment);
    await kit.drain();
    const tokens = await Promise.all(racers.map((patientId) => kit.tokenOf(patientId)));
    const responses = await Promise.all(tokens.map((token) => kit.answer('accept', token)));
    const statuses = responses.map((response) => response.statusCode).sort();
    assert.deepEqual(statuses, [200, 409, 409], responses.map((r) => r.body).join('\n'));
    assert.ok(responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'OFFER_TAKEN'));
    const held = await kit.t.database.db
      .selectFrom('appointment')
      .select(['patient_id', 'booked_via'])
      .where('organization_id', '=', kit.t.organization.id)
      .where('provider_id', '=', clinic.providers.ada)
      .where('starts_at', '=', new Date('2026-03-05T15:00:00Z'))
      .where('status', '!=', 'cancelled')
      .execute();
    assert.equal(held.length, 1);
    assert.equal(held[0]?.booked_via, 'waitlist');
    const states = await kit.offerStates();
    assert.deepEqual(racers.map((patientId) => states[patientId]).sort(), ['accepted', 'taken', 'taken']);
  });

  it('books once when the same link is accepted twice at once', async () => {
    const { clinic } = kit;
    const appointment = await kit.book(await clinic.patient('Holder2'), '2026-03-05T11:00:00-05:00');
    const patientId = await clinic.patient('Twice');
    await kit.join({
      patientId,
      appointmentTypeId: clinic.types.followUp,
      providerId: clinic.providers.ada,
      earliestDate: '2026-03-05',
      latestDate: '2026-03-05',
      earliestTime: '11:00',
      latestTime: '11:00',
    });
    await kit.cancel(appointment);
    await kit.drain();
    const token = await kit.tokenOf(patientId);
    const responses = await Promise.all([kit.answer('accept', token), kit.answer('accept', token)]);
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 409]);
    assert.equal(responses.find((r) => r.statusCode === 409)?.json().code, 'OFFER_USED');
  });
});

describe('waitlist: expiry and declining', () => {
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let kit: WaitlistKit;
  const waiting: string[] = [];
  before(async () => {
    kit = await startWaitlistDesk(clock);
    const { clinic } = kit;
    const appointment = await kit.book(await clinic.patient('Holder'), '2026-03-06T10:00:00-05:00');
    for (let index = 1; index <= 5; index += 1) {
      // The fifth has no phone or email: the desk is asked to call.
      const patientId =
        index === 5 ? await kit.patient('Unreachable') : await clinic.patient(`Waiting${index}`);
      waiting.push(patientId);
      await kit.join({
        patientId,
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        earliestDate: '2026-03-06',
        latestDate: '2026-03-06',
      });
    }
    await kit.cancel(appointment);
    await kit.drain();
  });
  after(() => kit.t.close());

  const states = async () => {
    const byPatient = await kit.offerStates();
    return waiting.map((patientId) => byPatient[patientId]);
  };

  it('offers the first three', async () => {
    assert.deepEqual(await states(), ['open', 'open', 'open', null, null]);
  });

  it('takes a decline, keeps the entry, and offers the time to the next entry', async () => {
    await kit.passTime(30 * 60_000);
    const response = await kit.answer('decline', await kit.tokenOf(waiting[1]!));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().state, 'declined');
    await kit.drain();
    assert.deepEqual(await states(), ['open', 'declined', 'open', 'open', null]);
    assert.equal((await kit.entriesByPatient()).get(waiting[1]!)?.status, 'active');
    const again = await kit.answer('decline', await kit.tokenOf(waiting[1]!));
    assert.equal(again.json().code, 'OFFER_USED');
  });

  it('expires unanswered offers after two hours and offers the time to the next-ranked entry', async () => {
    await kit.passTime(HOUR + 29 * 60_000);
    await kit.drain();
    assert.deepEqual(await states(), ['open', 'declined', 'open', 'open', null], 'not before their time');
    await kit.passTime(60_000);
    await kit.drain();
    // The fourth was offered later (on the decline), so it still has time; the fifth takes a freed place.
    assert.deepEqual(await states(), ['expired', 'declined', 'expired', 'open', 'open']);
    const late = await kit.answer('accept', await kit.tokenOf(waiting[0]!));
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'OFFER_EXPIRED');
    assert.equal((await kit.entriesByPatient()).get(waiting[0]!)?.status, 'active');
  });

  it('asks the desk to call a patient with no phone or email, and closes the call when the offer closes', async () => {
    const entry = (await kit.entriesByPatient()).get(waiting[4]!);
    assert.equal(entry?.offers[0]?.channel, 'phone');
    const items = async (status: string) =>
      (
        await kit.t.request({
          method: 'GET',
          url: `/api/work-items?patientId=${waiting[4]}&status=${status}`,
          cookie: kit.desk,
        })
      ).json().items as { kind: string; subject: { id: string } }[];
    assert.deepEqual(
      (await items('active')).map((item) => [item.kind, item.subject.id]),
      [['waitlist-offer', entry?.offers[0]?.id]],
    );
    // The desk reaches the patient, who says yes on the phone.
    const accepted = await kit.t.request({
      method: 'POST',
      url: `/api/waitlist-offers/${entry?.offers[0]?.id}/accept`,
      cookie: kit.desk,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().status, 'booked');
    assert.equal(accepted.json().offers[0].state, 'accepted');
    assert.deepEqual(await items('active'), []);
    assert.deepEqual(await states(), ['expired', 'declined', 'expired', 'withdrawn', 'accepted']);
  });
});
