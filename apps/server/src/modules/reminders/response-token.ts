import { createHash } from 'node:crypto';
import { randomToken } from '../../platform/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A new answer-link token: `<organization id>.<256 random bits>`. The organization id says where to look (every
 * key includes it); the random part is the authority. Only its SHA-256 is stored, so the table cannot answer.
 */
export function newResponseToken(organizationId: string): { token: string; hash: string } {
  const token = `${organizationId}.${randomToken(32)}`;
  return { token, hash: hashResponseToken(token) };
}

export function hashResponseToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The organization and hash of a token as the link carried it; null when it cannot be one of ours. */
export function readResponseToken(token: string): { organizationId: string; hash: string } | null {
  const [organizationId, secret, ...rest] = token.split('.');
  if (!organizationId || !secret || rest.length > 0 || !UUID.test(organizationId) || secret.length < 40) {
    return null;
  }
  return { organizationId, hash: hashResponseToken(token) };
}

/** The portal page that opens a link; the token rides in the fragment, which browsers never send to a server. */
export function responseLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/portal/appointment-response#token=${token}`;
}
