import { SMS_MAX_LENGTH } from '../../platform/notify/sms-rules';

export type OfferMessageInput = {
  clinicName: string;
  locationName: string;
  timeZone: string;
  start: Date;
  sentAt: Date;
  expiresAt: Date;
  link: string;
};

// Intl puts narrow no-break spaces before AM/PM; they are not in the GSM alphabet and would make a text UCS-2.
const plain = (text: string) => text.replace(/[\u202f\u00a0\u2009]/g, ' ');

function parts(instant: Date, timeZone: string) {
  const values: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).formatToParts(instant)) {
    values[part.type] = part.value;
  }
  return {
    date: `${values.month}/${values.day}`,
    weekday: values.weekday ?? '',
    time: `${values.hour}:${values.minute} ${values.dayPeriod}`,
  };
}

/** "Wed 3/4 10:00 AM": short, because a text has 160 characters. */
function shortWhen(instant: Date, timeZone: string): string {
  const at = parts(instant, timeZone);
  return `${at.weekday} ${at.date} ${at.time}`;
}

/** "Wed, Mar 4, 10:00 AM". */
function longWhen(instant: Date, timeZone: string): string {
  return plain(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(instant),
  );
}

/** The deadline: its time, with its date when that is not the day the offer was sent. */
function deadlineOf(input: OfferMessageInput, long: boolean): string {
  const expires = parts(input.expiresAt, input.timeZone);
  if (expires.date === parts(input.sentAt, input.timeZone).date) return expires.time;
  return long ? longWhen(input.expiresAt, input.timeZone) : `${expires.date} ${expires.time}`;
}

/**
 * The text of an offer: the clinic's name, the time, until when, and the link — nothing clinical (no visit type,
 * no provider). At most 160 characters: a long clinic name is shortened first (to no less than 12 characters),
 * then the deadline dropped; null when even that cannot fit (a very long public address), so the caller emails.
 */
export function offerSms(input: OfferMessageInput): string | null {
  const time = shortWhen(input.start, input.timeZone);
  const clinic = input.clinicName.trim();
  const attempts = [
    { tail: `: visit opening ${time}. Claim by ${deadlineOf(input, false)}: ${input.link}`, shortest: 12 },
    { tail: `: visit opening ${time}: ${input.link}`, shortest: 8 },
  ];
  for (const { tail, shortest } of attempts) {
    const room = SMS_MAX_LENGTH - tail.length;
    if (clinic.length <= room) return `${clinic}${tail}`;
    if (room >= Math.min(shortest, clinic.length)) return `${clinic.slice(0, room).trimEnd()}${tail}`;
  }
  return null;
}

/** The email of an offer: the same facts, with the place and a word on how offers work. */
export function offerEmail(input: OfferMessageInput): { subject: string; body: string } {
  const time = longWhen(input.start, input.timeZone);
  const deadline = deadlineOf(input, true);
  return {
    subject: `${input.clinicName}: a visit time opened up`,
    body: [
      `A visit time opened up on the waitlist you joined at ${input.clinicName}:`,
      '',
      `${time} at ${input.locationName}`,
      '',
      `To take it, open this link before ${deadline}:`,
      input.link,
      '',
      'A few people on the waitlist are offered each time; the first to accept gets it. If you no longer want it,',
      'you can decline on the same page, and you stay on the waitlist.',
    ].join('\n'),
  };
}
