import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ZAddCareTeamMemberRequest,
  ZBreakGlassRequest,
  ZReviewBreakGlassRequest,
  ZSetRestrictionRequest,
} from '@patientdesk/contracts';

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.')).sort();

describe('confidentiality requests', () => {
  it('takes a break-the-glass reason from the list and 10 to 500 characters of the person’s own words', () => {
    assert.ok(
      ZBreakGlassRequest.safeParse({ reason: 'emergency-care', detail: 'Patient collapsed at desk' }).success,
    );
    assert.deepEqual(pathsOf(ZBreakGlassRequest.safeParse({ reason: 'curiosity', detail: 'short' })), [
      'detail',
      'reason',
    ]);
    assert.deepEqual(pathsOf(ZBreakGlassRequest.safeParse({ reason: 'other', detail: '   padded   ' })), [
      'detail',
    ]);
    assert.deepEqual(pathsOf(ZBreakGlassRequest.safeParse({ reason: 'other', detail: 'x'.repeat(501) })), [
      'detail',
    ]);
    assert.deepEqual(pathsOf(ZBreakGlassRequest.safeParse({ reason: 'other' })), ['detail']);
    assert.deepEqual(
      pathsOf(ZBreakGlassRequest.safeParse({ reason: 'other', detail: '<script>alert(1)</script>' })),
      ['detail'],
    );
  });

  it('asks for the sensitive service only for sensitive restrictions', () => {
    const reason = 'Employee of the clinic';
    assert.ok(ZSetRestrictionRequest.safeParse({ kind: 'staff', reason }).success);
    assert.ok(
      ZSetRestrictionRequest.safeParse({ kind: 'sensitive', category: 'substance-use', reason }).success,
    );
    assert.deepEqual(pathsOf(ZSetRestrictionRequest.safeParse({ kind: 'sensitive', reason })), ['category']);
    assert.deepEqual(pathsOf(ZSetRestrictionRequest.safeParse({ kind: 'vip', category: 'hiv', reason })), [
      'category',
    ]);
    assert.deepEqual(pathsOf(ZSetRestrictionRequest.safeParse({ kind: 'royal', reason: '' })), [
      'kind',
      'reason',
    ]);
  });

  it('wants a note when access was inappropriate', () => {
    assert.ok(ZReviewBreakGlassRequest.safeParse({ outcome: 'appropriate' }).success);
    assert.deepEqual(pathsOf(ZReviewBreakGlassRequest.safeParse({ outcome: 'inappropriate' })), ['note']);
    assert.ok(
      ZReviewBreakGlassRequest.safeParse({ outcome: 'inappropriate', note: 'Spoke with them; retrained.' })
        .success,
    );
  });

  it('refuses a care team membership that ends before it starts', () => {
    const userId = '0195a4f0-0000-7000-8000-000000000001';
    assert.deepEqual(
      pathsOf(
        ZAddCareTeamMemberRequest.safeParse({
          userId,
          role: 'nurse',
          startsAt: '2026-03-02T00:00:00Z',
          endsAt: '2026-03-01T00:00:00Z',
        }),
      ),
      ['endsAt'],
    );
  });
});
