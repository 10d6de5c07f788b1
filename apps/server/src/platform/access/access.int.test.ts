import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PERMISSIONS } from './permissions';
import { startTestDesk, type TestDesk } from '../../../test/harness';
import type { Role } from '@patientdesk/contracts';

describe('access: every route declares its permission', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  it('walks the route table and finds a declared permission on every route', () => {
    assert.ok(t.desk.routes.length > 20, `only ${t.desk.routes.length} routes recorded`);
    const allowed = new Set<string>([...PERMISSIONS, 'public', 'authenticated']);
    const missing = t.desk.routes.filter((route) => !route.permission || !allowed.has(route.permission));
    assert.deepEqual(missing, []);
    const publicApi = t.desk.routes
      .filter(
        (route) =>
          route.permission === 'public' &&
          route.url.startsWith('/api/') &&
          !route.url.startsWith('/api/docs'),
      )
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    // Only these may be reached without a session.
    assert.deepEqual(publicApi, [
      // The emailed answer link of an appointment reminder: its token is the authority.
      'GET /api/appointment-responses/:token',
      'GET /api/health',
      'GET /api/meta',
      'GET /api/openapi.json',
      'GET /api/ready',
      'HEAD /api/appointment-responses/:token',
      'HEAD /api/health',
      'HEAD /api/meta',
      'HEAD /api/openapi.json',
      'HEAD /api/ready',
      'POST /api/appointment-responses',
      'POST /api/auth/login',
      // A portal invitation's link: its token (and the patient's date of birth) are the authority.
      'POST /api/portal-invitations/accept',
      'POST /api/portal-invitations/lookup',
      // The waitlist's offer link: its token is the authority.
      'POST /api/waitlist-offers/accept',
      'POST /api/waitlist-offers/decline',
      'POST /api/waitlist-offers/lookup',
      'POST /api/webhooks/sms/:organization',
    ]);
  });

  it('refuses a server that has a route without a permission', async () => {
    const { buildServer } = await import('../http/server');
    await assert.rejects(async () => {
      const { app } = await buildServer(depsOf(t), [
        (app) => {
          app.get('/api/forgotten', async () => ({ ok: true }));
        },
      ]);
      await app.ready();
    }, /Routes without a declared permission: GET \/api\/forgotten/);
  });

  it('applies each role its permissions, and asks anonymous callers to sign in', async () => {
    const matrix: [Role, string, number][] = [
      ['front_desk', '/api/audit-events', 403],
      ['supervisor', '/api/audit-events', 200],
      ['admin', '/api/audit-events', 200],
      ['billing', '/api/outbox-messages', 403],
      ['front_desk', '/api/outbox-messages', 200],
      ['patient', '/api/work-items', 403],
      ['patient', '/api/patients?q=smith', 403],
      ['admin', '/api/patients?q=smith', 403],
      ['clinician', '/api/patients?q=smith', 200],
      // Reviewing break-the-glass access is a supervisor's work.
      ['front_desk', '/api/break-glass-grants', 403],
      ['admin', '/api/break-glass-grants', 403],
      ['supervisor', '/api/break-glass-grants', 200],
      // Merging duplicate records is a supervisor's work.
      ['front_desk', '/api/duplicate-candidates', 403],
      ['admin', '/api/duplicate-candidates', 403],
      ['supervisor', '/api/duplicate-candidates', 200],
    ];
    for (const [role, url, status] of matrix) {
      const cookie = await t.login(role);
      const response = await t.request({ method: 'GET', url, cookie });
      assert.equal(response.statusCode, status, `${role} ${url}`);
    }
    for (const url of [
      '/api/audit-events',
      '/api/work-items',
      '/api/patients?q=smith',
      '/api/auth/session',
    ]) {
      const response = await t.request({ method: 'GET', url });
      assert.equal(response.statusCode, 401, url);
      assert.equal(response.json().code, 'UNAUTHENTICATED');
    }
  });
});

function depsOf(t: TestDesk) {
  return {
    config: t.desk.config,
    database: t.database,
    clock: { now: () => new Date() },
    logger: t.desk.logger,
  };
}
