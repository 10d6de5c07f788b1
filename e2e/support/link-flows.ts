// What the tests of link pages and the waitlist do through the API as the desk would: patients reached by email,
// bookings, and the links PatientDesk emails (read back from the outbox, where messages wait with no SMTP server).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from 'playwright-core';

type OutboxMessage = { recipient: string; body: string; purpose: string; createdAt: string };

let created = 0;

/**
 * A new patient with only an email address, who agreed to plain email and prefers it, in `language`. Quiet hours
 * are set twelve hours away from now, so the confirmation email goes at once whatever the time of the test run.
 */
export async function emailPatient(
  request: APIRequestContext,
  name: { familyName: string; givenNames: string },
  language: 'en' | 'es' = 'en',
): Promise<{ id: string; email: string; name: string }> {
  created += 1;
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  const email = `${ascii(name.givenNames)}.${ascii(name.familyName)}.${created}.${Date.now()}@example.org`;
  const response = await request.post('/api/patients', {
    data: { ...name, birthDate: '1984-02-29', email },
  });
  assert.equal(response.status(), 201, await response.text());
  const patient = (await response.json()) as { id: string };
  const current = await request.get(`/api/patients/${patient.id}/communication-preferences`);
  assert.equal(current.status(), 200, await current.text());
  const hour = Number(
    new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      hourCycle: 'h23',
      timeZone: 'America/New_York',
    }).format(new Date()),
  );
  const at = (offset: number) => `${String((hour + offset) % 24).padStart(2, '0')}:00`;
  const saved = await request.put(`/api/patients/${patient.id}/communication-preferences`, {
    headers: { 'if-match': current.headers().etag ?? '' },
    data: {
      preferredLanguage: language,
      preferredChannel: 'email',
      smsConsent: false,
      emailConsent: true,
      quietHoursStart: at(12),
      quietHoursEnd: at(13),
      messageDetail: 'minimal',
    },
  });
  assert.equal(saved.status(), 200, await saved.text());
  return { id: patient.id, email, name: `${name.familyName}, ${name.givenNames}` };
}

export type BookedVisit = {
  id: string;
  start: string;
  version: number;
  status: string;
  location: { id: string; name: string; timeZone: string };
  provider: { id: string; name: string };
  appointmentType: { id: string; name: string };
};

/** Books the first free time of a kind of visit, a few days from now, the way the desk's booking does. */
export async function bookSoon(
  request: APIRequestContext,
  patientId: string,
  typeName: string,
  options: { daysAhead?: number; location?: string } = {},
): Promise<BookedVisit> {
  const types = (await (await request.get('/api/appointment-types')).json()) as {
    items: { id: string; name: string }[];
  };
  const type = types.items.find((candidate) => candidate.name === typeName);
  assert.ok(type, `a visit type named ${typeName}`);
  const from = new Date(Date.now() + (options.daysAhead ?? 3) * 86_400_000).toISOString();
  // Across locations, the first free time depends on the hour the test runs: a test that reads the clinic's phone
  // names its location.
  let where = '';
  if (options.location) {
    const directory = (await (await request.get('/api/directory')).json()) as {
      locations: { id: string; name: string }[];
    };
    const location = directory.locations.find((candidate) => candidate.name === options.location);
    assert.ok(location, `a location named ${options.location}`);
    where = `&locationId=${location.id}`;
  }
  const free = await request.get(
    `/api/slots/first-available?appointmentTypeId=${type.id}&from=${encodeURIComponent(from)}&limit=1${where}`,
  );
  assert.equal(free.status(), 200, await free.text());
  const [slot] = (await free.json()).items as { start: string; providerId: string; locationId: string }[];
  assert.ok(slot, `a free time for ${typeName}`);
  const booked = await request.post('/api/appointments', {
    headers: { 'idempotency-key': randomUUID() },
    data: {
      patientId,
      appointmentTypeId: type.id,
      providerId: slot.providerId,
      locationId: slot.locationId,
      start: slot.start,
    },
  });
  assert.equal(booked.status(), 201, await booked.text());
  return (await booked.json()) as BookedVisit;
}

/**
 * The newest link of a kind in the messages to `recipient` that is not among `except`, as a path with its
 * fragment (the link's host is the server's public address, which a test server does not have). Waits for the
 * worker, which sends messages a moment after the change that causes them.
 */
export async function linkFromOutbox(
  request: APIRequestContext,
  recipient: string,
  pattern: RegExp,
  except: readonly string[] = [],
): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const list = await request.get('/api/outbox-messages?limit=100');
    assert.equal(list.status(), 200, await list.text());
    const messages = ((await list.json()).items as OutboxMessage[]).filter(
      (message) => message.recipient === recipient,
    );
    const links = messages
      .map((message) => new RegExp(pattern.source).exec(message.body)?.[0])
      .filter((link): link is string => link !== undefined)
      .map((link) => link.replace(/^https?:\/\/[^/]+/, ''))
      .filter((link) => !except.includes(link));
    if (links[0]) return links[0];
    if (Date.now() > deadline) {
      assert.fail(`No new link like ${pattern} reached ${recipient}: ${JSON.stringify(messages, null, 1)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const RESPONSE_LINK = /https?:\/\/\S+\/portal\/appointment-response#token=\S+/;
export const OFFER_LINK = /https?:\/\/\S+\/portal\/offer#[A-Za-z0-9_-]{43}/;

/** "Monday, March 9" and "9:00 AM" at the clinic, as the link pages say a time. */
export function clinicWhen(iso: string, timeZone: string): { day: string; time: string } {
  const instant = new Date(iso);
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(instant);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' })
    .format(instant)
    .replace(/\u202f/g, ' ');
  return { day, time };
}

/** True when nothing on the page is wider than the screen (no sideways scrolling on a phone). */
export const fitsTheScreen = 'document.documentElement.scrollWidth <= window.innerWidth';
