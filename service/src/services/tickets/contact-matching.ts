import { domainToASCII, domainToUnicode } from 'node:url';
import { Op, fn, col, where, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { dialectOf } from '../../db/database';
import { normalizeContactEmail, sameContactEmail } from '../../domain/tickets/contact-submission';
import type { TicketModels } from './ticket-models';

export interface ContactPerson {
  email: string;
  name: string;
  phone: string;
  /** `form` or `email`: how this person first reached us, kept only when the contact is new. */
  source: string;
  created_from: string;
}

// The spellings of one address the database may hold: as typed, and with the domain in ASCII or Unicode.
function spellings(email: string): string[] {
  const normalized = normalizeContactEmail(email);
  const at = normalized.lastIndexOf('@');
  if (at < 0) return [normalized];
  const local = normalized.slice(0, at);
  const domain = normalized.slice(at + 1);
  return [...new Set([normalized, `${local}@${domainToASCII(domain) || domain}`, `${local}@${domainToUnicode(domain) || domain}`])];
}

/**
 * The one contact an address belongs to (customer, lead or subscriber alike), created when there is
 * none. Matching ignores the case of the address and the spelling of an international domain; a
 * contact that exists keeps its name and billing data, and only gains a phone number it lacked.
 */
export async function findOrCreateContact(
  sequelize: Sequelize,
  models: Pick<TicketModels, 'Contact'>,
  tx: Transaction,
  person: ContactPerson,
  at: Date,
): Promise<{ id: number; created: boolean }> {
  const forms = spellings(person.email);
  // MySQL's utf8mb4_unicode_ci compares without case and can use the index; SQLite needs LOWER().
  const condition: WhereOptions =
    dialectOf(sequelize) === 'mysql'
      ? { email: { [Op.in]: forms } }
      : where(fn('lower', col('email')), { [Op.in]: forms.map((form) => form.toLowerCase()) });
  const candidates = await models.Contact.findAll({ where: condition, order: [['id', 'ASC']], transaction: tx });
  const existing = candidates.find((row) => sameContactEmail(row.email, person.email));
  if (existing) {
    if (existing.phone === '' && person.phone !== '') await existing.update({ phone: person.phone, updated_at: at }, { transaction: tx });
    return { id: existing.id, created: false };
  }
  const created = await models.Contact.create(
    {
      legal_name: person.name.slice(0, 200) || person.email.slice(0, 200),
      tax_id: null,
      address_line: '',
      postal_code: '',
      city: '',
      province: '',
      country_code: 'ES',
      email: normalizeContactEmail(person.email).slice(0, 254),
      additional_emails: '[]',
      phone: person.phone.slice(0, 40),
      payment_terms_days: 0,
      notes: '',
      source: person.source,
      created_from: person.created_from.slice(0, 250),
      created_at: at,
      updated_at: at,
    },
    { transaction: tx },
  );
  return { id: created.id, created: true };
}
