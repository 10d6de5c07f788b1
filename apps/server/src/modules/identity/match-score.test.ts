import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIKELY_DUPLICATE, POSSIBLE_DUPLICATE, WEIGHTS, scoreRecords, type MatchInput } from './match-score';
import { areNicknames } from '../patients';
import { isAdjacentTransposition, jaroWinkler } from './string-similarity';

const maria: MatchInput = {
  familyName: 'García-López',
  givenNames: 'María Elena',
  birthDate: '1984-03-07',
  sex: 'female',
  phone: '+13125550101',
  email: 'maria.garcia@example.com',
  addresses: [{ line1: '1200 West Lake Street', city: 'Chicago', postalCode: '60607' }],
};

const reasonOf = (result: ReturnType<typeof scoreRecords>, field: string) =>
  result.reasons.find((reason) => reason.field === field);

describe('string similarity', () => {
  it('scores Jaro–Winkler as the record-linkage literature does', () => {
    assert.equal(jaroWinkler('martha', 'martha'), 1);
    assert.equal(Math.round(jaroWinkler('martha', 'marhta') * 1000), 961);
    assert.equal(Math.round(jaroWinkler('dixon', 'dicksonx') * 1000), 813);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('', 'abc'), 0);
  });

  it('recognizes two neighbouring digits swapped, and only that', () => {
    assert.equal(isAdjacentTransposition('19870307', '19780307'), true);
    assert.equal(isAdjacentTransposition('19870307', '19870307'), false);
    assert.equal(isAdjacentTransposition('19870307', '17890307'), false);
  });

  it('knows short forms of given names, both ways, and not unrelated names', () => {
    assert.equal(areNicknames('bob', 'robert'), true);
    assert.equal(areNicknames('robert', 'bob'), true);
    assert.equal(areNicknames('liz', 'elizabeth'), true);
    assert.equal(areNicknames('bill', 'william'), true);
    assert.equal(areNicknames('peggy', 'margaret'), true);
    assert.equal(areNicknames('pepe', 'jose'), true);
    assert.equal(areNicknames('bob', 'william'), false);
  });
});

describe('duplicate scoring', () => {
  it('scores the same record as a certain match, with every field exact', () => {
    const result = scoreRecords(maria, maria);
    assert.ok(result.score > 0.999, String(result.score));
    assert.deepEqual(
      result.reasons.map((reason) => `${reason.field}:${reason.kind}`),
      [
        'familyName:exact',
        'givenName:exact',
        'birthDate:exact',
        'sex:exact',
        'phone:exact',
        'email:exact',
        'address:exact',
      ],
    );
  });

  it('finds a twin registered with a typo, an accent dropped and a new phone', () => {
    const result = scoreRecords(maria, {
      ...maria,
      familyName: 'Garcia-Lopes',
      givenNames: 'Maria',
      phone: '+17735550199',
    });
    assert.ok(result.score >= LIKELY_DUPLICATE, JSON.stringify(result));
    assert.equal(reasonOf(result, 'familyName')?.kind, 'similar');
    assert.equal(reasonOf(result, 'givenName')?.kind, 'exact');
    assert.equal(reasonOf(result, 'phone')?.kind, 'different');
    assert.ok((reasonOf(result, 'phone')?.weight ?? 0) < 0);
  });

  it('reads nicknames, hyphenated names and swapped given and family names as the same name', () => {
    const robert: MatchInput = {
      familyName: 'Smith',
      givenNames: 'Robert',
      birthDate: '1950-11-02',
      phone: '+14155550123',
    };
    const bob = scoreRecords(robert, { ...robert, givenNames: 'Bob' });
    assert.equal(reasonOf(bob, 'givenName')?.detail, 'nickname');
    assert.ok(bob.score >= LIKELY_DUPLICATE);

    const part = scoreRecords(maria, { ...maria, familyName: 'Garcia' });
    assert.equal(reasonOf(part, 'familyName')?.detail, 'name-part');

    const nguyen: MatchInput = { familyName: 'Nguyen', givenNames: 'Thanh', birthDate: '1975-05-19' };
    const swapped = scoreRecords(nguyen, { ...nguyen, familyName: 'Thanh', givenNames: 'Nguyen' });
    assert.deepEqual(
      swapped.reasons.filter((reason) => reason.detail === 'swapped').map((reason) => reason.field),
      ['familyName', 'givenName'],
    );
  });

  it('tolerates a transposed day and month, swapped digits and one digit off in the date of birth', () => {
    const cases: [string, string][] = [
      ['1984-07-03', 'transposed-day-month'],
      ['1948-03-07', 'transposed-digits'],
      ['1984-03-08', 'one-digit'],
    ];
    for (const [birthDate, detail] of cases) {
      const result = scoreRecords(maria, { ...maria, birthDate });
      assert.equal(reasonOf(result, 'birthDate')?.kind, 'similar', birthDate);
      assert.equal(reasonOf(result, 'birthDate')?.detail, detail, birthDate);
      assert.ok(result.score >= LIKELY_DUPLICATE, `${birthDate}: ${result.score}`);
    }
    const far = scoreRecords(maria, { ...maria, birthDate: '1961-12-25' });
    assert.equal(reasonOf(far, 'birthDate')?.kind, 'different');
  });

  it('does not take a twin (same family, birth date, home and phone; another given name) for the same person', () => {
    const twin = scoreRecords(maria, { ...maria, givenNames: 'Lucía', email: 'lucia.garcia@example.com' });
    assert.equal(reasonOf(twin, 'givenName')?.kind, 'different');
    assert.ok(twin.score < LIKELY_DUPLICATE, String(twin.score));
    assert.ok(twin.score <= 0.6, 'at most possible, for a person to judge');
    const brother = scoreRecords(maria, { ...maria, givenNames: 'Mario', sex: 'male' });
    assert.equal(reasonOf(brother, 'givenName')?.kind, 'similar');
    assert.ok(brother.score <= 0.6, 'a different sex and a first name only like hers: at most possible');
  });

  it('does not take two people with a common name and birth date but nothing else in common for one', () => {
    const john: MatchInput = {
      familyName: 'Smith',
      givenNames: 'John',
      birthDate: '1970-01-01',
      phone: '+12125550001',
      email: 'jsmith@example.com',
      addresses: [{ line1: '1 Main St', postalCode: '10001' }],
    };
    const other = scoreRecords(john, {
      ...john,
      phone: '+13125550002',
      email: 'john.smith.70@example.com',
      addresses: [{ line1: '88 Oak Ave', postalCode: '60601' }],
    });
    assert.ok(other.score < LIKELY_DUPLICATE, String(other.score));
  });

  it('does not take a parent and child of the same name at one address for one person', () => {
    const senior: MatchInput = {
      familyName: 'Okafor',
      givenNames: 'Kwame',
      birthDate: '1961-04-10',
      phone: '+16175550100',
      addresses: [{ line1: '14 Elm Street', postalCode: '02139' }],
    };
    const junior = scoreRecords(senior, { ...senior, birthDate: '1992-08-23' });
    assert.ok(junior.score < POSSIBLE_DUPLICATE, String(junior.score));
    const rareJunior = scoreRecords(
      { ...senior, email: 'kwame.okafor@example.com' },
      { ...senior, birthDate: '1992-08-23', email: 'kwame.okafor@example.com' },
    );
    assert.ok(rareJunior.score <= 0.6, 'a birth date decades away keeps it a possible duplicate at most');
  });

  it('finds a married-name change when the rest of the record agrees', () => {
    const before: MatchInput = {
      familyName: 'Kowalski',
      givenNames: 'Anna',
      birthDate: '1990-06-15',
      phone: '+13475550177',
      email: 'anna.k@example.com',
      addresses: [{ line1: '5 Pine Road', postalCode: '11201' }],
    };
    const after = scoreRecords(before, { ...before, familyName: 'Nowak' });
    assert.equal(reasonOf(after, 'familyName')?.kind, 'different');
    assert.ok(after.score >= LIKELY_DUPLICATE, String(after.score));
  });

  it('lets a shared identifier outweigh much else, and adds nothing for a field missing on one side', () => {
    const withId = { ...maria, identifiers: [{ system: 'urn:payer:acme', value: 'W123-456' }] };
    const shared = scoreRecords(withId, {
      familyName: 'Lopez',
      givenNames: 'Elena',
      birthDate: '1984-03-07',
      identifiers: [{ system: 'URN:PAYER:ACME', value: 'w123456' }],
    });
    assert.equal(reasonOf(shared, 'identifier')?.kind, 'exact');
    assert.ok(shared.score >= LIKELY_DUPLICATE, String(shared.score));
    const sparse = scoreRecords(maria, { familyName: 'García-López', givenNames: 'María' });
    assert.deepEqual(
      sparse.reasons.map((reason) => reason.field),
      ['familyName', 'givenName'],
    );
  });

  it('counts a home shared by phone, email and address less than three independent agreements', () => {
    const result = scoreRecords(maria, maria);
    const contact = result.reasons.filter((reason) => ['phone', 'email', 'address'].includes(reason.field));
    const nominal = WEIGHTS.phone.exact + WEIGHTS.email.exact + WEIGHTS.address.exact;
    const counted = contact.reduce((sum, reason) => sum + reason.weight, 0);
    assert.ok(counted < nominal * 0.6, String(counted));
    assert.equal(Math.max(...contact.map((reason) => reason.weight)), WEIGHTS.email.exact);
  });

  it('weighs an agreeing name by how common it is, and a name and birth date by the size of the practice', () => {
    const stats = (patients: number, smiths: number) => ({
      patients,
      familyCounts: new Map([['smith', smiths]]),
      givenCounts: new Map([['john', patients / 50]]),
    });
    const john = { familyName: 'Smith', givenNames: 'John', birthDate: '1970-01-01' };
    const common = scoreRecords(john, john, stats(1_000_000, 10_000));
    const rare = scoreRecords(john, john, stats(1_000_000, 3));
    assert.ok(
      (reasonOf(rare, 'familyName')?.weight ?? 0) > (reasonOf(common, 'familyName')?.weight ?? 0),
      'a rare family name says more',
    );
    assert.ok(rare.score > common.score);
    const small = scoreRecords(john, john, stats(5_000, 50));
    assert.ok(small.score > common.score, 'the same agreement is likelier chance among a million');
  });
});
