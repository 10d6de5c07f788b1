import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRank, matchesSlot, type EntryCriteria } from './matching';

const any: EntryCriteria = {
  providerId: null,
  locationId: null,
  earliestDate: '2026-03-03',
  latestDate: '2026-03-06',
  weekdays: null,
  earliestTime: null,
  latestTime: null,
};
// Wednesday 4 March, 10:00 local.
const slot = {
  providerId: 'ada',
  locationId: 'east',
  localDate: '2026-03-04',
  weekday: 3,
  localMinutes: 600,
};

describe('matching a time to an entry', () => {
  it('takes any provider, location, day and time when the entry names none', () => {
    assert.equal(matchesSlot(any, slot), true);
  });

  it('keeps to the provider and location named', () => {
    assert.equal(matchesSlot({ ...any, providerId: 'ada', locationId: 'east' }, slot), true);
    assert.equal(matchesSlot({ ...any, providerId: 'ben' }, slot), false);
    assert.equal(matchesSlot({ ...any, locationId: 'central' }, slot), false);
  });

  it('keeps to the window, both days included', () => {
    assert.equal(matchesSlot({ ...any, earliestDate: '2026-03-04', latestDate: '2026-03-04' }, slot), true);
    assert.equal(matchesSlot({ ...any, earliestDate: '2026-03-05' }, slot), false);
    assert.equal(matchesSlot({ ...any, latestDate: '2026-03-03' }, slot), false);
  });

  it('keeps to preferred weekdays and the time-of-day range, both ends included', () => {
    assert.equal(matchesSlot({ ...any, weekdays: [1, 3] }, slot), true);
    assert.equal(matchesSlot({ ...any, weekdays: [1, 2] }, slot), false);
    assert.equal(matchesSlot({ ...any, earliestTime: '10:00', latestTime: '10:00' }, slot), true);
    assert.equal(matchesSlot({ ...any, earliestTime: '10:15', latestTime: '12:00' }, slot), false);
    assert.equal(matchesSlot({ ...any, earliestTime: '08:00', latestTime: '09:45' }, slot), false);
  });
});

describe('ranking', () => {
  it('puts high priority first, then the oldest entry, then the id', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));
    const entries = [
      { id: 'd', priority: 'normal' as const, createdAt: at(3) },
      { id: 'b', priority: 'high' as const, createdAt: at(5) },
      { id: 'a', priority: 'normal' as const, createdAt: at(1) },
      { id: 'c', priority: 'normal' as const, createdAt: at(1) },
      { id: 'e', priority: 'high' as const, createdAt: at(2) },
    ];
    assert.deepEqual(
      entries.sort(compareRank).map((entry) => entry.id),
      ['e', 'b', 'a', 'c', 'd'],
    );
  });
});
