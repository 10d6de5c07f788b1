import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lockedUntil } from './login';

const policy = { maxFailures: 5, addressMaxFailures: 20, windowMinutes: 15, lockMinutes: 15 };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 9, 0) + minutes * 60_000);

describe('sign-in lockout', () => {
  it('locks for 15 minutes after the fifth failure within 15 minutes', () => {
    const failures = [at(10), at(8), at(5), at(2), at(0)];
    assert.deepEqual(lockedUntil(failures, 5, policy, at(10)), at(25));
    assert.deepEqual(lockedUntil(failures, 5, policy, at(24)), at(25));
    assert.equal(lockedUntil(failures, 5, policy, at(25)), null);
  });

  it('does not lock on four failures, or five spread over more than the window', () => {
    assert.equal(lockedUntil([at(4), at(3), at(2), at(1)], 5, policy, at(4)), null);
    assert.equal(lockedUntil([at(20), at(10), at(8), at(6), at(0)], 5, policy, at(20)), null);
  });
});
