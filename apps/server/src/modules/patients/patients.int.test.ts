import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestOrganization,
  startTestDesk,
  type TestDesk,
  type TestOrganization,
} from '../../../test/harness';
import { isValidMrn } from './mrn';
import { correctNameTokens } from './patients.repository';

describe('patients: register, read, search', () => {
  let t: TestDesk;
  let frontDesk: string;
  let other: TestOrganization;
  before(async () => {
    t = await startTestDesk();
    frontDesk = await t.login('front_desk');
    other = await createTestOrganization(t.database);
  });
  after(() => t.close());

  const create = (payload: unknown, cookie = frontDesk) =>
    t.request({ method: 'POST', url: '/api/patients', cookie, payload: payload as Record<string, unknown> });
  /** The ids a desk search finds, in order. */
  const search = async (q: string) => {
    const response = await t.request({
      method: 'GET',
      url: `/api/patients?q=${encodeURIComponent(q)}`,
      cookie: frontDesk,
    });
    assert.equal(response.statusCode, 200, q);
    return response.json().items.map((item: { id: string }) => item.id) as string[];
  };

  it('registers a patient with a checked MRN, an E.164 phone, and an audit entry in the same transaction', async () => {
    const response = await create({
      familyName: 'Okafor',
      givenNames: 'Chiamaka',
      birthDate: '1979-02-11',
      sex: 'female',
      phone: '(312) 555-0199',
      email: 'Chiamaka.Okafor@Example.com',
    });
    assert.equal(response.statusCode, 201);
    const patient = response.json();
    assert.ok(isValidMrn(patient.mrn), patient.mrn);
    assert.equal(patient.phone, '+13125550199');
    assert.equal(patient.email, 'chiamaka.okafor@example.com');
    assert.equal(response.headers.location, `/api/patients/${patient.id}`);
    assert.equal(response.headers.etag, 'W/"1"');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'resource_type'])
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', patient.id)
      .execute();
    assert.deepEqual(audit, [
      { action: 'create', actor_id: t.organization.users.front_desk.id, resource_type: 'Patient' },
    ]);
  });

  it('reads a patient and audits the read; another organization cannot see it', async () => {
    const created = (
      await create({ familyName: 'Lindqvist', givenNames: 'Ingrid', birthDate: '1965-07-30' })
    ).json();
    const read = await t.request({ method: 'GET', url: `/api/patients/${created.id}`, cookie: frontDesk });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().familyName, 'Lindqvist');
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('organization_id', '=', t.organization.id)
      .where('patient_id', '=', created.id)
      .where('action', '=', 'read')
      .execute();
    assert.equal(reads.length, 1);

    const otherCookie = await t.login('front_desk', other);
    const foreign = await t.request({
      method: 'GET',
      url: `/api/patients/${created.id}`,
      cookie: otherCookie,
    });
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().code, 'PATIENT_NOT_FOUND');
    const search = await t.request({ method: 'GET', url: '/api/patients?q=Lindqvist', cookie: otherCookie });
    assert.deepEqual(search.json().items, []);
  });

  it('finds patients by name parts, date of birth, MRN, phone and email, tolerating accents and typos', async () => {
    const garcia = (
      await create({
        familyName: 'García-López',
        givenNames: 'María José',
        birthDate: '1983-10-05',
        phone: '212-555-0177',
        email: 'mjgl@example.com',
      })
    ).json();
    await create({ familyName: 'Garcia', givenNames: 'Marco', birthDate: '1990-01-20' });
    await create({ familyName: 'Marsh', givenNames: 'Mariah', birthDate: '1983-10-05' });

    assert.ok((await search('garcia maria')).includes(garcia.id));
    assert.deepEqual(await search('lopez jose'), [garcia.id]);
    assert.deepEqual(await search('García 10/05/1983'), [garcia.id]);
    // Both born that day; "mar" starts a name part of each (María, Marsh/Mariah), not of Marco (born 1990).
    assert.equal((await search('1983-10-05')).length, 2);
    assert.equal((await search('1983-10-05 mar')).length, 2);
    assert.deepEqual(await search('1983-10-05 jose'), [garcia.id]);
    assert.deepEqual(await search(garcia.mrn), [garcia.id]);
    assert.deepEqual(await search('(212) 555-0177'), [garcia.id]);
    assert.deepEqual(await search('garcia 0177'), [garcia.id]);
    assert.deepEqual(await search('MJGL@example.com'), [garcia.id]);
    assert.ok((await search('garcai-lopez')).includes(garcia.id), 'typo tolerated');
    assert.deepEqual(await search('zzzzqqq'), []);
  });

  it("finds the formal name from a nickname, and corrects a misspelt name against this organization's names", async () => {
    const robert = (
      await create({ familyName: 'Kowalczyk', givenNames: 'Robert Jan', birthDate: '1961-06-30' })
    ).json();
    const bobby = (
      await create({ familyName: 'Kowalczyk', givenNames: 'Bobby', birthDate: '1995-01-02' })
    ).json();
    const margaret = (
      await create({ familyName: 'Oyelaran', givenNames: 'Margaret', birthDate: '1948-12-01' })
    ).json();
    // Another organization's names are never offered as corrections.
    const elsewhere = await t.login('front_desk', other);
    await create({ familyName: 'Wisniewski', givenNames: 'Ewa', birthDate: '1970-05-05' }, elsewhere);

    // "Bob" is Robert and Bobby, in either order of the words; the exact match comes first.
    assert.deepEqual(await search('bobby kowalczyk'), [bobby.id, robert.id]);
    assert.deepEqual((await search('bob kowalczyk')).sort(), [bobby.id, robert.id].sort());
    assert.deepEqual((await search('kowalczyk rob')).sort(), [bobby.id, robert.id].sort());
    assert.deepEqual(await search('peggy oyelaran'), [margaret.id]);
    // A nickname alone is not a search of every Robert.
    assert.deepEqual(await search('bob'), [bobby.id]);
    // Misspelt: letters swapped, a letter wrong, with and without a correct second word.
    assert.deepEqual((await search('kowalcyzk')).sort(), [bobby.id, robert.id].sort());
    assert.deepEqual(await search('kowalcyzk robert'), [robert.id]);
    assert.deepEqual(await search('oyelaren'), [margaret.id]);
    assert.deepEqual(await search('wisniewsky'), []);
    // The corrections themselves: a known prefix and a short word stay; only this organization's words are offered.
    assert.deepEqual(
      await correctNameTokens(t.database.db, t.organization.id, ['kowalcyzk', 'kowal', 'ko', 'wisniewsky']),
      [['kowalczyk'], [], [], []],
    );

    // A new name is searchable, typos included, as soon as it is saved.
    const read = await t.request({ method: 'GET', url: `/api/patients/${margaret.id}`, cookie: frontDesk });
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/patients/${margaret.id}`,
      cookie: frontDesk,
      headers: { 'if-match': read.headers.etag as string },
      payload: { familyName: 'Abernathy-Quist' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual(await search('abernathy quisd'), [margaret.id]);
    assert.deepEqual(await correctNameTokens(t.database.db, t.organization.id, ['quisd']), [['quist']]);
  });

  it('audits every patient a search shows, in one event', async () => {
    const first = (
      await create({ familyName: 'Searchaudit', givenNames: 'Sam', birthDate: '2001-03-03' })
    ).json();
    const second = (
      await create({ familyName: 'Searchaudit', givenNames: 'Sue', birthDate: '2002-04-04' })
    ).json();
    await t.request({ method: 'GET', url: '/api/patients?q=searchaudit', cookie: frontDesk });
    const searches = await t.database.db
      .selectFrom('audit_event')
      .select(['patient_id', 'patient_ids'])
      .where('organization_id', '=', t.organization.id)
      .where('action', '=', 'search')
      .where('actor_id', '=', t.organization.users.front_desk.id)
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    assert.equal(searches[0]?.patient_id, null);
    assert.deepEqual([...(searches[0]?.patient_ids ?? [])].sort(), [first.id, second.id].sort());
    // A supervisor asking "who saw this patient" finds the search.
    const supervisor = await t.login('supervisor');
    const trail = await t.request({
      method: 'GET',
      url: `/api/audit-events?patientId=${first.id}`,
      cookie: supervisor,
    });
    assert.deepEqual(
      trail.json().items.map((item: { action: string }) => item.action),
      ['search', 'create'],
    );
  });

  it('lets a portal patient read only their own record', async () => {
    const patientCookie = await t.login('patient');
    const own = await t.request({
      method: 'GET',
      url: `/api/portal/patients/${t.organization.portalPatientId}`,
      cookie: patientCookie,
    });
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().familyName, 'Portal');
    const list = await t.request({ method: 'GET', url: '/api/portal/patients', cookie: patientCookie });
    assert.deepEqual(
      list.json().items.map((item: { id: string }) => item.id),
      [t.organization.portalPatientId],
    );
    // Another patient of the same organization, and the staff routes, are closed to a patient.
    const someoneElse = (
      await create({ familyName: 'Private', givenNames: 'Paula', birthDate: '1977-07-07' })
    ).json();
    const other = await t.request({
      method: 'GET',
      url: `/api/portal/patients/${someoneElse.id}`,
      cookie: patientCookie,
    });
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().code, 'PATIENT_NOT_FOUND');
    const staffRoute = await t.request({
      method: 'GET',
      url: `/api/patients/${someoneElse.id}`,
      cookie: patientCookie,
    });
    assert.equal(staffRoute.statusCode, 403);
    const search = await t.request({ method: 'GET', url: '/api/patients?q=private', cookie: patientCookie });
    assert.equal(search.statusCode, 403);
    // Staff cannot use the portal routes either.
    const staffOnPortal = await t.request({ method: 'GET', url: '/api/portal/patients', cookie: frontDesk });
    assert.equal(staffOnPortal.statusCode, 403);
  });
});

describe('patients: bad input changes nothing', () => {
  let t: TestDesk;
  let cookie: string;
  before(async () => {
    t = await startTestDesk({ config: { bodyLimitBytes: 4096 } });
    cookie = await t.login('front_desk');
  });
  after(() => t.close());

  const countPatients = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('patient')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organization_id', '=', t.organization.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const expectProblem = async (
    options: Parameters<TestDesk['request']>[0],
    status: number,
    code: string,
    fieldPath?: string,
  ) => {
    const before = await countPatients();
    const response = await t.request({ cookie, ...options });
    assert.equal(response.statusCode, status, response.body);
    assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    const body = response.json();
    assert.equal(body.code, code);
    assert.equal(body.status, status);
    assert.ok(body.traceId);
    assert.ok(!/at .*\.ts:\d+|select |insert /i.test(response.body), 'no stack or SQL in the response');
    if (fieldPath) {
      assert.ok(
        body.errors.some((error: { path: string }) => error.path === fieldPath),
        `expected an error at ${fieldPath}: ${JSON.stringify(body.errors)}`,
      );
    }
    assert.equal(await countPatients(), before);
  };

  const valid = { familyName: 'Valid', givenNames: 'Person', birthDate: '1990-01-01' };

  it('refuses February 30 and a future date of birth, field by field', async () => {
    await expectProblem(
      { method: 'POST', url: '/api/patients', payload: { ...valid, birthDate: '1990-02-30' } },
      400,
      'VALIDATION_FAILED',
      'body.birthDate',
    );
    await expectProblem(
      { method: 'POST', url: '/api/patients', payload: { ...valid, birthDate: '2999-01-01' } },
      400,
      'BIRTH_DATE_OUT_OF_RANGE',
      'body.birthDate',
    );
    await expectProblem(
      { method: 'POST', url: '/api/patients', payload: { ...valid, birthDate: '01/02/1990' } },
      400,
      'VALIDATION_FAILED',
      'body.birthDate',
    );
  });

  it('refuses impossible phone numbers and missing names', async () => {
    await expectProblem(
      { method: 'POST', url: '/api/patients', payload: { ...valid, phone: '(012) 555-0142' } },
      400,
      'PHONE_INVALID',
      'body.phone',
    );
    const response = await t.request({
      cookie,
      method: 'POST',
      url: '/api/patients',
      payload: { birthDate: '1990-01-01' },
    });
    const paths = response
      .json()
      .errors.map((error: { path: string }) => error.path)
      .sort();
    assert.deepEqual(paths, ['body.familyName', 'body.givenNames']);
  });

  it('refuses markup in names and unknown fields', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: '/api/patients',
        payload: { ...valid, familyName: '<script>alert(1)</script>' },
      },
      400,
      'VALIDATION_FAILED',
      'body.familyName',
    );
    await expectProblem(
      { method: 'POST', url: '/api/patients', payload: { ...valid, isAdmin: true } },
      400,
      'VALIDATION_FAILED',
      'body.isAdmin',
    );
  });

  it('refuses malformed JSON, the wrong content type and oversized bodies', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: '/api/patients',
        headers: { 'content-type': 'application/json' },
        payload: '{"familyName": "Broken",',
      },
      400,
      'MALFORMED_JSON',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/api/patients',
        headers: { 'content-type': 'text/plain' },
        payload: 'familyName=x',
      },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectProblem(
      { method: 'POST', url: '/api/patients', payload: { ...valid, preferredName: 'x'.repeat(5000) } },
      413,
      'PAYLOAD_TOO_LARGE',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/api/patients',
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__": {"isAdmin": true}, "familyName": "P"}',
      },
      400,
      'MALFORMED_JSON',
    );
  });

  it('refuses a malformed id and an id of nobody with 400 and 404', async () => {
    await expectProblem(
      { method: 'GET', url: '/api/patients/not-a-uuid' },
      400,
      'VALIDATION_FAILED',
      'path.id',
    );
    await expectProblem(
      { method: 'GET', url: '/api/patients/0195a4f0-0000-7000-8000-000000000000' },
      404,
      'PATIENT_NOT_FOUND',
    );
  });

  it('refuses search parameters outside the allow-list', async () => {
    await expectProblem(
      { method: 'GET', url: '/api/patients?q=smith&sort=name;drop table patient' },
      400,
      'VALIDATION_FAILED',
      'query.sort',
    );
    await expectProblem({ method: 'GET', url: '/api/patients?q=s' }, 400, 'VALIDATION_FAILED', 'query.q');
    await expectProblem(
      { method: 'GET', url: '/api/patients?q=smith&limit=100000' },
      400,
      'VALIDATION_FAILED',
      'query.limit',
    );
  });

  it('stores a quote-laden name as text and finds it again', async () => {
    const response = await t.request({
      cookie,
      method: 'POST',
      url: '/api/patients',
      payload: { ...valid, familyName: "O'Brien'); drop table patient; --" },
    });
    assert.equal(response.statusCode, 201);
    const read = await t.request({ cookie, method: 'GET', url: `/api/patients/${response.json().id}` });
    assert.equal(read.json().familyName, "O'Brien'); drop table patient; --");
  });
});
