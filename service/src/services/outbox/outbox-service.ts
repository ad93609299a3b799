import { Op, type ModelStatic, type Transaction } from 'sequelize';
import type { Mailer, OutgoingMail } from '../../adapters/mail/mailer';
import type { OutboxRecord } from '../../db/models/outbox.model';
import { queuedWrite } from '../../db/transactions';
import type { Logger } from '../../logger';

export const MAX_ATTEMPTS = 12;
const SEND_CONCURRENCY = 4;

/** Composes the e-mail of one outbox entry from its payload (may read the database, render a PDF…). */
export type MailComposer = (
  payload: unknown,
  entry: { id: number; dedupe_key: string },
) => Promise<Omit<OutgoingMail, 'messageId'> & { messageId?: string }>;

/** 1 min, 2, 4 … capped at 6 h, with ±20 % jitter so a recovered SMTP server is not hit all at once. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(6 * 3600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface OutboxDeps {
  model: ModelStatic<OutboxRecord>;
  mailer: Mailer;
  composers: Record<string, MailComposer>;
  now: () => Date;
  logger: Logger;
  /** Domain for Message-IDs, e.g. the sender's. */
  messageIdDomain: string;
}

export function createOutboxService({ model, mailer, composers, now, logger, messageIdDomain }: OutboxDeps) {
  return {
    /** Records a side effect in the caller's transaction; the same dedupe key is recorded once. */
    async enqueue(tx: Transaction | undefined, kind: string, dedupeKey: string, payload: unknown): Promise<void> {
      const existing = await model.findOne({ where: { dedupe_key: dedupeKey }, transaction: tx });
      if (existing) return;
      await model.create(
        {
          kind,
          dedupe_key: dedupeKey,
          payload: JSON.stringify(payload),
          status: 'pending',
          next_attempt_at: now(),
          last_error: null,
          message_id: null,
          sent_at: null,
        },
        { transaction: tx },
      );
    },

    /**
     * Sends what is due. The caller holds the job lease, so one instance sends at a time. An entry is
     * marked sent right after the SMTP server accepts it; its Message-ID is fixed per entry, so in the
     * rare crash between the two the retried copy carries the same Message-ID and mail clients merge it.
     */
    async deliverDue(limit = 50): Promise<{ sent: number; failed: number }> {
      const due = await model.findAll({
        where: { status: 'pending', next_attempt_at: { [Op.lte]: now() } },
        order: [['id', 'ASC']],
        limit,
      });
      let sent = 0;
      let failed = 0;
      const deliver = async (entry: OutboxRecord) => {
        const composer = composers[entry.kind];
        const messageId = `<cuadra-${entry.kind.replace(/_/g, '-')}-${entry.id}@${messageIdDomain}>`;
        try {
          if (!composer) throw new Error(`No composer for ${entry.kind}`);
          const mail = await composer(JSON.parse(entry.payload), { id: entry.id, dedupe_key: entry.dedupe_key });
          await mailer.send({ ...mail, messageId: mail.messageId ?? messageId });
          await queuedWrite(model.sequelize!, () =>
            entry.update({
              status: 'sent',
              sent_at: now(),
              message_id: mail.messageId ?? messageId,
              attempts: entry.attempts + 1,
              last_error: null,
            }),
          );
          sent += 1;
        } catch (err) {
          const attempts = entry.attempts + 1;
          // Only the error's message: SMTP errors can echo addresses but never credentials.
          const message = String((err as Error).message ?? err).slice(0, 490);
          await queuedWrite(model.sequelize!, () =>
            entry.update({
              attempts,
              last_error: message,
              status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
              next_attempt_at: new Date(now().getTime() + retryDelayMs(attempts)),
            }),
          );
          logger.warn({ outbox_id: entry.id, kind: entry.kind, attempts, error: message }, 'outbox delivery failed');
          failed += 1;
        }
      };
      // A few at a time: the SMTP pool keeps that many connections busy; order within a batch does not matter.
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(SEND_CONCURRENCY, due.length) }, async () => {
          while (next < due.length) await deliver(due[next++]!);
        }),
      );
      return { sent, failed };
    },

    async entriesFor(dedupePrefix: string) {
      const rows = await model.findAll({ where: { dedupe_key: { [Op.like]: `${dedupePrefix}%` } }, order: [['id', 'ASC']] });
      return rows.map((row) => ({
        id: row.id,
        status: row.status,
        attempts: row.attempts,
        last_error: row.last_error,
        message_id: row.message_id,
        sent_at: row.sent_at ? new Date(row.sent_at).toISOString() : null,
        created_at: new Date(row.created_at).toISOString(),
      }));
    },
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
