/**
 * Where document bytes live. Keys are opaque and never hold patient data (an organization id and a random id);
 * what a key stands for is in the database. Writes are whole objects; nothing is ever updated in place.
 */
export type BlobStorage = {
  name: 'local' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
};

/** A key for a new object of an organization: no names, no dates of birth, nothing a leaked listing could reveal. */
export function storageKey(organizationId: string, id: string): string {
  return `${organizationId}/${id}`;
}
