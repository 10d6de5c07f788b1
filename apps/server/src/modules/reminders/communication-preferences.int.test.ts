import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestDesk, type TestDesk } from '../../../test/harness';

describe('reminders: communication preferences', () => {
  let t: TestDesk;
  let desk: string;
  let withPhone: string;
  let withEmail: string;
  before(async () => {
    t = await startTestDesk();
    desk = await t.login('front_desk');
    const register = async (contact: Record<string, string>) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/patients',
        cookie: desk,
        payload: { familyName: 'Prefers', givenNames: 'Pat', birthDate: '1975-07-07', ...contact },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().id as string;
    };
    withPhone = await register({ phone: '(646) 555-0142' });
    withEmail = await register({ email: 'Prefers@Example.org' });
  });
  after(() => t.close());

  const url = (id: string) => `/api/patients/${id}/communication-preferences`;
  const valid = {
    preferredLanguage: 'es',
    preferredChannel: 'sms',
    smsConsent: true,
    emailConsent: false,
    quietHoursStart: '20:30',
    quietHoursEnd: '07:45',
    messageDetail: 'full',
  };
  const put = (id: string, payload: unknown, ifMatch?: string, cookie = desk) =>
    t.request({
      method: 'PUT',
      url: url(id),
      cookie,
      headers: ifMatch ? { 'if-match': ifMatch } : {},
      payload: payload as Record<string, unknown>,
    });

  it('starts from the defaults: English, SMS when there is a phone (else email), no consent, 21:00–08:00', async () => {
    const response = await t.request({ method: 'GET', url: url(withPhone), cookie: desk });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, 'W/"1"');
    assert.deepEqual(response.json(), {
      patientId: withPhone,
      preferredLanguage: 'en',
      preferredChannel: 'sms',
      preferredChannelChosen: false,
      smsConsent: false,
      emailConsent: false,
      quietHoursStart: '21:00',
      quietHoursEnd: '08:00',
      messageDetail: 'minimal',
      hasPhone: true,
      hasEmail: false,
      version: 1,
    });
    const emailOnly = await t.request({ method: 'GET', url: url(withEmail), cookie: desk });
    assert.equal(emailOnly.json().preferredChannel, 'email');
  });

  it('names every invalid field', async () => {
    const response = await put(
      withPhone,
      {
        preferredLanguage: 'French',
        preferredChannel: 'fax',
        smsConsent: 'yes',
        quietHoursStart: '25:00',
        quietHoursEnd: '8am',
        messageDetail: 'everything',
        shoeSize: 9,
      },
      'W/"1"',
    );
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      [...new Set(response.json().errors.map((error: { path: string }) => error.path))].sort(),
      [
        'body.emailConsent',
        'body.messageDetail',
        'body.preferredChannel',
        'body.preferredLanguage',
        'body.quietHoursEnd',
        'body.quietHoursStart',
        'body.shoeSize',
        'body.smsConsent',
      ],
    );
    const sameTimes = await put(withPhone, { ...valid, quietHoursEnd: '20:30' }, 'W/"1"');
    assert.equal(sameTimes.statusCode, 400);
    assert.deepEqual(
      sameTimes.json().errors.map((error: { path: string }) => error.path),
      ['body.quietHoursEnd'],
    );
  });

  it('refuses a channel or consent the contact details cannot carry, field by field', async () => {
    const response = await put(
      withPhone,
      { ...valid, preferredChannel: 'email', emailConsent: true },
      'W/"1"',
    );
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().code, 'PREFERENCES_INVALID');
    assert.deepEqual(
      response.json().errors.map((error: { path: string }) => error.path),
      ['body.preferredChannel', 'body.emailConsent'],
    );
    const noPhone = await put(withEmail, valid, 'W/"1"');
    assert.equal(noPhone.statusCode, 422);
    assert.deepEqual(
      noPhone.json().errors.map((error: { path: string }) => error.path),
      ['body.preferredChannel', 'body.smsConsent'],
    );
  });

  it('saves at the version the desk saw, audits which fields changed, and leaves the record’s version alone', async () => {
    assert.equal((await put(withPhone, valid)).statusCode, 428);
    const saved = await put(withPhone, valid, 'W/"1"');
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.headers.etag, 'W/"2"');
    assert.deepEqual(saved.json(), {
      patientId: withPhone,
      preferredLanguage: 'es',
      preferredChannel: 'sms',
      preferredChannelChosen: true,
      smsConsent: true,
      emailConsent: false,
      quietHoursStart: '20:30',
      quietHoursEnd: '07:45',
      messageDetail: 'full',
      hasPhone: true,
      hasEmail: false,
      version: 2,
    });
    const stale = await put(withPhone, { ...valid, messageDetail: 'minimal' }, 'W/"1"');
    assert.equal(stale.statusCode, 412);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', withPhone)
      .where('action', '=', 'update')
      .execute();
    assert.deepEqual(audit, [
      {
        action: 'update',
        details: {
          part: 'communication-preferences',
          fields: [
            'preferredLanguage',
            'preferredChannel',
            'smsConsent',
            'quietHoursStart',
            'quietHoursEnd',
            'messageDetail',
          ],
        },
      },
    ]);
    const record = await t.request({ method: 'GET', url: `/api/patients/${withPhone}`, cookie: desk });
    assert.equal(record.json().version, 1);
  });

  it('lets billing read but not change them, and knows no patient outside the organization', async () => {
    const billing = await t.login('billing');
    assert.equal((await t.request({ method: 'GET', url: url(withPhone), cookie: billing })).statusCode, 200);
    assert.equal((await put(withPhone, valid, 'W/"2"', billing)).statusCode, 403);
    const missing = await t.request({ method: 'GET', url: url(randomUUID()), cookie: desk });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'PATIENT_NOT_FOUND');
  });
});
