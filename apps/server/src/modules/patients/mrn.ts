import { luhnCheckDigit } from '../../platform/luhn';

/**
 * A medical record number: seven digits from the sequence and a Luhn check digit, so a mistyped MRN at the desk is
 * caught instead of opening someone else's record.
 */
export function formatMrn(sequenceValue: number): string {
  const body = String(sequenceValue).padStart(7, '0');
  return `${body}${luhnCheckDigit(body)}`;
}

export function isValidMrn(value: string): boolean {
  return /^\d{8}$/.test(value) && luhnCheckDigit(value.slice(0, 7)) === Number(value[7]);
}
