import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDesk, type TestDesk } from '../../../test/harness';

describe('health, readiness and the API document', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  it('answers liveness and readiness with the database kind', async () => {
    const health = await t.request({ method: 'GET', url: '/api/health' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await t.request({ method: 'GET', url: '/api/ready' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().migrations, 'current');
    assert.equal(ready.json().databaseKind, process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('publishes an OpenAPI 3.1 document generated from the contracts', async () => {
    const response = await t.request({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.equal(document.openapi, '3.1.0');
    const createPatient = document.paths['/api/patients'].post;
    assert.ok(createPatient.requestBody.content['application/json'].schema.properties.familyName);
    assert.ok(document.paths['/api/work-items'].get);
    const docs = await t.request({ method: 'GET', url: '/api/docs' });
    assert.ok([200, 302].includes(docs.statusCode));
  });

  it('answers an unknown API path with problem+json 404 and a trace id', async () => {
    const response = await t.request({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    const body = response.json();
    assert.equal(body.status, 404);
    assert.ok(body.traceId);
  });
});
