import { Op, literal, type Sequelize, type WhereOptions } from 'sequelize';
import { contactKindCondition, contactKindOf, type ContactKind } from '../../db/customer-repository';
import { dialectOf } from '../../db/database';
import { likePattern } from '../../db/like-pattern';
import type { Models } from '../../db/models';
import type { ContactRecord } from '../../db/models/contact.model';
import type { ListMemberStatus } from '../../domain/lists/list-membership';
import type { TicketStatus } from '../../domain/tickets/ticket-metrics';
import { inTransaction } from '../../db/transactions';
import { ConflictError, NotFoundError } from '../../errors';

export type ContactModels = Pick<Models, 'Contact' | 'Ticket' | 'Department' | 'MarketingList' | 'ListMember'>;

export type { ContactKind };

export const CONTACT_FILTERS = ['all', 'leads', 'customers', 'subscribers'] as const;
export type ContactFilter = (typeof CONTACT_FILTERS)[number];

export interface ContactSearch {
  search?: string;
  filter: ContactFilter;
  /** With `subscribers`: subscribed to this list only. */
  list_id?: number;
  page: number;
  per_page: number;
}

export interface ContactSummary {
  id: number;
  name: string;
  email: string;
  phone: string;
  kind: ContactKind;
  /** How the contact first reached us: `billing`, `form`, `email`, `admin` or `import`. */
  source: string;
  ticket_count: number;
  /** Lists the contact is subscribed to (confirmed, not left). */
  subscribed_lists: number;
  created_at: string;
  last_activity_at: string;
}

export interface ContactTicket {
  id: number;
  number: number;
  subject: string;
  status: TicketStatus;
  department: { id: number; name: string; colour: string } | null;
  created_at: string;
  last_message_at: string;
}

export interface ContactMembership {
  list: { id: number; name: string };
  status: ListMemberStatus;
  consent: { text: string; version: string; ip: string; user_agent: string; source: string; consented_at: string };
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  unsubscribe_source: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactDetail extends ContactSummary {
  created_from: string;
  updated_at: string;
  /** Support staff may change the name and phone of a lead; a customer's data belongs to billing. */
  editable: boolean;
  tickets: ContactTicket[];
  list_memberships: ContactMembership[];
}

export interface LeadChange {
  name: string;
  phone: string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

/**
 * Contacts as support staff see them: every person in the one contacts model (leads from forms and
 * the mailbox, invoice customers, list subscribers), with their tickets and list consent. Billing
 * data is not shown or changed here; that stays with the Customers screen.
 */
export function createContactService({ sequelize, models, now }: { sequelize: Sequelize; models: ContactModels; now: () => Date }) {
  const { Contact, Ticket, Department, MarketingList, ListMember } = models;
  const mysql = dialectOf(sequelize) === 'mysql';

  // Last activity: the latest of the contact's own change, its tickets' last message and its list changes.
  const latest = (subquery: string) => `COALESCE((${subquery}), \`Contact\`.\`updated_at\`)`;
  const lastActivity = `${mysql ? 'GREATEST' : 'MAX'}(\`Contact\`.\`updated_at\`, ${latest(
    'SELECT MAX(t.last_message_at) FROM cuadra_tickets t WHERE t.contact_id = `Contact`.`id`',
  )}, ${latest('SELECT MAX(m.updated_at) FROM cuadra_list_members m WHERE m.contact_id = `Contact`.`id`')})`;

  function subscribedCondition(listId: number | undefined): WhereOptions {
    const onList = listId === undefined ? '' : ` AND m.list_id = ${sequelize.escape(listId)}`;
    return { id: { [Op.in]: literal(`(SELECT m.contact_id FROM cuadra_list_members m WHERE m.status = 'subscribed'${onList})`) } };
  }

  async function activityOf(rows: ContactRecord[]) {
    const ids = rows.map((row) => row.id);
    const [tickets, members] = await Promise.all([
      Ticket.findAll({ where: { contact_id: { [Op.in]: ids } }, attributes: ['contact_id', 'last_message_at'] }),
      ListMember.findAll({ where: { contact_id: { [Op.in]: ids } }, attributes: ['contact_id', 'status', 'updated_at'] }),
    ]);
    const result = new Map<number, { tickets: number; subscribed: number; last: number }>();
    for (const row of rows) result.set(row.id, { tickets: 0, subscribed: 0, last: new Date(row.updated_at).getTime() });
    for (const ticket of tickets) {
      const entry = result.get(ticket.contact_id)!;
      entry.tickets += 1;
      entry.last = Math.max(entry.last, new Date(ticket.last_message_at).getTime());
    }
    for (const member of members) {
      const entry = result.get(member.contact_id)!;
      if (member.status === 'subscribed') entry.subscribed += 1;
      entry.last = Math.max(entry.last, new Date(member.updated_at).getTime());
    }
    return result;
  }

  function summaryOf(row: ContactRecord, activity: { tickets: number; subscribed: number; last: number }): ContactSummary {
    return {
      id: row.id,
      name: row.legal_name,
      email: row.email,
      phone: row.phone,
      kind: contactKindOf(row),
      source: row.source,
      ticket_count: activity.tickets,
      subscribed_lists: activity.subscribed,
      created_at: iso(row.created_at),
      last_activity_at: new Date(activity.last).toISOString(),
    };
  }

  async function detail(row: ContactRecord): Promise<ContactDetail> {
    const [activity, tickets, members, departments] = await Promise.all([
      activityOf([row]),
      Ticket.findAll({ where: { contact_id: row.id }, order: [['id', 'DESC']] }),
      ListMember.findAll({ where: { contact_id: row.id }, order: [['id', 'ASC']] }),
      Department.findAll({ attributes: ['id', 'name', 'colour'] }),
    ]);
    const lists = members.length
      ? await MarketingList.findAll({ where: { id: { [Op.in]: members.map((m) => m.list_id) } }, attributes: ['id', 'name'] })
      : [];
    const departmentById = new Map(departments.map((d) => [d.id, { id: d.id, name: d.name, colour: d.colour }]));
    const listName = new Map(lists.map((list) => [list.id, list.name]));
    const summary = summaryOf(row, activity.get(row.id)!);
    return {
      ...summary,
      created_from: row.created_from,
      updated_at: iso(row.updated_at),
      editable: summary.kind === 'lead',
      tickets: tickets.map((ticket) => ({
        id: ticket.id,
        number: ticket.id,
        subject: ticket.subject,
        status: ticket.status as TicketStatus,
        department: departmentById.get(ticket.department_id) ?? null,
        created_at: iso(ticket.created_at),
        last_message_at: iso(ticket.last_message_at),
      })),
      list_memberships: members.map((member) => ({
        list: { id: member.list_id, name: listName.get(member.list_id) ?? '' },
        status: member.status as ListMemberStatus,
        consent: {
          text: member.consent_text,
          version: member.consent_version,
          ip: member.consent_ip,
          user_agent: member.consent_user_agent,
          source: member.consent_source,
          consented_at: iso(member.consented_at),
        },
        confirmed_at: isoOrNull(member.confirmed_at),
        unsubscribed_at: isoOrNull(member.unsubscribed_at),
        unsubscribe_source: member.unsubscribe_source,
        created_at: iso(member.created_at),
        updated_at: iso(member.updated_at),
      })),
    };
  }

  async function findContact(id: number): Promise<ContactRecord> {
    const row = await Contact.findByPk(id);
    if (!row) throw new NotFoundError('There is no contact with this id.', 'NOT_FOUND');
    return row;
  }

  return {
    /** Contacts matching a name or e-mail, most recently active first. */
    async search(query: ContactSearch): Promise<{ items: ContactSummary[]; total: number; page: number; per_page: number }> {
      const conditions: WhereOptions[] = [];
      const term = query.search?.trim();
      if (term) {
        const pattern = likePattern(term);
        conditions.push({
          [Op.or]: [
            { legal_name: { [Op.like]: pattern } },
            { email: { [Op.like]: pattern } },
            { additional_emails: { [Op.like]: pattern } },
          ],
        });
      }
      if (query.filter === 'leads') conditions.push(contactKindCondition('lead'));
      if (query.filter === 'customers') conditions.push(contactKindCondition('customer'));
      if (query.filter === 'subscribers' || query.list_id !== undefined) conditions.push(subscribedCondition(query.list_id));
      const { rows, count } = await Contact.findAndCountAll({
        where: conditions.length ? { [Op.and]: conditions } : {},
        order: [
          [literal(lastActivity), 'DESC'],
          ['id', 'DESC'],
        ],
        limit: query.per_page,
        offset: (query.page - 1) * query.per_page,
      });
      const activity = await activityOf(rows);
      return {
        items: rows.map((row) => summaryOf(row, activity.get(row.id)!)),
        total: count,
        page: query.page,
        per_page: query.per_page,
      };
    },

    async get(id: number): Promise<ContactDetail> {
      return detail(await findContact(id));
    },

    /** Name and phone of a lead; a customer (billing data) is changed in Customers by billing staff. */
    async updateLead(id: number, change: LeadChange): Promise<ContactDetail> {
      const at = now();
      await inTransaction(sequelize, async (tx) => {
        const row = await Contact.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE });
        if (!row) throw new NotFoundError('There is no contact with this id.', 'NOT_FOUND');
        if (contactKindOf(row) === 'customer') {
          throw new ConflictError('This contact is a customer: its data is changed in Customers, by billing staff.', 'CONTACT_IS_CUSTOMER');
        }
        await row.update({ legal_name: change.name, phone: change.phone, updated_at: at }, { transaction: tx });
      });
      return detail(await findContact(id));
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
