import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BREAK_GLASS_REASONS } from '@patientdesk/contracts';
import { systemContext } from '../../platform/access/context';
import {
  breakGlassProblemMembers,
  decideAccess,
  grantIsActive,
  grantMinutes,
  mustBeAsked,
  type AccessFacts,
} from './access-rules';

const none: AccessFacts = {
  restriction: 'vip',
  onCareTeam: false,
  appointmentNearNow: false,
  activeGrant: false,
};

describe('who may open a restricted record', () => {
  it('opens an unrestricted record for everyone, whatever else is true', () => {
    assert.deepEqual(decideAccess('billing', { ...none, restriction: null }), {
      allowed: true,
      basis: 'unrestricted',
    });
  });

  it('asks everyone without a relationship, supervisors included', () => {
    for (const role of ['front_desk', 'billing', 'clinician', 'supervisor', 'admin'] as const) {
      assert.deepEqual(decideAccess(role, none), { allowed: false, restriction: 'vip' }, role);
    }
  });

  it('opens it for the care team and for whoever holds a running grant', () => {
    assert.deepEqual(decideAccess('clinician', { ...none, onCareTeam: true }), {
      allowed: true,
      basis: 'care-team',
    });
    assert.deepEqual(decideAccess('supervisor', { ...none, activeGrant: true }), {
      allowed: true,
      basis: 'break-glass',
    });
  });

  it('lets the front desk, and only the front desk, open it for a visit booked around today', () => {
    const booked = { ...none, restriction: 'sensitive' as const, appointmentNearNow: true };
    assert.deepEqual(decideAccess('front_desk', booked), { allowed: true, basis: 'desk-appointment' });
    for (const role of ['billing', 'clinician', 'supervisor'] as const) {
      assert.equal(decideAccess(role, booked).allowed, false, role);
    }
  });

  it('never asks portal accounts or the system itself', () => {
    const staff = {
      organizationId: 'org',
      actor: { id: 'u', role: 'front_desk' as const },
      patientScope: null,
      requestId: null,
      sourceAddress: null,
    };
    assert.equal(mustBeAsked(staff), true);
    assert.equal(mustBeAsked({ ...staff, actor: { id: 'p', role: 'patient' }, patientScope: ['x'] }), false);
    assert.equal(mustBeAsked(systemContext('org')), false);
  });
});

describe('break-the-glass grants', () => {
  it('last 60 minutes unless the organization says otherwise, within 5 minutes and 12 hours', () => {
    assert.equal(grantMinutes({}), 60);
    assert.equal(grantMinutes({ breakGlassMinutes: 15 }), 15);
    assert.equal(grantMinutes({ breakGlassMinutes: 1 }), 5);
    assert.equal(grantMinutes({ breakGlassMinutes: 10_000 }), 720);
    assert.equal(grantMinutes({ breakGlassMinutes: Number.NaN }), 60);
  });

  it('run until they expire or are revoked, and not a millisecond longer', () => {
    const expires = new Date('2026-03-01T10:00:00Z');
    const grant = { expires_at: expires, revoked_at: null };
    assert.equal(grantIsActive(grant, new Date(expires.getTime() - 1)), true);
    assert.equal(grantIsActive(grant, expires), false);
    assert.equal(
      grantIsActive({ ...grant, revoked_at: new Date('2026-03-01T09:00:00Z') }, new Date(0)),
      false,
    );
  });

  it('describe the dialog in the problem body: the kind and the reasons, nothing of the patient', () => {
    const members = breakGlassProblemMembers('sensitive', 60);
    assert.deepEqual(members.restriction, { kind: 'sensitive' });
    assert.deepEqual(
      members.breakGlass.reasons.map((reason) => reason.code),
      [...BREAK_GLASS_REASONS],
    );
    assert.deepEqual(members.breakGlass.detail, { minLength: 10, maxLength: 500 });
    assert.equal(members.breakGlass.grantMinutes, 60);
    assert.ok(!JSON.stringify(members).includes('category'));
  });
});
