import { luhnCheckDigit } from '../../platform/luhn';

/**
 * True for a well-formed NPI: ten digits, first 1 or 2, and a Luhn check digit computed over the nine-digit
 * prefix with "80840" in front (CMS NPI check digit rule).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  return luhnCheckDigit(`80840${npi.slice(0, 9)}`) === Number(npi[9]);
}

/** Completes a nine-digit NPI prefix with its check digit. */
export function npiWithCheckDigit(prefix: string): string {
  return `${prefix}${luhnCheckDigit(`80840${prefix}`)}`;
}
