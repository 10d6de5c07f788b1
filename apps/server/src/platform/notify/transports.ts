import nodemailer from 'nodemailer';
import type { Config } from '../config/config';

/** Sends one email. Throws on failure; the job retries. */
export type EmailTransport = {
  name: 'smtp';
  send(message: { to: string; subject: string; text: string }): Promise<{ providerMessageId: string | null }>;
};

/** Sends one SMS through a gateway. Throws on failure; the job retries. */
export type SmsGateway = {
  name: 'sms-gateway';
  send(message: { to: string; body: string }): Promise<{ providerMessageId: string | null }>;
};

export type Transports = { email: EmailTransport | null; sms: SmsGateway | null };

/** The transports configuration enables; null where none is set (the message is held in the outbox). */
export function transportsFromConfig(config: Config): Transports {
  return {
    email: config.smtpUrl ? smtpTransport(config.smtpUrl, config.smtpFrom) : null,
    sms: config.smsGatewayUrl ? httpSmsGateway(config.smsGatewayUrl, config.smsGatewayToken ?? null) : null,
  };
}

export function smtpTransport(url: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(message) {
      const info = await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
      return { providerMessageId: typeof info.messageId === 'string' ? info.messageId : null };
    },
  };
}

/**
 * A gateway that takes `POST {to, body}` as JSON with a bearer token and answers 2xx with `{id}`. Most SMS
 * providers can be fronted this way; a provider-specific adapter implements the same type.
 */
export function httpSmsGateway(url: string, token: string | null): SmsGateway {
  return {
    name: 'sms-gateway',
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, body: message.body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      const body = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { providerMessageId: typeof body.id === 'string' ? body.id : null };
    },
  };
}
