// The mailbox fallback: each store's "New order" e-mails, read by UID (the last UID and UIDVALIDITY
// are kept per store, advanced in the same transaction as what the message produced), become
// provisional orders; anything else is set aside with the reason. A bad message never stops the
// run and is never lost; the mailbox itself is opened read-only.
import type { Sequelize } from 'sequelize';
import { simpleParser } from 'mailparser';
import type { ImapSettings, MailboxReader } from '../../adapters/mail/imap-mailbox';
import type { Models } from '../../db/models';
import type { StoreMailRejectRecord, StoreRecord } from '../../db/models/store.model';
import type { StoreOrderRepository } from '../../db/orders/store-order-repository';
import { inTransaction } from '../../db/transactions';
import { parseNewOrderEmail } from '../../domain/orders/new-order-email';
import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { StoreService } from './store-service';

const EXCERPT_BYTES = 64 * 1024;

async function headersOf(source: Buffer): Promise<{ subject: string; from: string; message_id: string | null }> {
  try {
    const mail = await simpleParser(source, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
    return { subject: mail.subject ?? '', from: mail.from?.text ?? '', message_id: mail.messageId ?? null };
  } catch {
    const head = source.subarray(0, 16 * 1024).toString('latin1');
    const field = (name: string) =>
      new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im')
        .exec(head)?.[1]
        ?.replace(/\r?\n[ \t]/g, ' ')
        .trim() ?? '';
    return { subject: field('Subject'), from: field('From'), message_id: field('Message-ID') || null };
  }
}

function rejectView(r: StoreMailRejectRecord) {
  return {
    id: r.id,
    uid: Number(r.uid),
    uid_validity: Number(r.uid_validity),
    reason: r.reason,
    subject: r.subject,
    from: r.from_address,
    message_id: r.message_id,
    raw_size: r.raw_size,
    created_at: new Date(r.created_at).toISOString(),
  };
}

export interface MailboxRunResult {
  read: number;
  orders: number;
  rejected: number;
  error: string | null;
}

export function createOrderMailbox(deps: {
  sequelize: Sequelize;
  models: Models;
  stores: StoreService;
  orders: StoreOrderRepository;
  mailboxFor: (settings: ImapSettings) => MailboxReader;
  /** Confirms provisional orders with the API (the order service's reconcile). */
  reconcile: (storeId: number) => Promise<void>;
  now: () => Date;
  logger: Logger;
  batch?: number;
}) {
  const { sequelize, models, stores, orders, now, logger } = deps;
  const batch = deps.batch ?? 200;

  function settingsOf(store: StoreRecord): ImapSettings {
    return {
      host: store.imap_host,
      port: store.imap_port ?? (store.imap_tls ? 993 : 143),
      security: store.imap_tls ? 'tls' : 'none',
      user: store.imap_user,
      password: stores.imapPasswordOf(store) ?? '',
      folder: store.imap_folder || 'INBOX',
    };
  }

  async function readStore(storeId: number): Promise<MailboxRunResult> {
    const result: MailboxRunResult = { read: 0, orders: 0, rejected: 0, error: null };
    const store = await models.Store.findByPk(storeId);
    if (!store || !store.imap_host) return result;
    try {
      await deps.mailboxFor(settingsOf(store)).withSession(async (session) => {
        const validity = Number(session.uidValidity);
        // A new UIDVALIDITY means the old UIDs name other messages now: read the folder again (orders are keyed, so nothing doubles).
        const lastUid = store.mail_uid_validity !== null && Number(store.mail_uid_validity) === validity ? Number(store.mail_last_uid) : 0;
        const uids = (await session.uidsAfter(lastUid)).slice(0, batch);
        for (const uid of uids) {
          const source = await session.source(uid);
          const parsed = source ? await parseNewOrderEmail(source) : null;
          const headers = source && parsed?.status !== 'parsed' ? await headersOf(source) : null;
          await inTransaction(sequelize, async (tx) => {
            if (parsed?.status === 'parsed') {
              await orders.upsertMailOrderIn(tx, store.id, parsed.order);
            } else if (source && parsed && headers) {
              const existing = await models.StoreMailReject.findOne({
                where: { store_id: store.id, uid_validity: validity, uid },
                transaction: tx,
              });
              if (!existing) {
                await models.StoreMailReject.create(
                  {
                    store_id: store.id,
                    uid_validity: validity,
                    uid,
                    reason: `${parsed.status}: ${parsed.reason}`,
                    subject: headers.subject.slice(0, 500),
                    from_address: headers.from.slice(0, 320),
                    message_id: headers.message_id?.slice(0, 500) ?? null,
                    raw_size: source.length,
                    raw_excerpt: source.subarray(0, EXCERPT_BYTES).toString('utf8'),
                  },
                  { transaction: tx },
                );
              }
            }
            await models.Store.update({ mail_uid_validity: validity, mail_last_uid: uid }, { where: { id: store.id }, transaction: tx });
          });
          result.read++;
          if (parsed?.status === 'parsed') result.orders++;
          else if (parsed) result.rejected++;
        }
      });
      await models.Store.update({ mail_checked_at: now() }, { where: { id: store.id } });
    } catch (error) {
      // Connection or login trouble: the UID cursor stays where it was, so the next run reads the same messages.
      result.error = error instanceof Error ? error.message : String(error);
      logger.warn({ store_id: store.id, err: { name: (error as Error).name, message: result.error } }, 'order mailbox not read');
      await stores.recordProblem(store.id, {
        code: 'MAILBOX_UNREADABLE',
        message: `The mailbox could not be read: ${result.error}`,
        raw: null,
      });
      return result;
    }
    if (store.consumer_key_enc && store.consumer_secret_enc) await deps.reconcile(store.id).catch(() => undefined);
    return result;
  }

  return {
    readStore,
    async readAll(): Promise<void> {
      const all = await models.Store.findAll({ attributes: ['id', 'imap_host'], order: [['id', 'ASC']] });
      for (const store of all) if (store.imap_host) await readStore(store.id);
    },
    async rejects(storeId: number) {
      const rows = await models.StoreMailReject.findAll({
        where: { store_id: storeId },
        attributes: { exclude: ['raw_excerpt'] },
        order: [['id', 'DESC']],
        limit: 100,
      });
      return rows.map(rejectView);
    },
    /** One set-aside message with the start of its raw source (as text, for diagnosis). */
    async reject(storeId: number, rejectId: number) {
      const row = await models.StoreMailReject.findOne({ where: { id: rejectId, store_id: storeId } });
      if (!row) throw new NotFoundError('This store has no set-aside message with this id.', 'NOT_FOUND');
      return {
        ...rejectView(row),
        raw_excerpt: row.raw_excerpt,
        raw_truncated: row.raw_size > EXCERPT_BYTES,
      };
    },
    /** Takes a set-aside message off the store's list once someone has looked at it; the mailbox keeps the mail itself. */
    async dismissReject(storeId: number, rejectId: number): Promise<void> {
      const removed = await models.StoreMailReject.destroy({ where: { id: rejectId, store_id: storeId } });
      if (!removed) throw new NotFoundError('This store has no set-aside message with this id.', 'NOT_FOUND');
    },
  };
}

export type OrderMailbox = ReturnType<typeof createOrderMailbox>;
