import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  boundaryInstant,
  localToInstants,
  offsetMinutes,
  toLocal,
  toZonedIso,
  weekdayOf,
} from './zoned-time';

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

// 2026 US transitions: clocks go forward at 02:00 on Sunday March 8 and back at 02:00 on Sunday November 1.
describe('wall-clock time in a zone', () => {
  it('knows the offsets either side of the 2026 transitions', () => {
    assert.equal(offsetMinutes(new Date('2026-03-08T06:59:00Z'), NY), -300);
    assert.equal(offsetMinutes(new Date('2026-03-08T07:00:00Z'), NY), -240);
    assert.equal(offsetMinutes(new Date('2026-11-01T05:59:00Z'), NY), -240);
    assert.equal(offsetMinutes(new Date('2026-11-01T06:00:00Z'), NY), -300);
    assert.equal(offsetMinutes(new Date('2026-03-08T08:00:00Z'), CHI), -300);
    assert.equal(offsetMinutes(new Date('2026-11-01T07:00:00Z'), CHI), -360);
  });

  it('maps 9:00 to 9:00 on both sides of each change', () => {
    assert.deepEqual(iso(localToInstants('2026-03-06', 9 * 60, NY)), ['2026-03-06T14:00:00.000Z']);
    assert.deepEqual(iso(localToInstants('2026-03-09', 9 * 60, NY)), ['2026-03-09T13:00:00.000Z']);
    assert.deepEqual(iso(localToInstants('2026-10-30', 9 * 60, CHI)), ['2026-10-30T14:00:00.000Z']);
    assert.deepEqual(iso(localToInstants('2026-11-02', 9 * 60, CHI)), ['2026-11-02T15:00:00.000Z']);
  });

  it('finds no instant for a skipped time, and two for a repeated one', () => {
    assert.deepEqual(localToInstants('2026-03-08', 2 * 60 + 30, NY), []);
    assert.deepEqual(iso(localToInstants('2026-11-01', 60 + 30, NY)), [
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
    assert.deepEqual(localToInstants('2026-03-08', 2 * 60 + 30, CHI), []);
    assert.equal(localToInstants('2026-11-01', 60 + 30, CHI).length, 2);
  });

  it('reads a boundary in a gap as the jump, and a start or end in a repeat as its first or last reading', () => {
    assert.equal(
      boundaryInstant('2026-03-08', 2 * 60 + 30, NY, 'start').toISOString(),
      '2026-03-08T07:00:00.000Z',
    );
    assert.equal(boundaryInstant('2026-11-01', 90, NY, 'start').toISOString(), '2026-11-01T05:30:00.000Z');
    assert.equal(boundaryInstant('2026-11-01', 90, NY, 'end').toISOString(), '2026-11-01T06:30:00.000Z');
  });

  it('writes instants with the local offset, and does date arithmetic on plain dates', () => {
    assert.equal(toZonedIso(new Date('2026-11-01T05:30:00Z'), NY), '2026-11-01T01:30:00-04:00');
    assert.equal(toZonedIso(new Date('2026-11-01T06:30:00Z'), NY), '2026-11-01T01:30:00-05:00');
    assert.deepEqual(toLocal(new Date('2026-03-08T07:00:00Z'), NY), { date: '2026-03-08', minutes: 180 });
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(weekdayOf('2026-11-28'), 6);
  });
});
