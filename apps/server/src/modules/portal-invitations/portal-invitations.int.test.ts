import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../../platform/auth/accounts';
import { manualClock } from '../../platform/clock';
import { startTestDesk, type TestDesk } from '../../../test/harness';

const clock = manualClock(new Date('2026-05-04T15:00:00Z'));

describe('portal invitations', () => {
  let t: TestDesk;
  let desk: string;
  before(async () => {
    t = await startTestDesk({ clock });
    desk = await t.login('front_desk');
  });
  after(() => t.close());

  const register = async (payload: Record<string, unknown>) => {
    const response = await t.request({ method: 'POST', url: '/api/patients', cookie: desk, payload });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>();
  };
  const invite = (patientId: string, payload: Record<string, unknown> = {}, cookie = desk) =>
    t.request({ method: 'POST', url: `/api/patients/${patientId}/portal-invitations`, cookie, payload });
  const access = async (patientId: string, cookie = desk) => {
    const response = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/portal-access`,
      cookie,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  /** The newest invitation email to an address, and the token its link carries. */
  const emailTo = async (recipient: string) => {
    const message = await t.database.db
      .selectFrom('outbox_message')
      .select(['subject', 'body', 'purpose', 'patient_id'])
      .where('organization_id', '=', t.organization.id)
      .where('recipient', '=', recipient)
      .where('purpose', '=', 'portal-invitation')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = /\/portal\/join#token=([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    assert.ok(token, message.body);
    return { ...message, token };
  };
  const describeLink = (token: string) =>
    t.request({ method: 'POST', url: '/api/portal-invitations/lookup', payload: { token } });
  const accept = (token: string, birthDate: string, password: string) =>
    t.request({
      method: 'POST',
      url: '/api/portal-invitations/accept',
      payload: { token, birthDate, password },
    });
  const cookieOf = (response: Awaited<ReturnType<typeof accept>>) => {
    const header = response.headers['set-cookie'];
    const cookie = (Array.isArray(header) ? header[0] : header)?.split(';')[0];
    assert.ok(cookie?.startsWith('pd_session='), String(header));
    return cookie;
  };

  it('emails a single-use link that makes the patient an account after their date of birth, and signs them in', async () => {
    const patient = await register({
      familyName: 'Quispe',
      givenNames: 'Rosa',
      birthDate: '1979-02-14',
      sex: 'female',
      email: 'Rosa.Quispe@example.test',
      preferredLanguage: 'es-PE',
    });
    const sent = await invite(patient.id);
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().state, 'pending');
    assert.equal(sent.json().email, 'rosa.quispe@example.test');
    assert.equal(sent.json().language, 'es');
    const email = await emailTo('rosa.quispe@example.test');
    assert.equal(email.patient_id, patient.id);
    assert.match(email.subject ?? '', /portal de pacientes/);
    // The address may not be the patient's alone: the email names the clinic and no patient.
    assert.doesNotMatch(`${email.subject} ${email.body}`, /Rosa|Quispe|1979/);

    const link = await describeLink(email.token);
    assert.equal(link.statusCode, 200, link.body);
    assert.deepEqual(
      { state: link.json().state, email: link.json().email, existing: link.json().existingAccount },
      { state: 'open', email: 'r•••@example.test', existing: false },
    );
    assert.doesNotMatch(link.body, /Rosa|Quispe|1979/);

    const wrongDate = await accept(email.token, '1979-02-15', 'a long enough password');
    assert.equal(wrongDate.statusCode, 422, wrongDate.body);
    assert.equal(wrongDate.json().code, 'BIRTH_DATE_MISMATCH');
    assert.deepEqual(
      wrongDate.json().errors.map((error: { path: string }) => error.path),
      ['body.birthDate'],
    );
    const weak = await accept(email.token, '1979-02-14', 'short');
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().code, 'PASSWORD_WEAK');

    const accepted = await accept(email.token, '1979-02-14', 'a long enough password');
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().user.role, 'patient');
    assert.deepEqual(accepted.json().patientScope, [patient.id]);
    const portal = cookieOf(accepted);
    const session = await t.request({ method: 'GET', url: '/api/auth/session', headers: { cookie: portal } });
    assert.equal(session.statusCode, 200, session.body);
    assert.equal(session.json().user.patientId, patient.id);
    // The new account signs in like any other.
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: {
        organization: t.organization.slug,
        email: 'rosa.quispe@example.test',
        password: 'a long enough password',
      },
    });
    assert.equal(login.statusCode, 200, login.body);

    const again = await accept(email.token, '1979-02-14', 'a long enough password');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'INVITATION_CLOSED');
    assert.equal((await describeLink(email.token)).json().state, 'accepted');
    const after = await access(patient.id);
    assert.equal(after.account.email, 'rosa.quispe@example.test');
    assert.equal(after.invitations[0].state, 'accepted');
    // A patient with an account needs no invitation; a portal account cannot send one.
    assert.equal((await invite(patient.id)).json().code, 'PORTAL_ACCOUNT_EXISTS');
    assert.equal((await invite(patient.id, {}, portal)).statusCode, 403);

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'reason'])
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', patient.id)
      .where('resource_type', '=', 'PortalInvitation')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((event) => `${event.action} ${event.outcome} ${event.reason ?? ''}`.trim()),
      [
        'create success',
        'read success invitation link opened',
        'update denied wrong date of birth',
        'update success invitation accepted',
        'read success invitation link opened',
        'read success',
      ],
    );
  });

  it('closes an invitation after five wrong dates of birth, and a new one replaces the one before', async () => {
    const patient = await register({
      familyName: 'Lindqvist',
      givenNames: 'Erik',
      birthDate: '1990-07-01',
      sex: 'male',
      email: 'erik@example.test',
    });
    assert.equal((await invite(patient.id)).statusCode, 201);
    const first = await emailTo('erik@example.test');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      assert.equal(
        (await accept(first.token, '1990-01-07', 'a long enough password')).json().code,
        'BIRTH_DATE_MISMATCH',
      );
    }
    const fifth = await accept(first.token, '1990-01-07', 'a long enough password');
    assert.equal(fifth.statusCode, 409);
    assert.equal(fifth.json().code, 'INVITATION_CLOSED');
    // Even the right answer no longer opens it.
    assert.equal(
      (await accept(first.token, '1990-07-01', 'a long enough password')).json().code,
      'INVITATION_CLOSED',
    );
    assert.equal((await describeLink(first.token)).json().state, 'revoked');
    assert.equal((await access(patient.id)).invitations[0].revokedReason, 'too-many-tries');

    const second = await invite(patient.id, { email: 'erik.l@example.test', language: 'en' });
    assert.equal(second.statusCode, 201, second.body);
    const third = await invite(patient.id, { email: 'erik.l@example.test' });
    const replaced = (await access(patient.id)).invitations;
    assert.deepEqual(
      replaced.map((invitation: { state: string; revokedReason: string | null }) => [
        invitation.state,
        invitation.revokedReason,
      ]),
      [
        ['pending', null],
        ['revoked', 'replaced'],
        ['revoked', 'too-many-tries'],
      ],
    );
    // Withdrawn: the link stops working at once.
    const withdrawn = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/portal-invitations/${third.json().id}/revoke`,
      cookie: desk,
    });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().revokedReason, 'withdrawn');
    const latest = await emailTo('erik.l@example.test');
    assert.equal((await describeLink(latest.token)).json().state, 'revoked');
    assert.equal((await accept(latest.token, '1990-07-01', 'a long enough password')).statusCode, 409);
  });

  it('lets a link expire after seven days, and needs an address', async () => {
    const patient = await register({
      familyName: 'Nakamura',
      givenNames: 'Aiko',
      birthDate: '1985-03-03',
      sex: 'female',
    });
    const none = await invite(patient.id);
    assert.equal(none.statusCode, 422);
    assert.equal(none.json().code, 'NO_EMAIL');
    assert.deepEqual(
      none.json().errors.map((error: { path: string }) => error.path),
      ['body.email'],
    );
    assert.equal((await invite(patient.id, { email: 'aiko@example.test' })).statusCode, 201);
    const email = await emailTo('aiko@example.test');
    clock.advance(7 * 86_400_000 + 1000);
    try {
      assert.equal((await describeLink(email.token)).json().state, 'expired');
      assert.equal(
        (await accept(email.token, '1985-03-03', 'a long enough password')).json().code,
        'INVITATION_CLOSED',
      );
      // A week on, the desk has signed in again.
      const later = await t.login('front_desk');
      assert.equal((await access(patient.id, later)).invitations[0].state, 'expired');
    } finally {
      clock.advance(-(7 * 86_400_000 + 1000));
    }
    assert.equal((await describeLink('not-a-token-of-ours-at-all')).statusCode, 404);
  });

  it('makes a proxy an account that acts for the patient, and adds a second patient to an existing account', async () => {
    const child = await register({
      familyName: 'Mensah',
      givenNames: 'Kofi',
      birthDate: '2016-09-09',
      sex: 'male',
    });
    const sibling = await register({
      familyName: 'Mensah',
      givenNames: 'Esi',
      birthDate: '2019-01-20',
      sex: 'female',
    });
    const addProxy = async (patientId: string) => {
      const response = await t.request({
        method: 'POST',
        url: `/api/patients/${patientId}/proxies`,
        cookie: desk,
        payload: {
          name: 'Akua Mensah',
          relationship: 'parent',
          email: 'akua@example.test',
          permissions: ['appointments'],
        },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string }>();
    };
    const proxy = await addProxy(child.id);
    assert.equal((await invite(child.id, { proxyId: proxy.id })).statusCode, 201);
    const first = await emailTo('akua@example.test');
    assert.match(first.body, /someone who chose you/);
    assert.equal((await describeLink(first.token)).json().forProxy, true);
    // The patient's date of birth, which a parent knows.
    const accepted = await accept(first.token, '2016-09-09', 'a parent password here');
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json().patientScope, [child.id]);
    const proxies = (
      await t.request({ method: 'GET', url: `/api/patients/${child.id}/proxies`, cookie: desk })
    ).json();
    assert.equal(proxies.items[0].hasPortalAccount, true);
    assert.equal((await invite(child.id, { proxyId: proxy.id })).json().code, 'PORTAL_ACCOUNT_EXISTS');

    // The same parent for the sibling: the account exists, so its password adds the record to it.
    const second = await addProxy(sibling.id);
    assert.equal((await invite(sibling.id, { proxyId: second.id })).statusCode, 201);
    const next = await emailTo('akua@example.test');
    assert.equal((await describeLink(next.token)).json().existingAccount, true);
    const wrong = await accept(next.token, '2019-01-20', 'not the password');
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().code, 'WRONG_PASSWORD');
    const added = await accept(next.token, '2019-01-20', 'a parent password here');
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual([...added.json().patientScope].sort(), [child.id, sibling.id].sort());

    // An account with two-step sign-in does not open on a link and a password.
    const third = await register({
      familyName: 'Mensah',
      givenNames: 'Ato',
      birthDate: '2021-04-04',
      sex: 'male',
    });
    const thirdProxy = await addProxy(third.id);
    assert.equal((await invite(third.id, { proxyId: thirdProxy.id })).statusCode, 201);
    const guarded = await emailTo('akua@example.test');
    await t.database.db
      .updateTable('app_user')
      .set({ totp_enabled_at: clock.now() })
      .where('organization_id', '=', t.organization.id)
      .where('email', '=', 'akua@example.test')
      .execute();
    const twoStep = await accept(guarded.token, '2021-04-04', 'a parent password here');
    assert.equal(twoStep.statusCode, 409, twoStep.body);
    assert.equal(twoStep.json().code, 'TWO_STEP_ACCOUNT');
    assert.equal(twoStep.headers['set-cookie'], undefined);

    // A proxy whose authority ended before they used the link: it no longer applies.
    const ended = await t.request({
      method: 'POST',
      url: `/api/patients/${child.id}/proxies`,
      cookie: desk,
      payload: {
        name: 'Yaw Mensah',
        relationship: 'caregiver',
        email: 'yaw@example.test',
        permissions: ['appointments'],
      },
    });
    assert.equal((await invite(child.id, { proxyId: ended.json().id })).statusCode, 201);
    const late = await emailTo('yaw@example.test');
    await t.request({
      method: 'POST',
      url: `/api/patients/${child.id}/proxies/${ended.json().id}/end`,
      cookie: desk,
    });
    assert.equal((await describeLink(late.token)).json().state, 'revoked');
    assert.equal(
      (await accept(late.token, '2016-09-09', 'a caregiver password')).json().code,
      'INVITATION_CLOSED',
    );
  });

  it('refuses an email that belongs to staff or to another patient’s own account, when sent and when used', async () => {
    const patient = await register({
      familyName: 'Okafor',
      givenNames: 'Chidi',
      birthDate: '1970-12-12',
      sex: 'male',
    });
    for (const taken of [t.organization.users.front_desk.email, 'rosa.quispe@example.test']) {
      const refused = await invite(patient.id, { email: taken });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().code, 'EMAIL_BELONGS_TO_ANOTHER');
      assert.deepEqual(
        refused.json().errors.map((error: { path: string }) => error.path),
        ['body.email'],
      );
    }
    // An address that became a staff account after the invitation went out.
    assert.equal((await invite(patient.id, { email: 'chidi@example.test' })).statusCode, 201);
    const email = await emailTo('chidi@example.test');
    await createAccount(t.database.db, {
      organizationId: t.organization.id,
      email: 'chidi@example.test',
      displayName: 'Chidi at the desk',
      role: 'front_desk',
      password: 'a staff password here',
    });
    const used = await accept(email.token, '1970-12-12', 'whatever password');
    assert.equal(used.statusCode, 409);
    assert.equal(used.json().code, 'EMAIL_BELONGS_TO_ANOTHER');
  });
});
