import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPdf } from './simple-pdf';

describe('simple PDF writer', () => {
  it('writes a well-formed PDF whose cross-reference table points at each object', () => {
    const pdf = renderPdf(
      [
        { kind: 'title', text: 'Your health record' },
        { kind: 'field', label: 'Name', value: 'José (Pepe) O\\Brien' },
        { kind: 'paragraph', text: 'Plain text.' },
      ],
      'PatientDesk',
    );
    const text = pdf.toString('latin1');
    assert.ok(text.startsWith('%PDF-1.4\n'));
    assert.ok(text.endsWith('%%EOF\n'));
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    assert.equal(text.slice(startxref, startxref + 4), 'xref');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) =>
      Number(match[1]),
    );
    entries.forEach((offset, index) =>
      assert.ok(text.slice(offset).startsWith(`${index + 1} 0 obj`), `object ${index + 1}`),
    );
    assert.match(text, /\(Jos\xe9 \\\(Pepe\\\) O\\\\Brien\) Tj/);
    assert.match(text, /page 1 of 1/);
  });

  it('wraps long text and starts new pages', () => {
    const blocks = Array.from({ length: 120 }, (_, index) => ({
      kind: 'paragraph' as const,
      text: `Line ${index} ${'word '.repeat(40)}`,
    }));
    const text = renderPdf(blocks, 'PatientDesk').toString('latin1');
    const pages = Number(/\/Count (\d+)/.exec(text)?.[1]);
    assert.ok(pages >= 5, `${pages} pages`);
    assert.match(text, new RegExp(`page ${pages} of ${pages}`));
    assert.match(text, /\(Line 119 word/);
  });
});
