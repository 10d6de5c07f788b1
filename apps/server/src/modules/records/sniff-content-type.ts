export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * What a file is, read from its first bytes — never from its name or the type the uploader claimed. Null for
 * anything that is not a PDF, JPEG, PNG or HEIC image (an HTML page or a program named "card.png", say).
 */
export function sniffContentType(bytes: Buffer): DocumentContentType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    if (HEIF_BRANDS.has(bytes.subarray(8, 12).toString('latin1'))) return 'image/heic';
  }
  return null;
}

export function extensionOf(contentType: DocumentContentType): string {
  switch (contentType) {
    case 'application/pdf':
      return 'pdf';
    case 'image/jpeg':
      return 'jpg';
    case 'image/png':
      return 'png';
    case 'image/heic':
      return 'heic';
    default:
      return 'bin';
  }
}
