import type { CapturedMail } from '../../harness/mail';

export const PUBLIC_URL = 'https://sitio.example/';
export const LIST_MAIL_ENV = {
  SMTP_SECURITY: 'none',
  MAIL_FROM: 'Ejemplo <hola@ejemplo.es>',
  SUPPORT_EMAIL: 'soporte@ejemplo.es',
  CUADRA_PUBLIC_URL: PUBLIC_URL,
};

/** A header exactly as it arrived (unfolded), not as a parser interprets it: RFC 8058 is about the raw header. */
export function rawHeader(mail: CapturedMail, name: string): string | undefined {
  const head = mail.raw
    .toString('utf8')
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The token of a `?cuadra_list_action=<action>&token=…` link in a text. */
export function tokenIn(text: string, action: 'confirm' | 'unsubscribe'): string {
  const match = new RegExp(`[?&]cuadra_list_action=${action}&token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`No ${action} link in:\n${text}`);
  return match[1]!;
}

/** The opt-in e-mails among captured ones. */
export const optInMails = (mails: CapturedMail[]) => mails.filter((mail) => /suscripción|subscription/.test(mail.parsed.subject ?? ''));
