import { Op, col, fn, where, type ModelStatic, type WhereOptions } from 'sequelize';
import type { Customer, CustomerInput } from '../domain/customers/customer';
import { likePattern } from './like-pattern';
import type { ContactRecord } from './models/contact.model';

export interface CustomerSearch {
  search?: string;
  page: number;
  per_page: number;
}

export interface CustomerPage {
  items: Customer[];
  total: number;
  page: number;
  per_page: number;
}

export class DuplicateTaxIdError extends Error {
  constructor(readonly existingId: number | null) {
    super('A contact with this tax ID already exists.');
  }
}

export interface CustomerRepository {
  create(input: CustomerInput): Promise<Customer>;
  update(id: number, input: CustomerInput): Promise<Customer | null>;
  findById(id: number): Promise<Customer | null>;
  /** A contact that reached us by a form or e-mail with this address and is not a billing customer yet (no tax ID, no address). */
  findUnbilledContactByEmail(email: string): Promise<Customer | null>;
  search(query: CustomerSearch): Promise<CustomerPage>;
}

/** A lead reached us (form, mailbox, a list) and has no billing data; a customer has. */
export type ContactKind = 'lead' | 'customer';

/**
 * Whether a contact is a customer or still a lead: entered as a customer (`billing`), or carrying a tax
 * ID or an address (form and e-mail contacts carry neither). The Contacts screen and the adoption of a
 * lead by a new customer (findUnbilledContactByEmail) both decide with this and contactKindCondition.
 */
export function contactKindOf(row: Pick<ContactRecord, 'source' | 'tax_id' | 'address_line'>): ContactKind {
  return row.source === 'billing' || (row.tax_id ?? '') !== '' || row.address_line !== '' ? 'customer' : 'lead';
}

/** The where clause selecting the contacts of one kind: the same test as contactKindOf, in SQL. */
export function contactKindCondition(kind: ContactKind): WhereOptions {
  const lead: WhereOptions = {
    [Op.and]: [{ source: { [Op.ne]: 'billing' } }, { [Op.or]: [{ tax_id: null }, { tax_id: '' }] }, { address_line: '' }],
  };
  const customer: WhereOptions = {
    [Op.or]: [
      { source: 'billing' },
      { [Op.and]: [{ tax_id: { [Op.ne]: null } }, { tax_id: { [Op.ne]: '' } }] },
      { address_line: { [Op.ne]: '' } },
    ],
  };
  return kind === 'lead' ? lead : customer;
}

function toCustomer(row: ContactRecord): Customer {
  return {
    id: row.id,
    legal_name: row.legal_name,
    tax_id: row.tax_id,
    address_line: row.address_line,
    postal_code: row.postal_code,
    city: row.city,
    province: row.province,
    country_code: row.country_code,
    email: row.email,
    additional_emails: JSON.parse(row.additional_emails) as string[],
    phone: row.phone,
    payment_terms_days: row.payment_terms_days,
    notes: row.notes,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

function toRow(input: CustomerInput) {
  return { ...input, additional_emails: JSON.stringify(input.additional_emails) };
}

export function createCustomerRepository(model: ModelStatic<ContactRecord>): CustomerRepository {
  async function guardDuplicate<T>(work: () => Promise<T>, taxId: string | null): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if ((err as Error).name !== 'SequelizeUniqueConstraintError') throw err;
      const existing = taxId ? await model.findOne({ where: { tax_id: taxId } }) : null;
      throw new DuplicateTaxIdError(existing?.id ?? null);
    }
  }

  return {
    async create(input) {
      const row = await guardDuplicate(() => model.create(toRow(input)), input.tax_id);
      return toCustomer(row);
    },
    async update(id, input) {
      const row = await model.findByPk(id);
      if (!row) return null;
      await guardDuplicate(() => row.update(toRow(input)), input.tax_id);
      return toCustomer(row);
    },
    async findById(id) {
      const row = await model.findByPk(id);
      return row ? toCustomer(row) : null;
    },
    async findUnbilledContactByEmail(email) {
      const address = email.trim().toLowerCase();
      if (!address) return null;
      const row = await model.findOne({
        where: {
          // A contact with an address or tax ID already is someone's customer record.
          [Op.and]: [where(fn('LOWER', col('email')), address), contactKindCondition('lead')],
        },
        order: [['id', 'ASC']],
      });
      return row ? toCustomer(row) : null;
    },
    async search({ search, page, per_page }) {
      let where: WhereOptions = {};
      const term = search?.trim();
      if (term) {
        const pattern = likePattern(term);
        const taxPattern = likePattern(term.toUpperCase().replace(/[\s.\-_/]/g, ''));
        where = {
          [Op.or]: [
            { legal_name: { [Op.like]: pattern } },
            { email: { [Op.like]: pattern } },
            { additional_emails: { [Op.like]: pattern } },
            { tax_id: { [Op.like]: taxPattern } },
          ],
        };
      }
      const { rows, count } = await model.findAndCountAll({
        where,
        order: [
          ['legal_name', 'ASC'],
          ['id', 'ASC'],
        ],
        limit: per_page,
        offset: (page - 1) * per_page,
      });
      return { items: rows.map(toCustomer), total: count, page, per_page };
    },
  };
}
