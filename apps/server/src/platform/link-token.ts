import { createHash, randomBytes } from 'node:crypto';

const ORGANIZATION_BYTES = 16;
const SECRET_BYTES = 16;

/**
 * A single-use link's token (a waitlist offer, a portal invitation): the organization's id (16 bytes, so the
 * lookup stays within one organization's rows) and 128 random bits, as 43 URL-safe characters — short enough for a
 * text message. Only its SHA-256 is stored, so a copy of the database cannot use a link; the row's state makes it
 * single-use.
 */
export function newLinkToken(organizationId: string): { token: string; hash: string } {
  const organization = Buffer.from(organizationId.replace(/-/g, ''), 'hex');
  const token = Buffer.concat([organization, randomBytes(SECRET_BYTES)]).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The organization a token belongs to and its hash; null for anything that is not a token we make. */
export function readLinkToken(token: string): { organizationId: string; hash: string } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== ORGANIZATION_BYTES + SECRET_BYTES) return null;
  const hex = bytes.subarray(0, ORGANIZATION_BYTES).toString('hex');
  const organizationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { organizationId, hash: hashLinkToken(token) };
}
