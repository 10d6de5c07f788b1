import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashOfferToken, newOfferToken, readOfferToken } from './offer-token';

const ORGANIZATION = '0192f0c4-5a1b-7c3d-8e4f-a1b2c3d4e5f6';

describe('offer tokens', () => {
  it('carries the organization and 128 random bits in 43 URL-safe characters, stored only as a hash', () => {
    const { token, hash } = newOfferToken(ORGANIZATION);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(hash, hashOfferToken(token));
    assert.notEqual(hash, token);
    assert.deepEqual(readOfferToken(token), { organizationId: ORGANIZATION, hash });
    assert.notEqual(newOfferToken(ORGANIZATION).token, token, 'each token is new');
  });

  it('refuses anything it did not make', () => {
    const { token } = newOfferToken(ORGANIZATION);
    for (const bad of ['', 'short', `${token}x`, token.slice(1), `${token.slice(0, 42)}!`, 'a'.repeat(200)]) {
      assert.equal(readOfferToken(bad), null, bad);
    }
  });
});
