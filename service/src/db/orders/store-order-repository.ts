// One row per (store, WooCommerce order id), whatever told Cuadra about the order: the REST API, a
// webhook, a "New order" e-mail or the same-site push. Each write is one transaction; a change seen
// after the order was invoiced is recorded and flagged, never applied to the invoice.
import { Op, QueryTypes, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { EmailOrder } from '../../domain/orders/new-order-email';
import type { StoreOrder } from '../../domain/orders/store-order';
import type { Models } from '../models';
import type { StoreOrderRecord } from '../models/store.model';
import { dialectOf } from '../database';
import { inTransaction } from '../transactions';

export type OrderSource = 'api' | 'webhook' | 'mail' | 'push';
const SOURCE_ORDER: OrderSource[] = ['api', 'webhook', 'mail', 'push'];

export function mergeSources(current: string, added: OrderSource): string {
  const set = new Set(current.split(',').filter(Boolean));
  set.add(added);
  return SOURCE_ORDER.filter((s) => set.has(s)).join(',');
}

function customerNameOf(billing: { first_name: string; last_name: string; company: string }): string {
  const person = `${billing.first_name} ${billing.last_name}`.trim();
  return (billing.company ? `${billing.company}${person ? ` (${person})` : ''}` : person).slice(0, 200);
}

function dateOrNull(iso: string | null): Date | null {
  return iso ? new Date(iso) : null;
}

/** The columns an API order fills. */
function apiColumns(order: StoreOrder) {
  return {
    number: order.number.slice(0, 40),
    status: order.status.slice(0, 30),
    order_created_at: dateOrNull(order.created_at),
    order_modified_at: dateOrNull(order.modified_at),
    paid_at: dateOrNull(order.paid_at),
    customer_name: customerNameOf(order.billing),
    customer_email: order.billing.email.slice(0, 254),
    currency: order.currency,
    total: order.total,
    order_json: JSON.stringify(order),
    provisional: false,
    problem_code: null,
    problem_message: null,
  };
}

// What matters to an issued invoice; a change in any of these after invoicing is flagged.
const MATERIAL: (keyof StoreOrder)[] = [
  'currency',
  'total',
  'total_tax',
  'lines',
  'shipping_lines',
  'fee_lines',
  'tax_lines',
  'billing',
  'tax_id',
  'refunds',
];

export function materialChanges(before: StoreOrder, after: StoreOrder): string[] {
  return MATERIAL.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

// A first import writes pages of new orders: one multi-row INSERT with bound parameters (a prepared
// statement on MariaDB) instead of bulkCreate, whose escaping of every order's JSON into the SQL text
// cost several times the write itself. The columns are all of cuadra_store_orders but the id, in
// the order insertFresh gives the values.
const INSERT_COLUMNS = [
  'store_id',
  'woo_id',
  'number',
  'status',
  'order_created_at',
  'order_modified_at',
  'paid_at',
  'customer_name',
  'customer_email',
  'currency',
  'total',
  'order_json',
  'mail_json',
  'sources',
  'provisional',
  'invoice_id',
  'refund_invoices',
  'pushed_refunds_json',
  'changed_after_invoice',
  'changes',
  'ignored',
  'problem_code',
  'problem_message',
  'created_at',
  'updated_at',
] as const;
/** Rows per INSERT: well under SQLite's limit on bound parameters and, with orders of a few hundred KB of JSON, MariaDB's max_allowed_packet. */
const INSERT_CHUNK = 100;

/** A date as Sequelize writes DATE(3) columns: UTC, milliseconds; SQLite keeps the offset in the text. */
function dateText(date: Date | null, sqlite: boolean): string | null {
  if (!date) return null;
  const iso = date.toISOString(); // 2026-01-01T10:00:00.000Z
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return sqlite ? `${text} +00:00` : text;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as Error)?.name === 'SequelizeUniqueConstraintError';
}

export interface UpsertResult {
  row: StoreOrderRecord;
  created: boolean;
  /** Fields that changed after the order was invoiced (empty otherwise). */
  changed_after_invoice: string[];
}

export function createStoreOrderRepository({ sequelize, models, now }: { sequelize: Sequelize; models: Models; now: () => Date }) {
  const model = models.StoreOrder;
  // The bulk INSERT names its columns by hand: a column added to the model and not there would be
  // left to its default on that path only. Refuse to start instead.
  const modelColumns = Object.keys(model.getAttributes()).filter((name) => name !== 'id');
  if ([...modelColumns].sort().join() !== [...INSERT_COLUMNS].sort().join()) {
    throw new Error(
      `store-order-repository: INSERT_COLUMNS (${INSERT_COLUMNS.join(', ')}) must list the model's columns (${modelColumns.join(', ')})`,
    );
  }

  /** Runs an upsert, once more if a concurrent writer inserted the same order first. */
  async function retryingOnDuplicate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return work();
    }
  }

  async function findForUpdate(tx: Transaction, storeId: number, wooId: number) {
    return model.findOne({ where: { store_id: storeId, woo_id: wooId }, transaction: tx, lock: tx.LOCK.UPDATE });
  }

  async function upsertApiOrderIn(
    tx: Transaction,
    storeId: number,
    order: StoreOrder,
    source: OrderSource,
    provisional = false,
  ): Promise<UpsertResult> {
    const wooId = order.id!;
    let row = await findForUpdate(tx, storeId, wooId);
    // An e-mail order stored without an id (plain-text mail) is the same order when the number matches.
    if (!row) {
      row = await model.findOne({
        where: { store_id: storeId, woo_id: null, number: order.number },
        transaction: tx,
        lock: tx.LOCK.UPDATE,
      });
    }
    const columns = { ...apiColumns(order), provisional };
    if (!row) {
      const created = await model.create(
        { store_id: storeId, woo_id: wooId, ...columns, sources: source, mail_json: null },
        { transaction: tx },
      );
      return { row: created, created: true, changed_after_invoice: [] };
    }
    const sources = mergeSources(row.sources, source);
    // A provisional payload never overwrites data confirmed by the API.
    if (provisional && !row.provisional) {
      await row.update({ sources }, { transaction: tx });
      return { row, created: false, changed_after_invoice: [] };
    }
    // Webhook and poll may arrive out of order: an older version of the order does not replace a newer one.
    const storedModified = row.order_modified_at ? new Date(row.order_modified_at).getTime() : null;
    const incomingModified = order.modified_at ? Date.parse(order.modified_at) : null;
    if (!row.provisional && storedModified !== null && incomingModified !== null && incomingModified < storedModified) {
      await row.update({ sources }, { transaction: tx });
      return { row, created: false, changed_after_invoice: [] };
    }
    let changed: string[] = [];
    const updates: Partial<StoreOrderRecord> = { ...columns, woo_id: wooId, sources };
    if (row.invoice_id !== null && row.order_json) {
      changed = materialChanges(JSON.parse(row.order_json) as StoreOrder, order);
      if (changed.length) {
        const log = row.changes ? (JSON.parse(row.changes) as unknown[]) : [];
        log.push({ at: now().toISOString(), fields: changed, source });
        updates.changed_after_invoice = true;
        updates.changes = JSON.stringify(log.slice(-50));
      }
    }
    await row.update(updates, { transaction: tx });
    return { row, created: false, changed_after_invoice: changed };
  }

  async function upsertMailOrderIn(tx: Transaction, storeId: number, mail: EmailOrder): Promise<UpsertResult> {
    const existing = mail.order_id
      ? await findForUpdate(tx, storeId, mail.order_id)
      : await model.findOne({ where: { store_id: storeId, number: mail.order_number }, transaction: tx, lock: tx.LOCK.UPDATE });
    if (existing) {
      await existing.update({ sources: mergeSources(existing.sources, 'mail'), mail_json: JSON.stringify(mail) }, { transaction: tx });
      return { row: existing, created: false, changed_after_invoice: [] };
    }
    const created = await model.create(
      {
        store_id: storeId,
        woo_id: mail.order_id,
        number: mail.order_number.slice(0, 40),
        // The e-mail is sent when an order becomes processing, completed or on hold; the API tells which.
        status: 'unknown',
        order_created_at: mail.order_date ? new Date(`${mail.order_date}T00:00:00Z`) : mail.sent_at ? new Date(mail.sent_at) : null,
        order_modified_at: null,
        paid_at: null,
        customer_name: mail.customer_name.slice(0, 200),
        customer_email: mail.customer_email.slice(0, 254),
        currency: mail.currency ?? '',
        total: mail.total,
        order_json: null,
        mail_json: JSON.stringify(mail),
        sources: 'mail',
        provisional: true,
        invoice_id: null,
        refund_invoices: null,
        changed_after_invoice: false,
        changes: null,
        ignored: false,
        problem_code: null,
        problem_message: null,
      },
      { transaction: tx },
    );
    return { row: created, created: true, changed_after_invoice: [] };
  }

  /**
   * A page of API orders in the caller's transaction: one SELECT for the page, one multi-row INSERT
   * for the orders not seen before, and the careful per-order path for those already stored.
   */
  async function upsertApiOrdersIn(tx: Transaction, storeId: number, list: StoreOrder[], source: OrderSource): Promise<void> {
    if (list.length === 0) return;
    // Two index look-ups (one OR would scan the table): by id, and e-mail orders stored without one by number.
    const [byId, byNumber] = await Promise.all([
      model.findAll({
        attributes: ['id', 'woo_id'],
        where: { store_id: storeId, woo_id: { [Op.in]: list.map((o) => o.id!) } },
        transaction: tx,
        lock: tx.LOCK.UPDATE,
      }),
      model.findAll({
        attributes: ['id', 'number'],
        where: { store_id: storeId, number: { [Op.in]: list.map((o) => o.number) }, woo_id: null },
        transaction: tx,
        lock: tx.LOCK.UPDATE,
      }),
    ]);
    const knownIds = new Set(byId.map((r) => Number(r.woo_id)));
    const knownNumbers = new Set(byNumber.map((r) => r.number));
    const fresh: StoreOrder[] = [];
    for (const order of list) {
      if (knownIds.has(order.id!) || knownNumbers.has(order.number)) await upsertApiOrderIn(tx, storeId, order, source);
      else fresh.push(order);
    }
    for (let start = 0; start < fresh.length; start += INSERT_CHUNK)
      await insertFresh(tx, storeId, fresh.slice(start, start + INSERT_CHUNK), source);
  }

  /** New API orders in one statement: each order's values bound, not spliced into the SQL; what all share written once. */
  async function insertFresh(tx: Transaction, storeId: number, list: StoreOrder[], source: OrderSource): Promise<void> {
    if (list.length === 0) return;
    if (!Number.isSafeInteger(storeId)) throw new TypeError(`store id ${String(storeId)}`);
    const sqlite = dialectOf(sequelize) === 'sqlite';
    // The time is bound too, not spliced in: the statement's text then depends only on the store, the
    // source and the row count, so MariaDB prepares it once per connection instead of once per page
    // (a prepared statement per distinct text would also pile up towards max_prepared_stmt_count).
    // After woo_id … order_json: mail_json, sources, provisional, invoice_id, refund_invoices, pushed_refunds_json,
    // changed_after_invoice, changes, ignored, problem_code, problem_message, created_at, updated_at.
    const shared = `NULL,${sequelize.escape(source)},0,NULL,NULL,NULL,0,NULL,0,NULL,NULL,$1,$1`;
    const bind: unknown[] = [dateText(new Date(), sqlite)!];
    const tuples: string[] = [];
    for (const order of list) {
      const c = apiColumns(order);
      const n = bind.length;
      bind.push(
        order.id!,
        c.number,
        c.status,
        dateText(c.order_created_at, sqlite),
        dateText(c.order_modified_at, sqlite),
        dateText(c.paid_at, sqlite),
        c.customer_name,
        c.customer_email,
        c.currency,
        c.total,
        c.order_json,
      );
      tuples.push(
        `(${storeId},$${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8},$${n + 9},$${n + 10},$${n + 11},${shared})`,
      );
    }
    const table = model.getTableName() as string;
    const q = sqlite ? (name: string) => `"${name}"` : (name: string) => `\`${name}\``;
    await sequelize.query(`INSERT INTO ${q(table)} (${INSERT_COLUMNS.map(q).join(',')}) VALUES ${tuples.join(',')}`, {
      bind,
      transaction: tx,
      type: QueryTypes.INSERT,
    });
  }

  return {
    model,
    /** A page of orders and whatever must commit with it (the sync cursor), all or nothing; once more after a concurrent insert. */
    upsertApiOrderPage(
      storeId: number,
      list: StoreOrder[],
      source: OrderSource,
      alongside: (tx: Transaction) => Promise<void>,
    ): Promise<void> {
      return retryingOnDuplicate(() =>
        inTransaction(sequelize, async (tx) => {
          await upsertApiOrdersIn(tx, storeId, list, source);
          await alongside(tx);
        }),
      );
    },
    /** Stores an order read from the API (or a webhook's refetch): one atomic write. */
    upsertApiOrder(storeId: number, order: StoreOrder, source: OrderSource, provisional = false): Promise<UpsertResult> {
      return retryingOnDuplicate(() => inTransaction(sequelize, (tx) => upsertApiOrderIn(tx, storeId, order, source, provisional)));
    },
    upsertApiOrderIn,
    upsertMailOrderIn,
    /** An order the store sent but Cuadra cannot read: listed with its problem so a person sees it; earlier good data is kept. */
    recordUnreadableOrder(
      storeId: number,
      wooId: number,
      json: Record<string, unknown>,
      problem: { code: string; property: string; message: string },
    ) {
      const fields = { problem_code: problem.code.slice(0, 40), problem_message: problem.message.slice(0, 2000) };
      return retryingOnDuplicate(() =>
        inTransaction(sequelize, async (tx) => {
          const row = await findForUpdate(tx, storeId, wooId);
          if (row) return row.update(fields, { transaction: tx });
          return model.create(
            {
              store_id: storeId,
              woo_id: wooId,
              number: String(json.number ?? wooId).slice(0, 40),
              status: String(json.status ?? 'unknown').slice(0, 30),
              order_created_at: null,
              order_modified_at: null,
              paid_at: null,
              customer_name: '',
              customer_email: '',
              currency: typeof json.currency === 'string' ? json.currency.slice(0, 3) : '',
              total: 0,
              order_json: null,
              mail_json: null,
              sources: 'api',
              provisional: false,
              invoice_id: null,
              refund_invoices: null,
              changed_after_invoice: false,
              changes: null,
              ignored: false,
              ...fields,
            },
            { transaction: tx },
          );
        }),
      );
    },
    async find(id: number) {
      return model.findByPk(id);
    },
    async findByNumber(storeId: number, number: string) {
      return model.findOne({
        where: { store_id: storeId, number },
        order: [
          ['provisional', 'ASC'],
          ['id', 'ASC'],
        ],
      });
    },
    async list(filter: {
      store_id?: number;
      status?: string[];
      source?: OrderSource;
      search?: string;
      pending?: { statusesByStore: Map<number, string[]> };
      page: number;
      per_page: number;
    }) {
      const and: WhereOptions<StoreOrderRecord>[] = [];
      if (filter.store_id) and.push({ store_id: filter.store_id });
      if (filter.status?.length) and.push({ status: { [Op.in]: filter.status } });
      if (filter.source) and.push({ sources: { [Op.like]: `%${filter.source}%` } });
      if (filter.search) {
        const term = `%${filter.search.replace(/[\\%_]/g, '')}%`;
        and.push({
          [Op.or]: [{ number: { [Op.like]: term } }, { customer_name: { [Op.like]: term } }, { customer_email: { [Op.like]: term } }],
        });
      }
      if (filter.pending) {
        and.push({ invoice_id: null, ignored: false });
        const perStore = [...filter.pending.statusesByStore.entries()].map(([storeId, statuses]) => ({
          store_id: storeId,
          [Op.or]: [{ status: { [Op.in]: statuses } }, { provisional: true }],
        }));
        and.push(perStore.length ? { [Op.or]: perStore } : { id: -1 });
      }
      const { rows, count } = await model.findAndCountAll({
        where: { [Op.and]: and },
        order: [
          ['order_created_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: filter.per_page,
        offset: (filter.page - 1) * filter.per_page,
      });
      return { rows, total: count };
    },
  };
}

export type StoreOrderRepository = ReturnType<typeof createStoreOrderRepository>;
