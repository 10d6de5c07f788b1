import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { startTestDesk, type TestDesk } from '../../../test/harness';
import { sealAudit } from './seal-audit';
import { verifyAudit } from './verify-audit';

describe('audit trail', () => {
  let t: TestDesk;
  let supervisor: string;
  let patientId: string;
  before(async () => {
    t = await startTestDesk();
    supervisor = await t.login('supervisor');
    const frontDesk = await t.login('front_desk');
    const created = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: frontDesk,
      payload: { familyName: 'Audited', givenNames: 'Ada', birthDate: '1950-12-12' },
    });
    patientId = created.json().id;
    await t.request({ method: 'GET', url: `/api/patients/${patientId}`, cookie: frontDesk });
  });
  after(() => t.close());

  const mine = (t: TestDesk) =>
    t.database.db.selectFrom('audit_event').where('organization_id', '=', t.organization.id);

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const db = t.database.db;
    const row = await mine(t).select('id').orderBy('id').executeTakeFirstOrThrow();
    await assert.rejects(
      db
        .updateTable('audit_event')
        .set({ action: 'read' })
        .where('organization_id', '=', t.organization.id)
        .where('id', '=', row.id)
        .execute(),
      /append-only/,
    );
    await assert.rejects(
      db
        .deleteFrom('audit_event')
        .where('organization_id', '=', t.organization.id)
        .where('id', '=', row.id)
        .execute(),
      /append-only/,
    );
    await assert.rejects(sql`truncate audit_event`.execute(db), /append-only/);
  });

  it('lets a supervisor read the trail by patient, actor and time, newest first, in pages', async () => {
    const byPatient = await t.request({
      method: 'GET',
      url: `/api/audit-events?patientId=${patientId}`,
      cookie: supervisor,
    });
    assert.equal(byPatient.statusCode, 200);
    const actions = byPatient.json().items.map((item: { action: string }) => item.action);
    assert.deepEqual(actions, ['read', 'create']);
    assert.equal(byPatient.json().items[0].actor.name, 'Test front_desk');

    const frontDeskId = t.organization.users.front_desk.id;
    const byActor = await t.request({
      method: 'GET',
      url: `/api/audit-events?actorId=${frontDeskId}&limit=1`,
      cookie: supervisor,
    });
    assert.equal(byActor.json().items.length, 1);
    assert.ok(byActor.json().nextCursor);
    const next = await t.request({
      method: 'GET',
      url: `/api/audit-events?actorId=${frontDeskId}&limit=1&cursor=${byActor.json().nextCursor}`,
      cookie: supervisor,
    });
    assert.notEqual(next.json().items[0].id, byActor.json().items[0].id);
    assert.ok(Number(next.json().items[0].id) < Number(byActor.json().items[0].id));

    const future = await t.request({
      method: 'GET',
      url: '/api/audit-events?from=2999-01-01T00:00:00Z',
      cookie: supervisor,
    });
    assert.deepEqual(future.json().items, []);
    const bad = await t.request({
      method: 'GET',
      url: '/api/audit-events?from=yesterday',
      cookie: supervisor,
    });
    assert.equal(bad.statusCode, 400);
  });

  it('links rows into a chain that verifies, and finds the first link someone changed', async () => {
    assert.ok((await sealAudit(t.database.db)) > 0);
    let report = (await verifyAudit(t.database.db)).find(
      (entry) => entry.organizationId === t.organization.id,
    );
    assert.ok(report);
    assert.equal(report.firstBreak, null);
    assert.ok(report.sealed >= 3);
    assert.equal(report.unsealed, 0);
    // Sealing twice seals nothing new; the chain head only moves forward.
    assert.equal(
      (await verifyAudit(t.database.db)).find((entry) => entry.organizationId === t.organization.id)?.sealed,
      report.sealed,
    );

    // Someone with the power to switch the trigger off rewrites history.
    const target = await mine(t)
      .select(['id', 'chain_seq'])
      .where('action', '=', 'read')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(t.database.db);
    try {
      await sql`update audit_event set action = 'search' where organization_id = ${t.organization.id} and id = ${target.id}`.execute(
        t.database.db,
      );
    } finally {
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(t.database.db);
    }
    report = (await verifyAudit(t.database.db)).find((entry) => entry.organizationId === t.organization.id);
    assert.ok(report?.firstBreak);
    assert.equal(report.firstBreak.chainSeq, target.chain_seq);
    assert.equal(report.firstBreak.auditEventId, target.id);
  });
});
