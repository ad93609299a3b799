import { hkdfSync } from 'node:crypto';
import type { ModelStatic } from 'sequelize';
import type { ContactRecord } from '../../db/models/contact.model';
import type { OutboxRecord } from '../../db/models/outbox.model';
import type {
  ContactSubmissionRecord,
  DepartmentRecord,
  InboundMailFailureRecord,
  MailboxStateRecord,
  TicketAttachmentRecord,
  TicketMessageRecord,
  TicketRecord,
} from '../../db/models/ticket.model';

export interface TicketModels {
  Contact: ModelStatic<ContactRecord>;
  Department: ModelStatic<DepartmentRecord>;
  Ticket: ModelStatic<TicketRecord>;
  TicketMessage: ModelStatic<TicketMessageRecord>;
  TicketAttachment: ModelStatic<TicketAttachmentRecord>;
  ContactSubmission: ModelStatic<ContactSubmissionRecord>;
  MailboxState: ModelStatic<MailboxStateRecord>;
  InboundMailFailure: ModelStatic<InboundMailFailureRecord>;
  Outbox: ModelStatic<OutboxRecord>;
}

/** Where ticket mail comes from and goes back to. */
export interface SupportMailSettings {
  /** Sender of all mail (MAIL_FROM). */
  from: string;
  /** The support mailbox: Reply-To of ticket mail, read back over IMAP. */
  supportAddress: string;
  /** Domain of our signed Message-IDs. */
  messageIdDomain: string;
  /** Key for signed Message-IDs and body markers, derived from the shared secret. */
  secret: string;
}

/**
 * The key that signs ticket Message-IDs and body markers: derived from the shared secret, so the
 * secret itself never signs anything a stranger can read (and a leaked mail key is not the API key).
 */
export function ticketMailSecret(sharedSecret: string): string {
  return Buffer.from(hkdfSync('sha256', sharedSecret, 'cuadra', 'ticket-mail-signatures', 32)).toString('hex');
}

/** The bare address of "Name <address>" or of a plain address, lower-cased domain. */
export function addressOf(mailbox: string): string {
  const bracketed = /<([^<>]+)>/.exec(mailbox);
  return (bracketed ? bracketed[1]! : mailbox).trim();
}

/** Attachment limits for one staff reply. */
export const MAX_REPLY_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_REPLY_ATTACHMENTS = 10;
/** A reply's JSON body: the attachments in base64 (4/3 of their size) plus the text. */
export const REPLY_BODY_LIMIT_BYTES = Math.ceil((MAX_REPLY_ATTACHMENT_BYTES * 4) / 3) + 1024 * 1024;
/** Inbound attachments larger than this are listed on the message but not stored. */
export const MAX_INBOUND_ATTACHMENT_BYTES = 10 * 1024 * 1024;
