import type { BlobStorage } from './storage';
import { signRequest, type SigningCredentials } from './sigv4';

export type S3Settings = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/** An S3-compatible object store (AWS S3, MinIO, Ceph, …), path-style, signed with SigV4. */
export function s3Storage(settings: S3Settings, now: () => Date = () => new Date()): BlobStorage {
  const credentials: SigningCredentials = {
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: 's3',
  };
  const urlOf = (key: string) =>
    new URL(
      `${settings.endpoint.replace(/\/$/, '')}/${settings.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
    );
  const send = async (method: 'GET' | 'PUT', key: string, body: Buffer, headers: Record<string, string>) => {
    const url = urlOf(key);
    const signed = signRequest({ method, url, headers, body }, credentials, now());
    const { host: _host, ...sendHeaders } = signed;
    const response = await fetch(url, {
      method,
      headers: sendHeaders,
      ...(method === 'PUT' ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`Object store answered ${response.status} to ${method}`);
    return response;
  };
  return {
    name: 's3',
    async put(key, bytes, contentType) {
      await send('PUT', key, bytes, { 'content-type': contentType });
    },
    async get(key) {
      const response = await send('GET', key, Buffer.alloc(0), {});
      return Buffer.from(await response.arrayBuffer());
    },
  };
}
