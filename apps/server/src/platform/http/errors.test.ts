import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRealDate } from '@patientdesk/contracts';
import { requireVersion, statusOf, type ErrorKind } from './errors';
import { type AppError } from './errors';

describe('error kinds', () => {
  it('map to the statuses the conventions name', () => {
    const expected: Record<ErrorKind, number> = {
      invalid: 400,
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      precondition_failed: 412,
      payload_too_large: 413,
      unsupported_media_type: 415,
      unprocessable: 422,
      precondition_required: 428,
      rate_limited: 429,
      unavailable: 503,
    };
    for (const [kind, status] of Object.entries(expected)) assert.equal(statusOf(kind as ErrorKind), status);
  });

  it('reads If-Match versions and refuses anything else', () => {
    assert.equal(requireVersion('W/"3"'), 3);
    assert.equal(requireVersion('"12"'), 12);
    assert.equal(requireVersion('7'), 7);
    assert.throws(
      () => requireVersion(undefined),
      (error: AppError) => error.kind === 'precondition_required',
    );
    assert.throws(
      () => requireVersion('*'),
      (error: AppError) => error.kind === 'precondition_required',
    );
  });
});

describe('calendar dates', () => {
  it('exist or do not', () => {
    assert.equal(isRealDate('2024-02-29'), true);
    assert.equal(isRealDate('2026-02-29'), false);
    assert.equal(isRealDate('2026-02-30'), false);
    assert.equal(isRealDate('2026-13-01'), false);
    assert.equal(isRealDate('2026-04-31'), false);
    assert.equal(isRealDate('1900-02-29'), false);
    assert.equal(isRealDate('2000-02-29'), true);
  });
});
