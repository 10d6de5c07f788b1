import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createClinic } from '../../../test/factories/clinic';
import { startTestDesk, type TestDesk } from '../../../test/harness';
import { manualClock } from '../../platform/clock';
import { uuidv7 } from '../../platform/ids';

const clock = manualClock(new Date('2026-12-01T15:00:00Z'));

describe('proxies in the portal: each sees and does only what the patient allowed, until when', () => {
  let t: TestDesk;
  let frontDesk: string;
  let child: string;
  let proxyId: string;
  let appointmentId: string;

  before(async () => {
    t = await startTestDesk({ clock });
    frontDesk = await t.login('front_desk');
    const org = t.organization.id;
    const created = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: frontDesk,
      payload: { familyName: 'Portal', givenNames: 'Kid', birthDate: '2016-03-03', sex: 'female' },
    });
    child = created.json().id;
    // The parent (the organization's portal account) may manage the child's appointments, and nothing else.
    const proxy = await t.request({
      method: 'POST',
      url: `/api/patients/${child}/proxies`,
      cookie: frontDesk,
      payload: { name: 'Pat Portal', relationship: 'parent', permissions: ['appointments'] },
    });
    assert.equal(proxy.statusCode, 201, proxy.body);
    proxyId = proxy.json().id;
    // A staff account is not a portal account; the parent's portal account is linked by its email.
    const linkAccount = (email: string) =>
      t.request({
        method: 'POST',
        url: `/api/patients/${child}/proxies/${proxyId}/portal-account`,
        cookie: frontDesk,
        payload: { email },
      });
    const staff = await linkAccount(t.organization.users.billing.email);
    assert.equal(staff.statusCode, 422, staff.body);
    assert.equal(staff.json().code, 'PROXY_ACCOUNT_NOT_FOUND');
    assert.equal(staff.json().errors[0].path, 'body.email');
    const linked = await linkAccount(t.organization.users.patient.email.toUpperCase());
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().hasPortalAccount, true);
    const clinic = await createClinic(t.database, org);
    appointmentId = uuidv7();
    const startsAt = new Date('2026-12-10T15:00:00Z');
    const endsAt = new Date('2026-12-10T15:30:00Z');
    await sql`insert into appointment (organization_id, id, patient_id, provider_id, location_id, appointment_type_id,
                                       starts_at, ends_at, blocked_until, status, modality)
              values (${org}, ${appointmentId}, ${child}, ${clinic.providers.ada}, ${clinic.locations.east},
                      ${clinic.types.followUp}, ${startsAt}, ${endsAt}, ${endsAt}, 'booked', 'in_person')`.execute(
      t.database.db,
    );
  });
  after(() => t.close());

  const get = async (url: string) => t.request({ method: 'GET', url, cookie: await t.login('patient') });

  it('tells the portal what each patient in scope is open for', async () => {
    const session = (await get('/api/auth/session')).json();
    const own = t.organization.portalPatientId;
    assert.deepEqual(session.patientScope, [own, child]);
    assert.deepEqual(session.patientAccess, [
      { patientId: own, areas: ['appointments', 'messages', 'records', 'billing', 'forms'] },
      { patientId: child, areas: ['appointments'] },
    ]);
  });

  it("shows the child's appointments, and keeps the child's documents, requests and access log out", async () => {
    const appointments = (await get('/api/portal/appointments')).json();
    assert.ok(appointments.items.some((item: { id: string }) => item.id === appointmentId));
    const patients = (await get('/api/portal/patients')).json();
    assert.ok(patients.items.some((item: { id: string }) => item.id === child));

    for (const url of [
      `/api/portal/patients/${child}/documents`,
      `/api/portal/patients/${child}/access-log`,
    ]) {
      const refused = await get(url);
      assert.equal(refused.statusCode, 404, url);
    }
    const request = await t.request({
      method: 'POST',
      url: '/api/portal/records-requests',
      cookie: await t.login('patient'),
      payload: { patientId: child, request: { kind: 'access', format: 'both' } },
    });
    assert.equal(request.statusCode, 404, request.body);
    // The parent's own record is untouched.
    const own = await get(`/api/portal/patients/${t.organization.portalPatientId}/documents`);
    assert.equal(own.statusCode, 200);
  });

  it('opens the records when the patient allows them, and closes everything when the authority expires', async () => {
    await sql`update patient_proxy set permissions = '{appointments,records}' where id = ${proxyId}::uuid`.execute(
      t.database.db,
    );
    assert.equal((await get(`/api/portal/patients/${child}/documents`)).statusCode, 200);

    // Valid through yesterday: the child is out of scope today.
    await sql`update patient_proxy set valid_until = '2026-11-30' where id = ${proxyId}::uuid`.execute(
      t.database.db,
    );
    const session = (await get('/api/auth/session')).json();
    assert.deepEqual(session.patientScope, [t.organization.portalPatientId]);
    const appointments = (await get('/api/portal/appointments')).json();
    assert.ok(!appointments.items.some((item: { id: string }) => item.id === appointmentId));
    assert.equal((await get(`/api/portal/patients/${child}`)).statusCode, 404);
    const again = await t.request({
      method: 'POST',
      url: `/api/patients/${child}/proxies/${proxyId}/portal-account`,
      cookie: frontDesk,
      payload: { email: t.organization.users.patient.email },
    });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'PROXY_NOT_ACTIVE');
  });
});
