import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../clock';
import { startTestDesk, TEST_PASSWORD, type TestDesk } from '../../../test/harness';
import { totpCode } from './totp';

const clock = manualClock(new Date('2026-11-28T14:00:00Z'));

async function auditActions(t: TestDesk, actorId: string) {
  const rows = await t.database.db
    .selectFrom('audit_event')
    .select(['action', 'outcome'])
    .where('organization_id', '=', t.organization.id)
    .where('actor_id', '=', actorId)
    .orderBy('id')
    .execute();
  return rows.map((row) => `${row.action}:${row.outcome}`);
}

describe('sign-in, sessions and sign-out', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk({ clock });
  });
  after(() => t.close());

  it('signs in with a session cookie that is httpOnly and SameSite=Lax, and audits it', async () => {
    const user = t.organization.users.front_desk;
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    assert.equal(response.statusCode, 200);
    const cookie = response.cookies.find((c) => c.name === 'pd_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    const session = response.json();
    assert.equal(session.user.role, 'front_desk');
    assert.ok(session.permissions.includes('patients:search'));
    assert.ok(!session.permissions.includes('audit:read'));
    assert.equal(session.idleTimeoutSeconds, 15 * 60);
    assert.deepEqual((await auditActions(t, user.id)).slice(-1), ['login:success']);
    // The database keeps only a hash of the token.
    const stored = await t.database.db.selectFrom('app_session').select('token_hash').execute();
    assert.ok(stored.every((row) => !cookie.value.includes(row.token_hash)));
  });

  it('answers a wrong password with one generic 401 and audits the failure', async () => {
    const user = t.organization.users.billing;
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'not-the-password' },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().code, 'INVALID_CREDENTIALS');
    const unknown = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@nowhere.test', password: 'not-the-password' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().detail, response.json().detail);
    assert.deepEqual(await auditActions(t, user.id), ['login-failed:failure']);
  });

  it('locks an account for 15 minutes after 5 failures in 15 minutes, even for the right password', async () => {
    const user = t.organization.users.clinician;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: `wrong-${attempt}` },
      });
      assert.equal(response.statusCode, 401);
      clock.advance(60_000);
    }
    const locked = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().code, 'LOGIN_RATE_LIMITED');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    const actions = await auditActions(t, user.id);
    assert.equal(actions.filter((action) => action === 'login-failed:failure').length, 5);
    assert.ok(actions.includes('login-locked:denied'));

    clock.advance(15 * 60_000);
    const after = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    assert.equal(after.statusCode, 200);
  });

  it('ends a session after 15 idle minutes, but not while it is used', async () => {
    const cookie = await t.login('front_desk');
    clock.advance(14 * 60_000);
    assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', cookie })).statusCode, 200);
    clock.advance(14 * 60_000);
    assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', cookie })).statusCode, 200);
    clock.advance(16 * 60_000);
    const expired = await t.request({ method: 'GET', url: '/api/auth/session', cookie });
    assert.equal(expired.statusCode, 401);
    assert.match(expired.headers['content-type'] as string, /problem\+json/);
  });

  it('ends a session after 12 hours however busy it is', async () => {
    const cookie = await t.login('front_desk');
    for (let step = 0; step < 71; step += 1) {
      clock.advance(10 * 60_000);
      assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', cookie })).statusCode, 200);
    }
    clock.advance(10 * 60_000);
    assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', cookie })).statusCode, 401);
  });

  it('signs out here, or everywhere', async () => {
    const first = await t.login('supervisor');
    const second = await t.login('supervisor');
    const out = await t.request({ method: 'POST', url: '/api/auth/logout', cookie: first, payload: {} });
    assert.equal(out.statusCode, 204);
    assert.equal(
      (await t.request({ method: 'GET', url: '/api/auth/session', cookie: first })).statusCode,
      401,
    );
    assert.equal(
      (await t.request({ method: 'GET', url: '/api/auth/session', cookie: second })).statusCode,
      200,
    );
    const third = await t.login('supervisor');
    const everywhere = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      cookie: third,
      payload: { everywhere: true },
    });
    assert.equal(everywhere.statusCode, 204);
    assert.equal(
      (await t.request({ method: 'GET', url: '/api/auth/session', cookie: second })).statusCode,
      401,
    );
    assert.ok((await auditActions(t, t.organization.users.supervisor.id)).includes('logout:success'));
  });

  it('refuses forged and malformed session cookies', async () => {
    for (const cookie of [
      'pd_session=garbage',
      `pd_session=${t.organization.id}.${'A'.repeat(43)}`,
      `pd_session=00000000-0000-0000-0000-000000000000.${'B'.repeat(43)}`,
    ]) {
      assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', cookie })).statusCode, 401);
    }
  });

  it('refuses unsafe requests from another site', async () => {
    const cookie = await t.login('front_desk');
    const payload = { familyName: 'Cross', givenNames: 'Site', birthDate: '1990-01-01' };
    const fromOrigin = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie,
      headers: { origin: 'https://evil.example' },
      payload,
    });
    assert.equal(fromOrigin.statusCode, 403);
    assert.equal(fromOrigin.json().code, 'CROSS_SITE_REQUEST');
    const fetchSite = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie,
      headers: { 'sec-fetch-site': 'cross-site' },
      payload,
    });
    assert.equal(fetchSite.statusCode, 403);
    const sameOrigin = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie,
      headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
      payload,
    });
    assert.equal(sameOrigin.statusCode, 201);
    const count = await t.database.db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', t.organization.id)
      .where('family_name', '=', 'Cross')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });
});

describe('two-step sign-in (TOTP)', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk({ clock, settings: { mfaRequiredForPrivileged: true } });
  });
  after(() => t.close());

  it('holds a supervisor to enrolment before anything else, then asks for the code at every sign-in', async () => {
    const cookie = await t.login('supervisor');
    const session = await t.request({ method: 'GET', url: '/api/auth/session', cookie });
    assert.deepEqual(session.json().permissions, []);
    const audit = await t.request({ method: 'GET', url: '/api/audit-events', cookie });
    assert.equal(audit.statusCode, 403);

    const enroll = await t.request({ method: 'POST', url: '/api/auth/totp/enroll', cookie });
    assert.equal(enroll.statusCode, 200);
    const { secret, otpauthUri } = enroll.json();
    assert.match(otpauthUri, /^otpauth:\/\/totp\//);
    const step = Math.floor(clock.now().getTime() / 30_000);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      cookie,
      payload: { code: String((Number(totpCode(secret, step)) + 1) % 1_000_000).padStart(6, '0') },
    });
    assert.equal(wrong.statusCode, 401);
    const confirm = await t.request({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      cookie,
      payload: { code: totpCode(secret, step) },
    });
    assert.equal(confirm.statusCode, 200);
    assert.ok(confirm.json().permissions.includes('audit:read'));

    const email = t.organization.users.supervisor.email;
    const withoutCode = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    assert.equal(withoutCode.statusCode, 401);
    assert.equal(withoutCode.json().code, 'MFA_REQUIRED');
    const withCode = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: {
        email,
        password: TEST_PASSWORD,
        totp: totpCode(secret, Math.floor(clock.now().getTime() / 30_000)),
      },
    });
    assert.equal(withCode.statusCode, 200);
    assert.ok(withCode.json().user.mfaEnabled);
  });

  it('does not hold front-desk staff to enrolment', async () => {
    const cookie = await t.login('front_desk');
    const session = await t.request({ method: 'GET', url: '/api/auth/session', cookie });
    assert.ok(session.json().permissions.includes('patients:search'));
  });
});
