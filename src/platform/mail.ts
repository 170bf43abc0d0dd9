import type { Transporter } from 'nodemailer';
import type { Config } from './config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends plain-text mail through the SMTP server of SMTP_URL. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** A mailer when SMTP_URL is configured, else null (reminders then stay in-app only). */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = lazyTransport(config.smtpUrl);
  return {
    async send(message) {
      await (await transport.get()).sendMail({ from: config.mailFrom, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

/**
 * An SMTP transport made on the first message: nodemailer (~13 MB of RSS) loads only in a
 * server that actually sends mail, not in every server that has SMTP_URL set and stays idle.
 */
export function lazyTransport(smtpUrl: string): { get(): Promise<Transporter>; close(): void } {
  let made: Promise<Transporter> | null = null;
  let closed = false;
  return {
    get: () =>
      (made ??= import('nodemailer').then(({ default: nodemailer }) => {
        const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
        if (closed) transport.close();
        return transport;
      })),
    close() {
      closed = true;
      void made?.then((t) => t.close());
    },
  };
}
