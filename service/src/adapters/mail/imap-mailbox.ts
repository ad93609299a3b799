import { ImapFlow } from 'imapflow';

export interface ImapSettings {
  host: string;
  port: number;
  /** tls: implicit TLS (993); starttls: upgrade required (143); none: plain (local servers, tests). */
  security: 'tls' | 'starttls' | 'none';
  user: string;
  password: string;
  folder: string;
}

/** One open, read-only view of a mailbox folder. */
export interface MailboxSession {
  /** UIDVALIDITY as a decimal string: when it changes, earlier UIDs mean nothing. */
  uidValidity: string;
  /** UIDs greater than `afterUid`, ascending. */
  uidsAfter(afterUid: number): Promise<number[]>;
  /** The raw RFC 822 bytes of one message, or null when it is gone. */
  source(uid: number): Promise<Buffer | null>;
}

/** The port the support-mailbox job reads through; the IMAP adapter implements it. */
export interface MailboxReader {
  /** A name for the mailbox that stays the same across runs (state is kept under it). */
  readonly name: string;
  withSession<T>(work: (session: MailboxSession) => Promise<T>): Promise<T>;
}

export function createImapMailboxReader(settings: ImapSettings): MailboxReader {
  return {
    name: `${settings.user}@${settings.host}:${settings.port}/${settings.folder}`,
    async withSession(work) {
      const client = new ImapFlow({
        host: settings.host,
        port: settings.port,
        secure: settings.security === 'tls',
        doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
        auth: { user: settings.user, pass: settings.password },
        logger: false,
        disableAutoIdle: true,
      });
      // A dropped connection is reported by the command that fails; without a listener it would crash the process.
      client.on('error', () => undefined);
      await client.connect();
      try {
        // Read-only: the mailbox stays exactly as the people who also read it left it.
        const mailbox = await client.mailboxOpen(settings.folder, { readOnly: true });
        return await work({
          uidValidity: String(mailbox.uidValidity),
          async uidsAfter(afterUid) {
            const found = await client.search({ uid: `${afterUid + 1}:*` }, { uid: true });
            // "n:*" also names the last message when every UID is below n.
            return (found || []).filter((uid) => uid > afterUid).sort((a, b) => a - b);
          },
          async source(uid) {
            const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
            return message && message.source ? Buffer.from(message.source) : null;
          },
        });
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
  };
}
