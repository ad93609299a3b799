import nodemailer from 'nodemailer';
import type { Mailer } from './mailer';

export interface SmtpSettings {
  host: string;
  port: number;
  /** tls: implicit TLS (465); starttls: upgrade required (587); none: plain (local relays, tests). */
  security: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    // A small pool keeps connections open between messages of a batch instead of one handshake each.
    pool: true,
    maxConnections: 4,
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
        attachments: mail.attachments,
      });
      return {
        messageId: info.messageId,
        accepted: (info.accepted as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address)),
      };
    },
    close() {
      transport.close();
    },
  };
}
