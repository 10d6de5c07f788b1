import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BREAK_GLASS_REASONS } from '@patientdesk/contracts';
import {
  createTestOrganization,
  startTestDesk,
  type TestDesk,
  type TestOrganization,
} from '../../../test/harness';
import { restrictedAmong } from './index';
import { confidentialityKit } from './test/kit';

const HOUR = 3_600_000;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe('restricted records: who may open them', () => {
  let t: TestDesk;
  let kit: ReturnType<typeof confidentialityKit>;
  let frontDesk: string;
  let supervisor: string;
  let clinician: string;
  let billing: string;
  let other: TestOrganization;
  before(async () => {
    t = await startTestDesk();
    kit = confidentialityKit(t);
    frontDesk = await t.login('front_desk');
    supervisor = await t.login('supervisor');
    clinician = await t.login('clinician');
    billing = await t.login('billing');
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
  const expectBreakGlass = (response: Awaited<ReturnType<TestDesk['request']>>, kind: string) => {
    assert.equal(response.statusCode, 403, response.body);
    assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    const body = response.json();
    assert.equal(body.code, 'BREAK_THE_GLASS_REQUIRED');
    assert.deepEqual(body.restriction, { kind });
    return body;
  };

  it('opens an unrestricted record normally, and refuses to break the glass for it', async () => {
    const patient = await kit.register('Plainview', frontDesk);
    const read = await open(patient.id, frontDesk);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().familyName, 'Plainview');
    const glass = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/break-glass`,
      cookie: frontDesk,
      payload: { reason: 'scheduling-or-check-in', detail: 'Booking a follow-up visit' },
    });
    assert.equal(glass.statusCode, 409);
    assert.equal(glass.json().code, 'BREAK_GLASS_NOT_NEEDED');
  });

  it('asks staff without a care relationship to break the glass, shows nothing of the patient, and audits the attempt', async () => {
    const patient = await restrictedPatient('Quillfeather', {
      kind: 'sensitive',
      category: 'hiv',
      reason: 'Treated at the infectious disease clinic',
    });
    const refused = await open(patient.id, frontDesk);
    const body = expectBreakGlass(refused, 'sensitive');
    assert.deepEqual(
      body.breakGlass.reasons.map((reason: { code: string }) => reason.code),
      [...BREAK_GLASS_REASONS],
    );
    assert.equal(body.breakGlass.grantMinutes, 60);
    assert.deepEqual(body.breakGlass.detail, { minLength: 10, maxLength: 500 });
    for (const secret of ['Quillfeather', patient.mrn, patient.birthDate, 'hiv', 'infectious']) {
      assert.ok(!refused.body.includes(secret), `the refusal does not show ${secret}`);
    }
    const trail = await auditOf(patient.id);
    const denied = trail.filter((row) => row.outcome === 'denied');
    assert.deepEqual(denied, [
      {
        action: 'read',
        outcome: 'denied',
        actor_id: t.organization.users.front_desk.id,
        resource_type: 'Patient',
        resource_id: patient.id,
        reason: 'break-the-glass-required',
        details: { restriction: 'sensitive' },
      },
    ]);
    assert.ok(!trail.some((row) => row.action === 'read' && row.outcome === 'success'));

    // Supervisors are not exempt; neither are clinicians outside the care team, nor billing.
    for (const cookie of [supervisor, clinician, billing])
      expectBreakGlass(await open(patient.id, cookie), 'sensitive');
  });

  it('still finds a restricted record in search, marked restricted, so the desk knows before opening it', async () => {
    const open = await kit.register('Zanzibarov', frontDesk);
    const hidden = await restrictedPatient('Zanzibarova', {
      kind: 'vip',
      reason: 'Board member of the clinic',
    });
    const found = await t.request({ method: 'GET', url: '/api/patients?q=zanzibarov', cookie: frontDesk });
    assert.equal(found.statusCode, 200);
    const marks = Object.fromEntries(
      found.json().items.map((item: { id: string; restricted: boolean }) => [item.id, item.restricted]),
    );
    assert.deepEqual(marks, { [open.id]: false, [hidden.id]: true });
  });

  it('guards changes, history and proxies of a restricted record like reading it', async () => {
    const patient = await restrictedPatient('Vantongeren', {
      kind: 'staff',
      reason: 'Works in the clinic lab',
    });
    const url = `/api/patients/${patient.id}`;
    const change = await t.request({
      method: 'PATCH',
      url,
      cookie: frontDesk,
      headers: { 'if-match': 'W/"1"' },
      payload: { familyName: 'Changed' },
    });
    expectBreakGlass(change, 'staff');
    expectBreakGlass(await t.request({ method: 'GET', url: `${url}/history`, cookie: frontDesk }), 'staff');
    expectBreakGlass(await t.request({ method: 'GET', url: `${url}/proxies`, cookie: frontDesk }), 'staff');
    const row = await t.database.db
      .selectFrom('patient')
      .select(['family_name', 'version'])
      .where('organization_id', '=', t.organization.id)
      .where('id', '=', patient.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { family_name: 'Vantongeren', version: 1 });
  });

  it('opens the record for the care team while the membership lasts; supervisors manage it', async () => {
    const patient = await restrictedPatient('Marchetti', { kind: 'vip', reason: 'Member of the board' });
    const careTeam = `/api/patients/${patient.id}/care-team`;
    const add = (userId: string, cookie = supervisor) =>
      t.request({ method: 'POST', url: careTeam, cookie, payload: { userId, role: 'treating-clinician' } });

    // The desk picks the member from the staff list: staff of this organization, active, never patients.
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: new Date() })
      .where('id', '=', t.organization.users.admin.id)
      .execute();
    const staff = await t.request({ method: 'GET', url: '/api/directory/staff', cookie: frontDesk });
    assert.equal(staff.statusCode, 200, staff.body);
    assert.deepEqual(
      staff
        .json()
        .items.map((item: { role: string }) => item.role)
        .sort(),
      ['billing', 'clinician', 'front_desk', 'supervisor'],
    );
    assert.deepEqual(Object.keys(staff.json().items[0]).sort(), ['id', 'name', 'role']);
    const portal = await t.login('patient');
    const byPatient = await t.request({ method: 'GET', url: '/api/directory/staff', cookie: portal });
    assert.equal(byPatient.statusCode, 403, 'the portal does not list staff');
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: null })
      .where('id', '=', t.organization.users.admin.id)
      .execute();

    const added = await add(t.organization.users.clinician.id);
    assert.equal(added.statusCode, 201, added.body);
    const member = added.json();
    assert.equal(member.current, true);
    assert.equal(member.user.role, 'clinician');
    assert.equal((await open(patient.id, clinician)).statusCode, 200);
    expectBreakGlass(await open(patient.id, frontDesk), 'vip');

    const twice = await add(t.organization.users.clinician.id);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'ALREADY_ON_CARE_TEAM');
    const portalAccount = await add(t.organization.users.patient.id);
    assert.equal(portalAccount.statusCode, 422);
    assert.deepEqual(portalAccount.json().errors, [
      { path: 'body.userId', message: 'Not an active staff account here' },
    ]);
    const foreignUser = await add(other.users.clinician.id);
    assert.equal(foreignUser.statusCode, 422);
    assert.equal((await add(t.organization.users.front_desk.id, frontDesk)).statusCode, 403);

    const listed = await t.request({ method: 'GET', url: careTeam, cookie: supervisor });
    assert.deepEqual(
      listed.json().items.map((item: { id: string }) => item.id),
      [member.id],
    );

    const end = () =>
      t.request({
        method: 'POST',
        url: `${careTeam}/${member.id}/end`,
        cookie: supervisor,
        payload: { reason: 'Care transferred' },
      });
    const ended = await end();
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().current, false);
    assert.equal(ended.json().endedBy.id, t.organization.users.supervisor.id);
    expectBreakGlass(await open(patient.id, clinician), 'vip');
    assert.equal((await end()).statusCode, 409);
    const current = await t.request({ method: 'GET', url: careTeam, cookie: supervisor });
    assert.deepEqual(current.json().items, []);
    const all = await t.request({ method: 'GET', url: `${careTeam}?include=all`, cookie: supervisor });
    assert.equal(all.json().items[0].endReason, 'Care transferred');
    // Back on the team later: a new membership, the old one kept.
    assert.equal((await add(t.organization.users.clinician.id)).statusCode, 201);
    assert.equal((await open(patient.id, clinician)).statusCode, 200);
  });

  it('lets the front desk open a restricted record booked around today, not one cancelled or booked next week', async () => {
    const now = Date.now();
    const today = await restrictedPatient('Okonkwo', { kind: 'staff', reason: 'Nurse on the third floor' });
    const visit = await kit.bookVisit(today.id, new Date(now + 2 * HOUR));
    assert.equal((await open(today.id, frontDesk)).statusCode, 200);
    expectBreakGlass(await open(today.id, billing), 'staff');
    expectBreakGlass(await open(today.id, supervisor), 'staff');
    await t.database.db
      .updateTable('appointment')
      .set({ status: 'cancelled' })
      .where('organization_id', '=', t.organization.id)
      .where('id', '=', visit)
      .execute();
    expectBreakGlass(await open(today.id, frontDesk), 'staff');

    const yesterday = await restrictedPatient('Vanterpool', { kind: 'vip', reason: 'Well-known athlete' });
    await kit.bookVisit(yesterday.id, new Date(now - 20 * HOUR), 'checked_in');
    assert.equal((await open(yesterday.id, frontDesk)).statusCode, 200);

    const nextWeek = await restrictedPatient('Lindgren', { kind: 'vip', reason: 'Well-known author' });
    await kit.bookVisit(nextWeek.id, new Date(now + 7 * 24 * HOUR));
    expectBreakGlass(await open(nextWeek.id, frontDesk), 'vip');
  });

  it('lets the portal patient read their own restricted record and documents without breaking the glass', async () => {
    const patientId = t.organization.portalPatientId;
    assert.equal(
      (await kit.restrict(patientId, { kind: 'staff', reason: 'Works at the front desk' }, supervisor))
        .statusCode,
      200,
    );
    const portal = await t.login('patient');
    const own = await t.request({ method: 'GET', url: `/api/portal/patients/${patientId}`, cookie: portal });
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().familyName, 'Portal');
    const documents = await t.request({
      method: 'GET',
      url: `/api/portal/patients/${patientId}/documents`,
      cookie: portal,
    });
    assert.equal(documents.statusCode, 200);
    const glass = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/break-glass`,
      cookie: portal,
      payload: { reason: 'other', detail: 'I am the patient myself' },
    });
    assert.equal(glass.statusCode, 403);
    assert.equal(glass.json().code, 'FORBIDDEN');
    expectBreakGlass(await open(patientId, frontDesk), 'staff');
  });

  it('guards the documents of a restricted patient the same way, and audits refused downloads', async () => {
    const patient = await kit.register('Ferreira', frontDesk);
    const uploaded = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/documents?kind=referral`,
      cookie: frontDesk,
      headers: { 'content-type': 'application/pdf' },
      payload: PDF,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const documentId = uploaded.json().id;
    assert.equal(
      (await kit.restrict(patient.id, { kind: 'vip', reason: 'City council member' }, supervisor)).statusCode,
      200,
    );
    const list = await t.request({
      method: 'GET',
      url: `/api/patients/${patient.id}/documents`,
      cookie: frontDesk,
    });
    expectBreakGlass(list, 'vip');
    assert.ok(!list.body.includes('Referral'));
    const download = await t.request({
      method: 'GET',
      url: `/api/documents/${documentId}/content`,
      cookie: frontDesk,
    });
    expectBreakGlass(download, 'vip');
    assert.ok(!download.rawPayload.includes(Buffer.from('%PDF')));
    const disclosures = await t.request({
      method: 'GET',
      url: `/api/patients/${patient.id}/disclosures`,
      cookie: frontDesk,
    });
    expectBreakGlass(disclosures, 'vip');
    const denied = (await auditOf(patient.id)).filter((row) => row.outcome === 'denied');
    assert.deepEqual(
      denied.map((row) => [row.action, row.resource_type, row.resource_id]),
      [
        ['read', 'Document', null],
        ['export', 'Document', documentId],
        ['read', 'Disclosure', null],
      ],
    );

    await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/care-team`,
      cookie: supervisor,
      payload: { userId: t.organization.users.clinician.id, role: 'primary-clinician' },
    });
    const asCareTeam = await t.request({
      method: 'GET',
      url: `/api/documents/${documentId}/content`,
      cookie: clinician,
    });
    assert.equal(asCareTeam.statusCode, 200);
    assert.deepEqual(asCareTeam.rawPayload, PDF);
  });

  it('guards the copy of a restricted record: fulfilling a request needs a relationship or a grant', async () => {
    const patient = await restrictedPatient('Westergaard', { kind: 'vip', reason: 'Television presenter' });
    const logged = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/records-requests`,
      cookie: frontDesk,
      payload: { kind: 'access', format: 'pdf' },
    });
    assert.equal(logged.statusCode, 201, logged.body);
    const request = logged.json();
    const fulfil = () =>
      t.request({
        method: 'POST',
        url: `/api/records-requests/${request.id}/fulfil`,
        cookie: frontDesk,
        headers: { 'if-match': `W/"${request.version}"` },
        payload: {},
      });
    expectBreakGlass(await fulfil(), 'vip');
    const denied = (await auditOf(patient.id)).filter((row) => row.outcome === 'denied');
    assert.deepEqual(
      denied.map((row) => [row.action, row.resource_type, row.resource_id]),
      [['export', 'RecordsRequest', request.id]],
    );
    const files = await t.database.db
      .selectFrom('document')
      .select('id')
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', patient.id)
      .execute();
    assert.deepEqual(files, []);
    const glass = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/break-glass`,
      cookie: frontDesk,
      payload: { reason: 'patient-request-at-desk', detail: 'Patient asked for a copy of the record' },
    });
    assert.equal(glass.statusCode, 201, glass.body);
    const fulfilled = await fulfil();
    assert.equal(fulfilled.statusCode, 200, fulfilled.body);
    assert.equal(fulfilled.json().status, 'fulfilled');
  });

  it('still finds restricted patients in search, and says which ones are restricted', async () => {
    const hidden = await restrictedPatient('Zamorano', { kind: 'vip', reason: 'Visiting dignitary' });
    const plain = await kit.register('Zamorano', frontDesk);
    const search = await t.request({ method: 'GET', url: '/api/patients?q=zamorano', cookie: frontDesk });
    assert.deepEqual(
      search
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
      [hidden.id, plain.id].sort(),
    );
    const marked = await restrictedAmong(t.database.db, t.organization.id, [hidden.id, plain.id]);
    assert.deepEqual([...marked], [hidden.id]);
    assert.deepEqual([...(await restrictedAmong(t.database.db, other.id, [hidden.id]))], []);
    assert.deepEqual([...(await restrictedAmong(t.database.db, t.organization.id, []))], []);
  });
});
