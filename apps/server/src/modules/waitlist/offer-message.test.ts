import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offerEmail, offerSms } from './offer-message';

const base = {
  clinicName: 'Riverside Health',
  locationName: 'East Clinic',
  timeZone: 'America/New_York',
  start: new Date('2026-03-04T15:00:00Z'),
  sentAt: new Date('2026-03-02T14:00:00Z'),
  expiresAt: new Date('2026-03-02T16:00:00Z'),
  link: `https://desk.riverside-health.org/portal/offer#${'A'.repeat(43)}`,
};

describe('offer messages', () => {
  it('texts the clinic, the local time, the deadline and the link in at most 160 plain characters', () => {
    const text = offerSms(base);
    assert.ok(text);
    assert.ok(text.length <= 160, `${text.length}: ${text}`);
    assert.equal(text, `Riverside Health: visit opening Wed 3/4 10:00 AM. Claim by 11:00 AM: ${base.link}`);
    assert.doesNotMatch(text, /[\u202f\u00a0]/, 'no characters outside the GSM alphabet');
  });

  it('names the deadline’s day when it is not today', () => {
    const text = offerSms({ ...base, expiresAt: new Date('2026-03-03T14:00:00Z'), clinicName: 'Riverside' });
    assert.match(text ?? '', /Claim by 3\/3 9:00 AM:/);
  });

  it('shortens a long clinic name, then drops the deadline, to stay within 160', () => {
    const clinicName = 'The Regional Community Health Center of the Valley';
    const shortened = offerSms({ ...base, clinicName });
    assert.equal(
      shortened,
      `The Regional Comm: visit opening Wed 3/4 10:00 AM. Claim by 11:00 AM: ${base.link}`,
    );
    assert.equal(shortened.length, 160);
    const longLink = `https://${'x'.repeat(30)}.example.org/portal/offer#${'A'.repeat(43)}`;
    const dropped = offerSms({ ...base, link: longLink });
    assert.equal(dropped, `Riverside Health: visit opening Wed 3/4 10:00 AM: ${longLink}`);
    assert.equal(offerSms({ ...base, link: `https://${'x'.repeat(150)}.org/` }), null);
  });

  it('emails the same facts with the place, and nothing clinical', () => {
    const email = offerEmail(base);
    assert.equal(email.subject, 'Riverside Health: a visit time opened up');
    assert.match(email.body, /Wed, Mar 4, 10:00 AM at East Clinic/);
    assert.match(email.body, /before 11:00 AM/);
    assert.ok(email.body.includes(base.link));
  });
});
