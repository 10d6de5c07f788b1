/**
 * A fresh key for one attempt at a booking. Retrying the same attempt (after a timeout, say) sends the same key,
 * so the server books it once; a new attempt gets a new key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only on secure origins; a clinic's plain-http intranet address still needs a key.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
