/**
 * How subscription messages leave: e-mail through SMTP (nodemailer, SMTP_URL), and an SMS
 * interface ready for a vendor (阿里云、腾讯云 or an operator gateway) without choosing one.
 */
import type { Config } from '../../../platform/config.ts';
import { lazyTransport } from '../../../platform/mail.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** For the List-Unsubscribe headers (RFC 2369, one-click RFC 8058). */
  unsubscribeUrl?: string;
}

export interface EmailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/** One SMS; vendors take a signature (【…】) and a short text, 70 characters per segment. */
export interface SmsMessage {
  to: string;
  text: string;
}

/** Implement this for the chosen SMS vendor and pass it in `Senders`; no vendor is built in. */
export interface SmsSender {
  send(message: SmsMessage): Promise<{ id: string }>;
}

export interface Senders {
  email: EmailSender | null;
  sms: SmsSender | null;
}

export function emailSender(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): EmailSender | null {
  if (!config.smtpUrl) return null;
  const transport = lazyTransport(config.smtpUrl);
  return {
    async send(mail) {
      const headers = mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined;
      const info = await (await transport.get()).sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers });
      return { messageId: String(info.messageId ?? ''), response: String(info.response ?? '') };
    },
    close: () => transport.close(),
  };
}

export function sendersFor(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Senders {
  return { email: emailSender(config), sms: null };
}
