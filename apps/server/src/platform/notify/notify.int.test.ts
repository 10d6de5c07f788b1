import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { systemContext } from '../access/context';
import { inTransaction } from '../db/transaction';
import { loadConfig } from '../config/config';
import { startTestDesk, type TestDesk } from '../../../test/harness';
import { signWebhookBody } from './notify.routes';
import { optOut } from './notify.repository';
import { queueMessage } from './queue-message';
import { transportsFromConfig } from './transports';

type Received = { from: string; to: string[]; raw: string };

async function startSmtpServer() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

async function startSmsGateway() {
  const received: { authorization: string | undefined; body: { to: string; body: string } }[] = [];
  let failNext = 0;
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        response.writeHead(503).end();
        return;
      }
      received.push({
        authorization: request.headers.authorization,
        body: JSON.parse(text) as { to: string; body: string },
      });
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `gw-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: `http://127.0.0.1:${port}/messages`,
    failNextRequests: (count: number) => {
      failNext = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const messageRow = (t: TestDesk, id: string) =>
  t.database.db
    .selectFrom('outbox_message')
    .selectAll()
    .where('organization_id', '=', t.organization.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('notifications: delivery by SMTP, SMS gateway, or the outbox', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let t: TestDesk;
  before(async () => {
    smtp = await startSmtpServer();
    gateway = await startSmsGateway();
    const config = loadConfig({
      SMTP_URL: smtp.url,
      SMS_GATEWAY_URL: gateway.url,
      SMS_GATEWAY_TOKEN: 'gw-token',
    });
    t = await startTestDesk({ transports: transportsFromConfig(config) });
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await gateway.close();
  });

  it('sends email through the configured SMTP server', async () => {
    const context = systemContext(t.organization.id);
    const { id } = await inTransaction(t.database.db, (trx) =>
      queueMessage(trx, context, {
        channel: 'email',
        recipient: 'pat@example.com',
        subject: 'Your visit is confirmed',
        body: 'Sign in to see the details.',
        purpose: 'appointment-confirmation',
      }),
    );
    await t.desk.worker.drain({ organizationId: t.organization.id });
    const row = await messageRow(t, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.transport, 'smtp');
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]?.to, ['pat@example.com']);
    assert.match(smtp.received[0]?.raw ?? '', /Subject: Your visit is confirmed/);
    assert.match(smtp.received[0]?.raw ?? '', /Sign in to see the details\./);
  });

  it('sends SMS through the gateway with its token, and retries when the gateway is down', async () => {
    const context = systemContext(t.organization.id);
    gateway.failNextRequests(1);
    const { id } = await inTransaction(t.database.db, (trx) =>
      queueMessage(trx, context, {
        channel: 'sms',
        recipient: '+12125550150',
        body: 'Riverside: reminder of your visit Tue 9:00. Reply C to confirm.',
        purpose: 'appointment-reminder',
      }),
    );
    await t.desk.worker.drain({ organizationId: t.organization.id });
    assert.equal((await messageRow(t, id)).status, 'queued', 'kept for the retry');
    await t.database.db
      .updateTable('job')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('organization_id', '=', t.organization.id)
      .where('state', '=', 'queued')
      .execute();
    await t.desk.worker.drain({ organizationId: t.organization.id });
    const row = await messageRow(t, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.provider_message_id, 'gw-1');
    assert.equal(gateway.received[0]?.authorization, 'Bearer gw-token');
    assert.deepEqual(gateway.received[0]?.body, { to: '+12125550150', body: row.body });
  });

  it('sends nothing to a number that opted out after the text was queued, but still sends the opt-out confirmation', async () => {
    const context = systemContext(t.organization.id);
    const sentBefore = gateway.received.length;
    const { reminder, confirmation } = await inTransaction(t.database.db, async (trx) => {
      const queued = await queueMessage(trx, context, {
        channel: 'sms',
        recipient: '+12125550152',
        body: 'Riverside: reminder of your visit Wed 10:00.',
        purpose: 'appointment-reminder',
      });
      await optOut(trx, t.organization.id, '+12125550152', 'STOP');
      const confirmed = await queueMessage(
        trx,
        context,
        {
          channel: 'sms',
          recipient: '+12125550152',
          body: 'Riverside: no more texts.',
          purpose: 'sms-opt-out-confirmation',
        },
        { bypassOptOut: true },
      );
      return { reminder: queued, confirmation: confirmed };
    });
    assert.equal(reminder.status, 'queued');
    await t.desk.worker.drain({ organizationId: t.organization.id });
    const row = await messageRow(t, reminder.id);
    assert.equal(row.status, 'suppressed');
    assert.match(row.error ?? '', /opted out/);
    assert.equal((await messageRow(t, confirmation.id)).status, 'sent');
    assert.deepEqual(
      gateway.received.slice(sentBefore).map((request) => request.body.body),
      ['Riverside: no more texts.'],
    );
  });

  it('refuses an SMS over 160 characters', async () => {
    await assert.rejects(
      queueMessage(t.database.db, systemContext(t.organization.id), {
        channel: 'sms',
        recipient: '+12125550150',
        body: 'x'.repeat(161),
        purpose: 'test',
      }),
      /at most 160 characters/,
    );
  });

  it('marks a message failed, for staff to see, when its last attempt fails', async () => {
    const context = systemContext(t.organization.id);
    gateway.failNextRequests(1);
    const { id } = await inTransaction(t.database.db, (trx) =>
      queueMessage(trx, context, {
        channel: 'sms',
        recipient: '+12125550151',
        body: 'Hello',
        purpose: 'test',
      }),
    );
    // Five attempts already spent: the next is the last.
    await t.database.db
      .updateTable('job')
      .set({ attempts: 5 })
      .where('organization_id', '=', t.organization.id)
      .where('state', '=', 'queued')
      .execute();
    await t.desk.worker.drain({ organizationId: t.organization.id });
    const row = await messageRow(t, id);
    assert.equal(row.status, 'failed');
    assert.match(row.error ?? '', /503/);
  });
});

describe('notifications: the outbox and inbound SMS', () => {
  const secret = 'webhook-secret-for-tests';
  let t: TestDesk;
  let frontDesk: string;
  let patientId: string;
  before(async () => {
    t = await startTestDesk({ config: { smsWebhookSecret: secret } });
    frontDesk = await t.login('front_desk');
    const patient = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: frontDesk,
      payload: { familyName: 'Texter', givenNames: 'Tess', birthDate: '1985-08-08', phone: '(646) 555-0133' },
    });
    patientId = patient.json().id;
  });
  after(() => t.close());

  const inbound = (body: Record<string, unknown>, signature?: string) => {
    const raw = JSON.stringify(body);
    return t.request({
      method: 'POST',
      url: `/api/webhooks/sms/${t.organization.slug}`,
      headers: {
        'content-type': 'application/json',
        'x-patientdesk-signature': signature ?? signWebhookBody(secret, raw),
      },
      payload: raw,
    });
  };

  it('holds messages in the outbox when no transport is configured, for staff to read', async () => {
    const context = systemContext(t.organization.id);
    const { id } = await inTransaction(t.database.db, (trx) =>
      queueMessage(trx, context, {
        channel: 'email',
        recipient: 'tess@example.com',
        subject: 'A message is waiting',
        body: 'Sign in to read it.',
        patientId,
        purpose: 'message-notification',
      }),
    );
    await t.desk.worker.drain({ organizationId: t.organization.id });
    assert.equal((await messageRow(t, id)).status, 'held');
    const outbox = await t.request({ method: 'GET', url: '/api/outbox-messages', cookie: frontDesk });
    assert.equal(outbox.statusCode, 200);
    const item = outbox.json().items.find((message: { id: string }) => message.id === id);
    assert.equal(item.status, 'held');
    assert.equal(item.transport, 'outbox');
    assert.equal(item.subject, 'A message is waiting');
  });

  it('refuses inbound messages without a valid signature', async () => {
    const unsigned = await inbound({ from: '+16465550133', body: 'hello' }, 'sha256=00');
    assert.equal(unsigned.statusCode, 401);
    const wrongSecret = await t.request({
      method: 'POST',
      url: `/api/webhooks/sms/${t.organization.slug}`,
      headers: {
        'content-type': 'application/json',
        'x-patientdesk-signature': signWebhookBody('guess', '{}'),
      },
      payload: JSON.stringify({ from: '+16465550133', body: 'hello' }),
    });
    assert.equal(wrongSecret.statusCode, 401);
  });

  it('honours STOP at once: opted out, one confirmation, and no further texts until START', async () => {
    const stop = await inbound({ from: '(646) 555-0133', body: 'Stop', messageId: 'in-1' });
    assert.equal(stop.statusCode, 200);
    assert.equal(stop.json().handledAs, 'opt-out');
    const confirmation = await t.database.db
      .selectFrom('outbox_message')
      .select(['body', 'status'])
      .where('organization_id', '=', t.organization.id)
      .where('purpose', '=', 'sms-opt-out-confirmation')
      .executeTakeFirstOrThrow();
    assert.match(confirmation.body, /no more texts/);
    const context = systemContext(t.organization.id);
    const reminder = await queueMessage(t.database.db, context, {
      channel: 'sms',
      recipient: '+16465550133',
      body: 'Reminder',
      purpose: 'appointment-reminder',
    });
    assert.equal(reminder.status, 'suppressed');
    const start = await inbound({ from: '+16465550133', body: 'START', messageId: 'in-2' });
    assert.equal(start.json().handledAs, 'opt-in');
    const again = await queueMessage(t.database.db, context, {
      channel: 'sms',
      recipient: '+16465550133',
      body: 'Reminder',
      purpose: 'appointment-reminder',
    });
    assert.equal(again.status, 'queued');
  });

  it('puts a reply nobody understands on the front-desk worklist, once per delivery', async () => {
    const reply = await inbound({
      from: '+16465550133',
      body: 'Can I bring my daughter?',
      messageId: 'in-3',
    });
    assert.equal(reply.json().handledAs, 'work-item');
    const duplicate = await inbound({
      from: '+16465550133',
      body: 'Can I bring my daughter?',
      messageId: 'in-3',
    });
    assert.equal(duplicate.json().handledAs, 'duplicate');
    const items = await t.request({
      method: 'GET',
      url: '/api/work-items?queue=front_desk',
      cookie: frontDesk,
    });
    const smsItems = items.json().items.filter((item: { kind: string }) => item.kind === 'sms-reply');
    assert.equal(smsItems.length, 1);
    assert.equal(smsItems[0].patient.id, patientId);
  });

  it('opts out on CANCEL, and puts it before a person too, as it may mean the visit', async () => {
    const cancel = await inbound({ from: '+16465550177', body: 'CANCEL', messageId: 'in-cancel-1' });
    assert.equal(cancel.json().handledAs, 'opt-out');
    const items = await t.database.db
      .selectFrom('work_item')
      .select(['kind', 'title'])
      .where('organization_id', '=', t.organization.id)
      .where('subject_type', '=', 'SmsInbound')
      .execute();
    assert.ok(
      items.some((item) => item.kind === 'sms-reply'),
      `a work item for the CANCEL text: ${JSON.stringify(items)}`,
    );
    const stop = await inbound({ from: '+16465550178', body: 'STOP', messageId: 'in-stop-2' });
    assert.equal(stop.json().handledAs, 'opt-out');
    const after = await t.database.db
      .selectFrom('work_item')
      .select('id')
      .where('organization_id', '=', t.organization.id)
      .where('subject_type', '=', 'SmsInbound')
      .execute();
    assert.equal(after.length, items.length, 'a plain STOP needs nobody');
  });
});
