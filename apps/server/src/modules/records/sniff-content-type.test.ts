import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffContentType } from './sniff-content-type';

describe('document type sniffing', () => {
  it('recognizes PDF, JPEG, PNG and HEIC by their first bytes', () => {
    assert.equal(sniffContentType(Buffer.from('%PDF-1.7\n...')), 'application/pdf');
    assert.equal(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
    assert.equal(
      sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
      'image/png',
    );
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(8)]);
    assert.equal(sniffContentType(heic), 'image/heic');
  });

  it('refuses disguised and unknown files', () => {
    assert.equal(sniffContentType(Buffer.from('<html><script>alert(1)</script>')), null);
    assert.equal(sniffContentType(Buffer.from('MZ\x90\x00 program')), null);
    assert.equal(
      sniffContentType(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42')])),
      null,
    );
    assert.equal(sniffContentType(Buffer.alloc(0)), null);
    assert.equal(sniffContentType(Buffer.from(' %PDF-1.7')), null);
  });
});
