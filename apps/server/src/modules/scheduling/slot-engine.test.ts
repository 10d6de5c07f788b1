import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeSlots, type EngineInput, type EngineTemplate } from './slot-engine';
import { toZonedIso } from './zoned-time';

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const P1 = 'provider-1';
const P2 = 'provider-2';
const EAST = 'east';
const CENTRAL = 'central';

function template(overrides: Partial<EngineTemplate> = {}): EngineTemplate {
  return {
    providerId: P1,
    locationId: EAST,
    weekday: 1,
    startTime: '09:00',
    endTime: '12:00',
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    appointmentTypeIds: null,
    ...overrides,
  };
}

function input(overrides: Partial<EngineInput> = {}): EngineInput {
  return {
    from: new Date('2026-03-01T00:00:00Z'),
    to: new Date('2026-03-20T00:00:00Z'),
    now: new Date('2026-01-01T00:00:00Z'),
    type: { id: 'type-1', durationMinutes: 30, bufferMinutes: 0, roomKind: null, rules: {} },
    providerIds: [P1],
    locations: new Map([
      [EAST, { timeZone: NY }],
      [CENTRAL, { timeZone: CHI }],
    ]),
    templates: [template()],
    exceptions: [],
    holidays: [],
    providerBusy: new Map(),
    rooms: new Map(),
    bookedOfTypePerDay: new Map(),
    ...overrides,
  };
}

const local = (slots: { start: Date; locationId: string }[]) =>
  slots.map((slot) => toZonedIso(slot.start, slot.locationId === CENTRAL ? CHI : NY));

describe('slot engine: daylight-saving time (2026 dates)', () => {
  it('keeps a 9:00 Monday clinic at 9:00 local before and after clocks go forward on March 8', () => {
    const slots = computeSlots(
      input({ from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-10T00:00:00Z') }),
    );
    const firsts = local(slots).filter((start) => start.includes('T09:00'));
    assert.deepEqual(firsts, ['2026-03-02T09:00:00-05:00', '2026-03-09T09:00:00-04:00']);
    assert.deepEqual(
      slots
        .filter((slot) => slot.start.toISOString().startsWith('2026-03-09'))
        .map((slot) => slot.start.toISOString())
        .slice(0, 2),
      ['2026-03-09T13:00:00.000Z', '2026-03-09T13:15:00.000Z'],
    );
  });

  it('keeps a 9:00 Monday clinic at 9:00 local in Chicago before and after clocks go back on November 1', () => {
    const slots = computeSlots(
      input({
        from: new Date('2026-10-26T00:00:00Z'),
        to: new Date('2026-11-03T00:00:00Z'),
        templates: [template({ locationId: CENTRAL })],
      }),
    );
    assert.deepEqual(
      local(slots).filter((start) => start.includes('T09:00')),
      ['2026-10-26T09:00:00-05:00', '2026-11-02T09:00:00-06:00'],
    );
  });

  it('offers no slot in the hour that is skipped on March 8', () => {
    // A Sunday block from 01:00 to 04:00 local lasts only two real hours that night.
    const slots = computeSlots(
      input({
        from: new Date('2026-03-08T00:00:00Z'),
        to: new Date('2026-03-09T00:00:00Z'),
        templates: [template({ weekday: 0, startTime: '01:00', endTime: '04:00' })],
        type: { id: 'type-1', durationMinutes: 15, bufferMinutes: 0, roomKind: null, rules: {} },
      }),
    );
    assert.deepEqual(local(slots), [
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T01:15:00-05:00',
      '2026-03-08T01:30:00-05:00',
      '2026-03-08T01:45:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T03:15:00-04:00',
      '2026-03-08T03:30:00-04:00',
      '2026-03-08T03:45:00-04:00',
    ]);
  });

  it('offers both readings of the hour that repeats on November 1, and loses none', () => {
    const slots = computeSlots(
      input({
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-02T00:00:00Z'),
        templates: [template({ weekday: 0, startTime: '01:00', endTime: '02:00', locationId: CENTRAL })],
      }),
    );
    assert.deepEqual(local(slots), [
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T01:15:00-05:00',
      '2026-11-01T01:30:00-05:00',
      '2026-11-01T01:45:00-05:00',
      '2026-11-01T01:00:00-06:00',
      '2026-11-01T01:15:00-06:00',
      '2026-11-01T01:30:00-06:00',
    ]);
    assert.equal(new Set(slots.map((slot) => slot.start.getTime())).size, slots.length, 'no duplicates');
  });
});

describe('slot engine: availability and rules', () => {
  const monday = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z') };

  it('steps on a 15-minute grid where the whole visit fits, and nothing outside the template', () => {
    const slots = computeSlots(
      input({
        ...monday,
        type: { id: 't', durationMinutes: 40, bufferMinutes: 0, roomKind: null, rules: {} },
      }),
    );
    assert.equal(local(slots)[0], '2026-03-02T09:00:00-05:00');
    assert.equal(local(slots).at(-1), '2026-03-02T11:15:00-05:00');
    assert.equal(slots.length, 10);
  });

  it('leaves out held time, including the buffer of the visit being offered', () => {
    const busy = [{ start: new Date('2026-03-02T15:00:00Z'), end: new Date('2026-03-02T15:30:00Z') }];
    const slots = computeSlots(
      input({
        ...monday,
        providerBusy: new Map([[P1, busy]]),
        type: { id: 't', durationMinutes: 30, bufferMinutes: 10, roomKind: null, rules: {} },
      }),
    );
    const starts = local(slots);
    assert.ok(starts.includes('2026-03-02T09:15:00-05:00'));
    assert.ok(!starts.includes('2026-03-02T09:30:00-05:00'), 'its buffer would run into the 10:00 visit');
    assert.ok(!starts.includes('2026-03-02T10:00:00-05:00'));
    assert.ok(!starts.includes('2026-03-02T10:15:00-05:00'));
    assert.ok(starts.includes('2026-03-02T10:30:00-05:00'));
  });

  it('honours blocks, extra clinics, holidays and effective dates', () => {
    const slots = computeSlots(
      input({
        from: new Date('2026-03-02T00:00:00Z'),
        to: new Date('2026-03-24T00:00:00Z'),
        templates: [template({ effectiveTo: '2026-03-16' })],
        holidays: [{ day: '2026-03-09', locationId: null }],
        exceptions: [
          {
            providerId: P1,
            locationId: null,
            kind: 'block',
            start: new Date('2026-03-02T14:00:00Z'),
            end: new Date('2026-03-02T17:00:00Z'),
          },
          {
            providerId: P1,
            locationId: EAST,
            kind: 'extra',
            start: new Date('2026-03-04T18:00:00Z'),
            end: new Date('2026-03-04T19:00:00Z'),
          },
        ],
      }),
    );
    const days = [...new Set(local(slots).map((start) => start.slice(0, 10)))];
    assert.deepEqual(days, ['2026-03-04', '2026-03-16']);
    assert.equal(slots.filter((slot) => slot.start.toISOString().startsWith('2026-03-04')).length, 3);
  });

  it('applies earliest and latest start times, notice, horizon and a daily maximum', () => {
    const rules = { earliestLocalTime: '09:30', latestLocalTime: '10:00', maxPerDay: 2 };
    const slots = computeSlots(
      input({
        ...monday,
        type: { id: 't', durationMinutes: 30, bufferMinutes: 0, roomKind: null, rules },
        bookedOfTypePerDay: new Map([[`${P1}|2026-03-02`, 1]]),
      }),
    );
    assert.deepEqual(local(slots), [
      '2026-03-02T09:30:00-05:00',
      '2026-03-02T09:45:00-05:00',
      '2026-03-02T10:00:00-05:00',
    ]);
    const full = computeSlots(
      input({
        ...monday,
        type: { id: 't', durationMinutes: 30, bufferMinutes: 0, roomKind: null, rules },
        bookedOfTypePerDay: new Map([[`${P1}|2026-03-02`, 2]]),
      }),
    );
    assert.deepEqual(full, []);
    const notice = computeSlots(
      input({
        ...monday,
        now: new Date('2026-03-02T14:10:00Z'),
        type: {
          id: 't',
          durationMinutes: 30,
          bufferMinutes: 0,
          roomKind: null,
          rules: { minNoticeHours: 1 },
        },
      }),
    );
    assert.equal(local(notice)[0], '2026-03-02T10:15:00-05:00');
    const horizon = computeSlots(
      input({
        now: new Date('2026-03-01T00:00:00Z'),
        type: { id: 't', durationMinutes: 30, bufferMinutes: 0, roomKind: null, rules: { horizonDays: 3 } },
      }),
    );
    assert.deepEqual([...new Set(local(horizon).map((start) => start.slice(0, 10)))], ['2026-03-02']);
  });

  it('offers a slot only with a free room of the kind the type needs', () => {
    const roomBusy = [{ start: new Date('2026-03-02T14:00:00Z'), end: new Date('2026-03-02T16:00:00Z') }];
    const slots = computeSlots(
      input({
        ...monday,
        type: { id: 't', durationMinutes: 60, bufferMinutes: 0, roomKind: 'imaging', rules: {} },
        rooms: new Map([[EAST, [{ id: 'echo', busy: roomBusy }]]]),
      }),
    );
    assert.deepEqual(local(slots), ['2026-03-02T11:00:00-05:00']);
    assert.equal(slots[0]?.roomId, 'echo');
  });

  it('offers every provider, in time order, once even where templates overlap, only for allowed types', () => {
    const slots = computeSlots(
      input({
        ...monday,
        providerIds: [P1, P2],
        templates: [
          template({ startTime: '09:00', endTime: '10:00' }),
          template({ startTime: '09:30', endTime: '10:00' }),
          template({ providerId: P2, startTime: '09:00', endTime: '10:00' }),
          template({
            providerId: P2,
            startTime: '10:00',
            endTime: '12:00',
            appointmentTypeIds: ['other-type'],
          }),
        ],
      }),
    );
    assert.deepEqual(
      slots.map((slot) => `${toZonedIso(slot.start, NY).slice(11, 16)} ${slot.providerId}`),
      [
        '09:00 provider-1',
        '09:00 provider-2',
        '09:15 provider-1',
        '09:15 provider-2',
        '09:30 provider-1',
        '09:30 provider-2',
      ],
    );
  });
});
