import path from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';

/** Where a first run keeps its SQLite file and generated secret: `data/` at the repository root. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

// Every environment variable the service reads, in one place; the README table and the
// docker-compose test are checked against these keys.
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  // Unset means the embedded default: an SQLite file in CUADRA_DATA_DIR.
  DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => url === undefined || /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(url), {
      message: 'DATABASE_URL must start with sqlite:, mysql:// or mariadb://',
    }),
  CUADRA_SECRET: z.string().min(32, 'CUADRA_SECRET must be at least 32 characters').optional(),
  CUADRA_TIMEZONE: z
    .string()
    .default('Europe/Madrid')
    .refine((zone) => IANAZone.isValidZone(zone), { message: 'CUADRA_TIMEZONE must be an IANA time zone' }),
  CUADRA_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  // Which AEAT host the invoice QR codes point at: the test one until the business goes live.
  CUADRA_VERIFACTU_ENVIRONMENT: z.enum(['test', 'production']).default('test'),
  // Outgoing e-mail. Without SMTP_HOST, mail waits in the outbox until it is configured.
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default('Cuadra <no-reply@localhost>'),
  // The support mailbox: customers' replies to tickets go to SUPPORT_EMAIL (Reply-To) and are read back over IMAP.
  SUPPORT_EMAIL: z
    .string()
    .trim()
    .pipe(z.email({ message: 'SUPPORT_EMAIL must be an e-mail address' }))
    .optional(),
  SUPPORT_IMAP_HOST: z.string().optional(),
  SUPPORT_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  SUPPORT_IMAP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('tls'),
  SUPPORT_IMAP_USER: z.string().optional(),
  SUPPORT_IMAP_PASSWORD: z.string().optional(),
  SUPPORT_IMAP_FOLDER: z.string().default('INBOX'),
  // The WordPress site list e-mail links point at (confirm, unsubscribe); unset: a form sign-up links to the form's own page.
  CUADRA_PUBLIC_URL: z
    .string()
    .optional()
    .refine((url) => url === undefined || /^https?:\/\/[^\s/?#]+/i.test(url), {
      message: 'CUADRA_PUBLIC_URL must be the site address, e.g. https://example.es/',
    }),
  // Invoice PDFs are printed by Debian's Chromium; one tab per core is the sweet spot.
  CUADRA_CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  CUADRA_PDF_POOL: z.coerce.number().int().min(1).max(16).default(2),
  // Background jobs (sending e-mail, later billing runs); off only for maintenance and tests.
  CUADRA_JOBS: z.enum(['on', 'off']).default('on'),
  // When the scheduler looks for due recurring invoices (cron with seconds allowed); it also runs at start.
  CUADRA_BILLING_SCHEDULE: z
    .string()
    .default('0 * * * * *')
    .refine((rule) => rule.trim().split(/\s+/).length >= 5 && rule.trim().split(/\s+/).length <= 6, {
      message: 'Use a cron rule such as "0 * * * * *" (every minute).',
    }),
  // How often the support mailbox is read for customers' replies (cron with seconds), when SUPPORT_IMAP_HOST is set.
  SUPPORT_MAILBOX_SCHEDULE: z
    .string()
    .default('*/30 * * * * *')
    .refine((rule) => rule.trim().split(/\s+/).length >= 5 && rule.trim().split(/\s+/).length <= 6, {
      message: 'Use a cron rule such as "*/30 * * * * *" (every 30 seconds).',
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = z.infer<typeof configSchema> & { DATABASE_URL: string };

export class ConfigError extends Error {}

/** Reads and validates the environment once, at boot. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (!parsed.data.CUADRA_SECRET && parsed.data.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\nCUADRA_SECRET: required in production');
  }
  const data = parsed.data;
  return { ...data, DATABASE_URL: data.DATABASE_URL ?? `sqlite:${path.join(data.CUADRA_DATA_DIR, 'cuadra.sqlite')}` };
}
