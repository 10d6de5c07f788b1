import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../platform/http/errors';
import { manualClock } from '../../platform/clock';
import { createTestOrganization, startTestDesk, type TestDesk } from '../../../test/harness';
import { assertMayOpenRecord } from './index';
import { confidentialityKit } from './test/kit';

const MINUTE = 60_000;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
// The record routes read the desk's clock; reading a patient takes the time of day (as its audit entry does).
// Starting the clock at the real time keeps the two together until the test moves it.
const clock = manualClock(new Date());
const DETAIL = 'Patient at the counter asking about a lost referral letter';

describe('break the glass: a reason, a time-boxed grant, an audit entry and a supervisor review', () => {
  let t: TestDesk;
  let kit: ReturnType<typeof confidentialityKit>;
  let frontDesk: string;
  let supervisor: string;
  let patientId: string;
  let documentId: string;
  before(async () => {
    // Long sessions: the test moves the clock past the grant's hour.
    t = await startTestDesk({ clock, settings: { sessionIdleMinutes: 480 } });
    kit = confidentialityKit(t);
    frontDesk = await t.login('front_desk');
    supervisor = await t.login('supervisor');
    patientId = (await kit.register('Ravensworth', frontDesk)).id;
    const uploaded = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/documents?kind=consent`,
      cookie: frontDesk,
      headers: { 'content-type': 'application/pdf' },
      payload: PDF,
    });
    documentId = uploaded.json().id;
    const restricted = await kit.restrict(patientId, { kind: 'vip', reason: 'Senator' }, supervisor);
    assert.equal(restricted.statusCode, 200, restricted.body);
  });
  after(() => t.close());

  const breakGlass = (payload: Record<string, unknown>, cookie = frontDesk, id = patientId) =>
    t.request({ method: 'POST', url: `/api/patients/${id}/break-glass`, cookie, payload });
  const documents = (cookie = frontDesk) =>
    t.request({ method: 'GET', url: `/api/patients/${patientId}/documents`, cookie });
  const grants = () =>
    t.database.db
      .selectFrom('break_glass_grant')
      .selectAll()
      .where('organization_id', '=', t.organization.id)
      .orderBy('granted_at')
      .execute();
  const reviewItems = () =>
    t.database.db
      .selectFrom('work_item')
      .select(['id', 'queue', 'status', 'patient_id', 'due_at', 'subject_type', 'subject_id', 'title'])
      .where('organization_id', '=', t.organization.id)
      .where('kind', '=', 'break-glass-review')
      .orderBy('created_at')
      .execute();
  const glassAudit = () =>
    t.database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'patient_id', 'reason', 'details', 'resource_type'])
      .where('organization_id', '=', t.organization.id)
      .where('action', '=', 'break-glass')
      .orderBy('id')
      .execute();

  it('refuses a reason off the list and a missing or too short explanation, field by field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ reason: 'curiosity', detail: 'short' }, ['body.detail', 'body.reason']],
      [{ reason: 'other' }, ['body.detail']],
      [{ reason: 'other', detail: '         .' }, ['body.detail']],
      [{ reason: 'emergency-care', detail: 'x'.repeat(501) }, ['body.detail']],
      [{ reason: 'emergency-care', detail: DETAIL, minutes: 600 }, ['body.minutes']],
    ];
    for (const [payload, paths] of cases) {
      const response = await breakGlass(payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().code, 'VALIDATION_FAILED');
      assert.deepEqual(
        response
          .json()
          .errors.map((error: { path: string }) => error.path)
          .sort(),
        paths,
      );
    }
    assert.deepEqual(await grants(), []);
    assert.deepEqual(await reviewItems(), []);
    assert.deepEqual(await glassAudit(), []);
    const unknown = await breakGlass(
      { reason: 'emergency-care', detail: DETAIL },
      frontDesk,
      '0195a4f0-0000-7000-8000-000000000000',
    );
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'PATIENT_NOT_FOUND');
  });

  it('grants an hour, audits it with the reason code, and puts a review in the supervisors’ queue', async () => {
    assert.equal((await documents()).statusCode, 403);
    const granted = await breakGlass({ reason: 'patient-request-at-desk', detail: DETAIL });
    assert.equal(granted.statusCode, 201, granted.body);
    const grant = granted.json();
    assert.equal(grant.patientId, patientId);
    assert.equal(grant.reason, 'patient-request-at-desk');
    assert.equal(new Date(grant.expiresAt).getTime(), clock.now().getTime() + 60 * MINUTE);

    assert.equal(
      (await t.request({ method: 'GET', url: `/api/patients/${patientId}`, cookie: frontDesk })).statusCode,
      200,
    );
    assert.equal((await documents()).statusCode, 200);
    const download = await t.request({
      method: 'GET',
      url: `/api/documents/${documentId}/content`,
      cookie: frontDesk,
    });
    assert.equal(download.statusCode, 200);
    // The grant is the caller's own: the supervisor is still asked.
    assert.equal((await documents(supervisor)).statusCode, 403);

    assert.deepEqual(await glassAudit(), [
      {
        actor_id: t.organization.users.front_desk.id,
        patient_id: patientId,
        reason: 'patient-request-at-desk',
        resource_type: 'Patient',
        details: { grantId: grant.id, restriction: 'vip', expiresAt: grant.expiresAt },
      },
    ]);
    // The person's own words are for the reviewer, in the grant; never in the audit trail.
    const leaked = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('organization_id', '=', t.organization.id)
      .where((eb) =>
        eb.or([
          eb('reason', 'like', '%lost referral%'),
          eb(eb.cast('details', 'text'), 'like', '%lost referral%'),
        ]),
      )
      .execute();
    assert.deepEqual(leaked, []);

    const items = await reviewItems();
    assert.equal(items.length, 1);
    assert.equal(items[0]?.queue, 'supervisor');
    assert.equal(items[0]?.status, 'open');
    assert.equal(items[0]?.patient_id, patientId);
    assert.equal(items[0]?.subject_type, 'BreakGlassGrant');
    assert.equal(items[0]?.subject_id, grant.id);
    assert.equal(items[0]?.due_at?.getTime(), clock.now().getTime() + 72 * 60 * MINUTE);
    assert.ok(!items[0]?.title.includes('lost referral'));
    const queue = await t.request({
      method: 'GET',
      url: '/api/work-items?queue=supervisor',
      cookie: supervisor,
    });
    assert.ok(queue.json().items.some((item: { id: string }) => item.id === items[0]?.id));

    // Asking again while the grant runs returns it: no second grant, no second review.
    clock.advance(5 * MINUTE);
    const again = await breakGlass({ reason: 'emergency-care', detail: 'Clicked the button twice' });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, grant.id);
    assert.equal((await grants()).length, 1);
    assert.equal((await reviewItems()).length, 1);
  });

  it('closes the record again when the grant expires; breaking the glass again makes a new grant', async () => {
    const [grant] = await grants();
    assert.ok(grant);
    clock.set(new Date(grant.expires_at.getTime() - 1));
    assert.equal((await documents()).statusCode, 200);
    clock.set(grant.expires_at);
    const expired = await documents();
    assert.equal(expired.statusCode, 403);
    assert.equal(expired.json().code, 'BREAK_THE_GLASS_REQUIRED');
    assert.equal(
      (await t.request({ method: 'GET', url: `/api/documents/${documentId}/content`, cookie: frontDesk }))
        .statusCode,
      403,
    );
    const context = {
      organizationId: t.organization.id,
      actor: { id: t.organization.users.front_desk.id, role: 'front_desk' as const },
      patientScope: null,
      requestId: null,
      sourceAddress: null,
    };
    await assertMayOpenRecord(t.database.db, context, patientId, new Date(grant.expires_at.getTime() - 1));
    await assert.rejects(
      assertMayOpenRecord(t.database.db, context, patientId, grant.expires_at),
      (error: unknown) => error instanceof AppError && error.code === 'BREAK_THE_GLASS_REQUIRED',
    );

    const renewed = await breakGlass({
      reason: 'scheduling-or-check-in',
      detail: 'Rebooking the visit she missed',
    });
    assert.equal(renewed.statusCode, 201);
    assert.notEqual(renewed.json().id, grant.id);
    assert.equal((await documents()).statusCode, 200);
    assert.equal((await reviewItems()).length, 2);
  });

  // On PostgreSQL the requests run side by side over the pool; on PGlite they are serialized. Either way: one grant.
  it('makes one grant and one review item when the same person asks several times at once', async () => {
    const clinician = await t.login('clinician');
    const patient = await kit.register('Concurrent', frontDesk);
    assert.equal(
      (await kit.restrict(patient.id, { kind: 'vip', reason: 'Famous chef' }, supervisor)).statusCode,
      200,
    );
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        breakGlass(
          { reason: 'emergency-care', detail: 'Allergic reaction in clinic' },
          clinician,
          patient.id,
        ),
      ),
    );
    assert.deepEqual(responses.map((response) => response.statusCode).sort(), [200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(responses.map((response) => response.json().id)).size, 1);
    const rows = (await grants()).filter((grant) => grant.patient_id === patient.id);
    assert.equal(rows.length, 1);
    const items = (await reviewItems()).filter((item) => item.patient_id === patient.id);
    assert.equal(items.length, 1);
  });

  it('lasts as long as the organization says', async () => {
    const short = await createTestOrganization(t.database, { breakGlassMinutes: 15 });
    const shortKit = confidentialityKit(t, short);
    const desk = await t.login('front_desk', short);
    const boss = await t.login('supervisor', short);
    const patient = await shortKit.register('Brightwater', desk);
    assert.equal(
      (await shortKit.restrict(patient.id, { kind: 'staff', reason: 'Our pharmacist' }, boss)).statusCode,
      200,
    );
    const refused = await t.request({ method: 'GET', url: `/api/patients/${patient.id}`, cookie: desk });
    assert.equal(refused.json().breakGlass.grantMinutes, 15);
    const granted = await breakGlass(
      { reason: 'emergency-care', detail: 'Fainted in the waiting room' },
      desk,
      patient.id,
    );
    assert.equal(granted.statusCode, 201);
    assert.equal(new Date(granted.json().expiresAt).getTime(), clock.now().getTime() + 15 * MINUTE);
  });

  it('shows supervisors the grants to review, with the requester’s words, page by page; not the desk', async () => {
    assert.equal(
      (await t.request({ method: 'GET', url: '/api/break-glass-grants', cookie: frontDesk })).statusCode,
      403,
    );
    const list = async (query: string) => {
      const response = await t.request({
        method: 'GET',
        url: `/api/break-glass-grants?${query}`,
        cookie: supervisor,
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const queue = await list(`reviewed=false&patientId=${patientId}`);
    assert.equal(queue.items.length, 2);
    const first = queue.items[0];
    assert.equal(first.detail, DETAIL);
    assert.equal(first.actor.id, t.organization.users.front_desk.id);
    assert.equal(first.patient.id, patientId);
    assert.equal(first.restrictionKind, 'vip');
    assert.equal(first.active, false);
    assert.equal(first.review, null);
    const page1 = await list(`reviewed=false&patientId=${patientId}&limit=1`);
    assert.equal(page1.items[0].id, first.id);
    const page2 = await list(`reviewed=false&patientId=${patientId}&limit=1&cursor=${page1.nextCursor}`);
    assert.equal(page2.items[0].id, queue.items[1].id);
    assert.equal(page2.nextCursor, null);
    const tampered = await t.request({
      method: 'GET',
      url: `/api/break-glass-grants?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
      cookie: supervisor,
    });
    assert.equal(tampered.statusCode, 400);
    assert.deepEqual(
      tampered.json().errors.map((error: { path: string }) => error.path),
      ['query.cursor'],
    );
    const one = await t.request({
      method: 'GET',
      url: `/api/break-glass-grants/${first.id}`,
      cookie: supervisor,
    });
    assert.equal(one.json().detail, DETAIL);
  });

  it('lets another supervisor review and close each grant; nobody reviews their own', async () => {
    const second = await kit.addStaff('supervisor', 'Second Supervisor');
    const review = (id: string, payload: Record<string, unknown>, cookie = second.cookie) =>
      t.request({ method: 'POST', url: `/api/break-glass-grants/${id}/review`, cookie, payload });

    // The supervisor breaks the glass too, and cannot review it.
    const own = await breakGlass(
      { reason: 'other', detail: 'Checking the chart for a complaint' },
      supervisor,
    );
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(
      (await t.request({ method: 'GET', url: `/api/patients/${patientId}`, cookie: supervisor })).statusCode,
      200,
    );
    const selfReview = await review(own.json().id, { outcome: 'appropriate' }, supervisor);
    assert.equal(selfReview.statusCode, 403);
    assert.equal(selfReview.json().code, 'SELF_REVIEW_NOT_ALLOWED');
    const ownItem = (await reviewItems()).find((item) => item.subject_id === own.json().id);
    assert.equal(ownItem?.status, 'open');

    const [deskGrant] = await grants();
    assert.ok(deskGrant);
    const byDesk = await review(deskGrant.id, { outcome: 'appropriate' }, frontDesk);
    assert.equal(byDesk.statusCode, 403);
    const reviewed = await review(deskGrant.id, {
      outcome: 'appropriate',
      note: 'Confirmed with the patient',
    });
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    assert.deepEqual(
      { ...reviewed.json().review, at: undefined },
      {
        outcome: 'appropriate',
        note: 'Confirmed with the patient',
        by: { id: second.id, name: 'Second Supervisor' },
        at: undefined,
      },
    );
    const closed = (await reviewItems()).find((item) => item.subject_id === deskGrant.id);
    assert.equal(closed?.status, 'done');
    const twice = await review(deskGrant.id, { outcome: 'inappropriate', note: 'Changed my mind' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'GRANT_ALREADY_REVIEWED');

    // An inappropriate access needs a note, and ends a grant that is still running.
    const noNote = await review(own.json().id, { outcome: 'inappropriate' });
    assert.equal(noNote.statusCode, 400);
    assert.deepEqual(
      noNote.json().errors.map((error: { path: string }) => error.path),
      ['body.note'],
    );
    const revoked = await review(own.json().id, {
      outcome: 'inappropriate',
      note: 'No complaint on file; spoke with them',
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().active, false);
    assert.ok(revoked.json().revokedAt);
    const afterRevoke = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}`,
      cookie: supervisor,
    });
    assert.equal(afterRevoke.statusCode, 403);

    const queue = await t.request({
      method: 'GET',
      url: '/api/break-glass-grants?reviewed=false',
      cookie: supervisor,
    });
    const waiting = queue.json().items.map((item: { id: string }) => item.id);
    assert.ok(!waiting.includes(deskGrant.id));
    assert.ok(!waiting.includes(own.json().id));
    const missing = await review('0195a4f0-0000-7000-8000-000000000000', { outcome: 'appropriate' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'GRANT_NOT_FOUND');
  });
});
