import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestOrganization, startTestDesk, type TestDesk } from '../../../test/harness';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF synthetic card image'),
]);

describe('documents on the record', () => {
  let t: TestDesk;
  let desk: string;
  let patientId: string;
  before(async () => {
    t = await startTestDesk({ config: { documentMaxBytes: 4096 } });
    desk = await t.login('front_desk');
    const created = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: desk,
      payload: { familyName: 'Carded', givenNames: 'Casey', birthDate: '1975-05-05' },
    });
    patientId = created.json().id;
  });
  after(() => t.close());

  const upload = (url: string, body: Buffer, contentType: string, cookie = desk) =>
    t.request({ method: 'POST', url, cookie, headers: { 'content-type': contentType }, payload: body });
  const documentRows = async () =>
    (
      await t.database.db
        .selectFrom('document')
        .select('id')
        .where('organization_id', '=', t.organization.id)
        .execute()
    ).length;

  it('stores an upload with the type read from its bytes, lists it, and serves it back, audited', async () => {
    const response = await upload(
      `/api/patients/${patientId}/documents?kind=referral`,
      PDF,
      'application/octet-stream',
    );
    assert.equal(response.statusCode, 201, response.body);
    const document = response.json();
    assert.equal(document.contentType, 'application/pdf');
    assert.equal(document.title, 'Referral');
    assert.equal(document.sizeBytes, PDF.length);
    const list = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/documents`,
      cookie: desk,
    });
    assert.deepEqual(
      list.json().items.map((item: { id: string }) => item.id),
      [document.id],
    );
    const download = await t.request({
      method: 'GET',
      url: `/api/documents/${document.id}/content`,
      cookie: desk,
    });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-disposition'], 'attachment; filename="referral.pdf"');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(download.rawPayload, PDF);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('organization_id', '=', t.organization.id)
      .where('resource_id', '=', document.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((row) => row.action),
      ['create', 'export'],
    );
  });

  it('refuses disguised, empty, oversized and mislabelled uploads, and stores nothing', async () => {
    const before = await documentRows();
    const html = await upload(
      `/api/patients/${patientId}/documents?kind=insurance-card-front`,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'image/png',
    );
    assert.equal(html.statusCode, 415);
    assert.equal(html.json().code, 'DOCUMENT_TYPE_NOT_ALLOWED');
    const empty = await upload(
      `/api/patients/${patientId}/documents?kind=other`,
      Buffer.alloc(0),
      'application/pdf',
    );
    assert.equal(empty.statusCode, 400);
    const big = await upload(
      `/api/patients/${patientId}/documents?kind=other`,
      Buffer.concat([PDF, Buffer.alloc(5000)]),
      'application/pdf',
    );
    assert.equal(big.statusCode, 413);
    const text = await upload(
      `/api/patients/${patientId}/documents?kind=other`,
      Buffer.from('hello'),
      'text/plain',
    );
    assert.equal(text.statusCode, 415);
    const badKind = await upload(`/api/patients/${patientId}/documents?kind=selfie`, PDF, 'application/pdf');
    assert.equal(badKind.statusCode, 400);
    const markup = await upload(
      `/api/patients/${patientId}/documents?kind=other&title=${encodeURIComponent('<b>x</b>')}`,
      PDF,
      'application/pdf',
    );
    assert.equal(markup.statusCode, 400);
    assert.equal(await documentRows(), before);
  });

  it('keeps documents within the organization', async () => {
    const document = (
      await upload(`/api/patients/${patientId}/documents?kind=consent`, PDF, 'application/pdf')
    ).json();
    const other = await createTestOrganization(t.database);
    const otherDesk = await t.login('front_desk', other);
    assert.equal(
      (await t.request({ method: 'GET', url: `/api/documents/${document.id}/content`, cookie: otherDesk }))
        .statusCode,
      404,
    );
    assert.equal(
      (await t.request({ method: 'GET', url: `/api/patients/${patientId}/documents`, cookie: otherDesk }))
        .statusCode,
      404,
    );
    assert.equal(
      (await upload(`/api/patients/${patientId}/documents?kind=other`, PDF, 'application/pdf', otherDesk))
        .statusCode,
      404,
    );
  });

  it('lets a patient upload their own ID and insurance card images from the portal, and nothing else', async () => {
    const portal = await t.login('patient');
    const own = t.organization.portalPatientId;
    const card = await upload(
      `/api/portal/patients/${own}/documents?kind=insurance-card-front`,
      JPEG,
      'image/jpeg',
      portal,
    );
    assert.equal(card.statusCode, 201, card.body);
    assert.equal(card.json().uploadedVia, 'portal');
    const consent = await upload(
      `/api/portal/patients/${own}/documents?kind=consent`,
      PDF,
      'application/pdf',
      portal,
    );
    assert.equal(consent.statusCode, 403);
    const someoneElse = await upload(
      `/api/portal/patients/${patientId}/documents?kind=other`,
      PDF,
      'application/pdf',
      portal,
    );
    assert.equal(someoneElse.statusCode, 404);
    const mine = await t.request({
      method: 'GET',
      url: `/api/portal/documents/${card.json().id}/content`,
      cookie: portal,
    });
    assert.deepEqual(mine.rawPayload, JPEG);
    const deskDocument = (
      await t.request({ method: 'GET', url: `/api/patients/${patientId}/documents`, cookie: desk })
    ).json().items[0];
    const notMine = await t.request({
      method: 'GET',
      url: `/api/portal/documents/${deskDocument.id}/content`,
      cookie: portal,
    });
    assert.equal(notMine.statusCode, 404);
    const staffRoute = await t.request({
      method: 'GET',
      url: `/api/documents/${card.json().id}/content`,
      cookie: portal,
    });
    assert.equal(staffRoute.statusCode, 403);
  });

  it('voids a document (kept, marked, with the reason) once', async () => {
    const document = (
      await upload(`/api/patients/${patientId}/documents?kind=other`, PDF, 'application/pdf')
    ).json();
    const voided = await t.request({
      method: 'POST',
      url: `/api/documents/${document.id}/void`,
      cookie: desk,
      payload: { reason: 'Wrong patient' },
    });
    assert.equal(voided.statusCode, 200);
    assert.equal(voided.json().voided, true);
    assert.equal(voided.json().voidReason, 'Wrong patient');
    const again = await t.request({
      method: 'POST',
      url: `/api/documents/${document.id}/void`,
      cookie: desk,
      payload: { reason: 'Again' },
    });
    assert.equal(again.statusCode, 409);
    const list = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/documents`,
      cookie: desk,
    });
    assert.ok(
      list
        .json()
        .items.some((item: { id: string; voided: boolean }) => item.id === document.id && item.voided),
    );
  });

  it('does not serve a stored copy that no longer matches its checksum', async () => {
    const document = (
      await upload(`/api/patients/${patientId}/documents?kind=other`, PDF, 'application/pdf')
    ).json();
    const storage = t.desk.config.storage;
    assert.equal(storage.kind, 'local');
    if (storage.kind !== 'local') return;
    fs.writeFileSync(
      path.join(storage.directory, t.organization.id, document.id),
      Buffer.from('%PDF-1.7 tampered'),
    );
    const response = await t.request({
      method: 'GET',
      url: `/api/documents/${document.id}/content`,
      cookie: desk,
    });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().code, 'DOCUMENT_DAMAGED');
  });
});
