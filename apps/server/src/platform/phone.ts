/**
 * Normalizes a phone number to E.164. Numbers without a country code are read as North American (NANP): ten
 * digits, area code and exchange not starting with 0 or 1. Returns null for anything that cannot be a phone number.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed.replace(/\s*(?:x|ext\.?)\s*\d+$/i, ''))) return null;
  const withoutExtension = trimmed.replace(/\s*(?:x|ext\.?)\s*\d+$/i, '');
  const digits = withoutExtension.replace(/\D/g, '');
  if (withoutExtension.startsWith('+')) {
    if (digits.startsWith('1')) return isNanp(digits.slice(1)) ? `+${digits}` : null;
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null;
  }
  if (digits.length === 11 && digits.startsWith('1')) return isNanp(digits.slice(1)) ? `+${digits}` : null;
  if (digits.length === 10) return isNanp(digits) ? `+1${digits}` : null;
  return null;
}

function isNanp(tenDigits: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(tenDigits);
}

/** A phone number as people read it: (555) 201-0134 for NANP, E.164 otherwise. */
export function formatPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}
