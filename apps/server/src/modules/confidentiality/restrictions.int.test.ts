import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestOrganization,
  startTestDesk,
  type TestDesk,
  type TestOrganization,
} from '../../../test/harness';
import { confidentialityKit } from './test/kit';

describe('restrictions: who sets and lifts them, with their history', () => {
  let t: TestDesk;
  let kit: ReturnType<typeof confidentialityKit>;
  let frontDesk: string;
  let supervisor: string;
  let admin: string;
  let other: TestOrganization;
  before(async () => {
    t = await startTestDesk();
    kit = confidentialityKit(t);
    frontDesk = await t.login('front_desk');
    supervisor = await t.login('supervisor');
    admin = await t.login('admin');
    other = await createTestOrganization(t.database);
  });
  after(() => t.close());

  const open = (patientId: string, cookie: string) =>
    t.request({ method: 'GET', url: `/api/patients/${patientId}`, cookie });
  const auditOf = (patientId: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'actor_id', 'resource_type', 'resource_id', 'reason', 'details'])
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', patientId)
      .orderBy('id')
      .execute();
  const restrictedPatient = async (familyName: string, body: Record<string, unknown>) => {
    const patient = await kit.register(familyName, frontDesk);
    const response = await kit.restrict(patient.id, body, supervisor);
    assert.equal(response.statusCode, 200, response.body);
    return patient;
  };

  it('lets supervisors and administrators restrict a record, with its history; refuses bad input field by field', async () => {
    const patient = await kit.register('Haverford', frontDesk);
    const rows = () =>
      t.database.db
        .selectFrom('patient_restriction_change')
        .select('action')
        .where('organization_id', '=', t.organization.id)
        .where('patient_id', '=', patient.id)
        .execute();

    const byDesk = await kit.restrict(patient.id, { kind: 'vip', reason: 'Local news anchor' }, frontDesk);
    assert.equal(byDesk.statusCode, 403);
    assert.equal(byDesk.json().code, 'FORBIDDEN');
    const noVersion = await t.request({
      method: 'PUT',
      url: `/api/patients/${patient.id}/restriction`,
      cookie: supervisor,
      payload: { kind: 'vip', reason: 'Local news anchor' },
    });
    assert.equal(noVersion.statusCode, 428);
    const bad = await kit.restrict(patient.id, { kind: 'sensitive', reason: 'x', note: 1 }, supervisor);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
      ['body.category', 'body.note', 'body.reason'],
    );
    const noCategory = await kit.restrict(
      patient.id,
      { kind: 'sensitive', reason: 'Clinic policy' },
      supervisor,
    );
    assert.equal(noCategory.statusCode, 400);
    assert.deepEqual(
      noCategory.json().errors.map((error: { path: string }) => error.path),
      ['body.category'],
    );
    assert.deepEqual(await rows(), []);

    const set = await kit.restrict(
      patient.id,
      { kind: 'sensitive', category: 'behavioral-health', reason: 'Seen at the counselling service' },
      supervisor,
    );
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.headers.etag, 'W/"1"');
    assert.equal(set.json().restricted, true);
    assert.equal(set.json().category, 'behavioral-health');
    const stale = await kit.restrict(patient.id, { kind: 'vip', reason: 'Local news anchor' }, supervisor, 0);
    assert.equal(stale.statusCode, 412);
    const byAdmin = await kit.restrict(patient.id, { kind: 'staff', reason: 'Works in our lab' }, admin, 1);
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);

    const read = await t.request({
      method: 'GET',
      url: `/api/patients/${patient.id}/restriction`,
      cookie: supervisor,
    });
    const view = read.json();
    assert.equal(view.version, 2);
    assert.equal(view.kind, 'staff');
    assert.equal(view.category, null);
    assert.equal(view.setBy.id, t.organization.users.admin.id);
    assert.deepEqual(
      view.history.map((change: { kind: string; by: { id: string } }) => [change.kind, change.by.id]),
      [
        ['staff', t.organization.users.admin.id],
        ['sensitive', t.organization.users.supervisor.id],
      ],
    );
    // The trail says a restriction changed and its kind; the reason and the sensitive service stay out of it.
    const trail = (await auditOf(patient.id)).filter((row) => row.resource_type === 'PatientRestriction');
    assert.deepEqual(
      trail.map((row) => row.action),
      ['update', 'update', 'read'],
    );
    assert.ok(!JSON.stringify(trail).includes('behavioral'));
    assert.ok(!JSON.stringify(trail).includes('counselling'));
  });

  it('keeps another organization out: a patient of ours is not found there', async () => {
    const patient = await restrictedPatient('Abernathy', { kind: 'vip', reason: 'Professional athlete' });
    const otherSupervisor = await t.login('supervisor', other);
    const otherDesk = await t.login('front_desk', other);
    const attempts = [
      await open(patient.id, otherDesk),
      await t.request({
        method: 'GET',
        url: `/api/patients/${patient.id}/restriction`,
        cookie: otherSupervisor,
      }),
      await kit.restrict(patient.id, { kind: 'staff', reason: 'Not our patient' }, otherSupervisor, 1),
      await t.request({
        method: 'DELETE',
        url: `/api/patients/${patient.id}/restriction`,
        cookie: otherSupervisor,
        headers: { 'if-match': 'W/"1"' },
        payload: { reason: 'Not our patient' },
      }),
      await t.request({
        method: 'POST',
        url: `/api/patients/${patient.id}/break-glass`,
        cookie: otherDesk,
        payload: { reason: 'emergency-care', detail: 'Trying another clinic' },
      }),
      await t.request({
        method: 'POST',
        url: `/api/patients/${patient.id}/care-team`,
        cookie: otherSupervisor,
        payload: { userId: other.users.clinician.id, role: 'nurse' },
      }),
    ];
    assert.deepEqual(
      attempts.map((response) => [response.statusCode, response.json().code]),
      [
        [404, 'PATIENT_NOT_FOUND'],
        [404, 'PATIENT_NOT_FOUND'],
        [404, 'PATIENT_NOT_FOUND'],
        [404, 'PATIENT_NOT_FOUND'],
        [404, 'PATIENT_NOT_FOUND'],
        [404, 'PATIENT_NOT_FOUND'],
      ],
    );
    const view = await t.request({
      method: 'GET',
      url: `/api/patients/${patient.id}/restriction`,
      cookie: supervisor,
    });
    assert.equal(view.json().kind, 'vip');
    assert.equal(view.json().version, 1);
  });

  it('lifts a restriction with a reason; the record opens normally again and the history keeps both', async () => {
    const patient = await restrictedPatient('Castellanos', { kind: 'vip', reason: 'Running for mayor' });
    const clear = (payload: Record<string, unknown>, version: number) =>
      t.request({
        method: 'DELETE',
        url: `/api/patients/${patient.id}/restriction`,
        cookie: supervisor,
        headers: { 'if-match': `W/"${version}"` },
        payload,
      });
    const noReason = await clear({}, 1);
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(
      noReason.json().errors.map((error: { path: string }) => error.path),
      ['body.reason'],
    );
    assert.equal((await clear({ reason: 'Election is over' }, 0)).statusCode, 412);
    const cleared = await clear({ reason: 'Election is over' }, 1);
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().restricted, false);
    assert.equal(cleared.json().version, 2);
    assert.deepEqual(
      cleared
        .json()
        .history.map((change: { action: string; reason: string }) => [change.action, change.reason]),
      [
        ['clear', 'Election is over'],
        ['set', 'Running for mayor'],
      ],
    );
    assert.equal((await open(patient.id, frontDesk)).statusCode, 200);
    const again = await clear({ reason: 'Election is over' }, 2);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'NOT_RESTRICTED');
  });
});
