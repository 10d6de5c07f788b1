import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createClinic } from '../../../test/factories/clinic';
import {
  createTestOrganization,
  startTestDesk,
  type TestDesk,
  type TestOrganization,
} from '../../../test/harness';
import { insertAccount, insertPatientLink } from '../../platform/auth/auth.repository';
import { manualClock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import { enqueue } from '../../platform/jobs/jobs';
import { FindDuplicatesJob } from './jobs/find-duplicates.job';
import { patientIdsMergedInto } from './merged-patients';
import { insertTestPatient } from './test/identity-kit';

const clock = manualClock(new Date('2026-12-01T14:00:00Z'));
const DAY = 86_400_000;

type Clinic = Awaited<ReturnType<typeof createClinic>>;

/** Rows in every table that names a patient, for one patient; returns their ids by table. */
async function seedRecord(db: Db, organizationId: string, patientId: string, clinic: Clinic, startsAt: Date) {
  const org = organizationId;
  const id = () => uuidv7();
  const rows: Record<string, string> = {};
  rows.appointment = id();
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  await sql`insert into appointment (organization_id, id, patient_id, provider_id, location_id, appointment_type_id,
                                     starts_at, ends_at, blocked_until, status, modality)
            values (${org}, ${rows.appointment}, ${patientId}, ${clinic.providers.ada}, ${clinic.locations.east},
                    ${clinic.types.followUp}, ${startsAt}, ${endsAt}, ${endsAt}, 'booked', 'in_person')`.execute(
    db,
  );
  rows.document = id();
  await sql`insert into document (organization_id, id, patient_id, kind, title, content_type, size_bytes, sha256,
                                  storage_key, uploaded_via)
            values (${org}, ${rows.document}, ${patientId}, 'referral', 'Referral', 'application/pdf', 10,
                    ${'0'.repeat(64)}, ${`test/${rows.document}`}, 'desk')`.execute(db);
  rows.work_item = id();
  await sql`insert into work_item (organization_id, id, kind, title, patient_id)
            values (${org}, ${rows.work_item}, 'callback', 'Call back', ${patientId})`.execute(db);
  rows.waitlist_entry = id();
  await sql`insert into waitlist_entry (organization_id, id, patient_id, appointment_type_id, earliest_date,
                                        latest_date, created_via, created_at, updated_at)
            values (${org}, ${rows.waitlist_entry}, ${patientId}, ${clinic.types.newPatient}, '2026-12-01',
                    '2026-12-31', 'desk', now(), now())`.execute(db);
  rows.outbox_message = id();
  await sql`insert into outbox_message (organization_id, id, channel, recipient, body, patient_id, purpose)
            values (${org}, ${rows.outbox_message}, 'sms', '+13125550101', 'Hello', ${patientId}, 'test')`.execute(
    db,
  );
  rows.disclosure = id();
  await sql`insert into disclosure (organization_id, id, patient_id, disclosed_at, recipient_name, purpose,
                                    description, legal_basis)
            values (${org}, ${rows.disclosure}, ${patientId}, now(), 'County', 'Reporting', 'Immunizations',
                    'public-health')`.execute(db);
  rows.records_request = id();
  await sql`insert into records_request (organization_id, id, patient_id, kind, requested_at, requested_via, due_at)
            values (${org}, ${rows.records_request}, ${patientId}, 'access', now(), 'desk',
                    now() + interval '30 days')`.execute(db);
  rows.patient_proxy = id();
  await sql`insert into patient_proxy (organization_id, id, patient_id, name, relationship, permissions)
            values (${org}, ${rows.patient_proxy}, ${patientId}, 'A Parent', 'parent', '{appointments}')`.execute(
    db,
  );
  return rows;
}

async function patientOf(db: Db, table: string, id: string): Promise<string | undefined> {
  const result = await sql<{ patient_id: string }>`select patient_id from ${sql.table(table)}
                                                   where id = ${id}::uuid`.execute(db);
  return result.rows[0]?.patient_id;
}

async function versionOf(db: Db, id: string): Promise<number> {
  const result = await sql<{ version: number }>`select version from patient where id = ${id}::uuid`.execute(
    db,
  );
  return result.rows[0]?.version ?? 0;
}

describe('patient merge: moving everything to the survivor, the redirect, undo within 30 days', () => {
  let t: TestDesk;
  let supervisor: string;
  let clinic: Clinic;
  let other: TestOrganization;
  let survivor: string;
  let merged: string;
  let mergedRows: Record<string, string>;
  let survivorRows: Record<string, string>;
  let secondPortalUser: string;
  let mergeId: string;
  let candidateId: string;

  before(async () => {
    t = await startTestDesk({ clock });
    supervisor = await t.login('supervisor');
    other = await createTestOrganization(t.database);
    const db = t.database.db;
    const org = t.organization.id;
    clinic = await createClinic(t.database, org);
    const person = {
      familyName: 'Nakamura',
      givenNames: 'Yuki',
      birthDate: '1988-02-14',
      sex: 'female' as const,
      phone: '+16465550142',
      updatedAt: clock.now(),
    };
    survivor = await insertTestPatient(db, org, { ...person, email: 'yuki@example.com' });
    merged = await insertTestPatient(db, org, {
      ...person,
      givenNames: 'Yuky',
      identifiers: [{ system: 'urn:payer:acme', value: 'ACM-0042' }],
    });
    survivorRows = await seedRecord(db, org, survivor, clinic, new Date('2026-12-07T15:00:00Z'));
    mergedRows = await seedRecord(db, org, merged, clinic, new Date('2026-12-08T15:00:00Z'));
    // The waitlist allows one active entry per patient and kind of visit: cancel the survivor's to merge.
    await sql`update waitlist_entry set status = 'cancelled', closed_at = now()
               where id = ${survivorRows.waitlist_entry}::uuid`.execute(db);
    // One portal account linked to both records, another to the merged one only.
    const portalUser = t.organization.users.patient.id;
    for (const patientId of [survivor, merged]) {
      await insertPatientLink(db, {
        organization_id: org,
        user_id: portalUser,
        patient_id: patientId,
        relationship: 'parent',
      });
    }
    secondPortalUser = uuidv7();
    await insertAccount(db, {
      organization_id: org,
      id: secondPortalUser,
      email: `second-${secondPortalUser}@example.test`,
      display_name: 'Second Portal',
      role: 'patient',
      password_hash: 'x',
      is_demo: false,
    });
    await insertPatientLink(db, {
      organization_id: org,
      user_id: secondPortalUser,
      patient_id: merged,
      relationship: 'self',
    });
    // A staff read of the merged record before the merge: its audit row keeps naming the merged record.
    const frontDesk = await t.login('front_desk');
    const read = await t.request({ method: 'GET', url: `/api/patients/${merged}`, cookie: frontDesk });
    assert.equal(read.statusCode, 200);
    clock.advance(2 * 60_000);
    await enqueue(
      db,
      FindDuplicatesJob,
      { organizationId: org, patientIds: [merged] },
      { organizationId: org },
    );
    await t.desk.worker.drain({ organizationId: org });
    const candidates = (
      await t.request({
        method: 'GET',
        url: `/api/duplicate-candidates?patientId=${merged}`,
        cookie: supervisor,
      })
    ).json();
    candidateId = candidates.items[0]?.id;
    assert.ok(candidateId, 'the scan found the pair');
  });
  after(() => t.close());
  // The tests move the clock by days: sign in again so the session has not timed out.
  beforeEach(async () => {
    supervisor = await t.login('supervisor');
  });
  const advance = async (milliseconds: number) => {
    clock.advance(milliseconds);
    supervisor = await t.login('supervisor');
  };

  const merge = (payload: Record<string, unknown>, cookie = supervisor, key?: string) =>
    t.request({
      method: 'POST',
      url: '/api/patient-merges',
      cookie,
      payload,
      headers: key ? { 'idempotency-key': key } : {},
    });

  it('moves every row that names the merged record to the survivor, once, and records the merge', async () => {
    const db = t.database.db;
    const body = {
      survivorId: survivor,
      mergedId: merged,
      survivorVersion: await versionOf(db, survivor),
      mergedVersion: await versionOf(db, merged),
      reason: 'Same person registered twice (typo in given name)',
      candidateId,
    };
    const key = `merge-${uuidv7()}`;
    const response = await merge(body, supervisor, key);
    assert.equal(response.statusCode, 201, response.body);
    const result = response.json();
    mergeId = result.id;
    assert.equal(response.headers.location, `/api/patient-merges/${mergeId}`);
    assert.equal(result.status, 'merged');
    assert.equal(new Date(result.undoUntil).getTime(), clock.now().getTime() + 30 * DAY);
    const moved = Object.fromEntries(
      result.moved.map((entry: { table: string; rows: number }) => [entry.table, entry.rows]),
    );
    assert.deepEqual(moved, {
      account_patient_link: 2,
      appointment: 1,
      disclosure: 1,
      document: 1,
      outbox_message: 1,
      patient_identifier: 1,
      patient_proxy: 1,
      records_request: 1,
      waitlist_entry: 1,
      work_item: 1,
    });
    for (const [table, id] of Object.entries(mergedRows)) {
      assert.equal(await patientOf(db, table, id), survivor, table);
    }
    const links = await sql<{ user_id: string }>`select user_id from account_patient_link
      where organization_id = ${t.organization.id}::uuid and patient_id = ${survivor}::uuid order by user_id`.execute(
      db,
    );
    assert.deepEqual(
      links.rows.map((row) => row.user_id).sort(),
      [t.organization.users.patient.id, secondPortalUser].sort(),
      'the shared account keeps one link; the other account follows the survivor',
    );
    const mergedRow = await sql<{
      merged_into: string;
      version: number;
    }>`select merged_into, version from patient
      where id = ${merged}::uuid`.execute(db);
    assert.equal(mergedRow.rows[0]?.merged_into, survivor);
    const history = await sql<{ changes: unknown }>`select changes from patient_version
      where patient_id = ${merged}::uuid and version = ${mergedRow.rows[0]?.version}`.execute(db);
    assert.deepEqual(history.rows[0]?.changes, [{ field: 'mergedInto', from: null, to: survivor }]);
    const audit = await sql<{ patient_id: string; action: string }>`select patient_id, action from audit_event
      where organization_id = ${t.organization.id}::uuid and resource_type = 'PatientMerge'
        and resource_id = ${mergeId}`.execute(db);
    assert.deepEqual(audit.rows.map((row) => row.patient_id).sort(), [survivor, merged].sort());

    const replay = await merge(body, supervisor, key);
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.json().id, mergeId);
    assert.equal(replay.headers['idempotent-replayed'], 'true');

    const candidate = (
      await t.request({
        method: 'GET',
        url: `/api/duplicate-candidates?patientId=${merged}&status=merged`,
        cookie: supervisor,
      })
    ).json();
    assert.equal(candidate.items[0]?.mergeId, mergeId);
  });

  it('sends reads of the merged record to the survivor (307) and refuses writes to it (409)', async () => {
    const read = await t.request({ method: 'GET', url: `/api/patients/${merged}`, cookie: supervisor });
    assert.equal(read.statusCode, 307);
    assert.equal(read.headers.location, `/api/patients/${survivor}`);
    assert.equal(read.headers['cache-control'], 'no-store');
    assert.equal(read.json().mergedInto, survivor);
    const documents = await t.request({
      method: 'GET',
      url: `/api/patients/${merged}/documents?limit=5`,
      cookie: supervisor,
    });
    assert.equal(documents.statusCode, 307);
    assert.equal(documents.headers.location, `/api/patients/${survivor}/documents?limit=5`);
    const write = await t.request({
      method: 'POST',
      url: `/api/patients/${merged}/disclosures`,
      cookie: supervisor,
      payload: {
        disclosedAt: clock.now().toISOString(),
        recipientName: 'County',
        purpose: 'Reporting',
        description: 'Immunizations',
        legalBasis: 'public-health',
      },
    });
    assert.equal(write.statusCode, 409);
    assert.equal(write.json().code, 'PATIENT_MERGED');
    // A visit is booked for the survivor, never the merged record.
    const booking = await t.request({
      method: 'POST',
      url: '/api/appointments',
      cookie: await t.login('front_desk'),
      payload: {
        patientId: merged,
        appointmentTypeId: clinic.types.followUp,
        providerId: clinic.providers.ada,
        locationId: clinic.locations.east,
        start: '2026-12-15T15:00:00.000Z',
      },
    });
    assert.equal(booking.statusCode, 409, booking.body);
    assert.equal(booking.json().code, 'PATIENT_MERGED');
    assert.match(booking.json().detail, new RegExp(survivor));
    // Search shows the survivor only.
    const found = await t.request({ method: 'GET', url: '/api/patients?q=nakamura', cookie: supervisor });
    const ids = found.json().items.map((item: { id: string }) => item.id);
    assert.ok(ids.includes(survivor) && !ids.includes(merged), JSON.stringify(ids));
    assert.deepEqual(await patientIdsMergedInto(t.database.db, t.organization.id, survivor), [
      survivor,
      merged,
    ]);
    const view = await t.request({
      method: 'GET',
      url: `/api/patient-merges/${mergeId}`,
      cookie: supervisor,
    });
    assert.equal(view.statusCode, 200);
    assert.equal(view.json().survivorId, survivor);
  });

  it("reads the merged record's audit rows with the survivor's: the audit trail and the patient's access log", async () => {
    const trail = await t.request({
      method: 'GET',
      url: `/api/audit-events?patientId=${survivor}&limit=100`,
      cookie: supervisor,
    });
    assert.equal(trail.statusCode, 200);
    const items = trail.json().items as {
      action: string;
      patientId: string | null;
      occurredAt: string;
      actor: { role: string } | null;
    }[];
    const mergedRead = items.find(
      (item) => item.action === 'read' && item.patientId === merged && item.actor?.role === 'front_desk',
    );
    assert.ok(mergedRead, "the read of the merged record is in the survivor's trail");
    assert.ok(items.some((item) => item.patientId === survivor));
    const patient = await t.login('patient');
    const log = await t.request({
      method: 'GET',
      url: `/api/portal/patients/${survivor}/access-log?limit=100`,
      cookie: patient,
    });
    assert.equal(log.statusCode, 200);
    assert.ok(
      log
        .json()
        .items.some(
          (item: { at: string; role: string }) =>
            item.at === mergedRead.occurredAt && item.role === 'Front desk',
        ),
      JSON.stringify(log.json().items),
    );
  });

  it('undoes within 30 days: exactly the moved rows go back, rows added since stay with the survivor', async () => {
    const db = t.database.db;
    await advance(10 * DAY);
    const later = uuidv7();
    await sql`insert into work_item (organization_id, id, kind, title, patient_id)
              values (${t.organization.id}, ${later}, 'callback', 'After the merge', ${survivor})`.execute(
      db,
    );
    const key = `undo-${uuidv7()}`;
    const undo = () =>
      t.request({
        method: 'POST',
        url: `/api/patient-merges/${mergeId}/undo`,
        cookie: supervisor,
        payload: { reason: 'Two people after all (twins)' },
        headers: { 'idempotency-key': key },
      });
    const response = await undo();
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, 'undone');
    for (const [table, id] of Object.entries(mergedRows)) {
      assert.equal(await patientOf(db, table, id), merged, table);
    }
    for (const [table, id] of Object.entries(survivorRows)) {
      assert.equal(await patientOf(db, table, id), survivor, table);
    }
    assert.equal(await patientOf(db, 'work_item', later), survivor, 'created after the merge: stays');
    const links = await sql<{
      patient_id: string;
      user_id: string;
    }>`select patient_id, user_id from account_patient_link
      where organization_id = ${t.organization.id}::uuid and patient_id in (${survivor}::uuid, ${merged}::uuid)`.execute(
      db,
    );
    assert.deepEqual(
      links.rows.map((row) => `${row.patient_id === survivor ? 'survivor' : 'merged'}:${row.user_id}`).sort(),
      [
        `merged:${secondPortalUser}`,
        `merged:${t.organization.users.patient.id}`,
        `survivor:${t.organization.users.patient.id}`,
      ].sort(),
    );
    const identifier = await sql<{ patient_id: string }>`select patient_id from patient_identifier
      where organization_id = ${t.organization.id}::uuid and value = 'ACM-0042'`.execute(db);
    assert.equal(identifier.rows[0]?.patient_id, merged);
    const row = await sql<{
      merged_into: string | null;
    }>`select merged_into from patient where id = ${merged}::uuid`.execute(db);
    assert.equal(row.rows[0]?.merged_into, null);
    const read = await t.request({ method: 'GET', url: `/api/patients/${merged}`, cookie: supervisor });
    assert.notEqual(read.statusCode, 307);

    const replay = await undo();
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const again = await t.request({
      method: 'POST',
      url: `/api/patient-merges/${mergeId}/undo`,
      cookie: supervisor,
      payload: { reason: 'again' },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'MERGE_ALREADY_UNDONE');
    const open = (
      await t.request({
        method: 'GET',
        url: `/api/duplicate-candidates?patientId=${merged}`,
        cookie: supervisor,
      })
    ).json();
    assert.equal(open.items[0]?.id, candidateId, 'the pair is back on the list');
    const audit = await sql<{ count: number }>`select count(*)::int as count from audit_event
      where organization_id = ${t.organization.id}::uuid and resource_type = 'PatientMerge'
        and resource_id = ${mergeId} and details ->> 'operation' = 'undo-merge'`.execute(db);
    assert.equal(audit.rows[0]?.count, 2);
  });

  it('refuses an undo after 30 days, with a code saying so', async () => {
    const db = t.database.db;
    const org = t.organization.id;
    const a = await insertTestPatient(db, org, {
      familyName: 'Osei',
      givenNames: 'Ama',
      birthDate: '1979-09-09',
    });
    const b = await insertTestPatient(db, org, {
      familyName: 'Osei',
      givenNames: 'Ama',
      birthDate: '1979-09-09',
    });
    const done = await merge({
      survivorId: a,
      mergedId: b,
      survivorVersion: 1,
      mergedVersion: 1,
      reason: 'Duplicate',
    });
    assert.equal(done.statusCode, 201, done.body);
    await advance(31 * DAY);
    const late = await t.request({
      method: 'POST',
      url: `/api/patient-merges/${done.json().id}/undo`,
      cookie: supervisor,
      payload: { reason: 'Too late?' },
    });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'MERGE_UNDO_EXPIRED');

    const intoMerged = await merge({
      survivorId: b,
      mergedId: survivor,
      survivorVersion: await versionOf(db, b),
      mergedVersion: await versionOf(db, survivor),
      reason: 'Into a merged record',
    });
    assert.equal(intoMerged.statusCode, 409);
    assert.equal(intoMerged.json().code, 'PATIENT_ALREADY_MERGED');
  });

  it('follows merges of merges, and will not undo the first while the second stands', async () => {
    const db = t.database.db;
    const org = t.organization.id;
    const person = { familyName: 'Mensah', givenNames: 'Kwame', birthDate: '1966-06-06' };
    const [first, second, third] = [
      await insertTestPatient(db, org, person),
      await insertTestPatient(db, org, person),
      await insertTestPatient(db, org, person),
    ] as [string, string, string];
    const one = await merge({
      survivorId: second,
      mergedId: first,
      survivorVersion: 1,
      mergedVersion: 1,
      reason: 'dup',
    });
    const two = await merge({
      survivorId: third,
      mergedId: second,
      survivorVersion: 1,
      mergedVersion: 1,
      reason: 'dup',
    });
    assert.equal(two.statusCode, 201, two.body);
    assert.deepEqual((await patientIdsMergedInto(db, org, third)).sort(), [first, second, third].sort());
    const read = await t.request({ method: 'GET', url: `/api/patients/${first}`, cookie: supervisor });
    assert.equal(read.headers.location, `/api/patients/${third}`, 'one hop to where the record lives now');
    const undo = await t.request({
      method: 'POST',
      url: `/api/patient-merges/${one.json().id}/undo`,
      cookie: supervisor,
      payload: { reason: 'wrong' },
    });
    assert.equal(undo.statusCode, 409);
    assert.equal(undo.json().code, 'MERGE_SUPERSEDED');
  });

  it('refuses what a person must settle first: overlapping visits, different restrictions', async () => {
    const db = t.database.db;
    const org = t.organization.id;
    const person = { familyName: 'Haddad', givenNames: 'Omar', birthDate: '1971-03-03' };
    const a = await insertTestPatient(db, org, person);
    const b = await insertTestPatient(db, org, person);
    const at = new Date(clock.now().getTime() + 3 * DAY);
    const rowsA = await seedRecord(db, org, a, clinic, at);
    await sql`update appointment set provider_id = ${clinic.providers.ben} where id = ${rowsA.appointment}::uuid`.execute(
      db,
    );
    const rowsB = await seedRecord(db, org, b, clinic, new Date(at.getTime() + 15 * 60_000));
    await sql`update waitlist_entry set status = 'cancelled', closed_at = now() where id = ${rowsB.waitlist_entry}::uuid`.execute(
      db,
    );
    const body = { survivorId: a, mergedId: b, survivorVersion: 1, mergedVersion: 1, reason: 'dup' };
    const overlap = await merge(body);
    assert.equal(overlap.statusCode, 409);
    assert.equal(overlap.json().code, 'MERGE_APPOINTMENT_CONFLICT');
    assert.deepEqual(
      overlap.json().errors.map((error: { path: string }) => error.path),
      [`appointments.${rowsB.appointment}`],
    );
    await sql`update appointment set status = 'cancelled' where id = ${rowsB.appointment}::uuid`.execute(db);
    await sql`insert into patient_restriction (organization_id, patient_id, kind, reason, set_by, set_at, version,
                                               updated_at)
              values (${org}, ${b}, 'vip', 'Public figure', ${t.organization.users.supervisor.id}, now(), 1, now())`.execute(
      db,
    );
    const restricted = await merge(body);
    assert.equal(restricted.statusCode, 409);
    assert.equal(restricted.json().code, 'MERGE_RESTRICTION_CONFLICT');
    assert.equal(await patientOf(db, 'document', rowsB.document!), b, 'nothing moved');
  });

  it('refuses a merge into itself (400), a stale version (412), other roles (403) and other organizations (404)', async () => {
    const db = t.database.db;
    const org = t.organization.id;
    const a = await insertTestPatient(db, org, {
      familyName: 'Ali',
      givenNames: 'Fatima',
      birthDate: '1995-05-05',
    });
    const b = await insertTestPatient(db, org, {
      familyName: 'Ali',
      givenNames: 'Fatma',
      birthDate: '1995-05-05',
    });
    const self = await merge({
      survivorId: a,
      mergedId: a,
      survivorVersion: 1,
      mergedVersion: 1,
      reason: 'x',
    });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().code, 'MERGE_SAME_PATIENT');
    const stale = await merge({
      survivorId: a,
      mergedId: b,
      survivorVersion: 1,
      mergedVersion: 7,
      reason: 'x',
    });
    assert.equal(stale.statusCode, 412);
    const frontDesk = await t.login('front_desk');
    const refused = await merge(
      { survivorId: a, mergedId: b, survivorVersion: 1, mergedVersion: 1, reason: 'x' },
      frontDesk,
    );
    assert.equal(refused.statusCode, 403);
    const outsider = await t.login('supervisor', other);
    const foreign = await merge(
      { survivorId: a, mergedId: b, survivorVersion: 1, mergedVersion: 1, reason: 'x' },
      outsider,
    );
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().code, 'PATIENT_NOT_FOUND');
    const foreignMerge = await t.request({
      method: 'GET',
      url: `/api/patient-merges/${mergeId}`,
      cookie: outsider,
    });
    assert.equal(foreignMerge.statusCode, 404);
    const foreignUndo = await t.request({
      method: 'POST',
      url: `/api/patient-merges/${mergeId}/undo`,
      cookie: outsider,
      payload: { reason: 'x' },
    });
    assert.equal(foreignUndo.statusCode, 404);
  });
});
