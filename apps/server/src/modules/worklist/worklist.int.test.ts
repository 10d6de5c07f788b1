import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemContext } from '../../platform/access/context';
import { inTransaction } from '../../platform/db/transaction';
import { startTestDesk, type TestDesk } from '../../../test/harness';
import { closeWorkItemsFor, openWorkItem } from './index';

describe('worklist', () => {
  let t: TestDesk;
  let cookie: string;
  let patientId: string;
  before(async () => {
    t = await startTestDesk();
    cookie = await t.login('front_desk');
    const patient = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie,
      payload: { familyName: 'Worklist', givenNames: 'Wendy', birthDate: '1970-05-05' },
    });
    patientId = patient.json().id;
  });
  after(() => t.close());

  const list = async (query = '') => {
    const response = await t.request({ method: 'GET', url: `/api/work-items${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  it('explains nothing is due when the list is empty', async () => {
    const page = await list();
    assert.deepEqual(page, { items: [], nextCursor: null });
  });

  it('lists the most urgent first, then soonest due, with the patient named', async () => {
    const now = Date.now();
    const create = (payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url: '/api/work-items', cookie, payload });
    await create({ title: 'Low, due soon', priority: 'low', dueAt: new Date(now + 3600_000).toISOString() });
    await create({
      title: 'Normal, later',
      priority: 'normal',
      dueAt: new Date(now + 7200_000).toISOString(),
    });
    await create({ title: 'Normal, no due time', priority: 'normal' });
    await create({
      title: 'Normal, sooner',
      priority: 'normal',
      dueAt: new Date(now + 600_000).toISOString(),
      patientId,
    });
    await create({ title: 'Urgent', priority: 'urgent', queue: 'front_desk' });
    await create({ title: 'Billing queue', priority: 'urgent', queue: 'billing' });
    const page = await list('?queue=front_desk');
    assert.deepEqual(
      page.items.map((item: { title: string }) => item.title),
      ['Urgent', 'Normal, sooner', 'Normal, later', 'Normal, no due time', 'Low, due soon'],
    );
    const withPatient = page.items.find((item: { title: string }) => item.title === 'Normal, sooner');
    assert.equal(withPatient.patient.name, 'Worklist, Wendy');
    assert.ok(withPatient.patient.mrn);

    // One kind of work: the desk's records-request clocks, say, apart from its tasks.
    await create({ title: 'Call back about the copy', kind: 'records-request', queue: 'front_desk' });
    const requests = await list('?queue=front_desk&kind=records-request');
    assert.deepEqual(
      requests.items.map((item: { title: string }) => item.title),
      ['Call back about the copy'],
    );
    const tasks = await list('?queue=front_desk&kind=task');
    assert.equal(tasks.items.length, 5, 'the five front-desk tasks above');
  });

  it('pages by cursor without losing or repeating an item', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await list('?limit=100');
    assert.deepEqual(
      seen,
      all.items.map((item: { id: string }) => item.id),
    );
    assert.equal(new Set(seen).size, seen.length);
  });

  it('assigns, starts and closes an item at the version seen, refusing stale and versionless changes', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/work-items',
      cookie,
      payload: { title: 'Call back about a bill', kind: 'callback' },
    });
    const item = created.json();
    const me = t.organization.users.front_desk.id;
    const patch = (version: number | null, payload: Record<string, unknown>) =>
      t.request({
        method: 'PATCH',
        url: `/api/work-items/${item.id}`,
        cookie,
        headers: version === null ? {} : { 'if-match': `W/"${version}"` },
        payload,
      });
    assert.equal((await patch(null, { status: 'in_progress' })).statusCode, 428);
    const started = await patch(1, { status: 'in_progress', assigneeId: me });
    assert.equal(started.statusCode, 200);
    assert.equal(started.json().assignee.id, me);
    assert.equal(started.headers.etag, 'W/"2"');
    const stale = await patch(1, { status: 'done' });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().code, 'VERSION_MISMATCH');
    assert.equal((await list('?assigneeId=me')).items.length, 1);
    const done = await patch(2, { status: 'done', resolution: 'Explained the statement.' });
    assert.equal(done.json().status, 'done');
    assert.ok(done.json().closedAt);
    const closedChange = await patch(3, { priority: 'high' });
    assert.equal(closedChange.statusCode, 409);
    assert.equal((await list('?assigneeId=me')).items.length, 0);
    assert.equal((await list('?status=done')).items.length, 1);
  });

  it('refuses an assignee from another organization, and filter values outside the allow-list', async () => {
    const bad = await t.request({
      method: 'POST',
      url: '/api/work-items',
      cookie,
      payload: { title: 'x', assigneeId: '0195a4f0-0000-7000-8000-000000000000' },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().code, 'ASSIGNEE_INVALID');
    for (const query of [
      "?status=open'--",
      '?queue=everything',
      '?kind=Records%20Request',
      '?orderBy=title',
      '?cursor=bm90LWEtY3Vyc29y',
    ]) {
      const response = await t.request({ method: 'GET', url: `/api/work-items${query}`, cookie });
      assert.equal(response.statusCode, 400, query);
      assert.ok(response.json().errors.length > 0);
    }
  });

  it('lets modules open one item per subject and close it when their work is done', async () => {
    const context = systemContext(t.organization.id);
    const subject = { type: 'Appointment', id: 'appt-1' };
    const first = await inTransaction(t.database.db, (trx) =>
      openWorkItem(trx, context, { kind: 'reschedule-request', title: 'Reschedule', patientId, subject }),
    );
    const second = await inTransaction(t.database.db, (trx) =>
      openWorkItem(trx, context, {
        kind: 'reschedule-request',
        title: 'Reschedule again',
        patientId,
        subject,
      }),
    );
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.id, first.id);
    const closed = await inTransaction(t.database.db, (trx) =>
      closeWorkItemsFor(trx, context, { kind: 'reschedule-request', ...subject }, { status: 'done' }),
    );
    assert.equal(closed, 1);
    const reopened = await inTransaction(t.database.db, (trx) =>
      openWorkItem(trx, context, { kind: 'reschedule-request', title: 'Reschedule', patientId, subject }),
    );
    assert.equal(reopened.created, true);
  });

  it('audits reading items that name a patient', async () => {
    await list();
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select('resource_type')
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', patientId)
      .where('action', '=', 'read')
      .execute();
    assert.ok(reads.some((row) => row.resource_type === 'WorkItem'));
  });
});
