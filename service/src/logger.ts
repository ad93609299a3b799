import pino, { type Logger } from 'pino';

export type { Logger };

// Header and field names that may carry secrets: never written, whatever a caller passes in.
const REDACTED_PATHS = [
  'secret',
  '*.secret',
  'password',
  '*.password',
  'headers.authorization',
  'headers["x-cuadra-signature"]',
  'headers.cookie',
  'config.CUADRA_SECRET',
  'config.SMTP_PASSWORD',
  'config.SUPPORT_IMAP_PASSWORD',
  'config.DATABASE_URL',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'cuadra' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination(1),
  );
}

/** A database URL safe to log: the password is replaced. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
