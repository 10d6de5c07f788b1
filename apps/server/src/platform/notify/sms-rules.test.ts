import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySmsReply } from './sms-rules';

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
});
