import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySmsReply, clinicText, SMS_MAX_LENGTH } from './sms-rules';

describe('SMS replies', () => {
  it('treats every FCC opt-out keyword and plain requests as STOP (FCC 24-18)', () => {
    for (const body of [
      'STOP',
      'stop',
      ' Quit ',
      'END',
      'revoke',
      'opt out',
      'CANCEL',
      'Unsubscribe',
      'stop.',
    ]) {
      assert.equal(classifySmsReply(body), 'stop', body);
    }
    for (const body of [
      'Please stop texting me',
      "don't text me anymore",
      'remove me from this list',
      'leave me alone',
    ]) {
      assert.equal(classifySmsReply(body), 'stop', body);
    }
  });

  it('recognizes START and HELP, and leaves everything else to the modules', () => {
    assert.equal(classifySmsReply('start'), 'start');
    assert.equal(classifySmsReply('HELP'), 'help');
    assert.equal(classifySmsReply('C'), null);
    assert.equal(classifySmsReply('Can I come at 3 instead?'), null);
  });

  it('shortens a long clinic name, never the message that may carry the number to call', () => {
    const message = 'for help call +1 212 555 0100. Reply STOP to end texts.';
    assert.equal(clinicText('Hudson Clinic', message), `Hudson Clinic: ${message}`);
    const long = clinicText('The Very Long Name Of A Community Health Center '.repeat(4), message);
    assert.equal(long.length, SMS_MAX_LENGTH);
    assert.ok(long.endsWith(message), long);
    assert.match(long, /^The Very Long Name.*…: for help/);
  });
});
