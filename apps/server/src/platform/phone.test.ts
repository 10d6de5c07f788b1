import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPhone, normalizePhone } from './phone';

describe('phone numbers', () => {
  it('normalizes North American numbers to E.164', () => {
    assert.equal(normalizePhone('(212) 555-0142'), '+12125550142');
    assert.equal(normalizePhone('212.555.0142'), '+12125550142');
    assert.equal(normalizePhone('1-212-555-0142'), '+12125550142');
    assert.equal(normalizePhone('+1 212 555 0142'), '+12125550142');
    assert.equal(normalizePhone('212-555-0142 ext. 12'), '+12125550142');
  });

  it('keeps international numbers that carry a country code', () => {
    assert.equal(normalizePhone('+44 20 7946 0958'), '+442079460958');
  });

  it('refuses numbers that cannot exist', () => {
    for (const bad of [
      '555-0142',
      '(012) 555-0142',
      '(212) 155-0142',
      '12345',
      'call me',
      '+0 123 456 789',
      '',
    ]) {
      assert.equal(normalizePhone(bad), null, bad);
    }
  });

  it('formats for people', () => {
    assert.equal(formatPhone('+12125550142'), '(212) 555-0142');
    assert.equal(formatPhone('+442079460958'), '+442079460958');
  });
});
