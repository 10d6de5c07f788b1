import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { localStorage } from './local-storage';
import { s3Storage } from './s3-storage';
import { signRequest } from './sigv4';
import { storageKey } from './storage';

const ORG = '01a2208c-0000-7000-8000-000000000001';
const DOC = '01a2208c-0000-7000-8000-000000000002';

describe('local storage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-storage-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores and returns bytes under opaque keys, and leaves no partial files', async () => {
    const storage = localStorage(root);
    const bytes = Buffer.from('%PDF-1.7 synthetic');
    await storage.put(storageKey(ORG, DOC), bytes, 'application/pdf');
    assert.deepEqual(await storage.get(storageKey(ORG, DOC)), bytes);
    assert.deepEqual(fs.readdirSync(path.join(root, ORG)), [DOC]);
    assert.equal(fs.statSync(path.join(root, ORG, DOC)).mode & 0o777, 0o600);
  });

  it('refuses keys that could leave its folder', async () => {
    const storage = localStorage(root);
    await assert.rejects(storage.get('../../etc/passwd'), /Invalid storage key/);
    await assert.rejects(
      storage.put(`${ORG}/../${DOC}`, Buffer.from('x'), 'text/plain'),
      /Invalid storage key/,
    );
  });
});

/**
 * An S3-compatible endpoint for the test: it recomputes each request's SigV4 signature with the shared secret and
 * refuses a mismatch, as a real store does, and keeps objects in memory.
 */
describe('S3-compatible storage', () => {
  const objects = new Map<string, Buffer>();
  const secret = 'test-secret-access-key';
  let server: http.Server;
  let endpoint: string;
  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
        const date = request.headers['x-amz-date'] as string;
        const at = new Date(
          `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
        );
        const signedNames =
          /SignedHeaders=([^,]+)/.exec(request.headers.authorization ?? '')?.[1]?.split(';') ?? [];
        const headers = Object.fromEntries(
          signedNames
            .filter((name) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name))
            .map((name) => [name, String(request.headers[name])]),
        );
        const expected = signRequest(
          { method: request.method ?? 'GET', url, headers, body },
          { accessKeyId: 'TESTKEY', secretAccessKey: secret, region: 'us-east-1', service: 's3' },
          at,
        );
        if (expected.authorization !== request.headers.authorization) {
          response.writeHead(403).end('SignatureDoesNotMatch');
          return;
        }
        if (request.method === 'PUT') {
          objects.set(url.pathname, body);
          response.writeHead(200).end();
        } else {
          const object = objects.get(url.pathname);
          if (object) response.writeHead(200).end(object);
          else response.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('puts and gets objects path-style in its bucket, signed', async () => {
    const storage = s3Storage({
      endpoint,
      bucket: 'documents',
      region: 'us-east-1',
      accessKeyId: 'TESTKEY',
      secretAccessKey: secret,
    });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await storage.put(storageKey(ORG, DOC), bytes, 'image/png');
    assert.equal(
      createHash('sha256')
        .update(objects.get(`/documents/${ORG}/${DOC}`) ?? '')
        .digest('hex'),
      createHash('sha256').update(bytes).digest('hex'),
    );
    assert.deepEqual(await storage.get(storageKey(ORG, DOC)), bytes);
  });

  it('fails loudly with the wrong secret', async () => {
    const storage = s3Storage({
      endpoint,
      bucket: 'documents',
      region: 'us-east-1',
      accessKeyId: 'TESTKEY',
      secretAccessKey: 'wrong',
    });
    await assert.rejects(storage.put(storageKey(ORG, DOC), Buffer.from('x'), 'image/png'), /answered 403/);
  });
});
