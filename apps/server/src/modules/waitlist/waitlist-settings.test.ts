import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitlistSettingsOf } from './waitlist-settings';

describe('waitlist settings', () => {
  it('defaults to 2 hours to answer, 3 offers at once, 14 days ahead, and the organization’s name', () => {
    assert.deepEqual(waitlistSettingsOf({ name: 'Riverside', settings: {} }), {
      offerHours: 2,
      offersAtOnce: 3,
      sweepDays: 14,
      clinicName: 'Riverside',
    });
    assert.equal(waitlistSettingsOf({ name: 'Riverside', settings: null }).offerHours, 2);
  });

  it('takes the organization’s values, and the default for any out of range', () => {
    const settings = {
      waitlistOfferHours: 1,
      waitlistOffersAtOnce: 20,
      waitlistSweepDays: '7',
      displayName: 'RH',
    };
    assert.deepEqual(waitlistSettingsOf({ name: 'Riverside', settings }), {
      offerHours: 1,
      offersAtOnce: 3,
      sweepDays: 14,
      clinicName: 'RH',
    });
  });
});
