import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, totpCode, verifyTotp } from './totp';

// RFC 6238 Appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; codes are the last 6 digits of the
// published 8-digit values.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      assert.equal(totpCode(RFC_SECRET, Math.floor(seconds / 30)), code, `at ${seconds}s`);
    }
  });

  it('accepts the current code and one step of drift, and nothing further', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-28T10:00:15Z');
    const step = Math.floor(at.getTime() / 30_000);
    assert.equal(verifyTotp(secret, totpCode(secret, step), at), true);
    assert.equal(verifyTotp(secret, totpCode(secret, step - 1), at), true);
    assert.equal(verifyTotp(secret, totpCode(secret, step + 1), at), true);
    assert.equal(verifyTotp(secret, totpCode(secret, step + 2), at), false);
    assert.equal(verifyTotp(secret, 'abcdef', at), false);
  });

  it('round-trips base32 and builds an otpauth URI', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253]);
    assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    assert.match(
      otpauthUri('ABC', 'a@b.test', 'PatientDesk'),
      /^otpauth:\/\/totp\/PatientDesk%3Aa%40b\.test\?secret=ABC/,
    );
  });
});
