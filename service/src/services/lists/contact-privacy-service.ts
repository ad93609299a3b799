import { domainToASCII, domainToUnicode } from 'node:url';
import { Op, fn, col, where, type Sequelize, type Transaction } from 'sequelize';
import type { Models } from '../../db/models';
import { inTransaction } from '../../db/transactions';
import { normalizeContactEmail, sameContactEmail } from '../../domain/tickets/contact-submission';
import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import { departmentNoticeKey, ticketMailKey } from '../tickets/ticket-service';
import { confirmationMailPrefix, memberView } from './list-models';

export type PrivacyModels = Pick<
  Models,
  | 'Contact'
  | 'MarketingList'
  | 'ListMember'
  | 'Ticket'
  | 'TicketMessage'
  | 'TicketAttachment'
  | 'ContactSubmission'
  | 'Invoice'
  | 'RecurringTemplate'
  | 'Outbox'
>;

/** What stays after an erasure, and why: the law (invoices) wins over the request. */
export interface RetainedData {
  what: 'contact' | 'invoices' | 'recurring_templates';
  contact_id: number;
  count: number;
  reason: string;
}

export const INVOICES_REQUIRED_BY_LAW = 'invoices required by law';
export const ERASED_TEXT = '[erased]';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function parseJson(value: string, fallback: unknown): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fallback;
  }
}

// The spellings of an address the database may hold: as typed, and with the domain in ASCII or Unicode.
function spellings(email: string): string[] {
  const normalized = normalizeContactEmail(email);
  const at = normalized.lastIndexOf('@');
  if (at < 0) return [normalized.toLowerCase()];
  const local = normalized.slice(0, at);
  const domain = normalized.slice(at + 1);
  return [...new Set([normalized, `${local}@${domainToASCII(domain) || domain}`, `${local}@${domainToUnicode(domain) || domain}`])].map(
    (form) => form.toLowerCase(),
  );
}

/**
 * GDPR access (art. 15) and erasure (art. 17) for one person, found by e-mail address: the contact,
 * list memberships with their consent, contact-form submissions, tickets and their messages.
 * Invoices and the customer they name are kept: Spanish law requires them for years (LGT art. 66,
 * Código de Comercio art. 30), so an erasure reports them as retained instead.
 */
export function createContactPrivacyService({
  sequelize,
  models,
  logger,
  now,
}: {
  sequelize: Sequelize;
  models: PrivacyModels;
  logger: Logger;
  now: () => Date;
}) {
  const {
    Contact,
    MarketingList,
    ListMember,
    Ticket,
    TicketMessage,
    TicketAttachment,
    ContactSubmission,
    Invoice,
    RecurringTemplate,
    Outbox,
  } = models;

  async function contactsByEmail(email: string, tx?: Transaction) {
    const forms = spellings(email);
    const candidates = await Contact.findAll({
      where: where(fn('lower', col('email')), { [Op.in]: forms }),
      order: [['id', 'ASC']],
      transaction: tx,
    });
    return candidates.filter((row) => sameContactEmail(row.email, email));
  }

  async function ticketsOf(contactIds: number[], email: string, tx?: Transaction) {
    return Ticket.findAll({
      where: {
        [Op.or]: [{ contact_id: { [Op.in]: contactIds } }, where(fn('lower', col('customer_email')), { [Op.in]: spellings(email) })],
      },
      order: [['id', 'ASC']],
      transaction: tx,
    });
  }

  async function gather(email: string) {
    const contacts = await contactsByEmail(email);
    const contactIds = contacts.map((row) => row.id);
    const [members, tickets, submissions, invoices] = await Promise.all([
      ListMember.findAll({ where: { contact_id: { [Op.in]: contactIds } }, order: [['id', 'ASC']] }),
      ticketsOf(contactIds, email),
      ContactSubmission.findAll({ where: { contact_id: { [Op.in]: contactIds } }, order: [['id', 'ASC']] }),
      Invoice.findAll({
        where: { customer_id: { [Op.in]: contactIds } },
        attributes: ['id', 'full_number', 'issue_date', 'status'],
        order: [['id', 'ASC']],
      }),
    ]);
    const lists = await MarketingList.findAll({ where: { id: { [Op.in]: members.map((m) => m.list_id) } } });
    const messages = await TicketMessage.findAll({ where: { ticket_id: { [Op.in]: tickets.map((t) => t.id) } }, order: [['id', 'ASC']] });
    const listNames = new Map(lists.map((list) => [list.id, list.name]));
    const contactsById = new Map(contacts.map((contact) => [contact.id, contact]));
    return {
      email,
      contacts: contacts.map((row) => ({
        id: row.id,
        name: row.legal_name,
        tax_id: row.tax_id,
        email: row.email,
        additional_emails: parseJson(row.additional_emails, []),
        phone: row.phone,
        address_line: row.address_line,
        postal_code: row.postal_code,
        city: row.city,
        province: row.province,
        country_code: row.country_code,
        notes: row.notes,
        source: row.source,
        created_from: row.created_from,
        created_at: iso(row.created_at),
        updated_at: iso(row.updated_at),
      })),
      list_memberships: members.map((row) => {
        const { contact: _contact, ...membership } = memberView(row, contactsById.get(row.contact_id) ?? null);
        return { ...membership, list: { id: row.list_id, name: listNames.get(row.list_id) ?? '' } };
      }),
      contact_submissions: submissions.map((row) => ({
        id: row.id,
        ticket_id: row.ticket_id,
        submitted_at: iso(row.submitted_at),
        page_url: row.source_page_url,
        fields: parseJson(row.fields, {}),
        privacy_accepted: Boolean(row.privacy_accepted),
        marketing_consent: Boolean(row.marketing_consent),
        list_ids: parseJson(row.list_ids, []),
        consent: { text: row.consent_text, version: row.consent_version, ip: row.consent_ip, user_agent: row.consent_user_agent },
      })),
      tickets: tickets.map((ticket) => ({
        id: ticket.id,
        subject: ticket.subject,
        status: ticket.status,
        name: ticket.customer_name,
        email: ticket.customer_email,
        created_at: iso(ticket.created_at),
        messages: messages
          .filter((message) => message.ticket_id === ticket.id)
          .map((message) => ({
            id: message.id,
            kind: message.kind,
            author: message.author,
            author_name: message.author_name,
            author_email: message.author_email,
            body_text: message.body_text,
            attachments: parseJson(message.attachments, []),
            created_at: iso(message.created_at),
          })),
      })),
      invoices: invoices.map((row) => ({ id: row.id, number: row.full_number, issue_date: row.issue_date, status: row.status })),
    };
  }

  return {
    /** Everything stored about the person with this address. */
    async personalDataByEmail(email: string) {
      return gather(email);
    },

    async personalDataOfContact(contactId: number) {
      const contact = await Contact.findByPk(contactId);
      if (!contact) throw new NotFoundError('There is no contact with this id.', 'NOT_FOUND');
      return gather(contact.email);
    },

    /**
     * Erases the person: list memberships deleted, tickets anonymised (text, names, addresses and
     * attachments gone; dates and statuses kept for the metrics), submissions stripped of what they
     * said, the contact deleted — unless it is an invoice customer, which is kept and reported.
     */
    async erase(email: string) {
      const result = await inTransaction(sequelize, async (tx) => {
        const contacts = await contactsByEmail(email, tx);
        const contactIds = contacts.map((row) => row.id);
        const retained: RetainedData[] = [];
        const keep = new Set<number>();
        for (const contact of contacts) {
          const [invoices, templates] = await Promise.all([
            Invoice.count({ where: { customer_id: contact.id }, transaction: tx }),
            RecurringTemplate.count({ where: { customer_id: contact.id }, transaction: tx }),
          ]);
          if (invoices > 0 || templates > 0 || contact.source === 'billing') {
            keep.add(contact.id);
            retained.push({ what: 'contact', contact_id: contact.id, count: 1, reason: INVOICES_REQUIRED_BY_LAW });
            if (invoices > 0)
              retained.push({ what: 'invoices', contact_id: contact.id, count: invoices, reason: INVOICES_REQUIRED_BY_LAW });
            if (templates > 0) {
              retained.push({ what: 'recurring_templates', contact_id: contact.id, count: templates, reason: INVOICES_REQUIRED_BY_LAW });
            }
          }
        }

        const members = await ListMember.findAll({ where: { contact_id: { [Op.in]: contactIds } }, attributes: ['id'], transaction: tx });
        for (const member of members) {
          await Outbox.destroy({
            where: { status: 'pending', dedupe_key: { [Op.like]: `${confirmationMailPrefix(member.id)}%` } },
            transaction: tx,
          });
        }
        const memberships = await ListMember.destroy({ where: { contact_id: { [Op.in]: contactIds } }, transaction: tx });

        const tickets = await ticketsOf(contactIds, email, tx);
        const ticketIds = tickets.map((row) => row.id);
        const messages = await TicketMessage.findAll({ where: { ticket_id: { [Op.in]: ticketIds } }, attributes: ['id'], transaction: tx });
        // Mail not sent yet would carry the text being erased.
        await Outbox.destroy({
          where: {
            status: 'pending',
            dedupe_key: { [Op.in]: [...messages.map((row) => ticketMailKey(row.id)), ...ticketIds.map(departmentNoticeKey)] },
          },
          transaction: tx,
        });
        const attachments = await TicketAttachment.destroy({ where: { ticket_id: { [Op.in]: ticketIds } }, transaction: tx });
        const [messagesAnonymised] = await TicketMessage.update(
          { body_text: ERASED_TEXT, body_html: null, author_name: '', author_email: '', attachments: '[]' },
          { where: { ticket_id: { [Op.in]: ticketIds } }, transaction: tx },
        );
        const [ticketsAnonymised] = await Ticket.update(
          { subject: ERASED_TEXT, customer_name: '', customer_email: '', updated_at: now() },
          { where: { id: { [Op.in]: ticketIds } }, transaction: tx },
        );
        const [submissions] = await ContactSubmission.update(
          { fields: '{}', consent_text: '', consent_ip: '', consent_user_agent: '' },
          { where: { [Op.or]: [{ contact_id: { [Op.in]: contactIds } }, { ticket_id: { [Op.in]: ticketIds } }] }, transaction: tx },
        );
        const erasable = contactIds.filter((id) => !keep.has(id));
        const contactsDeleted = await Contact.destroy({ where: { id: { [Op.in]: erasable } }, transaction: tx });
        return {
          email,
          erased: {
            contacts: contactsDeleted,
            list_memberships: memberships,
            tickets: ticketsAnonymised,
            messages: messagesAnonymised,
            attachments,
            contact_submissions: submissions,
          },
          retained,
        };
      });
      // Ids and counts only: the address itself is what was just erased.
      logger.info(
        { erased: result.erased, retained: result.retained.map((r) => ({ what: r.what, contact_id: r.contact_id })) },
        'personal data erased',
      );
      return result;
    },
  };
}

export type ContactPrivacyService = ReturnType<typeof createContactPrivacyService>;
