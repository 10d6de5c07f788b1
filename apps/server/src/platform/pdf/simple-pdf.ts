/**
 * A small PDF writer for readable documents made of text: headings, paragraphs and key–value lines, wrapped and
 * paginated on US Letter. It writes PDF 1.4 with the standard Helvetica fonts (no embedding), so any reader opens
 * it; text outside Latin-1 is shown as "?".
 */

export type PdfBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'space' };

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 54;
const STYLE = {
  title: { font: 'F2', size: 16, leading: 22 },
  heading: { font: 'F2', size: 12, leading: 18 },
  paragraph: { font: 'F1', size: 10, leading: 14 },
  field: { font: 'F1', size: 10, leading: 14 },
} as const;

/** Helvetica's average advance is about half its size; wrap a little short of the margin to stay inside it. */
function wrap(text: string, size: number, indent = 0): string[] {
  const maxChars = Math.floor((PAGE_WIDTH - 2 * MARGIN - indent) / (size * 0.52));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > maxChars) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word.length > maxChars ? word.slice(0, maxChars) : word;
    }
    lines.push(line);
  }
  return lines;
}

// WinAnsiEncoding puts these common characters in 0x80–0x9F, where Latin-1 has control codes.
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '…': 0x85,
};

function pdfString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 63;
    const mapped = WIN_ANSI[char];
    const latin1 = mapped !== undefined ? String.fromCharCode(mapped) : code <= 0xff ? char : '?';
    out += latin1 === '(' || latin1 === ')' || latin1 === '\\' ? `\\${latin1}` : latin1;
  }
  return `(${out})`;
}

type Line = { font: string; size: number; x: number; text: string; leading: number };

function layout(blocks: readonly PdfBlock[]): Line[][] {
  const pages: Line[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  const place = (line: Line) => {
    if (y - line.leading < MARGIN) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= line.leading;
    (pages.at(-1) as Line[]).push({ ...line, leading: y });
  };
  for (const block of blocks) {
    if (block.kind === 'space') {
      y -= 8;
      continue;
    }
    if (block.kind === 'field') {
      const style = STYLE.field;
      const [first = '', ...rest] = wrap(block.value, style.size, 150);
      place({ font: 'F2', size: style.size, x: MARGIN, text: block.label, leading: style.leading });
      y += style.leading;
      place({ font: style.font, size: style.size, x: MARGIN + 150, text: first, leading: style.leading });
      for (const line of rest)
        place({ font: style.font, size: style.size, x: MARGIN + 150, text: line, leading: style.leading });
      continue;
    }
    const style = STYLE[block.kind];
    for (const line of wrap(block.text, style.size)) {
      place({ font: style.font, size: style.size, x: MARGIN, text: line, leading: style.leading });
    }
  }
  return pages;
}

/** The PDF file for these blocks, with a page number on every page. */
export function renderPdf(blocks: readonly PdfBlock[], footer: string): Buffer {
  const pages = layout(blocks);
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObject = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  pages.forEach((lines, index) => {
    const text = [
      ...lines.map(
        (line) =>
          `BT /${line.font} ${line.size} Tf ${line.x} ${line.leading} Td ${pdfString(line.text)} Tj ET`,
      ),
      `BT /F1 8 Tf ${MARGIN} 30 Td ${pdfString(`${footer} — page ${index + 1} of ${pages.length}`)} Tj ET`,
    ].join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
          `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
