import { DateTime } from 'luxon';
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';
import { likePattern } from '../../db/like-pattern';
import type { DepartmentRecord, TicketMessageRecord, TicketRecord } from '../../db/models/ticket.model';
import { inTransaction } from '../../db/transactions';
import { safeHeaderText, ticketMessageId } from '../../domain/tickets/ticket-mail';
import {
  ticketMetrics,
  type TicketFacts,
  type TicketMessageAuthor,
  type TicketMessageKind,
  type TicketMetricsReport,
  type TicketStatus,
} from '../../domain/tickets/ticket-metrics';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { NotificationSource } from '../notifications/notification-summary-service';
import type { OutboxService } from '../outbox/outbox-service';
import { findOrCreateContact, type ContactPerson } from './contact-matching';
import { departmentCalendar, departmentView, type DepartmentView } from './department-service';
import { MAX_REPLY_ATTACHMENTS, MAX_REPLY_ATTACHMENT_BYTES, type SupportMailSettings, type TicketModels } from './ticket-models';

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export interface AttachmentInput {
  name: string;
  type: string;
  content: Buffer;
}

export interface AttachmentMeta {
  id: number;
  name: string;
  type: string;
  size: number;
}

export interface TicketSummary {
  id: number;
  /** The number customers see as `[#N]`; the same as the id, so a subject tag names the ticket directly. */
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: number | null;
  department: { id: number; name: string; colour: string } | null;
  contact: { id: number; name: string; email: string };
  locale: string;
  awaiting_first_reply: boolean;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  last_customer_message_at: string | null;
  last_message_at: string;
}

export interface TicketMessageView {
  id: number;
  kind: TicketMessageKind;
  author: TicketMessageAuthor;
  staff_user_id: number | null;
  author_name: string;
  author_email: string;
  body_text: string;
  body_html: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  attachments: AttachmentMeta[];
  /** For e-mailed messages (acknowledgements, replies): how the outbox is doing; null for the rest. */
  delivery: { status: string; attempts: number; last_error: string | null; sent_at: string | null } | null;
  created_at: string;
}

export interface TicketDetail extends TicketSummary {
  messages: TicketMessageView[];
  submission: {
    source: { post_id: number | null; page_url: string; form_id: string };
    phone: string;
    selects: Record<string, string | string[]>;
    marketing_consent: boolean;
    list_ids: number[];
    submitted_at: string;
  } | null;
}

export interface TicketSearch {
  department_id?: number;
  status?: TicketStatus[];
  assignee_id?: number | 'none';
  search?: string;
  awaiting_first_reply?: boolean;
  page: number;
  per_page: number;
}

export interface TicketChange {
  status?: TicketStatus;
  priority?: TicketPriority;
  assignee_id?: number | null;
  department_id?: number;
}

/** What opens a ticket: a form submission or a first e-mail from someone. */
export interface OpenTicketInput {
  person: ContactPerson;
  department: DepartmentRecord;
  subject: string;
  body_text: string;
  body_html: string | null;
  /** The inbound Message-ID (e-mail); null for a form post. */
  message_id: string | null;
  locale: string;
  created_at: Date;
  attachments: AttachmentInput[];
}

export interface InboundMessageInput {
  from_email: string;
  from_name: string;
  body_text: string;
  body_html: string | null;
  message_id: string;
  in_reply_to: string | null;
  attachments: AttachmentInput[];
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Dedupe keys of the outbox entries for a ticket message and for a ticket's department notice. */
export const ticketMailKey = (messageId: number) => `ticket-mail:${messageId}`;
export const departmentNoticeKey = (ticketId: number) => `ticket-notice:${ticketId}`;

export function createTicketService({
  sequelize,
  models,
  outbox,
  mail,
  companySettings,
  defaultTimezone,
  now,
  onMailQueued = () => undefined,
}: {
  sequelize: Sequelize;
  models: TicketModels;
  outbox: OutboxService;
  mail: SupportMailSettings;
  companySettings: CompanySettingsRepository;
  defaultTimezone: string;
  now: () => Date;
  onMailQueued?: () => void;
}) {
  const { Ticket, TicketMessage, TicketAttachment, Department, ContactSubmission } = models;

  async function departmentsById(): Promise<Map<number, DepartmentView>> {
    const rows = await Department.findAll();
    return new Map(rows.map((row) => [row.id, departmentView(row)]));
  }

  function summary(row: TicketRecord, departments: Map<number, DepartmentView>): TicketSummary {
    const department = departments.get(row.department_id);
    return {
      id: row.id,
      number: row.id,
      subject: row.subject,
      status: row.status as TicketStatus,
      priority: row.priority as TicketPriority,
      assignee_id: row.assignee_id,
      department: department ? { id: department.id, name: department.name, colour: department.colour } : null,
      contact: { id: row.contact_id, name: row.customer_name, email: row.customer_email },
      locale: row.locale,
      awaiting_first_reply: row.first_response_at === null && row.status !== 'closed',
      created_at: iso(row.created_at)!,
      updated_at: iso(row.updated_at)!,
      first_response_at: iso(row.first_response_at),
      closed_at: iso(row.closed_at),
      last_customer_message_at: iso(row.last_customer_message_at),
      last_message_at: iso(row.last_message_at)!,
    };
  }

  async function findTicket(id: number, tx?: Transaction): Promise<TicketRecord> {
    const row = await Ticket.findByPk(id, { transaction: tx, ...(tx ? { lock: tx.LOCK.UPDATE } : {}) });
    if (!row) throw new NotFoundError('There is no ticket with this id.', 'NOT_FOUND');
    return row;
  }

  async function storeAttachments(
    tx: Transaction,
    ticketId: number,
    messageId: number,
    files: AttachmentInput[],
  ): Promise<AttachmentMeta[]> {
    const stored: AttachmentMeta[] = [];
    for (const file of files) {
      const row = await TicketAttachment.create(
        {
          ticket_id: ticketId,
          message_id: messageId,
          name: file.name,
          content_type: file.type,
          size: file.content.length,
          content: file.content,
          created_at: now(),
        },
        { transaction: tx },
      );
      stored.push({ id: row.id, name: row.name, type: row.content_type, size: row.size });
    }
    return stored;
  }

  /** Our signed Message-ID for a message of a ticket. */
  const signedMessageId = (ticketId: number, messageId: number) =>
    ticketMessageId({ ticket_id: ticketId, message_id: messageId }, mail.messageIdDomain, mail.secret);

  /** The customer's last e-mail on the ticket, which our reply answers (In-Reply-To). */
  async function lastCustomerMessageId(tx: Transaction, ticketId: number): Promise<string | null> {
    const last = await TicketMessage.findOne({
      where: { ticket_id: ticketId, author: 'customer', message_id: { [Op.ne]: null } },
      order: [['id', 'DESC']],
      transaction: tx,
    });
    return last?.message_id ?? null;
  }

  /**
   * Creates the ticket, its first message and the acknowledgement in the caller's transaction, and
   * queues the acknowledgement to the customer and the notice to the department's contact.
   */
  async function openTicket(tx: Transaction, input: OpenTicketInput): Promise<{ ticket: TicketRecord; contact_id: number }> {
    const contact = await findOrCreateContact(sequelize, models, tx, input.person, input.created_at);
    const subject = safeHeaderText(input.subject, 200) || safeHeaderText(input.body_text, 80) || '—';
    const ticket = await Ticket.create(
      {
        contact_id: contact.id,
        department_id: input.department.id,
        subject,
        status: 'new',
        priority: 'normal',
        assignee_id: null,
        customer_email: input.person.email,
        customer_name: safeHeaderText(input.person.name, 200),
        locale: input.locale,
        created_at: input.created_at,
        updated_at: input.created_at,
        first_response_at: null,
        closed_at: null,
        last_customer_message_at: input.created_at,
        last_message_at: input.created_at,
      },
      { transaction: tx },
    );
    const first = await TicketMessage.create(
      {
        ticket_id: ticket.id,
        kind: 'submission',
        author: 'customer',
        staff_user_id: null,
        author_name: ticket.customer_name,
        author_email: input.person.email,
        body_text: input.body_text,
        body_html: input.body_html,
        message_id: input.message_id,
        in_reply_to: null,
        attachments: '[]',
        created_at: input.created_at,
      },
      { transaction: tx },
    );
    if (input.attachments.length > 0) {
      const stored = await storeAttachments(tx, ticket.id, first.id, input.attachments);
      await first.update({ attachments: JSON.stringify(stored) }, { transaction: tx });
    }
    // The acknowledgement is part of the thread (it is what customers answer), but not a response: author system.
    const ack = await TicketMessage.create(
      {
        ticket_id: ticket.id,
        kind: 'reply',
        author: 'system',
        staff_user_id: null,
        author_name: '',
        author_email: mail.supportAddress,
        body_text: '',
        body_html: null,
        message_id: null,
        in_reply_to: input.message_id,
        attachments: '[]',
        created_at: input.created_at,
      },
      { transaction: tx },
    );
    await ack.update({ message_id: signedMessageId(ticket.id, ack.id) }, { transaction: tx });
    await outbox.enqueue(tx, 'ticket_acknowledgement', ticketMailKey(ack.id), { ticket_id: ticket.id, message_id: ack.id });
    if (input.department.contact_email) {
      await outbox.enqueue(tx, 'ticket_department_notice', departmentNoticeKey(ticket.id), { ticket_id: ticket.id });
    }
    return { ticket, contact_id: contact.id };
  }

  /** Adds a customer's e-mail to a ticket and reopens it when it was waiting or closed. */
  async function appendInbound(tx: Transaction, ticketId: number, input: InboundMessageInput): Promise<TicketMessageRecord> {
    const ticket = await findTicket(ticketId, tx);
    const at = now();
    const message = await TicketMessage.create(
      {
        ticket_id: ticket.id,
        kind: 'reply',
        author: 'customer',
        staff_user_id: null,
        author_name: safeHeaderText(input.from_name, 200),
        author_email: input.from_email.slice(0, 254),
        body_text: input.body_text,
        body_html: input.body_html,
        message_id: input.message_id,
        in_reply_to: input.in_reply_to?.slice(0, 250) ?? null,
        attachments: '[]',
        created_at: at,
      },
      { transaction: tx },
    );
    if (input.attachments.length > 0) {
      const stored = await storeAttachments(tx, ticket.id, message.id, input.attachments);
      await message.update({ attachments: JSON.stringify(stored) }, { transaction: tx });
    }
    const status = ticket.status === 'waiting' || ticket.status === 'closed' ? 'open' : ticket.status;
    await ticket.update({ status, last_customer_message_at: at, last_message_at: at, updated_at: at }, { transaction: tx });
    return message;
  }

  async function messageViews(ticketId: number): Promise<TicketMessageView[]> {
    const rows = await TicketMessage.findAll({ where: { ticket_id: ticketId }, order: [['id', 'ASC']] });
    const mailed = rows.filter((row) => row.kind === 'reply' && row.author !== 'customer');
    const entries = mailed.length
      ? await models.Outbox.findAll({ where: { dedupe_key: { [Op.in]: mailed.map((row) => ticketMailKey(row.id)) } } })
      : [];
    const byKey = new Map(entries.map((entry) => [entry.dedupe_key, entry]));
    return rows.map((row) => {
      const entry = byKey.get(ticketMailKey(row.id));
      return {
        id: row.id,
        kind: row.kind as TicketMessageKind,
        author: row.author as TicketMessageAuthor,
        staff_user_id: row.staff_user_id,
        author_name: row.author_name,
        author_email: row.author_email,
        body_text: row.body_text,
        body_html: row.body_html,
        message_id: row.message_id,
        in_reply_to: row.in_reply_to,
        attachments: JSON.parse(row.attachments) as AttachmentMeta[],
        delivery: entry
          ? { status: entry.status, attempts: entry.attempts, last_error: entry.last_error, sent_at: iso(entry.sent_at) }
          : null,
        created_at: iso(row.created_at)!,
      };
    });
  }

  async function companyTimezone(): Promise<string> {
    return (await companySettings.find())?.timezone ?? defaultTimezone;
  }

  function checkAttachments(files: AttachmentInput[]): void {
    if (files.length > MAX_REPLY_ATTACHMENTS) {
      throw new ValidationError([{ message: `At most ${MAX_REPLY_ATTACHMENTS} attachments.`, code: 'TOO_MANY', property: 'attachments' }]);
    }
    const total = files.reduce((sum, file) => sum + file.content.length, 0);
    if (total > MAX_REPLY_ATTACHMENT_BYTES) {
      throw new ValidationError([
        { message: `Attachments may add up to ${MAX_REPLY_ATTACHMENT_BYTES / 1024 / 1024} MB.`, code: 'TOO_BIG', property: 'attachments' },
      ]);
    }
  }

  return {
    openTicket,
    appendInbound,

    async list(query: TicketSearch): Promise<{ items: TicketSummary[]; total: number; page: number; per_page: number }> {
      const conditions: WhereOptions[] = [];
      if (query.department_id !== undefined) conditions.push({ department_id: query.department_id });
      if (query.status?.length) conditions.push({ status: { [Op.in]: query.status } });
      if (query.assignee_id !== undefined) conditions.push({ assignee_id: query.assignee_id === 'none' ? null : query.assignee_id });
      if (query.awaiting_first_reply) conditions.push({ first_response_at: null, status: { [Op.ne]: 'closed' } });
      const term = query.search?.trim();
      if (term) {
        const number = /^#?(\d{1,9})$/.exec(term);
        const pattern = likePattern(term);
        conditions.push({
          [Op.or]: [
            ...(number ? [{ id: Number(number[1]) }] : []),
            { subject: { [Op.like]: pattern } },
            { customer_email: { [Op.like]: pattern } },
            { customer_name: { [Op.like]: pattern } },
          ],
        });
      }
      const { rows, count } = await Ticket.findAndCountAll({
        where: conditions.length ? { [Op.and]: conditions } : {},
        order: [['id', 'DESC']],
        limit: query.per_page,
        offset: (query.page - 1) * query.per_page,
      });
      const departments = await departmentsById();
      return { items: rows.map((row) => summary(row, departments)), total: count, page: query.page, per_page: query.per_page };
    },

    async get(id: number): Promise<TicketDetail> {
      const row = await findTicket(id);
      const [departments, messages, submission] = await Promise.all([
        departmentsById(),
        messageViews(id),
        ContactSubmission.findOne({ where: { ticket_id: id } }),
      ]);
      const fields = submission ? (JSON.parse(submission.fields) as { phone?: string; selects?: Record<string, string | string[]> }) : null;
      return {
        ...summary(row, departments),
        messages,
        submission: submission
          ? {
              source: { post_id: submission.source_post_id, page_url: submission.source_page_url, form_id: submission.source_form_id },
              phone: fields?.phone ?? '',
              selects: fields?.selects ?? {},
              marketing_consent: Boolean(submission.marketing_consent),
              list_ids: JSON.parse(submission.list_ids) as number[],
              submitted_at: iso(submission.submitted_at)!,
            }
          : null,
      };
    },

    /** A public reply: stored, then e-mailed to the customer through the outbox with our signed Message-ID. */
    async reply(
      id: number,
      input: { body: string; attachments: AttachmentInput[]; status: TicketStatus },
      staff: { id: number; name: string },
    ): Promise<TicketMessageView> {
      checkAttachments(input.attachments);
      const messageId = await inTransaction(sequelize, async (tx) => {
        const ticket = await findTicket(id, tx);
        if (!ticket.customer_email) throw new ConflictError('This ticket has no e-mail address to reply to.', 'NO_CUSTOMER_EMAIL');
        const at = now();
        const message = await TicketMessage.create(
          {
            ticket_id: ticket.id,
            kind: 'reply',
            author: 'staff',
            staff_user_id: staff.id,
            author_name: staff.name.slice(0, 200),
            author_email: mail.supportAddress,
            body_text: input.body,
            body_html: null,
            message_id: null,
            in_reply_to: await lastCustomerMessageId(tx, ticket.id),
            attachments: '[]',
            created_at: at,
          },
          { transaction: tx },
        );
        const stored = await storeAttachments(tx, ticket.id, message.id, input.attachments);
        await message.update(
          { message_id: signedMessageId(ticket.id, message.id), attachments: JSON.stringify(stored) },
          { transaction: tx },
        );
        await ticket.update(
          {
            status: input.status,
            first_response_at: ticket.first_response_at ?? at,
            closed_at: input.status === 'closed' ? at : ticket.closed_at,
            last_message_at: at,
            updated_at: at,
          },
          { transaction: tx },
        );
        await outbox.enqueue(tx, 'ticket_reply', ticketMailKey(message.id), { ticket_id: ticket.id, message_id: message.id });
        return message.id;
      });
      onMailQueued();
      return (await messageViews(id)).find((message) => message.id === messageId)!;
    },

    /** An internal note: stored on the thread, never e-mailed. */
    async note(id: number, input: { body: string }, staff: { id: number; name: string }): Promise<TicketMessageView> {
      const messageId = await inTransaction(sequelize, async (tx) => {
        const ticket = await findTicket(id, tx);
        const at = now();
        const message = await TicketMessage.create(
          {
            ticket_id: ticket.id,
            kind: 'note',
            author: 'staff',
            staff_user_id: staff.id,
            author_name: staff.name.slice(0, 200),
            author_email: '',
            body_text: input.body,
            body_html: null,
            message_id: null,
            in_reply_to: null,
            attachments: '[]',
            created_at: at,
          },
          { transaction: tx },
        );
        await ticket.update({ updated_at: at }, { transaction: tx });
        return message.id;
      });
      return (await messageViews(id)).find((message) => message.id === messageId)!;
    },

    async update(id: number, change: TicketChange): Promise<TicketSummary> {
      await inTransaction(sequelize, async (tx) => {
        const ticket = await findTicket(id, tx);
        if (change.department_id !== undefined && !(await Department.findByPk(change.department_id, { transaction: tx }))) {
          throw new ValidationError([
            { message: 'There is no department with this id.', code: 'UNKNOWN_DEPARTMENT', property: 'department_id' },
          ]);
        }
        const at = now();
        const closing = change.status === 'closed' && ticket.status !== 'closed';
        await ticket.update(
          {
            ...(change.status !== undefined ? { status: change.status } : {}),
            ...(change.priority !== undefined ? { priority: change.priority } : {}),
            ...(change.assignee_id !== undefined ? { assignee_id: change.assignee_id } : {}),
            ...(change.department_id !== undefined ? { department_id: change.department_id } : {}),
            // The last close is what resolution time measures; reopening keeps it until the next close.
            ...(closing ? { closed_at: at } : {}),
            updated_at: at,
          },
          { transaction: tx },
        );
      });
      return summary(await findTicket(id), await departmentsById());
    },

    async attachment(ticketId: number, attachmentId: number): Promise<{ name: string; type: string; content: Buffer }> {
      const row = await TicketAttachment.findOne({ where: { id: attachmentId, ticket_id: ticketId } });
      if (!row) throw new NotFoundError('There is no attachment with this id on this ticket.', 'NOT_FOUND');
      return { name: row.name, type: row.content_type, content: Buffer.from(row.content) };
    },

    /** Response and resolution times of the tickets created in [from, to), per department and agent. */
    async metrics(from: Date, to: Date): Promise<TicketMetricsReport & { timezone: string }> {
      const rows = await Ticket.findAll({
        where: { created_at: { [Op.gte]: from, [Op.lt]: to } },
        attributes: ['id', 'department_id', 'assignee_id', 'status', 'created_at', 'closed_at', 'first_response_at'],
      });
      // The first staff reply is kept on the ticket, which is all the first-response figure needs.
      const facts: TicketFacts[] = rows.map((row) => ({
        id: row.id,
        department_id: row.department_id,
        assignee_id: row.assignee_id,
        status: row.status as TicketStatus,
        created_at: new Date(row.created_at),
        closed_at: row.closed_at ? new Date(row.closed_at) : null,
        messages: row.first_response_at ? [{ kind: 'reply', author: 'staff', created_at: new Date(row.first_response_at) }] : [],
      }));
      const timezone = await companyTimezone();
      const departments = await departmentsById();
      const fallback = [...departments.values()].find((d) => d.is_default) ?? [...departments.values()][0]!;
      const report = ticketMetrics(facts, { from, to }, (departmentId) =>
        departmentCalendar(departments.get(departmentId) ?? fallback, timezone),
      );
      return {
        ...report,
        timezone,
        departments: report.departments.map((entry) => ({
          ...entry,
          name: departments.get(entry.department_id)?.name ?? '',
          colour: departments.get(entry.department_id)?.colour ?? '',
        })),
      };
    },

    /**
     * Metrics for a period given as dates (whole local days in the company time zone, `to` included)
     * or as ISO instants (`to` excluded).
     */
    async metricsBetween(fromText: string, toText: string): Promise<TicketMetricsReport & { timezone: string }> {
      const timezone = await companyTimezone();
      const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
      const read = (value: string, endOfRange: boolean) => {
        const parsed = isDate(value) ? DateTime.fromISO(value, { zone: timezone }) : DateTime.fromISO(value, { setZone: true });
        return isDate(value) && endOfRange ? parsed.plus({ days: 1 }) : parsed;
      };
      const from = read(fromText, false);
      const to = read(toText, true);
      const problems = [
        ...(from.isValid ? [] : [{ message: 'Not a valid date.', code: 'INVALID_DATE', property: 'from' }]),
        ...(to.isValid ? [] : [{ message: 'Not a valid date.', code: 'INVALID_DATE', property: 'to' }]),
      ];
      if (problems.length === 0 && to <= from)
        problems.push({ message: 'The end must be after the start.', code: 'INVALID_RANGE', property: 'to' });
      if (problems.length === 0 && to.diff(from, 'days').days > 3 * 366) {
        problems.push({ message: 'At most three years at a time.', code: 'RANGE_TOO_LONG', property: 'to' });
      }
      if (problems.length > 0) throw new ValidationError(problems);
      return this.metrics(from.toJSDate(), to.toJSDate());
    },

    /** New tickets, for the admin bar count. */
    notificationSource(): NotificationSource {
      return {
        async pending(limit) {
          const { rows, count } = await Ticket.findAndCountAll({ where: { status: 'new' }, order: [['id', 'DESC']], limit });
          return {
            count,
            items: rows.map((row) => ({
              type: 'ticket',
              title: `#${row.id} ${row.subject}`,
              url: `admin.php?page=cuadra-tickets&ticket=${row.id}`,
              created_at: iso(row.created_at)!,
            })),
          };
        },
      };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
