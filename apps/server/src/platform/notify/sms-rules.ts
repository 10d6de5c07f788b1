/** TCPA healthcare exemption (FCC 2015): a message is at most 160 characters. */
export const SMS_MAX_LENGTH = 160;

// FCC 24-18 (effective Apr 11 2025): these words, and plain-language requests, revoke consent.
const STOP_WORDS = ['STOP', 'STOPALL', 'QUIT', 'END', 'REVOKE', 'OPT OUT', 'OPTOUT', 'CANCEL', 'UNSUBSCRIBE'];
const STOP_PHRASES = [
  /\bstop (texting|messaging|sending)\b/i,
  /\b(don'?t|do not|no more) (text|message|sms)/i,
  /\bremove me\b/i,
  /\bleave me alone\b/i,
  /\bunsubscribe\b/i,
  /\bopt me out\b/i,
];
const START_WORDS = ['START', 'UNSTOP', 'YES SUBSCRIBE', 'SUBSCRIBE'];
const HELP_WORDS = ['HELP', 'INFO'];

export type SmsKeyword = 'stop' | 'start' | 'help' | null;

/** What a reply asks of the messaging system itself, before any module reads it. */
export function classifySmsReply(body: string): SmsKeyword {
  const normalized = body
    .trim()
    .toUpperCase()
    .replace(/[.!?]+$/g, '')
    .replace(/\s+/g, ' ');
  if (STOP_WORDS.includes(normalized)) return 'stop';
  if (STOP_PHRASES.some((pattern) => pattern.test(body))) return 'stop';
  if (START_WORDS.includes(normalized)) return 'start';
  if (HELP_WORDS.includes(normalized)) return 'help';
  return null;
}

/**
 * A text that opens with the clinic's name (patients must know who writes) and fits one SMS: a long name is
 * shortened, never the message after it, which may hold the number to call.
 */
export function clinicText(clinicName: string, message: string): string {
  const room = SMS_MAX_LENGTH - message.length - 2;
  if (room < 8) throw new Error('The message leaves no room for the clinic name.');
  const name = clinicName.length <= room ? clinicName : `${clinicName.slice(0, room - 1).trimEnd()}…`;
  return `${name}: ${message}`;
}
