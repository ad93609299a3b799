import { simpleParser, type ParsedMail } from 'mailparser';
import type { Sequelize } from 'sequelize';
import type { MailboxReader } from '../../adapters/mail/imap-mailbox';
import { isDatabaseUnavailableError } from '../../db/database';
import { inTransaction } from '../../db/transactions';
import { RECIPIENT_HEADERS, mailtoUnsubscribeTokens } from '../../domain/lists/list-mail';
import { sameContactEmail } from '../../domain/tickets/contact-submission';
import {
  classifyAutomated,
  inboundMailFromParsed,
  inboundMessageKey,
  stripQuotedReply,
  threadInbound,
  type InboundMail,
} from '../../domain/tickets/ticket-mail';
import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { ListSignups } from '../lists/list-signups';
import type { DepartmentService } from './department-service';
import { MAX_INBOUND_ATTACHMENT_BYTES, type SupportMailSettings, type TicketModels } from './ticket-models';
import type { AttachmentInput, TicketService } from './ticket-service';

export type InboundOutcome =
  | { action: 'appended'; ticket_id: number; matched_by: string }
  | { action: 'created'; ticket_id: number }
  | { action: 'duplicate' }
  | { action: 'automated'; kind: string; reason: string }
  | { action: 'own_mail' }
  | { action: 'unsubscribed'; list_ids: number[]; changed: boolean };

export interface MailboxRunReport {
  read: number;
  kept_aside: number;
  outcomes: Record<string, number>;
}

const isUniqueViolation = (err: unknown) => (err as Error)?.name === 'SequelizeUniqueConstraintError';

function attachmentsOf(parsed: ParsedMail): { files: AttachmentInput[]; skipped: string[] } {
  const files: AttachmentInput[] = [];
  const skipped: string[] = [];
  for (const attachment of parsed.attachments) {
    const name = (attachment.filename ?? 'adjunto').replace(/[\\/]/g, '_').slice(0, 200);
    if (attachment.content.length > MAX_INBOUND_ATTACHMENT_BYTES) {
      skipped.push(name);
      continue;
    }
    files.push({ name, type: (attachment.contentType || 'application/octet-stream').slice(0, 100), content: attachment.content });
  }
  return { files, skipped };
}

/**
 * Reads the support mailbox: each new message (by UID) becomes a reply on its ticket, a new ticket,
 * or nothing (duplicates, auto-replies and bounces, our own mail). A message that cannot be
 * processed is kept aside with its bytes and the reason; only an unreachable database stops a run,
 * and then the same message is read again next time.
 */
export function createSupportMailboxService({
  sequelize,
  models,
  tickets,
  departments,
  mail,
  ownAddresses,
  reader,
  now,
  logger,
  listSignups = null,
  onMailQueued = () => undefined,
}: {
  sequelize: Sequelize;
  models: TicketModels;
  tickets: TicketService;
  departments: DepartmentService;
  mail: SupportMailSettings;
  /** Addresses whose mail is ours (the support mailbox, the sender of our mail): never a ticket. */
  ownAddresses: string[];
  reader: MailboxReader | null;
  /** Unsubscribes a list member by token, as the one-click route does; null: mailto unsubscribes are ordinary mail. */
  listSignups?: Pick<ListSignups, 'unsubscribe'> | null;
  now: () => Date;
  logger: Logger;
  onMailQueued?: () => void;
}) {
  const { Ticket, TicketMessage, MailboxState, InboundMailFailure } = models;

  const lookups = {
    secret: mail.secret,
    async isStoredMessage(key: string) {
      return (await TicketMessage.count({ where: { message_id: key } })) > 0;
    },
    async findTicket(ticketId: number) {
      const ticket = await Ticket.findByPk(ticketId, { attributes: ['id', 'customer_email'] });
      return ticket ? { customer_email: ticket.customer_email } : null;
    },
    async ticketOfStoredMessage(messageId: string) {
      const stored = await TicketMessage.findOne({ where: { message_id: messageId, author: 'customer' }, attributes: ['ticket_id'] });
      return stored?.ticket_id ?? null;
    },
  };

  /**
   * A request sent through the mailto of a list e-mail's List-Unsubscribe header: the member whose token
   * it carries leaves that list, exactly as with the one-click POST (final, idempotent), recorded as
   * "mailto". The token is the membership's 256-bit random unsubscribe token (stored only as its hash),
   * so only someone who received that member's list e-mail can send it; as with the one-click link, the
   * sender's address is not required to match (people write from aliases and forwarding accounts).
   * Null when the message carries no token of a membership: a forged or mangled token is then read as
   * ordinary mail (a ticket or a reply), because a person who wrote "unsubscribe …" by hand still wants
   * something and staff can act on it, while nothing can be unsubscribed without knowing whose token it was.
   */
  async function mailtoUnsubscribe(parsed: ParsedMail, subject: string): Promise<InboundOutcome | null> {
    if (!listSignups) return null;
    const recipientHeaders = parsed.headerLines
      .filter((line) => (RECIPIENT_HEADERS as readonly string[]).includes(line.key.toLowerCase()))
      .map((line) => line.line);
    const listIds: number[] = [];
    let changed = false;
    for (const token of mailtoUnsubscribeTokens({ subject, recipientHeaders })) {
      try {
        const result = await listSignups.unsubscribe(token, 'mailto');
        listIds.push(result.list.id);
        changed ||= result.changed;
        logger.info({ list_id: result.list.id, changed: result.changed }, 'list member unsubscribed by mailto');
      } catch (err) {
        // No membership has this token: not an unsubscribe (see above). Anything else (the database) is raised.
        if (!(err instanceof NotFoundError)) throw err;
        logger.info('mailto unsubscribe with a token of no membership: read as ordinary mail');
      }
    }
    return listIds.length > 0 ? { action: 'unsubscribed', list_ids: listIds, changed } : null;
  }

  async function processMessage(raw: Buffer): Promise<InboundOutcome> {
    const parsed = await simpleParser(raw);
    const inbound: InboundMail = inboundMailFromParsed(parsed);
    if (inbound.from === '') throw new Error('The message has no sender address.');
    if (ownAddresses.some((own) => sameContactEmail(own, inbound.from))) return { action: 'own_mail' };
    const automated = classifyAutomated(parsed.headers, parsed.from?.text ?? inbound.from, inbound.subject);
    // Before threading and before the auto-reply rules: some providers send the mailto request from a
    // robot (Auto-Submitted), and the token alone proves it. A bounce is never a request, whatever it quotes.
    if (automated?.kind !== 'bounce') {
      const unsubscribed = await mailtoUnsubscribe(parsed, inbound.subject);
      if (unsubscribed) return unsubscribed;
    }
    if (automated) return { action: 'automated', kind: automated.kind, reason: automated.reason };

    const decision = await threadInbound(inbound, lookups);
    if (decision.action === 'duplicate') return { action: 'duplicate' };
    const key = inboundMessageKey(inbound);
    const { files, skipped } = attachmentsOf(parsed);
    const skippedNote = skipped.length ? `\n\n[${skipped.map((name) => `${name}: too large, not stored`).join('; ')}]` : '';
    const fromName = parsed.from?.value[0]?.name ?? '';
    try {
      if (decision.action === 'append') {
        await inTransaction(sequelize, (tx) =>
          tickets.appendInbound(tx, decision.ticket_id, {
            from_email: inbound.from,
            from_name: fromName,
            body_text: `${stripQuotedReply(inbound.text)}${skippedNote}`,
            body_html: inbound.html,
            message_id: key,
            in_reply_to: inbound.in_reply_to,
            attachments: files,
          }),
        );
        return { action: 'appended', ticket_id: decision.ticket_id, matched_by: decision.matched_by };
      }
      const ticket = await inTransaction(sequelize, async (tx) => {
        const department = await departments.defaultDepartment(tx);
        const opened = await tickets.openTicket(tx, {
          person: { email: inbound.from, name: fromName, phone: '', source: 'email', created_from: mail.supportAddress },
          department,
          subject: inbound.subject,
          body_text: `${inbound.text.trim()}${skippedNote}`,
          body_html: inbound.html,
          message_id: key,
          locale: '',
          created_at: now(),
          attachments: files,
        });
        return opened.ticket;
      });
      onMailQueued();
      return { action: 'created', ticket_id: ticket.id };
    } catch (err) {
      // The same Message-ID stored meanwhile (unique per ticket): it is already there once.
      if (isUniqueViolation(err)) return { action: 'duplicate' };
      throw err;
    }
  }

  async function keepAside(mailbox: string, uidValidity: string, uid: number, raw: Buffer | null, reason: string): Promise<void> {
    try {
      await InboundMailFailure.create({ mailbox, uid_validity: uidValidity, uid, reason: reason.slice(0, 500), raw, created_at: now() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // kept aside in an earlier run already
    }
  }

  async function saveState(mailbox: string, uidValidity: string, lastUid: number): Promise<void> {
    await MailboxState.upsert({ mailbox, uid_validity: uidValidity, last_uid: lastUid, updated_at: now() });
  }

  return {
    processMessage,

    /** Processes up to `limit` messages that arrived since the last run. */
    async readNew(limit = 100): Promise<MailboxRunReport> {
      if (!reader) return { read: 0, kept_aside: 0, outcomes: {} };
      const report: MailboxRunReport = { read: 0, kept_aside: 0, outcomes: {} };
      await reader.withSession(async (session) => {
        const state = await MailboxState.findByPk(reader.name);
        let lastUid = state && state.uid_validity === session.uidValidity ? Number(state.last_uid) : 0;
        if (state && state.uid_validity !== session.uidValidity) {
          // The server renumbered the folder: read it all again; stored Message-IDs make the repeats no-ops.
          logger.warn({ mailbox: reader.name }, 'support mailbox UIDVALIDITY changed; reading it again from the start');
        }
        const uids = (await session.uidsAfter(lastUid)).slice(0, limit);
        for (const uid of uids) {
          const raw = await session.source(uid);
          report.read += 1;
          try {
            const outcome = raw ? await processMessage(raw) : null;
            if (outcome) {
              report.outcomes[outcome.action] = (report.outcomes[outcome.action] ?? 0) + 1;
              if (outcome.action === 'automated')
                logger.info({ uid, kind: outcome.kind, reason: outcome.reason }, 'automated mail ignored');
            }
          } catch (err) {
            // Unreachable database: stop here without moving on, this message is read again next run.
            if (isDatabaseUnavailableError(err)) throw err;
            const reason = `${(err as Error).name}: ${(err as Error).message}`;
            logger.warn({ uid, mailbox: reader.name, reason }, 'inbound mail kept aside');
            await keepAside(reader.name, session.uidValidity, uid, raw, reason);
            report.kept_aside += 1;
          }
          lastUid = uid;
          await saveState(reader.name, session.uidValidity, lastUid);
        }
      });
      return report;
    },

    async keptAside(): Promise<{ id: number; uid: number; reason: string; created_at: string }[]> {
      const rows = await InboundMailFailure.findAll({ order: [['id', 'ASC']], attributes: ['id', 'uid', 'reason', 'created_at'] });
      return rows.map((row) => ({
        id: row.id,
        uid: Number(row.uid),
        reason: row.reason,
        created_at: new Date(row.created_at).toISOString(),
      }));
    },
  };
}

export type SupportMailboxService = ReturnType<typeof createSupportMailboxService>;
