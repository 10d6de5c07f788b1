import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIcs } from './ics';

describe('iCalendar export', () => {
  const event = {
    uid: 'a1@patientdesk',
    start: new Date('2026-03-09T13:00:00Z'),
    end: new Date('2026-03-09T13:30:00Z'),
    summary: 'Follow-up visit, Dr. Ada',
    location: 'East Clinic; 100 Example Ave',
    description: 'Bring your medicines.\nArrive 15 minutes early.',
    url: null,
    cancelled: false,
    stamp: new Date('2026-03-01T10:00:00Z'),
  };

  it('writes times in UTC and escapes text', () => {
    const text = toIcs(event);
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /\r\nDTSTART:20260309T130000Z\r\n/);
    assert.match(text, /\r\nSUMMARY:Follow-up visit\\, Dr\. Ada\r\n/);
    assert.match(text, /\r\nLOCATION:East Clinic\\; 100 Example Ave\r\n/);
    assert.match(text, /\r\nDESCRIPTION:Bring your medicines\.\\nArrive 15 minutes early\.\r\n/);
    assert.match(text, /\r\nEND:VCALENDAR\r\n$/);
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const text = toIcs({ ...event, description: 'é'.repeat(100) });
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    const unfolded = text.replace(/\r\n /g, '');
    assert.ok(unfolded.includes(`DESCRIPTION:${'é'.repeat(100)}`));
  });

  it('marks a cancelled visit so calendars remove it', () => {
    assert.match(toIcs({ ...event, cancelled: true }), /STATUS:CANCELLED/);
  });
});
