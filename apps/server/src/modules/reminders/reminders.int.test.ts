import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { startReminderDesk, type ReminderDesk } from './test/reminder-desk';
import { reminderFixtures } from './test/reminder-fixtures';

// Monday March 2, 2026, 10:00 in New York (the East Clinic), a week before the change to summer time.
const MONDAY_10AM = '2026-03-02T10:00:00-05:00';
const SETTINGS = { displayName: 'Riverside Health', contactPhone: '212-555-0100' };

type Fixtures = Awaited<ReturnType<typeof reminderFixtures>>;

function withDesk(start: string, settings: Record<string, unknown> = SETTINGS) {
  const state = {} as { t: ReminderDesk; f: Fixtures };
  before(async () => {
    state.t = await startReminderDesk({ clock: manualClock(new Date(start)), settings });
    state.f = await reminderFixtures(state.t);
  });
  after(() => state.t.close());
  return state;
}

describe('reminders: a confirmation, then 72 and 24 hours before, by text', () => {
  const s = withDesk(MONDAY_10AM);

  it('confirms the booking now and plans the reminders, then sends each at its time', async () => {
    const { t, f } = s;
    const patient = await f.patient();
    const visit = await f.book(patient.id, '2026-03-06T10:00:00-05:00');
    await t.drain();

    let view = await f.notices(visit.id);
    assert.deepEqual(
      view.notices.map((notice) => [notice.kind, notice.status, notice.plannedFor]),
      [
        ['booked', 'sent', '2026-03-02T10:00:00-05:00'],
        ['reminder-72h', 'planned', '2026-03-03T10:00:00-05:00'],
        ['reminder-24h', 'planned', '2026-03-05T10:00:00-05:00'],
      ],
    );
    let messages = await f.messagesTo(patient.phone!);
    assert.equal(messages.length, 1);
    assert.equal(
      messages[0]?.body,
      'Riverside Health: your visit is booked for Fri Mar 6 10:00 AM. Reply C to confirm, R to reschedule. ' +
        'How to prepare: see the portal. (212) 555-0100',
    );
    assert.equal(messages[0]?.channel, 'sms');
    assert.equal(messages[0]?.patient_id, patient.id);

    // Nothing more until the clock reaches a reminder's time.
    await t.advanceTo('2026-03-03T09:59:00-05:00');
    assert.equal((await f.messagesTo(patient.phone!)).length, 1);
    await t.advanceTo('2026-03-03T10:00:00-05:00');
    messages = await f.messagesTo(patient.phone!);
    assert.equal(messages.length, 2);
    assert.equal(
      messages[1]?.body,
      'Riverside Health: reminder of your visit Fri Mar 6 10:00 AM. Reply C to confirm, R to reschedule. ' +
        'How to prepare: see the portal. (212) 555-0100',
    );
    await t.advanceTo('2026-03-05T10:00:00-05:00');
    messages = await f.messagesTo(patient.phone!);
    assert.equal(messages.length, 3);
    assert.ok(messages.every((message) => message.body.length <= 160));

    view = await f.notices(visit.id);
    assert.deepEqual(
      view.notices.map((notice) => [notice.kind, notice.status, notice.channel, notice.sentAt]),
      [
        ['booked', 'sent', 'sms', '2026-03-02T10:00:00-05:00'],
        ['reminder-72h', 'sent', 'sms', '2026-03-03T10:00:00-05:00'],
        ['reminder-24h', 'sent', 'sms', '2026-03-05T10:00:00-05:00'],
      ],
    );
    assert.equal(view.status, 'booked');
    assert.equal(view.confirmedAt, null);
  });
});

describe('reminders: the same-day reminder and quiet hours', () => {
  // Monday 19:00: booking for the next morning.
  const s = withDesk('2026-03-02T19:00:00-05:00');

  it('gives a visit booked the evening before a 2-hour reminder, moved to the end of quiet hours', async () => {
    const { t, f } = s;
    const early = await f.patient();
    const visit = await f.book(early.id, '2026-03-03T09:00:00-05:00');
    const nightOwl = await f.patient({ preferences: { quietHoursStart: '21:00', quietHoursEnd: '09:30' } });
    const late = await f.book(nightOwl.id, '2026-03-03T09:00:00-05:00', {
      providerId: f.clinic.providers.ben,
    });
    await t.drain();
    assert.deepEqual(
      (await f.notices(visit.id)).notices.map((notice) => [notice.kind, notice.status, notice.plannedFor]),
      [
        ['booked', 'sent', '2026-03-02T19:00:00-05:00'],
        ['reminder-2h', 'planned', '2026-03-03T07:00:00-05:00'],
      ],
    );

    // 07:00 is inside quiet hours (21:00–08:00): the reminder waits until 08:00, still before the visit.
    await t.advanceTo('2026-03-03T07:00:00-05:00');
    const deferred = await f.notice(visit.id, 'reminder-2h');
    assert.equal(deferred.status, 'planned');
    assert.equal(deferred.deferredTo, '2026-03-03T08:00:00-05:00');
    assert.equal((await f.messagesTo(early.phone!)).length, 1);
    // Quiet until 09:30 is after a 09:00 visit: that reminder is skipped.
    const skipped = await f.notice(late.id, 'reminder-2h');
    assert.equal(skipped.status, 'skipped');
    assert.equal(skipped.reason, 'quiet-hours');

    await t.advanceTo('2026-03-03T07:59:00-05:00');
    assert.equal((await f.messagesTo(early.phone!)).length, 1);
    await t.advanceTo('2026-03-03T08:00:00-05:00');
    const messages = await f.messagesTo(early.phone!);
    assert.equal(messages.length, 2);
    assert.match(messages[1]?.body ?? '', /^Riverside Health: reminder of your visit Tue Mar 3 9:00 AM\./);
    assert.equal((await f.notice(visit.id, 'reminder-2h')).status, 'sent');
    assert.equal((await f.messagesTo(nightOwl.phone!)).length, 1);
  });

  it('gives a visit booked for later the same day its confirmation only', async () => {
    const { t, f } = s;
    const patient = await f.patient();
    const visit = await f.book(patient.id, '2026-03-03T15:00:00-05:00');
    await t.drain();
    assert.deepEqual(
      (await f.notices(visit.id)).notices.map((notice) => [notice.kind, notice.status]),
      [['booked', 'sent']],
    );
  });
});

describe('reminders: channel, consent, language and detail', () => {
  const s = withDesk(MONDAY_10AM);
  const fridaySlots = ['10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30', '15:00'];
  const nextFridaySlot = () => `2026-03-06T${fridaySlots.shift() ?? 'none'}:00-05:00`;

  it('sends nothing without consent, and nothing to a patient who chose no messages', async () => {
    const { t, f } = s;
    const noConsent = await f.patient({ preferences: { smsConsent: false } });
    const noMessages = await f.patient({ preferences: { preferredChannel: 'none' } });
    const first = await f.book(noConsent.id, nextFridaySlot());
    const second = await f.book(noMessages.id, nextFridaySlot());
    await t.drain();
    assert.equal((await f.messagesTo(noConsent.phone!)).length, 0);
    assert.equal((await f.messagesTo(noMessages.phone!)).length, 0);
    const a = await f.notice(first.id, 'booked');
    assert.deepEqual([a.status, a.reason], ['skipped', 'no-sms-consent']);
    const b = await f.notice(second.id, 'booked');
    assert.deepEqual([b.status, b.reason], ['skipped', 'patient-chose-none']);
  });

  it('emails a patient who prefers email: the full preparation and a single-use link', async () => {
    const { t, f } = s;
    const patient = await f.patient({
      phone: false,
      email: true,
      preferences: { preferredChannel: 'email', emailConsent: true },
    });
    await f.book(patient.id, nextFridaySlot());
    await t.drain();
    const [email] = await f.messagesTo(patient.email!);
    assert.ok(email);
    assert.equal(email.channel, 'email');
    assert.equal(email.subject, 'Riverside Health: your visit is booked');
    assert.match(
      email.body,
      /Your visit at Riverside Health is booked for Friday, March 6, 2026, at 11:00 AM\./,
    );
    assert.match(email.body, /How to prepare:\nBring your medicines\./);
    assert.match(email.body, /\/portal\/appointment-response#token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\n/);
    assert.match(email.body, /Questions\? Call us at \(212\) 555-0100\./);
    // Minimal detail: no visit type, no place, no name.
    assert.doesNotMatch(email.body, /Visit:|Place:|Reminded|Pat\b/);
  });

  it('falls back to email when texts are not agreed to but email is', async () => {
    const { t, f } = s;
    const patient = await f.patient({
      email: true,
      preferences: { smsConsent: false, emailConsent: true },
    });
    const visit = await f.book(patient.id, nextFridaySlot());
    await t.drain();
    assert.equal((await f.messagesTo(patient.phone!)).length, 0);
    assert.equal((await f.messagesTo(patient.email!)).length, 1);
    assert.equal((await f.notice(visit.id, 'booked')).channel, 'email');
  });

  it('writes to a Spanish-speaking patient in Spanish, by text and by email', async () => {
    const { t, f } = s;
    const texted = await f.patient({ preferences: { preferredLanguage: 'es' } });
    const emailed = await f.patient({
      phone: false,
      email: true,
      preferences: { preferredLanguage: 'es', preferredChannel: 'email', emailConsent: true },
    });
    const visit = await f.book(texted.id, nextFridaySlot());
    await f.book(emailed.id, nextFridaySlot());
    await t.drain();
    const [text] = await f.messagesTo(texted.phone!);
    assert.equal(
      text?.body,
      'Riverside Health: su cita es el viernes 6 de marzo, 1:00 p.m. Responda C para confirmar, R para ' +
        'cambiarla. Instrucciones en el portal. (212) 555-0100',
    );
    assert.ok((text?.body.length ?? 999) <= 160);
    assert.equal((await f.notice(visit.id, 'booked')).language, 'es');
    const [email] = await f.messagesTo(emailed.email!);
    assert.equal(email?.subject, 'Riverside Health: su cita está reservada');
    assert.match(email?.body ?? '', /quedó reservada para el viernes 6 de marzo de 2026, a la 1:30 p\.m\./);
    assert.match(email?.body ?? '', /Cómo prepararse:\nTraiga sus medicinas\./);
    assert.match(email?.body ?? '', /El enlace funciona una sola vez\./);
  });

  it('names the visit type only for a patient who chose full detail', async () => {
    const { t, f } = s;
    const full = await f.patient({ preferences: { messageDetail: 'full' } });
    await f.book(full.id, nextFridaySlot());
    await t.drain();
    const [text] = await f.messagesTo(full.phone!);
    assert.match(text?.body ?? '', /your visit is booked for Fri Mar 6 2:00 PM \(FU\)\./);
  });
});

describe('reminders: at most one text a day and three a week, and STOP at once', () => {
  const s = withDesk(MONDAY_10AM);

  it('counts every appointment text to a number, per day and over seven days', async () => {
    const { t, f } = s;
    const patient = await f.patient();
    const thursday = await f.book(patient.id, '2026-03-05T10:00:00-05:00');
    const friday = await f.book(patient.id, '2026-03-06T10:00:00-05:00');
    await t.drain();
    // Monday: one confirmation goes; the other would be a second text that day.
    const confirmations = [await f.notice(thursday.id, 'booked'), await f.notice(friday.id, 'booked')];
    assert.deepEqual(confirmations.map((notice) => [notice.status, notice.reason]).sort(), [
      ['sent', null],
      ['skipped', 'daily-limit'],
    ]);

    await t.advanceTo('2026-03-03T10:00:00-05:00'); // Friday's 72-hour reminder: text 2 this week
    await t.advanceTo('2026-03-04T10:00:00-05:00'); // Thursday's 24-hour reminder: text 3
    assert.equal((await f.notice(friday.id, 'reminder-72h')).status, 'sent');
    assert.equal((await f.notice(thursday.id, 'reminder-24h')).status, 'sent');
    await t.advanceTo('2026-03-05T10:00:00-05:00'); // Friday's 24-hour reminder would be the fourth
    const fourth = await f.notice(friday.id, 'reminder-24h');
    assert.deepEqual([fourth.status, fourth.reason], ['skipped', 'weekly-limit']);
    assert.equal((await f.messagesTo(patient.phone!)).length, 3);
  });

  it('sends nothing more to a number that texted STOP', async () => {
    const { t, f } = s;
    const patient = await f.patient();
    const visit = await f.book(patient.id, '2026-03-09T11:00:00-04:00');
    await t.drain();
    assert.equal((await f.notice(visit.id, 'booked')).status, 'sent');
    assert.equal(await t.inbound(patient.phone!, 'STOP'), 'opt-out');
    await t.advanceTo('2026-03-08T11:00:00-04:00');
    const reminder = await f.notice(visit.id, 'reminder-24h');
    assert.deepEqual([reminder.status, reminder.reason], ['skipped', 'opted-out']);
    assert.equal((await f.messagesTo(patient.phone!)).length, 1);
  });
});

describe('reminders: moved and cancelled visits', () => {
  const s = withDesk(MONDAY_10AM);

  it('voids the old visit’s reminders when it moves, and plans the new one’s', async () => {
    const { t, f } = s;
    const patient = await f.patient();
    const visit = await f.book(patient.id, '2026-03-06T10:00:00-05:00');
    await t.drain();
    await t.advanceTo('2026-03-03T09:00:00-05:00');
    const moved = await t.request({
      method: 'POST',
      url: `/api/appointments/${visit.id}/reschedule`,
      cookie: await f.desk(),
      headers: { 'if-match': `W/"${visit.version}"` },
      payload: { start: '2026-03-06T14:00:00-05:00', by: 'patient' },
    });
    assert.equal(moved.statusCode, 201, moved.body);
    await t.drain();
    assert.deepEqual(
      (await f.notices(visit.id)).notices.map((notice) => [notice.kind, notice.status, notice.reason]),
      [
        ['booked', 'sent', null],
        ['reminder-72h', 'void', 'moved'],
        ['reminder-24h', 'void', 'moved'],
      ],
    );
    const newId = moved.json().id as string;
    assert.deepEqual(
      (await f.notices(newId)).notices.map((notice) => [notice.kind, notice.status, notice.plannedFor]),
      [
        ['moved', 'sent', '2026-03-03T09:00:00-05:00'],
        ['reminder-24h', 'planned', '2026-03-05T14:00:00-05:00'],
      ],
    );
    let messages = await f.messagesTo(patient.phone!);
    assert.match(messages[1]?.body ?? '', /your visit was moved to Fri Mar 6 2:00 PM\./);

    // The old visit's 72-hour time passes in silence; the new visit's reminder goes at its own time.
    await t.advanceTo('2026-03-03T10:00:00-05:00');
    assert.equal((await f.messagesTo(patient.phone!)).length, 2);
    await t.advanceTo('2026-03-05T14:00:00-05:00');
    messages = await f.messagesTo(patient.phone!);
    assert.equal(messages.length, 3);
    assert.match(messages[2]?.body ?? '', /reminder of your visit Fri Mar 6 2:00 PM\./);
  });

  it('tells the patient when the clinic cancels, and not when the patient did', async () => {
    const { t, f } = s;
    const byClinic = await f.patient({ preferences: { preferredLanguage: 'es' } });
    const byPatient = await f.patient();
    const unreachable = await f.patient({ preferences: { smsConsent: false } });
    const visits = {
      clinic: await f.book(byClinic.id, '2026-03-10T10:00:00-04:00'),
      patient: await f.book(byPatient.id, '2026-03-10T11:00:00-04:00'),
      unreachable: await f.book(unreachable.id, '2026-03-10T13:00:00-04:00'),
    };
    await t.drain();
    await t.advanceTo('2026-03-06T09:00:00-05:00');
    const cancel = async (visit: { id: string; version: number }, by: string, reason: string) =>
      t.request({
        method: 'POST',
        url: `/api/appointments/${visit.id}/cancel`,
        cookie: await f.desk(),
        headers: { 'if-match': `W/"${visit.version}"` },
        payload: { reason, by },
      });
    assert.equal((await cancel(visits.clinic, 'clinic', 'clinic-closure')).statusCode, 200);
    assert.equal((await cancel(visits.patient, 'patient', 'schedule-conflict')).statusCode, 200);
    assert.equal((await cancel(visits.unreachable, 'provider', 'provider-unavailable')).statusCode, 200);
    await t.drain();

    const clinicNotices = (await f.notices(visits.clinic.id)).notices;
    assert.deepEqual(
      clinicNotices.map((notice) => [notice.kind, notice.status, notice.reason]),
      [
        ['booked', 'sent', null],
        ['cancelled', 'sent', null],
        ['reminder-72h', 'void', 'cancelled'],
        ['reminder-24h', 'void', 'cancelled'],
      ],
    );
    const texts = await f.messagesTo(byClinic.phone!);
    assert.equal(
      texts[1]?.body,
      'Riverside Health: su cita del martes 10 de marzo, 10:00 a.m. fue cancelada. Para otra cita llame al ' +
        '(212) 555-0100',
    );
    assert.deepEqual(
      (await f.notices(visits.patient.id)).notices.map((notice) => [notice.kind, notice.status]),
      [
        ['booked', 'sent'],
        ['reminder-72h', 'void'],
        ['reminder-24h', 'void'],
      ],
    );
    // No message can reach this patient: someone on the desk is asked to call.
    const notice = await f.notice(visits.unreachable.id, 'cancelled');
    assert.deepEqual([notice.status, notice.reason], ['skipped', 'no-sms-consent']);
    const items = await t.database.db
      .selectFrom('work_item')
      .select(['kind', 'patient_id', 'priority'])
      .where('organization_id', '=', t.organization.id)
      .where('subject_id', '=', visits.unreachable.id)
      .execute();
    assert.deepEqual(items, [{ kind: 'cancellation-call', patient_id: unreachable.id, priority: 1 }]);

    // Their reminders' times pass in silence.
    await t.advanceTo('2026-03-09T11:00:00-04:00');
    assert.equal((await f.messagesTo(byClinic.phone!)).length, 2);
    assert.equal((await f.messagesTo(byPatient.phone!)).length, 1);
  });
});
