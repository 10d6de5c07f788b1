import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quietHoursEnd } from './quiet-hours';
import { readReplyWord } from './reply-words';
import { planReminders, reminderSchedule } from './reminder-schedule';

const NY = 'America/New_York';
const plan = (now: string, startsAt: string, settings = {}) =>
  planReminders({
    startsAt: new Date(startsAt),
    now: new Date(now),
    timeZone: NY,
    ...reminderSchedule(settings),
  }).map((reminder) => [reminder.kind, reminder.plannedFor.toISOString()]);

describe('reminder schedule', () => {
  it('plans 72 and 24 hours before a visit booked days ahead', () => {
    assert.deepEqual(plan('2026-03-02T15:00:00Z', '2026-03-06T15:00:00Z'), [
      ['reminder-72h', '2026-03-03T15:00:00.000Z'],
      ['reminder-24h', '2026-03-05T15:00:00.000Z'],
    ]);
  });

  it('plans only reminders that fall on a later local day than the booking', () => {
    // Booked Monday 10:00 for Thursday 09:00: 72 hours before is Monday 09:00, already past.
    assert.deepEqual(plan('2026-03-02T15:00:00Z', '2026-03-05T14:00:00Z'), [
      ['reminder-24h', '2026-03-04T14:00:00.000Z'],
    ]);
    // Booked Monday 08:00 for Tuesday 17:00: 24 hours before is Monday 17:00, the booking's own day.
    assert.deepEqual(plan('2026-03-02T13:00:00Z', '2026-03-03T22:00:00Z'), [
      ['reminder-2h', '2026-03-03T20:00:00.000Z'],
    ]);
  });

  it('gives the 2-hour reminder only to visits too close for the others, and none the same day', () => {
    assert.deepEqual(plan('2026-03-03T00:00:00Z', '2026-03-03T14:00:00Z'), [
      ['reminder-2h', '2026-03-03T12:00:00.000Z'],
    ]);
    assert.deepEqual(plan('2026-03-03T13:00:00Z', '2026-03-03T20:00:00Z'), []);
  });

  it('follows the organization’s schedule, and ignores nonsense in it', () => {
    assert.deepEqual(
      plan('2026-03-02T15:00:00Z', '2026-03-12T15:00:00Z', {
        reminderHoursBefore: [48, 168, 48, -1, 0.5, 9999],
      }),
      [
        ['reminder-168h', '2026-03-05T15:00:00.000Z'],
        ['reminder-48h', '2026-03-10T15:00:00.000Z'],
      ],
    );
    assert.deepEqual(
      plan('2026-03-03T00:00:00Z', '2026-03-03T14:00:00Z', { sameDayReminderHoursBefore: 0 }),
      [],
    );
    // Without the long reminders, the short one stands in for them; both off, only the confirmation goes.
    assert.deepEqual(plan('2026-03-02T15:00:00Z', '2026-03-06T15:00:00Z', { reminderHoursBefore: [] }), [
      ['reminder-2h', '2026-03-06T13:00:00.000Z'],
    ]);
    assert.deepEqual(
      plan('2026-03-02T15:00:00Z', '2026-03-06T15:00:00Z', {
        reminderHoursBefore: [],
        sameDayReminderHoursBefore: 0,
      }),
      [],
    );
  });
});

describe('quiet hours', () => {
  it('moves a send inside an overnight window to its end, in the location’s zone', () => {
    assert.equal(
      quietHoursEnd(new Date('2026-03-03T12:00:00Z'), NY, '21:00', '08:00')?.toISOString(),
      '2026-03-03T13:00:00.000Z',
    );
    assert.equal(
      quietHoursEnd(new Date('2026-03-03T02:30:00Z'), NY, '21:00', '08:00')?.toISOString(),
      '2026-03-03T13:00:00.000Z',
    );
    assert.equal(quietHoursEnd(new Date('2026-03-03T13:00:00Z'), NY, '21:00', '08:00'), null);
    assert.equal(quietHoursEnd(new Date('2026-03-03T01:59:00Z'), NY, '21:00', '08:00'), null);
  });

  it('ends at 08:00 local across the change to summer time', () => {
    // Saturday March 7, 23:00 EST: quiet until Sunday 08:00 EDT.
    assert.equal(
      quietHoursEnd(new Date('2026-03-08T04:00:00Z'), NY, '21:00', '08:00')?.toISOString(),
      '2026-03-08T12:00:00.000Z',
    );
  });

  it('handles a window within one day', () => {
    assert.equal(
      quietHoursEnd(new Date('2026-03-03T18:30:00Z'), NY, '13:00', '14:00')?.toISOString(),
      '2026-03-03T19:00:00.000Z',
    );
    assert.equal(quietHoursEnd(new Date('2026-03-03T20:00:00Z'), NY, '13:00', '14:00'), null);
  });
});

describe('reply words', () => {
  it('reads C and R, spelled out, in English and Spanish, and nothing else', () => {
    for (const body of ['C', 'c', ' c. ', 'Confirm', 'confirmar', 'Confirmó!', '"C"']) {
      assert.equal(readReplyWord(body), 'confirm', body);
    }
    for (const body of ['R', 'r!', 'Reschedule', 'reprogramar', 'cambiar la cita']) {
      assert.equal(readReplyWord(body), 'reschedule', body);
    }
    for (const body of ['yes', 'C R', 'Can I come later?', 'CC', '', 'STOP']) {
      assert.equal(readReplyWord(body), null, body);
    }
  });
});
