import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { manualClock } from '../../platform/clock';
import { enqueue } from '../../platform/jobs/jobs';
import {
  createTestOrganization,
  onPostgres,
  startTestDesk,
  type TestDesk,
  type TestOrganization,
} from '../../../test/harness';
import { FindDuplicatesJob, scheduleDuplicateScans } from './jobs/find-duplicates.job';
import { insertTestPatient, touchPatient } from './test/identity-kit';

const clock = manualClock(new Date('2026-11-30T15:00:00Z'));
const MINUTE = 60_000;

describe('duplicates: the desk check before saving, the supervisor list, and dismissing a pair', () => {
  let t: TestDesk;
  let frontDesk: string;
  let supervisor: string;
  let other: TestOrganization;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await startTestDesk({ clock });
    frontDesk = await t.login('front_desk');
    supervisor = await t.login('supervisor');
    other = await createTestOrganization(t.database);
    const db = t.database.db;
    const org = t.organization.id;
    const at = clock.now();
    ids.maria = await insertTestPatient(db, org, {
      familyName: 'García-López',
      givenNames: 'María Elena',
      birthDate: '1984-03-07',
      sex: 'female',
      phone: '+13125550101',
      email: 'maria.garcia@example.com',
      addresses: [{ line1: '1200 West Lake Street', city: 'Chicago', state: 'IL', postalCode: '60607' }],
      updatedAt: at,
    });
    ids.robert = await insertTestPatient(db, org, {
      familyName: 'Whitfield',
      givenNames: 'Robert',
      birthDate: '1950-11-02',
      sex: 'male',
      phone: '+14155550123',
      updatedAt: at,
    });
    ids.anna = await insertTestPatient(db, org, {
      familyName: 'Kowalczyk',
      givenNames: 'Anna',
      birthDate: '1990-04-07',
      email: 'anna.k@example.com',
      addresses: [{ line1: '5 Pine Road', city: 'Brooklyn', state: 'NY', postalCode: '11201' }],
      updatedAt: at,
    });
    ids.john = await insertTestPatient(db, org, {
      familyName: 'Smith',
      givenNames: 'John',
      birthDate: '1970-01-01',
      phone: '+12125550001',
      email: 'jsmith@example.com',
      addresses: [{ line1: '1 Main St', city: 'New York', state: 'NY', postalCode: '10001' }],
      updatedAt: at,
    });
    // Another organization's record of the same person: never a match here.
    await insertTestPatient(db, other.id, {
      familyName: 'García-López',
      givenNames: 'María Elena',
      birthDate: '1984-03-07',
      phone: '+13125550101',
    });
  });
  after(() => t.close());

  const check = (payload: Record<string, unknown>, cookie = frontDesk) =>
    t.request({ method: 'POST', url: '/api/patients/duplicate-check', cookie, payload });

  it('warns of a twin registration with a typo, an accent dropped and a new phone, with the reasons', async () => {
    const response = await check({
      familyName: 'Garcia-Lopes',
      givenNames: 'Maria',
      birthDate: '1984-03-07',
      sex: 'female',
      phone: '(773) 555-0199',
      email: 'maria.garcia@example.com',
      // The registration form's other fields are ignored, not refused.
      preferredLanguage: 'es',
    });
    assert.equal(response.statusCode, 200, response.body);
    const [match, ...rest] = response.json().matches;
    assert.equal(rest.length, 0);
    assert.equal(match.patient.id, ids.maria);
    assert.equal(match.level, 'likely');
    const kinds = Object.fromEntries(
      match.reasons.map((reason: { field: string; kind: string }) => [reason.field, reason.kind]),
    );
    assert.deepEqual(kinds, {
      familyName: 'similar',
      givenName: 'exact',
      birthDate: 'exact',
      sex: 'exact',
      phone: 'different',
      email: 'exact',
    });
  });

  it('finds a nickname twin and a twin with day and month transposed', async () => {
    const bob = (
      await check({
        familyName: 'Whitfield',
        givenNames: 'Bob',
        birthDate: '1950-11-02',
        phone: '415-555-0123',
      })
    ).json();
    assert.equal(bob.matches[0]?.patient.id, ids.robert);
    assert.equal(
      bob.matches[0].reasons.find((reason: { field: string }) => reason.field === 'givenName').detail,
      'nickname',
    );

    const anna = (
      await check({
        familyName: 'Kowalczyk',
        givenNames: 'Anna',
        birthDate: '1990-07-04',
        email: 'anna.k@example.com',
        addresses: [{ line1: '5 Pine Rd', city: 'Brooklyn', state: 'NY', postalCode: '11201' }],
      })
    ).json();
    assert.equal(anna.matches[0]?.patient.id, ids.anna);
    assert.equal(anna.matches[0].level, 'likely');
    assert.equal(
      anna.matches[0].reasons.find((reason: { field: string }) => reason.field === 'birthDate').detail,
      'transposed-day-month',
    );
  });

  it('does not call a different person of the same name and birth date a likely duplicate', async () => {
    const response = await check({
      familyName: 'Smith',
      givenNames: 'John',
      birthDate: '1970-01-01',
      phone: '(312) 555-0002',
      email: 'john.smith.70@example.com',
      addresses: [{ line1: '88 Oak Ave', city: 'Chicago', state: 'IL', postalCode: '60601' }],
    });
    const matches = response.json().matches as { patient: { id: string }; level: string }[];
    assert.ok(
      matches.every((match) => match.level !== 'likely'),
      JSON.stringify(matches),
    );
    const unrelated = await check({ familyName: 'Smith', givenNames: 'John', birthDate: '1999-09-09' });
    assert.deepEqual(unrelated.json().matches, []);
  });

  it('audits the check as a search that showed the patients it found, and leaves other roles out', async () => {
    await check({ familyName: 'Whitfield', givenNames: 'Robert', birthDate: '1950-11-02' });
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_type', 'patient_id', 'actor_id'])
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', ids.robert!)
      .where('action', '=', 'search')
      .execute();
    assert.ok(events.length >= 1);
    assert.equal(events[0]?.actor_id, t.organization.users.front_desk.id);
    const billing = await t.login('billing');
    const refused = await check(
      { familyName: 'Whitfield', givenNames: 'Robert', birthDate: '1950-11-02' },
      billing,
    );
    assert.equal(refused.statusCode, 403);
  });

  it('lists pairs the scan job found for the supervisor only, best first, with both records', async () => {
    const twin = await insertTestPatient(t.database.db, t.organization.id, {
      familyName: 'Garcia Lopez',
      givenNames: 'Maria',
      birthDate: '1984-07-03',
      sex: 'female',
      phone: '+13125550101',
      updatedAt: clock.now(),
    });
    ids.twin = twin;
    // Registrations settle for a minute before the scan reads them (a late commit must not be passed over).
    clock.advance(2 * MINUTE);
    if (!onPostgres) {
      // On a database of its own, the worker's timer finds the organization.
      assert.ok((await scheduleDuplicateScans(t.database.db)) >= 1);
    } else {
      await enqueue(
        t.database.db,
        FindDuplicatesJob,
        { organizationId: t.organization.id },
        {
          organizationId: t.organization.id,
        },
      );
    }
    await t.desk.worker.drain({ organizationId: t.organization.id });
    const listed = await t.request({ method: 'GET', url: '/api/duplicate-candidates', cookie: supervisor });
    assert.equal(listed.statusCode, 200, listed.body);
    const items = listed.json().items as {
      id: string;
      score: number;
      patients: { id: string }[];
      reasons: { field: string; detail: string | null }[];
    }[];
    const pair = items.find((item) => item.patients.some((patient) => patient.id === twin));
    assert.ok(pair, JSON.stringify(items));
    assert.deepEqual(
      pair.patients.map((patient) => patient.id),
      [ids.maria, twin],
      'the older registration first',
    );
    assert.equal(pair.reasons.find((reason) => reason.field === 'birthDate')?.detail, 'transposed-day-month');
    assert.ok(items.every((item, index) => index === 0 || (items[index - 1]?.score ?? 1) >= item.score));
    const forbidden = await t.request({ method: 'GET', url: '/api/duplicate-candidates', cookie: frontDesk });
    assert.equal(forbidden.statusCode, 403);
    const shown = await t.database.db
      .selectFrom('audit_event')
      .select(['patient_ids'])
      .where('organization_id', '=', t.organization.id)
      .where('actor_id', '=', t.organization.users.supervisor.id)
      .where('action', '=', 'read')
      .execute();
    assert.ok(shown.some((event) => event.patient_ids?.includes(twin)));
  });

  it('remembers a dismissed pair: a later scan does not raise it again', async () => {
    const listed = (
      await t.request({
        method: 'GET',
        url: `/api/duplicate-candidates?patientId=${ids.twin}`,
        cookie: supervisor,
      })
    ).json();
    const candidate = listed.items[0];
    const dismissed = await t.request({
      method: 'POST',
      url: `/api/duplicate-candidates/${candidate.id}/dismiss`,
      cookie: supervisor,
      payload: { reason: 'Sisters; confirmed at the desk' },
    });
    assert.equal(dismissed.statusCode, 200, dismissed.body);
    assert.equal(dismissed.json().status, 'not-duplicate');
    assert.equal(dismissed.json().decisionReason, 'Sisters; confirmed at the desk');
    const again = await t.request({
      method: 'POST',
      url: `/api/duplicate-candidates/${candidate.id}/dismiss`,
      cookie: supervisor,
      payload: {},
    });
    assert.equal(again.statusCode, 200, 'dismissing twice changes nothing');

    await touchPatient(t.database.db, t.organization.id, ids.twin!, clock.now());
    clock.advance(2 * MINUTE);
    await enqueue(
      t.database.db,
      FindDuplicatesJob,
      { organizationId: t.organization.id },
      {
        organizationId: t.organization.id,
      },
    );
    await t.desk.worker.drain({ organizationId: t.organization.id });
    const open = (
      await t.request({
        method: 'GET',
        url: `/api/duplicate-candidates?patientId=${ids.twin}`,
        cookie: supervisor,
      })
    ).json();
    assert.deepEqual(open.items, []);
    const decided = (
      await t.request({
        method: 'GET',
        url: `/api/duplicate-candidates?patientId=${ids.twin}&status=not-duplicate`,
        cookie: supervisor,
      })
    ).json();
    assert.equal(decided.items[0]?.id, candidate.id);
    const rows = await sql<{ count: number }>`select count(*)::int as count from duplicate_candidate
      where organization_id = ${t.organization.id}::uuid and (patient_a_id = ${ids.twin}::uuid
         or patient_b_id = ${ids.twin}::uuid)`.execute(t.database.db);
    assert.equal(rows.rows[0]?.count, 1, 'the pair is stored once');
  });

  it("answers 404 for another organization's candidate, and pages the list by cursor", async () => {
    const otherSupervisor = await t.login('supervisor', other);
    const mine = (
      await t.request({
        method: 'GET',
        url: '/api/duplicate-candidates?status=not-duplicate',
        cookie: supervisor,
      })
    ).json();
    const refused = await t.request({
      method: 'POST',
      url: `/api/duplicate-candidates/${mine.items[0].id}/dismiss`,
      cookie: otherSupervisor,
      payload: {},
    });
    assert.equal(refused.statusCode, 404);
    const bad = await t.request({
      method: 'GET',
      url: '/api/duplicate-candidates?cursor=abc',
      cookie: supervisor,
    });
    assert.equal(bad.statusCode, 400);
  });
});
