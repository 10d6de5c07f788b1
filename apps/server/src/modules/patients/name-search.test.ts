import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMrn } from './mrn';
import { nameSearchColumns, normalizeName, parsePatientQuery } from './name-search';

const today = new Date('2026-11-28T12:00:00Z');

describe('patient search terms', () => {
  it('normalizes accents, case, hyphens and apostrophes', () => {
    assert.equal(normalizeName("José O'Neil-Smith"), 'jose o neil smith');
    assert.deepEqual(nameSearchColumns('García-López', 'María', 'Mari'), {
      name_search: ' garcia lopez maria mari',
      family_search: 'garcia lopez',
      given_search: 'maria',
    });
  });

  it('reads names in either order, with commas', () => {
    assert.deepEqual(parsePatientQuery('Smith, John', today).nameTokens, ['smith', 'john']);
    assert.deepEqual(parsePatientQuery('  zoë  ', today).nameTokens, ['zoe']);
  });

  it('reads dates of birth in the forms people type', () => {
    assert.equal(parsePatientQuery('1980-04-02', today).birthDate, '1980-04-02');
    assert.equal(parsePatientQuery('4/2/1980', today).birthDate, '1980-04-02');
    assert.equal(parsePatientQuery('04/02/80', today).birthDate, '1980-04-02');
    assert.equal(parsePatientQuery('04/02/19', today).birthDate, '2019-04-02');
    const mixed = parsePatientQuery('rivera 6/14/1988', today);
    assert.deepEqual(mixed.nameTokens, ['rivera']);
    assert.equal(mixed.birthDate, '1988-06-14');
  });

  it('does not invent dates that do not exist', () => {
    assert.equal(parsePatientQuery('2/30/1980', today).birthDate, null);
  });

  it('reads MRNs, phones, last four digits and emails', () => {
    const mrn = formatMrn(1234567);
    assert.equal(parsePatientQuery(mrn, today).mrn, mrn);
    assert.equal(parsePatientQuery('(212) 555-0142', today).phone, '+12125550142');
    assert.equal(parsePatientQuery('2125550142', today).phone, '+12125550142');
    assert.equal(parsePatientQuery('rivera 0142', today).phoneSuffix, '0142');
    assert.equal(parsePatientQuery('Alex@Example.com', today).email, 'alex@example.com');
  });
});
