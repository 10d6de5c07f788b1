/**
 * The access log says what someone did as "<action> <kind of record>" ("Looked at patient", "Saw in a search
 * patient"). The portal says it to the patient about their own record, in plain words; anything it does not
 * recognise is shown as the server wrote it.
 */

const ACTIONS = [
  'Opened in an emergency',
  'Saw in a search',
  'Looked at',
  'Downloaded',
  'Changed',
  'Shared',
  'Added',
  'Used',
] as const;

const THINGS: Record<string, string> = {
  patient: 'your record',
  'patient history': 'the history of your record',
  appointment: 'an appointment of yours',
  document: 'a document in your record',
  'document reference': 'a document in your record',
  bundle: 'a copy of your record',
  'records request': 'your request for records',
  disclosure: 'a note of who your information was shared with',
  'waitlist entry': 'your place on the waitlist',
  'waitlist offer': 'an offer of an earlier visit',
  'patient proxy': 'who may act for you',
  'work item': 'a task about you',
  'communication preferences': 'how we contact you',
};

/** "Looked at patient" → "Looked at your record"; "Saw in a search patient" → "Saw your name in search results". */
export function describeAccess(what: string): string {
  const action = ACTIONS.find((candidate) => what.startsWith(`${candidate} `));
  if (!action) return what;
  const thing = THINGS[what.slice(action.length + 1).trim()];
  if (!thing) return what;
  if (action === 'Saw in a search')
    return thing === 'your record' ? 'Saw your name in search results' : `Saw ${thing} in search results`;
  if (action === 'Opened in an emergency')
    return thing === 'your record'
      ? 'Opened your restricted record, giving a reason'
      : `Opened ${thing}, giving a reason`;
  return `${action} ${thing}`;
}
