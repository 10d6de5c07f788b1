import { commonError } from './errors';

/** An opaque paging cursor for a keyset position. */
export function encodeCursor(position: number | string | readonly (number | string)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; a tampered or foreign cursor is a 400 naming the field. */
export function decodeCursor(cursor: string, shape: 'number'): number;
export function decodeCursor(cursor: string, shape: 'string'): string;
export function decodeCursor(cursor: string, shape: 'tuple'): (number | string)[];
export function decodeCursor(cursor: string, shape: 'number' | 'string' | 'tuple'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const ok =
    (shape === 'number' && typeof value === 'number' && Number.isSafeInteger(value)) ||
    (shape === 'string' && typeof value === 'string' && value.length < 200) ||
    (shape === 'tuple' &&
      Array.isArray(value) &&
      value.length <= 4 &&
      value.every((part) => typeof part === 'string' || typeof part === 'number'));
  if (!ok) {
    throw commonError('VALIDATION_FAILED', 'The cursor is not valid. Start again from the first page.', {
      fields: [{ path: 'query.cursor', message: 'Not a cursor this list gave out' }],
    });
  }
  return value;
}
