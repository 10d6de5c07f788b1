import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { startReminderDesk, type ReminderDesk } from './test/reminder-desk';
import { reminderFixtures, uniquePhone } from './test/reminder-fixtures';

// Monday March 2, 2026, 10:00 in New York.
const MONDAY_10AM = '2026-03-02T10:00:00-05:00';
const SETTINGS = { displayName: 'Riverside Health', contactPhone: '(212) 555-0100' };

type Fixtures = Awaited<ReturnType<typeof reminderFixtures>>;

describe('reminders: the patient answers by text', () => {
  let t: ReminderDesk;
  let f: Fixtures;
  before(async () => {
    t = await startReminderDesk({ clock: manualClock(new Date(MONDAY_10AM)), settings: SETTINGS });
    f = await reminderFixtures(t);
  });
  after(() => t.close());

  const workItems = (subjectId: string) =>
    t.database.db
      .selectFrom('work_item')
      .select(['kind', 'patient_id', 'status', 'subject_type'])
      .where('organization_id', '=', t.organization.id)
      .where('subject_id', '=', subjectId)
      .execute();
  const replyTexts = (phone: string) =>
    t.database.db
      .selectFrom('outbox_message')
      .select('body')
      .where('organization_id', '=', t.organization.id)
      .where('recipient', '=', phone)
      .where('purpose', '=', 'appointment-reply')
      .orderBy('id')
      .execute();

  it('confirms the visit on C, with a history row, and says thank you', async () => {
    const patient = await f.patient();
    const visit = await f.book(patient.id, '2026-03-06T10:00:00-05:00');
    await t.drain();
    assert.equal(await t.inbound(patient.phone!, ' c. '), 'appointment-confirmed');

    const appointment = await f.appointment(visit.id);
    assert.equal(appointment.status, 'confirmed');
    assert.equal(appointment.confirmedAt, '2026-03-02T10:00:00-05:00');
    const history = await t.database.db
      .selectFrom('appointment_status_change')
      .select(['from_status', 'to_status', 'reason', 'changed_by'])
      .where('organization_id', '=', t.organization.id)
      .where('appointment_id', '=', visit.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(history.at(-1), {
      from_status: 'booked',
      to_status: 'confirmed',
      reason: 'The patient confirmed by text.',
      changed_by: null,
    });
    const view = await f.notices(visit.id);
    assert.equal(view.status, 'confirmed');
    assert.deepEqual(
      view.replies.map((reply) => [reply.channel, reply.action, reply.outcome]),
      [['sms', 'confirm', 'confirmed']],
    );
    assert.deepEqual(await replyTexts(patient.phone!), [
      { body: 'Riverside Health: thank you. Your visit Fri Mar 6 10:00 AM is confirmed. (212) 555-0100' },
    ]);
    // A second C changes nothing, and the next reminder no longer asks for one.
    assert.equal(await t.inbound(patient.phone!, 'C'), 'appointment-confirmed');
    assert.equal((await f.notices(visit.id)).replies[1]?.outcome, 'already-confirmed');
    await t.advanceTo('2026-03-03T10:00:00-05:00');
    const texts = await f.messagesTo(patient.phone!);
    assert.equal(
      texts.at(-1)?.body,
      'Riverside Health: reminder of your visit Fri Mar 6 10:00 AM. Reply R to reschedule. ' +
        'How to prepare: see the portal. (212) 555-0100',
    );
  });

  it('puts a reschedule request on the worklist on R', async () => {
    const patient = await f.patient({ preferences: { preferredLanguage: 'es' } });
    const visit = await f.book(patient.id, '2026-03-06T11:00:00-05:00');
    await t.drain();
    assert.equal(await t.inbound(patient.phone!, 'R'), 'reschedule-request');
    assert.deepEqual(await workItems(visit.id), [
      { kind: 'reschedule-request', patient_id: patient.id, status: 'open', subject_type: 'Appointment' },
    ]);
    assert.equal((await f.appointment(visit.id)).status, 'booked');
    const [answer] = await replyTexts(patient.phone!);
    assert.match(answer?.body ?? '', /^Riverside Health: recibimos su pedido de cambiar la cita\./);
    // Asking twice keeps one item; moving the visit closes it.
    assert.equal(await t.inbound(patient.phone!, 'reprogramar'), 'reschedule-request');
    assert.equal((await workItems(visit.id)).length, 1);
    const moved = await t.request({
      method: 'POST',
      url: `/api/appointments/${visit.id}/reschedule`,
      cookie: await f.desk(),
      headers: { 'if-match': `W/"${visit.version}"` },
      payload: { start: '2026-03-06T15:30:00-05:00', by: 'patient' },
    });
    assert.equal(moved.statusCode, 201, moved.body);
    await t.drain();
    assert.equal((await workItems(visit.id))[0]?.status, 'done');
  });

  it('gives a person anything else: unknown words, unknown numbers, and a phone several patients share', async () => {
    const patient = await f.patient();
    const visit = await f.book(patient.id, '2026-03-06T13:00:00-05:00');
    await t.drain();
    assert.equal(await t.inbound(patient.phone!, 'Can I come at noon instead?'), 'work-item');
    assert.equal((await f.appointment(visit.id)).status, 'booked');
    assert.equal(await t.inbound(uniquePhone().e164, 'C'), 'work-item');

    // A parent's phone, on file for two children, each texted about a visit (on different days: one a day).
    const shared = uniquePhone();
    const first = await f.patient({ phone: shared });
    const firstVisit = await f.book(first.id, '2026-03-06T13:30:00-05:00');
    await t.drain();
    await t.advanceTo('2026-03-04T09:00:00-05:00');
    const second = await f.patient({ phone: shared });
    const secondVisit = await f.book(second.id, '2026-03-06T14:00:00-05:00');
    await t.drain();
    assert.equal((await f.notice(firstVisit.id, 'booked')).status, 'sent');
    assert.equal((await f.notice(secondVisit.id, 'booked')).status, 'sent');
    assert.equal(await t.inbound(shared.e164, 'C'), 'work-item');
    assert.equal((await f.appointment(firstVisit.id)).status, 'booked');
    assert.equal((await f.appointment(secondVisit.id)).status, 'booked');
    const items = await t.database.db
      .selectFrom('work_item')
      .select('kind')
      .where('organization_id', '=', t.organization.id)
      .where('kind', '=', 'sms-reply')
      .execute();
    assert.equal(items.length, 3);
  });
});

describe('reminders: the patient answers with the emailed link', () => {
  let t: ReminderDesk;
  let f: Fixtures;
  before(async () => {
    t = await startReminderDesk({ clock: manualClock(new Date(MONDAY_10AM)), settings: SETTINGS });
    f = await reminderFixtures(t);
  });
  after(() => t.close());

  const emailPatient = () =>
    f.patient({ phone: false, email: true, preferences: { preferredChannel: 'email', emailConsent: true } });
  const tokensIn = async (email: string) =>
    (await f.messagesTo(email)).map((message) => /#token=(\S+)/.exec(message.body)?.[1] ?? '');
  const describeLink = (token: string) =>
    t.request({ method: 'GET', url: `/api/appointment-responses/${encodeURIComponent(token)}` });
  const answer = (token: string, action: 'confirm' | 'reschedule') =>
    t.request({ method: 'POST', url: '/api/appointment-responses', payload: { token, action } });

  it('confirms once: the link tells its page the time and clinic, works once, and is stored hashed', async () => {
    const patient = await emailPatient();
    const visit = await f.book(patient.id, '2026-03-06T10:00:00-05:00');
    await t.drain();
    const [token] = await tokensIn(patient.email!);
    assert.ok(token);

    const opened = await describeLink(token);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.deepEqual(opened.json(), {
      state: 'open',
      clinicName: 'Riverside Health',
      clinicPhone: '(212) 555-0100',
      start: '2026-03-06T10:00:00-05:00',
      timeZone: 'America/New_York',
      language: 'en',
      usedAction: null,
    });
    const stored = await t.database.db
      .selectFrom('appointment_response_link')
      .select(['token_hash', 'appointment_id'])
      .where('organization_id', '=', t.organization.id)
      .execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.token_hash, token);
    assert.ok(
      !token.includes(patient.id) && !token.includes(visit.id),
      'the token names no patient or visit',
    );

    const confirmed = await answer(token, 'confirm');
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.deepEqual(confirmed.json(), { outcome: 'confirmed' });
    assert.equal((await f.appointment(visit.id)).status, 'confirmed');
    const again = await answer(token, 'reschedule');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'LINK_USED');
    assert.equal((await describeLink(token)).json().state, 'used');
    assert.equal((await describeLink(token)).json().usedAction, 'confirm');
    assert.deepEqual(
      (await f.notices(visit.id)).replies.map((reply) => [reply.channel, reply.outcome]),
      [['email', 'confirmed']],
    );
  });

  it('asks for a new time from a reminder’s link, and refuses a link once the visit has begun', async () => {
    const patient = await emailPatient();
    const visit = await f.book(patient.id, '2026-03-06T11:00:00-05:00');
    await t.drain();
    await t.advanceTo('2026-03-03T11:00:00-05:00');
    const [bookedToken, reminderToken] = await tokensIn(patient.email!);
    assert.ok(bookedToken && reminderToken && bookedToken !== reminderToken);
    const [, reminderEmail] = await f.messagesTo(patient.email!);
    assert.equal(reminderEmail?.subject, 'Riverside Health: reminder of your visit on Fri Mar 6 11:00 AM');

    const asked = await answer(reminderToken, 'reschedule');
    assert.equal(asked.statusCode, 200, asked.body);
    assert.deepEqual(asked.json(), { outcome: 'reschedule-requested' });
    const items = await t.database.db
      .selectFrom('work_item')
      .select(['kind', 'patient_id'])
      .where('organization_id', '=', t.organization.id)
      .where('subject_id', '=', visit.id)
      .execute();
    assert.deepEqual(items, [{ kind: 'reschedule-request', patient_id: patient.id }]);

    await t.advanceTo('2026-03-06T11:00:00-05:00');
    assert.equal((await describeLink(bookedToken)).json().state, 'expired');
    const late = await answer(bookedToken, 'confirm');
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'LINK_EXPIRED');
  });

  it('answers a link that was never issued with 404, and a malformed one field by field', async () => {
    const unknown = await answer(`${t.organization.id}.${'x'.repeat(43)}`, 'confirm');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'LINK_NOT_FOUND');
    assert.equal((await describeLink(`not-ours.${'y'.repeat(43)}`)).statusCode, 404);
    const malformed = await t.request({
      method: 'POST',
      url: '/api/appointment-responses',
      payload: { token: 'short', action: 'cancel' },
    });
    assert.equal(malformed.statusCode, 400);
    assert.deepEqual(
      malformed
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
      ['body.action', 'body.token'],
    );
  });
});
