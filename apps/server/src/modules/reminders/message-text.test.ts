import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  messageLanguage,
  answerSms,
  longWhen,
  noticeEmail,
  noticeSms,
  shortWhen,
  type NoticeMessageInput,
} from './message-text';

const LONG_NAME = 'The Riverside Community Health Partnership of Greater Northern Manhattan and the Bronx';
const NY = 'America/New_York';
// The longest times to write: a Wednesday in September at 12:30, in both languages.
const LONG_START = new Date('2026-09-30T16:30:00Z');

const base: NoticeMessageInput & { clinicPhone: string } = {
  group: 'reminder',
  language: 'en',
  clinicName: 'Riverside Health',
  clinicPhone: '(212) 555-0100',
  start: new Date('2026-03-03T14:00:00Z'),
  timeZone: NY,
  confirmed: false,
  visitType: null,
  placeName: null,
  preparation: null,
  link: null,
};

describe('reminder texts', () => {
  it('reads like the issue’s example', () => {
    assert.equal(
      noticeSms(base),
      'Riverside Health: reminder of your visit Tue Mar 3 9:00 AM. Reply C to confirm, R to reschedule. ' +
        '(212) 555-0100',
    );
  });

  it('writes times in the location’s zone, by hand, in English and Spanish', () => {
    assert.equal(shortWhen(new Date('2026-07-01T16:05:00Z'), NY, 'en'), 'Wed Jul 1 12:05 PM');
    assert.equal(
      shortWhen(new Date('2026-07-01T16:05:00Z'), 'America/Chicago', 'es'),
      'miércoles 1 de julio, 11:05 a.m.',
    );
    assert.equal(
      longWhen(new Date('2026-11-01T05:30:00Z'), NY, 'en'),
      'Sunday, November 1, 2026, at 1:30 AM',
    );
    assert.equal(
      longWhen(new Date('2026-11-01T18:00:00Z'), NY, 'es'),
      'domingo 1 de noviembre de 2026, a la 1:00 p.m.',
    );
    assert.equal(
      longWhen(new Date('2026-11-01T00:00:00Z'), NY, 'es'),
      'sábado 31 de octubre de 2026, a las 8:00 p.m.',
    );
  });

  it('keeps every text within 160 characters, naming the clinic and its number, whatever the name’s length', () => {
    for (const language of ['en', 'es'] as const) {
      for (const group of ['booked', 'moved', 'reminder', 'cancelled'] as const) {
        for (const clinicName of [
          'Riverside Health',
          LONG_NAME,
          'Clínica Comunitaria de Salud Familiar San Juan Bautista',
        ]) {
          for (const confirmed of [false, true]) {
            const text = noticeSms({
              ...base,
              language,
              group,
              clinicName,
              confirmed,
              start: LONG_START,
              visitType: 'Comprehensive cardiovascular follow-up',
              preparation: 'Do not eat for eight hours.',
            });
            assert.ok(text.length <= 160, `${text.length}: ${text}`);
            assert.ok(text.endsWith(' (212) 555-0100'), text);
            assert.ok(text.startsWith(clinicName.slice(0, 12)), text);
          }
        }
        const answer = answerSms({
          outcome: group === 'moved' ? 'reschedule-requested' : 'confirmed',
          language,
          clinicName: LONG_NAME,
          clinicPhone: '(212) 555-0100',
          start: LONG_START,
          timeZone: NY,
        });
        assert.ok(answer.length <= 160, answer);
      }
    }
  });

  it('drops the visit type before it shortens the name, and the name before the pointer to preparation', () => {
    const named = noticeSms({
      ...base,
      clinicName: 'Riverside Community Health Center',
      visitType: 'Follow-up',
    });
    assert.match(
      named,
      /^Riverside Community Health Center: reminder of your visit Tue Mar 3 9:00 AM \(Follow-up\)\./,
    );
    const text = noticeSms({
      ...base,
      clinicName: LONG_NAME,
      preparation: 'Bring your medicines.',
      visitType: 'Follow-up',
    });
    assert.match(text, /^The Riverside Community Health[^:]*: reminder of your visit Tue Mar 3 9:00 AM\. /);
    assert.match(text, /How to prepare: see the portal\./);
    const spanish = noticeSms({
      ...base,
      language: 'es',
      clinicName: LONG_NAME,
      preparation: 'Traiga sus medicinas.',
    });
    assert.match(spanish, /recuerde su cita el martes 3 de marzo, 9:00 a\.m\. Responda C para confirmar/);
    assert.match(spanish, /Instrucciones en el portal\. \(212\) 555-0100$/);
    assert.ok(spanish.length <= 160);
  });
});

describe('reminder emails', () => {
  it('carry the full preparation, the link, and no clinical detail unless the patient chose it', () => {
    const minimal = noticeEmail({
      ...base,
      preparation: 'Do not eat after midnight.\nBring a list of your medicines.',
      link: 'https://desk.example.org/portal/appointment-response#token=abc',
    });
    assert.equal(minimal.subject, 'Riverside Health: reminder of your visit on Tue Mar 3 9:00 AM');
    assert.match(
      minimal.body,
      /How to prepare:\nDo not eat after midnight\.\nBring a list of your medicines\./,
    );
    assert.match(
      minimal.body,
      /confirm, or to ask for a different time:\nhttps:\/\/desk\.example\.org\/portal/,
    );
    assert.doesNotMatch(minimal.body, /Visit:|Place:/);
    const full = noticeEmail({ ...base, visitType: 'Follow-up', placeName: 'East Clinic' });
    assert.match(full.body, /Visit: Follow-up\.\nPlace: East Clinic\./);
    const cancelled = noticeEmail({
      ...base,
      group: 'cancelled',
      language: 'es',
      preparation: 'x',
      link: 'y',
    });
    assert.equal(cancelled.subject, 'Riverside Health: su cita fue cancelada');
    assert.match(cancelled.body, /fue cancelada\. Lo sentimos\.\nLlámenos al \(212\) 555-0100/);
    assert.doesNotMatch(cancelled.body, /prepararse|enlace/);
  });
});

describe('the language a message is written in', () => {
  it('writes Spanish to any Spanish tag and English to everyone else (the interpreter flag covers the rest)', () => {
    assert.equal(messageLanguage('es'), 'es');
    assert.equal(messageLanguage('es-MX'), 'es');
    assert.equal(messageLanguage('en-US'), 'en');
    assert.equal(messageLanguage('vi'), 'en');
    assert.equal(messageLanguage('est'), 'en');
  });
});
