import { Op, fn, col, type Sequelize } from 'sequelize';
import { findOrCreateContact } from '../tickets/contact-matching';
import { inTransaction } from '../../db/transactions';
import { csvRow } from '../../domain/lists/list-csv';
import type { ListMemberStatus } from '../../domain/lists/list-membership';
import { ConflictError, NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { MarketingListRecord } from '../../db/models/list.model';
import { confirmationMailPrefix, memberView, type ListMemberView, type ListModels } from './list-models';
import type { ListSignups } from './list-signups';

export interface ListInput {
  name: string;
  description: string;
  double_opt_in: boolean;
}

export interface ListView extends ListInput {
  id: number;
  counts: Record<ListMemberStatus, number>;
  created_at: string;
  updated_at: string;
}

/** An admin records a contact's consent obtained elsewhere (a paper form, a shop counter, an import). */
export interface MemberInput {
  contact_id: number | null;
  email: string;
  name: string;
  source: 'admin' | 'import';
  consent_text: string;
  consent_version: string;
  consented_at: Date | null;
  locale: string;
}

export const CSV_COLUMNS = [
  'name',
  'email',
  'status',
  'consent_text',
  'consent_version',
  'consent_ip',
  'consent_user_agent',
  'consent_source',
  'consented_at',
  'confirmed_at',
  'unsubscribed_at',
  'unsubscribe_source',
] as const;

const EXPORT_BATCH = 500;

export function createListService({
  sequelize,
  models,
  signups,
  logger,
  now,
  onMailQueued = () => undefined,
}: {
  sequelize: Sequelize;
  models: ListModels;
  signups: ListSignups;
  logger: Logger;
  now: () => Date;
  onMailQueued?: () => void;
}) {
  const { MarketingList, ListMember, Contact, Outbox } = models;

  async function countsOf(listIds: number[]): Promise<Map<number, Record<ListMemberStatus, number>>> {
    const rows = (await ListMember.findAll({
      attributes: ['list_id', 'status', [fn('count', col('id')), 'n']],
      where: { list_id: { [Op.in]: listIds } },
      group: ['list_id', 'status'],
      raw: true,
    })) as unknown as { list_id: number; status: ListMemberStatus; n: number | string }[];
    const counts = new Map<number, Record<ListMemberStatus, number>>();
    for (const id of listIds) counts.set(id, { pending: 0, subscribed: 0, unsubscribed: 0 });
    for (const row of rows) counts.get(Number(row.list_id))![row.status] = Number(row.n);
    return counts;
  }

  function view(row: MarketingListRecord, counts: Record<ListMemberStatus, number>): ListView {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      double_opt_in: Boolean(row.double_opt_in),
      counts,
      created_at: new Date(row.created_at).toISOString(),
      updated_at: new Date(row.updated_at).toISOString(),
    };
  }

  async function findList(id: number): Promise<MarketingListRecord> {
    const row = await MarketingList.findByPk(id);
    if (!row) throw new NotFoundError('There is no list with this id.', 'NOT_FOUND');
    return row;
  }

  async function get(id: number): Promise<ListView> {
    const row = await findList(id);
    return view(row, (await countsOf([id])).get(id)!);
  }

  async function memberOf(listId: number, contactId: number): Promise<ListMemberView> {
    const row = await ListMember.findOne({ where: { list_id: listId, contact_id: contactId } });
    if (!row) throw new NotFoundError('This contact is not on the list.', 'NOT_FOUND');
    return memberView(row, await Contact.findByPk(contactId));
  }

  return {
    async list(): Promise<{ items: ListView[] }> {
      const rows = await MarketingList.findAll({
        order: [
          ['name', 'ASC'],
          ['id', 'ASC'],
        ],
      });
      const counts = await countsOf(rows.map((row) => row.id));
      return { items: rows.map((row) => view(row, counts.get(row.id)!)) };
    },

    get,

    async create(input: ListInput): Promise<ListView> {
      const at = now();
      const row = await MarketingList.create({ ...input, created_at: at, updated_at: at });
      return view(row, { pending: 0, subscribed: 0, unsubscribed: 0 });
    },

    async update(id: number, input: ListInput): Promise<ListView> {
      const row = await findList(id);
      await row.update({ ...input, updated_at: now() });
      return get(id);
    },

    /** Removes the list with its memberships and any opt-in e-mail not sent yet. */
    async remove(id: number): Promise<void> {
      await inTransaction(sequelize, async (tx) => {
        const row = await MarketingList.findByPk(id, { transaction: tx });
        if (!row) throw new NotFoundError('There is no list with this id.', 'NOT_FOUND');
        const members = await ListMember.findAll({ where: { list_id: id }, attributes: ['id'], transaction: tx });
        for (const member of members) {
          await Outbox.destroy({
            where: { status: 'pending', dedupe_key: { [Op.like]: `${confirmationMailPrefix(member.id)}%` } },
            transaction: tx,
          });
        }
        await ListMember.destroy({ where: { list_id: id }, transaction: tx });
        await row.destroy({ transaction: tx });
      });
    },

    async members(
      listId: number,
      query: { status?: ListMemberStatus[]; page: number; per_page: number },
    ): Promise<{ items: ListMemberView[]; total: number; page: number; per_page: number }> {
      await findList(listId);
      const where = { list_id: listId, ...(query.status ? { status: { [Op.in]: query.status } } : {}) };
      const { rows, count } = await ListMember.findAndCountAll({
        where,
        order: [['id', 'DESC']],
        limit: query.per_page,
        offset: (query.page - 1) * query.per_page,
      });
      const contacts = await Contact.findAll({ where: { id: { [Op.in]: rows.map((row) => row.contact_id) } } });
      const byId = new Map(contacts.map((contact) => [contact.id, contact]));
      return {
        items: rows.map((row) => memberView(row, byId.get(row.contact_id) ?? null)),
        total: count,
        page: query.page,
        per_page: query.per_page,
      };
    },

    /**
     * Adds a contact whose consent was obtained elsewhere. On a double opt-in list it is pending and
     * gets the confirmation e-mail like a form sign-up; an unsubscribed contact is never put back.
     */
    async addMember(listId: number, input: MemberInput, by: { login: string }): Promise<{ created: boolean; member: ListMemberView }> {
      await findList(listId);
      const at = now();
      const outcome = await inTransaction(sequelize, async (tx) => {
        let contactId: number;
        if (input.contact_id !== null) {
          const contact = await Contact.findByPk(input.contact_id, { transaction: tx });
          if (!contact) throw new NotFoundError('There is no contact with this id.', 'NOT_FOUND', 'contact_id');
          contactId = contact.id;
        } else {
          const found = await findOrCreateContact(
            sequelize,
            models,
            tx,
            { email: input.email, name: input.name, phone: '', source: input.source, created_from: `${input.source}:${by.login}` },
            at,
          );
          contactId = found.id;
        }
        const [result] = await signups.join(tx, {
          contact_id: contactId,
          list_ids: [listId],
          consent: { text: input.consent_text, version: input.consent_version, ip: '', user_agent: '' },
          source: `${input.source}:${by.login}`,
          link_base: null,
          locale: input.locale,
          at: input.consented_at && input.consented_at < at ? input.consented_at : at,
        });
        return { contactId, result: result! };
      });
      if (outcome.result.outcome.action === 'keep' && outcome.result.outcome.reason === 'unsubscribed') {
        throw new ConflictError(
          'This contact unsubscribed from the list and cannot be added again: only the contact can sign up again.',
          'CONTACT_UNSUBSCRIBED',
        );
      }
      if (outcome.result.outcome.action !== 'keep') onMailQueued();
      return { created: outcome.result.outcome.action === 'create', member: await memberOf(listId, outcome.contactId) };
    },

    /** Staff take a contact off a list (e.g. asked by phone); like every unsubscribe, it is final. */
    async unsubscribeMember(listId: number, contactId: number, by: { login: string }): Promise<ListMemberView> {
      await inTransaction(sequelize, async (tx) => {
        const member = await ListMember.findOne({
          where: { list_id: listId, contact_id: contactId },
          transaction: tx,
          lock: tx.LOCK.UPDATE,
        });
        if (!member) throw new NotFoundError('This contact is not on the list.', 'NOT_FOUND');
        if (member.status === 'unsubscribed') return;
        await member.update(
          { status: 'unsubscribed', unsubscribed_at: now(), unsubscribe_source: `admin:${by.login}`.slice(0, 120), updated_at: now() },
          { transaction: tx },
        );
        logger.info({ list_id: listId, contact_id: contactId, by: by.login }, 'list member unsubscribed by staff');
      });
      return memberOf(listId, contactId);
    },

    /** The list as CSV (header first), in batches so a large list never sits in memory whole. */
    async *exportCsv(listId: number): AsyncGenerator<string> {
      await findList(listId);
      yield csvRow([...CSV_COLUMNS]);
      let after = 0;
      for (;;) {
        const rows = await ListMember.findAll({
          where: { list_id: listId, id: { [Op.gt]: after } },
          order: [['id', 'ASC']],
          limit: EXPORT_BATCH,
        });
        if (rows.length === 0) return;
        const contacts = await Contact.findAll({ where: { id: { [Op.in]: rows.map((row) => row.contact_id) } } });
        const byId = new Map(contacts.map((contact) => [contact.id, contact]));
        yield rows
          .map((row) => {
            const contact = byId.get(row.contact_id);
            return csvRow([
              contact?.legal_name ?? '',
              contact?.email ?? '',
              row.status,
              row.consent_text,
              row.consent_version,
              row.consent_ip,
              row.consent_user_agent,
              row.consent_source,
              new Date(row.consented_at),
              row.confirmed_at ? new Date(row.confirmed_at) : null,
              row.unsubscribed_at ? new Date(row.unsubscribed_at) : null,
              row.unsubscribe_source,
            ]);
          })
          .join('');
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}

export type ListService = ReturnType<typeof createListService>;
