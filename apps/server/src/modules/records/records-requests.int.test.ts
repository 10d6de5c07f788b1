import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { startTestDesk, type TestDesk } from '../../../test/harness';

const clock = manualClock(new Date('2026-11-28T15:00:00Z'));
const DAY = 86_400_000;

describe('records requests: access, accounting, release, and the access log', () => {
  let t: TestDesk;
  let desk: string;
  let portal: string;
  let patientId: string;
  before(async () => {
    t = await startTestDesk({ clock, settings: { displayName: 'Test Clinic', accountingFeeCents: 2500 } });
    desk = await t.login('front_desk');
    portal = await t.login('patient');
    patientId = t.organization.portalPatientId;
  });
  after(() => t.close());

  const deskPost = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url, cookie: desk, payload, headers });
  const portalRequest = (request: Record<string, unknown>, id = patientId) =>
    t.request({
      method: 'POST',
      url: '/api/portal/records-requests',
      cookie: portal,
      payload: { patientId: id, request },
    });
  const fulfil = (request: { id: string; version: number }) =>
    deskPost(`/api/records-requests/${request.id}/fulfil`, {}, { 'if-match': `W/"${request.version}"` });

  it('gives a patient their record within the 30-day clock, as FHIR and as a readable PDF', async () => {
    const requested = await portalRequest({ kind: 'access' });
    assert.equal(requested.statusCode, 201, requested.body);
    const request = requested.json();
    assert.equal(new Date(request.dueAt).getTime(), clock.now().getTime() + 30 * DAY);
    assert.equal(request.requestedVia, 'portal');
    const work = await t.request({
      method: 'GET',
      url: `/api/work-items?patientId=${patientId}`,
      cookie: desk,
    });
    const item = work.json().items.find((entry: { kind: string }) => entry.kind === 'records-request');
    assert.equal(new Date(item.dueAt).getTime(), new Date(request.dueAt).getTime());

    const fulfilled = await fulfil(request);
    assert.equal(fulfilled.statusCode, 200, fulfilled.body);
    assert.equal(fulfilled.json().status, 'fulfilled');
    const files = fulfilled.json().files as { id: string; contentType: string }[];
    assert.deepEqual(files.map((file) => file.contentType).sort(), [
      'application/fhir+json',
      'application/pdf',
    ]);

    const mine = await t.request({ method: 'GET', url: '/api/portal/records-requests', cookie: portal });
    assert.equal(mine.json().items[0].status, 'fulfilled');
    const fhirFile = files.find((file) => file.contentType === 'application/fhir+json');
    const fhir = await t.request({
      method: 'GET',
      url: `/api/portal/documents/${fhirFile?.id}/content`,
      cookie: portal,
    });
    const bundle = JSON.parse(fhir.body);
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    const patientResource = bundle.entry.find(
      (entry: { resource: { resourceType: string } }) => entry.resource.resourceType === 'Patient',
    ).resource;
    assert.equal(patientResource.id, patientId);
    assert.equal(patientResource.birthDate, '1990-01-01');
    const pdfFile = files.find((file) => file.contentType === 'application/pdf');
    const pdf = await t.request({
      method: 'GET',
      url: `/api/portal/documents/${pdfFile?.id}/content`,
      cookie: portal,
    });
    assert.ok(pdf.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.match(pdf.rawPayload.toString('latin1'), /\(Your health record\)/);
    const closed = await t.request({
      method: 'GET',
      url: `/api/work-items?patientId=${patientId}&status=done`,
      cookie: desk,
    });
    assert.ok(closed.json().items.some((entry: { kind: string }) => entry.kind === 'records-request'));
    const again = await fulfil(fulfilled.json());
    assert.equal(again.statusCode, 409);
  });

  it('accounts for six years of disclosures, leaving out authorized ones, free once a year', async () => {
    const disclose = (disclosedAt: Date, recipientName: string, legalBasis: string) =>
      deskPost(`/api/patients/${patientId}/disclosures`, {
        disclosedAt: disclosedAt.toISOString(),
        recipientName,
        purpose: 'Reporting',
        description: 'Immunization history',
        legalBasis,
      });
    assert.equal(
      (
        await disclose(
          new Date(clock.now().getTime() - 40 * DAY),
          'County Health Department',
          'public-health',
        )
      ).statusCode,
      201,
    );
    assert.equal(
      (await disclose(new Date(clock.now().getTime() - 10 * DAY), 'Acme Life Insurance', 'authorization'))
        .statusCode,
      201,
    );
    assert.equal(
      (await disclose(new Date('2019-01-01T00:00:00Z'), 'Old Registry', 'required-by-law')).statusCode,
      201,
    );

    const first = (await portalRequest({ kind: 'accounting' })).json();
    assert.equal(first.feeCents, 0);
    assert.equal(new Date(first.dueAt).getTime(), clock.now().getTime() + 60 * DAY);
    const second = (await portalRequest({ kind: 'accounting' })).json();
    assert.equal(second.feeCents, 2500, 'the second in 12 months may carry a fee');

    const done = await fulfil(first);
    const file = done.json().files[0];
    const pdf = (
      await t.request({ method: 'GET', url: `/api/portal/documents/${file.id}/content`, cookie: portal })
    ).rawPayload.toString('latin1');
    assert.match(pdf, /County Health Department/);
    assert.doesNotMatch(pdf, /Acme Life Insurance/);
    assert.doesNotMatch(pdf, /Old Registry/);
    const list = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/disclosures`,
      cookie: desk,
    });
    assert.deepEqual(
      list
        .json()
        .items.map(
          (item: { recipientName: string; accountable: boolean }) =>
            `${item.recipientName}:${item.accountable}`,
        ),
      ['Acme Life Insurance:false', 'County Health Department:true'],
    );
  });

  it('extends a request once, with a reason, and denies with a written reason', async () => {
    const request = (await portalRequest({ kind: 'access', format: 'pdf' })).json();
    const noReason = await deskPost(
      `/api/records-requests/${request.id}/extend`,
      { reason: '' },
      { 'if-match': `W/"${request.version}"` },
    );
    assert.equal(noReason.statusCode, 400);
    const extended = await deskPost(
      `/api/records-requests/${request.id}/extend`,
      { reason: 'Records are in off-site storage' },
      { 'if-match': `W/"${request.version}"` },
    );
    assert.equal(extended.statusCode, 200, extended.body);
    assert.equal(new Date(extended.json().dueAt).getTime(), new Date(request.dueAt).getTime() + 30 * DAY);
    const twice = await deskPost(
      `/api/records-requests/${request.id}/extend`,
      { reason: 'More time' },
      { 'if-match': `W/"${extended.json().version}"` },
    );
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'ALREADY_EXTENDED');
    const denied = await deskPost(
      `/api/records-requests/${request.id}/deny`,
      { reason: 'Psychotherapy notes are excluded (164.524(a)(1)(i)).' },
      { 'if-match': `W/"${extended.json().version}"` },
    );
    assert.equal(denied.json().status, 'denied');
    assert.match(denied.json().decisionNote, /Psychotherapy/);
  });

  it('releases to a third party only with the patient’s authorization on file, and records the disclosure', async () => {
    const noAuthorization = await deskPost(`/api/patients/${patientId}/records-requests`, {
      kind: 'release',
      recipientName: 'Dr. Elsewhere',
      authorizationDocumentId: '01a2208c-0000-7000-8000-00000000abcd',
      scope: 'Visit history',
    });
    assert.equal(noAuthorization.statusCode, 422);
    const authorization = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/documents?kind=authorization`,
      cookie: desk,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4 signed authorization'),
    });
    const release = await deskPost(`/api/patients/${patientId}/records-requests`, {
      kind: 'release',
      recipientName: 'Dr. Elsewhere',
      recipientAddress: '1 Example Road',
      authorizationDocumentId: authorization.json().id,
      scope: 'Visit history',
    });
    assert.equal(release.statusCode, 201, release.body);
    const done = await fulfil(release.json());
    assert.equal(done.json().status, 'fulfilled');
    const disclosures = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/disclosures`,
      cookie: desk,
    });
    assert.ok(
      disclosures
        .json()
        .items.some(
          (item: { recipientName: string; legalBasis: string; accountable: boolean }) =>
            item.recipientName === 'Dr. Elsewhere' &&
            item.legalBasis === 'authorization' &&
            !item.accountable,
        ),
    );
    const portalRelease = await portalRequest({
      kind: 'release',
      recipientName: 'x',
      authorizationDocumentId: authorization.json().id,
      scope: 'x',
    });
    assert.equal(portalRelease.statusCode, 403);
  });

  it('shows a patient who at the clinic looked at their record, by name and role, and no one else’s requests', async () => {
    await t.request({ method: 'GET', url: `/api/patients/${patientId}`, cookie: desk });
    await t.request({ method: 'GET', url: `/api/portal/patients/${patientId}`, cookie: portal });
    const log = await t.request({
      method: 'GET',
      url: `/api/portal/patients/${patientId}/access-log?limit=100`,
      cookie: portal,
    });
    assert.equal(log.statusCode, 200);
    const entries = log.json().items as { who: string; role: string; what: string }[];
    assert.ok(
      entries.some(
        (entry) =>
          entry.who === 'Test front_desk' &&
          entry.role === 'Front desk' &&
          entry.what === 'Looked at patient',
      ),
    );
    assert.ok(entries.every((entry) => entry.role !== 'Patient'));
    assert.doesNotMatch(log.body, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no internal ids');
    const created = await deskPost('/api/patients', {
      familyName: 'Other',
      givenNames: 'Person',
      birthDate: '1970-01-01',
    });
    const theirs = await t.request({
      method: 'GET',
      url: `/api/portal/patients/${created.json().id}/access-log`,
      cookie: portal,
    });
    assert.equal(theirs.statusCode, 404);
    const forThem = await portalRequest({ kind: 'access' }, created.json().id);
    assert.equal(forThem.statusCode, 404);
  });
});
