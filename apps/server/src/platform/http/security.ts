import type { FastifyReply, FastifyRequest } from 'fastify';
import { commonError } from './errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses unsafe requests sent by a browser from another site (CSRF). Browsers label cross-site requests with
 * Sec-Fetch-Site and Origin; clients that are not browsers (the CLI, other systems) send neither.
 */
export function checkSameOrigin(request: FastifyRequest, publicOrigin: string | null): void {
  if (!UNSAFE.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw commonError('CROSS_SITE_REQUEST', 'This request came from another site and was refused.');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw commonError('CROSS_SITE_REQUEST', 'This request came from another site and was refused.');
    }
    const allowed = publicOrigin ? new URL(publicOrigin).host : (request.headers.host ?? '');
    if (withoutDefaultPort(originHost) !== withoutDefaultPort(allowed)) {
      throw commonError('CROSS_SITE_REQUEST', 'This request came from another site and was refused.');
    }
  } else if (origin === 'null') {
    throw commonError('CROSS_SITE_REQUEST', 'This request came from another site and was refused.');
  }
}

// Browsers leave the default port out of Origin; a Host header may carry it.
function withoutDefaultPort(host: string): string {
  return host.toLowerCase().replace(/:(80|443)$/, '');
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers every response carries; API answers are never cached (they hold patient data). */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
  if (request.url.startsWith('/api/docs')) return;
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  if (request.url.startsWith('/api/') || request.url.startsWith('/fhir/')) {
    reply.header('cache-control', 'no-store');
  }
}
