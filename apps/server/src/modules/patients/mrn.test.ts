import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMrn, isValidMrn } from './mrn';
import { isValidNpi, npiWithCheckDigit } from '../directory';

describe('MRN', () => {
  it('has seven digits and a Luhn check digit', () => {
    // 1000000: the leading 1 sits in a doubled position (2), so the check digit is (10 - 2) % 10 = 8.
    assert.equal(formatMrn(1000000), '10000008');
    assert.equal(formatMrn(1234567), '12345674');
    assert.equal(isValidMrn('12345674'), true);
    assert.equal(isValidMrn('1234567'), false);
  });

  it('catches a single mistyped digit and a swap of neighbours', () => {
    const mrn = formatMrn(1234567);
    const typo = `${mrn.slice(0, 3)}${(Number(mrn[3]) + 1) % 10}${mrn.slice(4)}`;
    const swap = `${mrn[1]}${mrn[0]}${mrn.slice(2)}`;
    assert.equal(isValidMrn(typo), false);
    assert.equal(isValidMrn(swap), false);
  });
});

describe('NPI', () => {
  it('validates the CMS check digit with the 80840 prefix', () => {
    assert.equal(isValidNpi('1234567893'), true); // CMS's published example
    assert.equal(isValidNpi('1234567890'), false);
    assert.equal(isValidNpi('3234567893'), false);
    assert.equal(npiWithCheckDigit('123456789'), '1234567893');
  });
});
