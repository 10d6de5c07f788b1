import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashLinkToken, newLinkToken, readLinkToken } from './link-token';

const ORGANIZATION = '0192f0c4-5a1b-7c3d-8e4f-a1b2c3d4e5f6';

describe('single-use link tokens', () => {
  it('carries the organization and 128 random bits in 43 URL-safe characters, stored only as a hash', () => {
    const { token, hash } = newLinkToken(ORGANIZATION);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(hash, hashLinkToken(token));
    assert.notEqual(hash, token);
    assert.deepEqual(readLinkToken(token), { organizationId: ORGANIZATION, hash });
    assert.notEqual(newLinkToken(ORGANIZATION).token, token, 'each token is new');
  });

  it('refuses anything it did not make', () => {
    const { token } = newLinkToken(ORGANIZATION);
    for (const bad of ['', 'short', `${token}x`, token.slice(1), `${token.slice(0, 42)}!`, 'a'.repeat(200)]) {
      assert.equal(readLinkToken(bad), null, bad);
    }
  });
});
