import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestOrganization,
  startTestDesk,
  type TestDesk,
  type TestOrganization,
} from '../../../test/harness';

const FULL = {
  familyName: 'Nakamura-Reyes',
  givenNames: 'Sofía Elena',
  preferredName: 'Sofi',
  birthDate: '1988-04-17',
  sex: 'female',
  genderIdentity: 'non-binary',
  pronouns: 'they/them',
  phone: '(917) 555-0148',
  phoneType: 'mobile',
  smsConsent: true,
  otherPhones: [{ number: '212-555-0199', type: 'work' }],
  email: 'Sofi.NR@Example.org',
  addresses: [
    { line1: '41 Orchard St', line2: 'Apt 3B', city: 'New York', state: 'NY', postalCode: '10002' },
  ],
  preferredLanguage: 'es',
  interpreterNeeded: true,
  accessibilityNeeds: ['wheelchair', 'hearing'],
  accessibilityNote: 'Uses a power chair; prefers written notes.',
  emergencyContacts: [{ name: 'Kenji Nakamura', relationship: 'spouse', phone: '+1 646 555 0172' }],
  identifiers: [{ system: 'urn:example:hudson-ehr', value: 'H-99120' }],
};

describe('patients: the full record, its versions, and who sees which fields', () => {
  let t: TestDesk;
  let frontDesk: string;
  let billing: string;
  let clinician: string;
  let other: TestOrganization;
  before(async () => {
    t = await startTestDesk();
    frontDesk = await t.login('front_desk');
    billing = await t.login('billing');
    clinician = await t.login('clinician');
    other = await createTestOrganization(t.database);
  });
  after(() => t.close());

  const register = async (payload: Record<string, unknown> = FULL) => {
    const response = await t.request({ method: 'POST', url: '/api/patients', cookie: frontDesk, payload });
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  };
  const patch = (id: string, payload: Record<string, unknown>, ifMatch?: string, cookie = frontDesk) =>
    t.request({
      method: 'PATCH',
      url: `/api/patients/${id}`,
      cookie,
      payload,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });
  const read = (id: string, cookie = frontDesk) =>
    t.request({ method: 'GET', url: `/api/patients/${id}`, cookie });

  it('registers every demographic field, normalizing phones to E.164, and keeps sex and gender identity apart', async () => {
    const patient = await register({
      ...FULL,
      identifiers: [{ system: 'urn:example:hudson-ehr', value: 'H-10001' }],
    });
    assert.equal(patient.phone, '+19175550148');
    assert.equal(patient.email, 'sofi.nr@example.org');
    assert.deepEqual(patient.otherPhones, [{ number: '+12125550199', type: 'work' }]);
    assert.deepEqual(patient.emergencyContacts, [
      { name: 'Kenji Nakamura', relationship: 'spouse', phone: '+16465550172' },
    ]);
    assert.equal(patient.sex, 'female');
    assert.equal(patient.genderIdentity, 'non-binary');
    assert.equal(patient.pronouns, 'they/them');
    assert.deepEqual(patient.addresses, [
      {
        use: 'home',
        line1: '41 Orchard St',
        line2: 'Apt 3B',
        city: 'New York',
        state: 'NY',
        postalCode: '10002',
        country: 'US',
      },
    ]);
    assert.equal(patient.preferredLanguage, 'es');
    assert.equal(patient.interpreterNeeded, true);
    assert.deepEqual(patient.accessibilityNeeds, ['wheelchair', 'hearing']);
    assert.deepEqual(patient.identifiers, [{ system: 'urn:example:hudson-ehr', value: 'H-10001' }]);
    const again = (await read(patient.id)).json();
    assert.deepEqual(again, patient);

    const history = (
      await t.request({ method: 'GET', url: `/api/patients/${patient.id}/history`, cookie: frontDesk })
    ).json();
    assert.equal(history.items.length, 1);
    assert.equal(history.items[0].version, 1);
    assert.deepEqual(history.items[0].changedBy, { name: 'Test front_desk', role: 'front_desk' });
    const fields = history.items[0].changes.map((change: { field: string }) => change.field);
    assert.ok(fields.includes('genderIdentity') && fields.includes('identifiers'), fields.join());
  });

  it('changes a record with If-Match, keeps each version with who changed what from which value, and audits field names only', async () => {
    const patient = await register({ familyName: 'Brennan', givenNames: 'Aoife', birthDate: '1971-09-03' });
    const changed = await patch(
      patient.id,
      { phone: '718 555 0123', preferredName: 'Eef', addresses: FULL.addresses },
      'W/"1"',
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.headers.etag, 'W/"2"');
    assert.equal(changed.json().phone, '+17185550123');
    assert.equal(changed.json().version, 2);
    // Found under the new preferred name at once.
    const found = await t.request({ method: 'GET', url: '/api/patients?q=brennan eef', cookie: frontDesk });
    assert.deepEqual(
      found.json().items.map((item: { id: string }) => item.id),
      [patient.id],
    );

    const cleared = await patch(patient.id, { preferredName: null }, '"2"');
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().preferredName, null);

    const history = (
      await t.request({ method: 'GET', url: `/api/patients/${patient.id}/history`, cookie: frontDesk })
    ).json();
    assert.deepEqual(
      history.items.map((item: { version: number }) => item.version),
      [3, 2, 1],
    );
    assert.deepEqual(history.items[0].changes, [{ field: 'preferredName', from: 'Eef', to: null }]);
    const second = history.items[1].changes;
    assert.deepEqual(second.map((change: { field: string }) => change.field).sort(), [
      'addresses',
      'phone',
      'preferredName',
    ]);
    assert.deepEqual(
      second.find((change: { field: string }) => change.field === 'phone'),
      { field: 'phone', from: null, to: '+17185550123' },
    );

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', patient.id)
      .where('action', '=', 'update')
      .orderBy('id')
      .execute();
    assert.equal(audit.length, 2);
    assert.deepEqual(audit[1]?.details, { version: 3, fields: ['preferredName'] });
    assert.doesNotMatch(JSON.stringify(audit), /5550123|Orchard/, 'no values in the audit details');
  });

  it('drops consent to texts when the phone number changes (consent is for a number)', async () => {
    const patient = await register({
      familyName: 'Lindgren',
      givenNames: 'Maja',
      birthDate: '1992-10-10',
      phone: '917 555 0190',
      smsConsent: true,
    });
    const preferences = async () =>
      (
        await t.request({
          method: 'GET',
          url: `/api/patients/${patient.id}/communication-preferences`,
          cookie: frontDesk,
        })
      ).json();
    assert.equal((await preferences()).smsConsent, true);
    assert.equal((await patch(patient.id, { pronouns: 'she/her' }, '"1"')).statusCode, 200);
    assert.equal((await preferences()).smsConsent, true, 'other changes keep it');
    assert.equal((await patch(patient.id, { phone: '917 555 0191' }, '"2"')).statusCode, 200);
    assert.equal((await preferences()).smsConsent, false);
  });

  it('answers 412 to a stale If-Match and 428 to none, and changes nothing', async () => {
    const patient = await register({ familyName: 'Adeyemi', givenNames: 'Tunde', birthDate: '1990-01-01' });
    assert.equal((await patch(patient.id, { pronouns: 'he/him' }, 'W/"1"')).statusCode, 200);
    const stale = await patch(patient.id, { pronouns: 'they/them' }, 'W/"1"');
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().code, 'VERSION_MISMATCH');
    const missing = await patch(patient.id, { pronouns: 'they/them' });
    assert.equal(missing.statusCode, 428);
    const now = (await read(patient.id)).json();
    assert.equal(now.pronouns, 'he/him');
    assert.equal(now.version, 2);
  });

  it('refuses bad input field by field and changes nothing', async () => {
    const patient = await register({ familyName: 'Whitfield', givenNames: 'June', birthDate: '1955-05-05' });
    const cases: [Record<string, unknown>, number, string, string[]][] = [
      [{ birthDate: '1990-02-30' }, 400, 'VALIDATION_FAILED', ['body.birthDate']],
      [{ birthDate: '2999-01-01' }, 400, 'BIRTH_DATE_OUT_OF_RANGE', ['body.birthDate']],
      [{ phone: '(012) 555-0142' }, 400, 'PHONE_INVALID', ['body.phone']],
      [
        { otherPhones: [{ number: '555-0000', type: 'home' }], birthDate: '2999-01-01' },
        400,
        'REGISTRATION_INVALID',
        ['body.birthDate', 'body.otherPhones.0.number'],
      ],
      [{ pronouns: '<script>x</script>' }, 400, 'VALIDATION_FAILED', ['body.pronouns']],
      [{ accessibilityNeeds: ['telepathy'] }, 400, 'VALIDATION_FAILED', ['body.accessibilityNeeds.0']],
      [{ genderIdentity: 'unknown-value' }, 400, 'VALIDATION_FAILED', ['body.genderIdentity']],
      [
        { addresses: [{ line1: '1 Main', city: 'X', state: 'NY', postalCode: '!!' }] },
        400,
        'VALIDATION_FAILED',
        ['body.addresses.0.postalCode'],
      ],
      [{ preferredLanguage: 'Spanish please' }, 400, 'VALIDATION_FAILED', ['body.preferredLanguage']],
      [{ mrn: '12345678' }, 400, 'VALIDATION_FAILED', ['body', 'body.mrn']],
      [{}, 400, 'VALIDATION_FAILED', ['body']],
    ];
    for (const [payload, status, code, paths] of cases) {
      const response = await patch(patient.id, payload, 'W/"1"');
      assert.equal(response.statusCode, status, JSON.stringify(payload));
      const problem = response.json();
      assert.equal(problem.code, code, JSON.stringify(payload));
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.deepEqual(
        problem.errors.map((error: { path: string }) => error.path).sort(),
        paths,
        JSON.stringify(payload),
      );
    }
    assert.equal((await read(patient.id)).json().version, 1);
  });

  it('keeps markup in free text as text', async () => {
    const patient = await register({
      familyName: "O'Brien",
      givenNames: 'Liam',
      birthDate: '1984-03-03',
      emergencyContacts: [
        { name: 'Róisín "Rosie" O\'Brien & co', relationship: 'sister', phone: '6465550100' },
      ],
    });
    assert.equal(patient.emergencyContacts[0].name, 'Róisín "Rosie" O\'Brien & co');
  });

  it('refuses an identifier another patient holds (a likely duplicate) with 409', async () => {
    const first = await register({
      familyName: 'Kowalski',
      givenNames: 'Marta',
      birthDate: '1966-06-06',
      identifiers: [{ system: 'urn:example:payer', value: 'M-555' }],
    });
    const second = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: frontDesk,
      payload: {
        familyName: 'Kowalska',
        givenNames: 'Marta',
        birthDate: '1966-06-06',
        identifiers: [{ system: 'urn:example:payer', value: 'M-555' }],
      },
    });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'IDENTIFIER_IN_USE');
    const third = await register({ familyName: 'Nowak', givenNames: 'Piotr', birthDate: '1960-01-02' });
    const taken = await patch(
      third.id,
      { identifiers: [{ system: 'urn:example:payer', value: 'M-555' }] },
      '"1"',
    );
    assert.equal(taken.statusCode, 409);
    assert.equal((await read(third.id)).json().identifiers.length, 0);
    assert.equal((await read(first.id)).json().identifiers.length, 1);
  });

  it('shows each role only the fields its work needs (minimum necessary), in the record and its history', async () => {
    const patient = await register({
      ...FULL,
      identifiers: [{ system: 'urn:example:hudson-ehr', value: 'H-20002' }],
    });
    await patch(patient.id, { genderIdentity: 'declined', phone: '9175550149' }, '"1"');
    const asBilling = (await read(patient.id, billing)).json();
    for (const hidden of ['genderIdentity', 'accessibilityNeeds', 'accessibilityNote', 'emergencyContacts']) {
      assert.equal(hidden in asBilling, false, `billing must not see ${hidden}`);
    }
    assert.equal(asBilling.phone, '+19175550149');
    assert.deepEqual(asBilling.identifiers, [{ system: 'urn:example:hudson-ehr', value: 'H-20002' }]);
    assert.equal(asBilling.pronouns, 'they/them');
    const billingHistory = (
      await t.request({ method: 'GET', url: `/api/patients/${patient.id}/history`, cookie: billing })
    ).json();
    assert.deepEqual(
      billingHistory.items[0].changes.map((change: { field: string }) => change.field),
      ['phone'],
    );
    assert.doesNotMatch(JSON.stringify(billingHistory), /non-binary|declined|wheelchair|Kenji/);

    const asClinician = (await read(patient.id, clinician)).json();
    assert.equal(asClinician.genderIdentity, 'declined');
    assert.deepEqual(asClinician.accessibilityNeeds, ['wheelchair', 'hearing']);
    // Billing reads but may not change a record.
    assert.equal((await patch(patient.id, { pronouns: 'she/her' }, '"2"', billing)).statusCode, 403);
  });

  it('names proxies with what they may do and until when, and ends them', async () => {
    const child = await register({ familyName: 'Osei', givenNames: 'Ama', birthDate: '2015-08-08' });
    const url = `/api/patients/${child.id}/proxies`;
    const added = await t.request({
      method: 'POST',
      url,
      cookie: frontDesk,
      payload: {
        name: 'Abena Osei',
        relationship: 'parent',
        phone: '(347) 555-0111',
        permissions: ['appointments', 'records', 'billing'],
        validUntil: '2033-08-08',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const proxy = added.json();
    assert.equal(proxy.phone, '+13475550111');
    assert.equal(proxy.active, true);
    const bad = await t.request({
      method: 'POST',
      url,
      cookie: frontDesk,
      payload: { name: 'X', relationship: 'neighbour', permissions: [], validUntil: '2001-01-01' },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
      ['body.permissions', 'body.relationship'],
    );
    const ended = await t.request({ method: 'POST', url: `${url}/${proxy.id}/end`, cookie: frontDesk });
    assert.equal(ended.statusCode, 200);
    assert.equal(ended.json().active, false);
    const list = (await t.request({ method: 'GET', url, cookie: frontDesk })).json();
    assert.deepEqual(
      list.items.map((item: { id: string; active: boolean }) => [item.id, item.active]),
      [[proxy.id, false]],
    );
  });

  it("answers 404, never data, for another organization's patient on every record route", async () => {
    const patient = await register({ familyName: 'Ferreira', givenNames: 'Luís', birthDate: '1979-12-12' });
    const foreign = await t.login('front_desk', other);
    for (const [method, url, payload] of [
      ['GET', `/api/patients/${patient.id}`, undefined],
      ['PATCH', `/api/patients/${patient.id}`, { pronouns: 'he/him' }],
      ['GET', `/api/patients/${patient.id}/history`, undefined],
      ['GET', `/api/patients/${patient.id}/proxies`, undefined],
      [
        'POST',
        `/api/patients/${patient.id}/proxies`,
        { name: 'A B', relationship: 'parent', permissions: ['forms'] },
      ],
    ] as const) {
      const response = await t.request({
        method,
        url,
        cookie: foreign,
        payload,
        headers: method === 'PATCH' ? { 'if-match': '"1"' } : {},
      });
      assert.equal(response.statusCode, 404, `${method} ${url}`);
      assert.doesNotMatch(response.body, /Ferreira/);
    }
    assert.equal((await read(patient.id)).json().version, 1);
  });
});
