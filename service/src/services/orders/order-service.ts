// Orders as the admin sees them (pending to invoice, ignored, invoiced) and the step from an order
// to an invoice draft equal to the order to the cent: the user's decisions are required, never
// assumed; the customer is found by NIF, then e-mail, or created from the order's billing data.
import type { CustomerRepository } from '../../db/customer-repository';
import { DuplicateTaxIdError } from '../../db/customer-repository';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';
import type { Models } from '../../db/models';
import type { StoreOrderRecord } from '../../db/models/store.model';
import type { OrderSource, StoreOrderRepository } from '../../db/orders/store-order-repository';
import type { ExemptionReason } from '../../domain/billing/tax-rates';
import { canonicalCustomerTaxId, checkCustomerTaxId } from '../../domain/customers/customer';
import type { EmailOrder } from '../../domain/orders/new-order-email';
import {
  orderInvoiceDraft,
  type OrderCustomer,
  type OrderDecisionCode,
  type OrderInvoiceDraftImport,
  type OrderNotice,
} from '../../domain/orders/order-invoice-draft';
import { refundRectificationDraft } from '../../domain/orders/refund-rectification';
import type { StoreOrder, StoreOrderRefundDetail } from '../../domain/orders/store-order';
import { normaliseWooOrder, normaliseWooRefund } from '../../domain/orders/woo-order';
import type { ErrorDetail } from '../../errors';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../../errors';
import type { Logger } from '../../logger';
import type { InvoiceService } from '../invoices/invoice-service';
import type { OrderSync } from './order-sync';
import { pushedRefundsOf } from './same-site-refunds';
import type { StoreService } from './store-service';

export interface OrderDecisions {
  accept_other_currency?: boolean;
  accept_fully_refunded?: boolean;
  accept_unpaid?: boolean;
  accept_no_tax_id?: boolean;
  accept_invalid_tax_id?: boolean;
  accept_refund_split?: boolean;
  /** What the lines the store charged no tax on become: 0 % or an exemption. */
  untaxed_vat?: 0 | { exempt: ExemptionReason };
  kind?: 'F1' | 'F2';
  language?: 'es' | 'en';
}

/** Which answer each decision needs. */
const DECISION_KEYS: Record<OrderDecisionCode, keyof OrderDecisions> = {
  OTHER_CURRENCY: 'accept_other_currency',
  FULLY_REFUNDED: 'accept_fully_refunded',
  ORDER_NOT_PAID: 'accept_unpaid',
  NO_TAX_ID: 'accept_no_tax_id',
  INVALID_TAX_ID: 'accept_invalid_tax_id',
  UNTAXED_LINES: 'untaxed_vat',
  REFUND_SPLIT_ESTIMATED: 'accept_refund_split',
};

/** 409 listing every decision still missing, one entry each, named by the field that answers it. */
export class DecisionRequiredError extends ConflictError {
  constructor(readonly missing: OrderNotice<OrderDecisionCode>[]) {
    super(missing[0]!.message, 'DECISION_REQUIRED', `decisions.${DECISION_KEYS[missing[0]!.code]}`);
  }

  override details(): ErrorDetail[] {
    return this.missing.map((d) => ({
      message: `${d.code}: ${d.message}`,
      code: 'DECISION_REQUIRED',
      property: `decisions.${DECISION_KEYS[d.code]}`,
    }));
  }
}

function missingDecisions(decisions: OrderNotice<OrderDecisionCode>[], given: OrderDecisions) {
  return decisions.filter((d) => {
    const key = DECISION_KEYS[d.code];
    return key === 'untaxed_vat' ? given.untaxed_vat === undefined : given[key] !== true;
  });
}

export interface OrderView {
  id: number;
  store_id: number;
  woo_id: number | null;
  number: string;
  status: string;
  created_at: string | null;
  modified_at: string | null;
  paid_at: string | null;
  customer_name: string;
  customer_email: string;
  currency: string;
  total: number;
  sources: OrderSource[];
  provisional: boolean;
  pending: boolean;
  invoice_id: number | null;
  refund_invoices: Record<string, number>;
  /** The order's refunds as last synced, each with its rectifying invoice when one was made. */
  refunds: OrderRefundView[];
  /** Refunds of an invoiced order that have no rectifying invoice yet (0 when the order is not invoiced). */
  refunds_to_rectify: number;
  changed_after_invoice: boolean;
  changes: { at: string; fields: string[]; source: string }[];
  ignored: boolean;
  problem: { code: string; message: string } | null;
}

export interface OrderRefundView {
  id: number;
  reason: string;
  /** Refunded amount, positive, in minor units. */
  amount: number;
  /** The rectifying invoice made for it, or null. */
  invoice_id: number | null;
}

/** A refund as the store lists it now (with its date), for the order screen. */
export interface OrderRefundDetailView extends OrderRefundView {
  created_at: string | null;
}

function refundInvoicesOf(row: StoreOrderRecord): Record<string, number> {
  return row.refund_invoices ? (JSON.parse(row.refund_invoices) as Record<string, number>) : {};
}

function storedRefundsOf(row: StoreOrderRecord): OrderRefundView[] {
  if (!row.order_json) return [];
  const done = refundInvoicesOf(row);
  const refunds = (JSON.parse(row.order_json) as Partial<StoreOrder>).refunds ?? [];
  return refunds.map((r) => ({ id: r.id, reason: r.reason, amount: r.amount, invoice_id: done[String(r.id)] ?? null }));
}

export interface OrderDetailView extends OrderView {
  order: StoreOrder | null;
  mail: EmailOrder | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
/** Pages of the store's search read at most when looking an order up by its display number. */
const BY_NUMBER_SEARCH_PAGES = 10;

export interface OrderServiceDeps {
  models: Models;
  orders: StoreOrderRepository;
  stores: StoreService;
  sync: OrderSync;
  invoices: InvoiceService;
  customers: CustomerRepository;
  companySettings: CompanySettingsRepository;
  defaultTimezone: string;
  logger: Logger;
}

export function createOrderService(deps: OrderServiceDeps) {
  const { models, orders, stores, sync, invoices, customers, logger } = deps;

  async function statusesByStore(): Promise<Map<number, string[]>> {
    const rows = await models.Store.findAll({ attributes: ['id', 'invoice_statuses'] });
    return new Map(rows.map((r) => [r.id, JSON.parse(r.invoice_statuses) as string[]]));
  }

  function viewOf(row: StoreOrderRecord, toInvoice: string[] | undefined): OrderView {
    const pending = row.invoice_id === null && !row.ignored && (Boolean(row.provisional) || (toInvoice ?? []).includes(row.status));
    const refunds = storedRefundsOf(row);
    return {
      id: row.id,
      store_id: row.store_id,
      woo_id: row.woo_id === null ? null : Number(row.woo_id),
      number: row.number,
      status: row.status,
      created_at: iso(row.order_created_at),
      modified_at: iso(row.order_modified_at),
      paid_at: iso(row.paid_at),
      customer_name: row.customer_name,
      customer_email: row.customer_email,
      currency: row.currency,
      total: Number(row.total),
      sources: row.sources.split(',').filter(Boolean) as OrderSource[],
      provisional: Boolean(row.provisional),
      pending,
      invoice_id: row.invoice_id,
      refund_invoices: refundInvoicesOf(row),
      refunds,
      refunds_to_rectify: row.invoice_id === null ? 0 : refunds.filter((r) => r.invoice_id === null).length,
      changed_after_invoice: Boolean(row.changed_after_invoice),
      changes: row.changes ? (JSON.parse(row.changes) as OrderView['changes']) : [],
      ignored: Boolean(row.ignored),
      problem: row.problem_code ? { code: row.problem_code, message: row.problem_message ?? '' } : null,
    };
  }

  async function detailOf(row: StoreOrderRecord): Promise<OrderDetailView> {
    const statuses = await statusesByStore();
    return {
      ...viewOf(row, statuses.get(row.store_id)),
      order: row.order_json ? (JSON.parse(row.order_json) as StoreOrder) : null,
      mail: row.mail_json ? (JSON.parse(row.mail_json) as EmailOrder) : null,
    };
  }

  async function findRow(id: number): Promise<StoreOrderRecord> {
    const row = await orders.find(id);
    if (!row) throw new NotFoundError('There is no order with this id.', 'NOT_FOUND');
    return row;
  }

  /** Confirms a provisional order (from an e-mail or a webhook payload) with the API, when it answers. */
  async function reconcile(row: StoreOrderRecord): Promise<StoreOrderRecord> {
    if (!row.provisional || row.woo_id === null) return row;
    const store = await stores.findRow(row.store_id);
    const answer = await sync.fetchOrder(store, Number(row.woo_id));
    if (!answer.ok) return row;
    const order = normaliseWooOrder(answer.json);
    if (!order.ok) return row;
    const source = row.sources.split(',')[0] as OrderSource;
    return (await orders.upsertApiOrder(row.store_id, order.value, source)).row;
  }

  async function importOptions(decisions: OrderDecisions) {
    const company = await deps.companySettings.find();
    return {
      language: decisions.language ?? 'es',
      timezone: company?.timezone ?? deps.defaultTimezone,
      company_currency: company?.default_currency ?? 'EUR',
      untaxed_vat: decisions.untaxed_vat,
      kind: decisions.kind,
    };
  }

  async function draftFor(
    row: StoreOrderRecord,
    decisions: OrderDecisions,
  ): Promise<{ order: StoreOrder; result: OrderInvoiceDraftImport }> {
    if (row.provisional) row = await reconcile(row);
    if (row.provisional || !row.order_json) {
      throw new ConflictError(
        "This order is known only from an e-mail or a webhook so far; Cuadra invoices it once the store's API confirms it (check the store connection).",
        'ORDER_PROVISIONAL',
      );
    }
    const order = JSON.parse(row.order_json) as StoreOrder;
    const result = orderInvoiceDraft(order, await importOptions(decisions));
    if (!result.ok)
      throw new ValidationError([{ message: result.error.message, code: result.error.code, property: result.error.property }]);
    return { order, result: result.value };
  }

  /** The customer of the order: by tax id, then by e-mail (among contacts without a different tax id), else created. */
  async function customerFor(c: OrderCustomer, orderNumber: string): Promise<number | null> {
    const country = c.country_code || 'ES';
    const taxId = c.tax_id && !checkCustomerTaxId(c.tax_id, country) ? canonicalCustomerTaxId(c.tax_id, country) : null;
    if (taxId) {
      const byTaxId = await models.Contact.findOne({ where: { tax_id: taxId } });
      if (byTaxId) return byTaxId.id;
    }
    if (c.email) {
      const byEmail = await models.Contact.findOne({
        where: { email: c.email, ...(taxId ? { tax_id: null } : {}) },
        order: [['id', 'ASC']],
      });
      if (byEmail) return byEmail.id;
    }
    if (!taxId && !c.email) return null;
    try {
      const created = await customers.create({
        legal_name: (c.legal_name || c.contact_name || c.email).slice(0, 200),
        tax_id: taxId,
        address_line: c.address_line.slice(0, 250),
        postal_code: c.postal_code.slice(0, 20),
        city: c.city.slice(0, 100),
        province: c.province.slice(0, 100),
        country_code: country,
        email: c.email.slice(0, 254),
        additional_emails: [],
        phone: c.phone.slice(0, 40),
        payment_terms_days: 0,
        notes: `WooCommerce #${orderNumber}`,
      });
      return created.id;
    } catch (error) {
      if (error instanceof DuplicateTaxIdError && error.existingId) return error.existingId;
      throw error;
    }
  }

  async function invoiceStillThere(invoiceId: number): Promise<boolean> {
    return (await models.Invoice.count({ where: { id: invoiceId } })) > 0;
  }

  /** Refund id → rectifying invoice, leaving out drafts deleted since (their refund may be rectified again). */
  /**
   * Links a refund to its rectifying invoice, unless another request linked it first: a compare-and-set
   * on the stored map, re-read and retried when it changed in between. The new map, or null when the
   * refund was already linked (to an invoice that still exists).
   */
  async function linkRefund(orderId: number, refundId: number, invoiceId: number): Promise<Record<string, number> | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const fresh = await findRow(orderId);
      const done = await existingRefundInvoices(fresh);
      if (done[String(refundId)]) return null;
      const next = { ...done, [String(refundId)]: invoiceId };
      const [changed] = await models.StoreOrder.update(
        { refund_invoices: JSON.stringify(next) },
        { where: { id: orderId, refund_invoices: fresh.refund_invoices } },
      );
      if (changed) return next;
    }
    throw new ConflictError('This order kept changing; try again.', 'ORDER_CHANGED');
  }

  async function existingRefundInvoices(row: StoreOrderRecord): Promise<Record<string, number>> {
    const done = refundInvoicesOf(row);
    const ids = [...new Set(Object.values(done))];
    if (!ids.length) return done;
    const found = new Set((await models.Invoice.findAll({ attributes: ['id'], where: { id: ids } })).map((i) => i.id));
    return Object.fromEntries(Object.entries(done).filter(([, invoiceId]) => found.has(invoiceId)));
  }

  return {
    reconcile,
    /** Confirms every provisional order of a store that names its WooCommerce id. */
    async reconcileStore(storeId: number): Promise<void> {
      const rows = await models.StoreOrder.findAll({ where: { store_id: storeId, provisional: true }, order: [['id', 'ASC']], limit: 500 });
      for (const row of rows) if (row.woo_id !== null) await reconcile(row);
    },
    async list(filter: {
      store_id?: number;
      status?: string[];
      source?: OrderSource;
      search?: string;
      pending?: boolean;
      page: number;
      per_page: number;
    }) {
      const statuses = await statusesByStore();
      const { rows, total } = await orders.list({ ...filter, pending: filter.pending ? { statusesByStore: statuses } : undefined });
      return { items: rows.map((r) => viewOf(r, statuses.get(r.store_id))), total, page: filter.page, per_page: filter.per_page };
    },
    async get(id: number): Promise<OrderDetailView> {
      return detailOf(await findRow(id));
    },
    async setIgnored(id: number, ignored: boolean): Promise<OrderDetailView> {
      const row = await findRow(id);
      if (ignored && row.invoice_id !== null)
        throw new ConflictError('This order is invoiced; it cannot be ignored.', 'ORDER_ALREADY_INVOICED');
      await row.update({ ignored });
      return detailOf(row);
    },
    /**
     * The order with this display number, which may differ from its id (sequential-number plugins):
     * stored, or fetched from the store — by id when the number could be one, then through the
     * store's search, page by page — keeping only an order whose number is exactly this one.
     */
    async byNumber(storeId: number, requested: string): Promise<OrderDetailView> {
      const number = requested.trim().replace(/^#/, '');
      const store = await stores.findRow(storeId);
      const stored = await orders.findByNumber(storeId, number);
      if (stored && !stored.provisional) return detailOf(stored);
      if (stored) return detailOf(await reconcile(stored));
      if (store.kind === 'same_site') {
        // Nothing to ask: this WordPress pushes its orders, so the stored ones are all Cuadra has.
        throw new NotFoundError(
          `No order with number ${number} has reached Cuadra from this site's WooCommerce. If WooCommerce has it, use "Push all orders again" on the store.`,
          'ORDER_NOT_FOUND',
          'number',
        );
      }
      const numbered = (c: unknown) => typeof c === 'object' && c !== null && String((c as { number?: unknown }).number) === number;
      const unavailable = (problem: { message: string; code: string }) =>
        new ServiceUnavailableError(`The store could not be asked: ${problem.message}`, problem.code);
      let match: unknown;
      // Without a numbering plugin the number is the id: one request. With one, that id is another order.
      if (/^\d+$/.test(number)) {
        const one = await sync.fetchOrder(store, Number(number));
        if (one.ok && numbered(one.json)) match = one.json;
        else if (!one.ok && one.problem.status !== 404) throw unavailable(one.problem);
      }
      // The search matches the term anywhere (other numbers, addresses, an id), newest first: read on until the exact number.
      for (let page = 1; match === undefined && page <= BY_NUMBER_SEARCH_PAGES; page++) {
        const found = await sync.searchOrders(store, number, page);
        if (!found) break;
        if (!found.ok) throw unavailable(found.problem);
        const list: unknown[] = Array.isArray(found.json) ? found.json : [];
        match = list.find(numbered);
        if (list.length < sync.options.perPage) break;
      }
      if (match === undefined) throw new NotFoundError(`The store has no order with number ${number}.`, 'ORDER_NOT_FOUND', 'number');
      const order = normaliseWooOrder(match);
      if (!order.ok) throw new ValidationError([{ message: order.error.message, code: order.error.code, property: order.error.property }]);
      return detailOf((await orders.upsertApiOrder(storeId, order.value, 'api')).row);
    },
    /** What importing the order would give, and which decisions it needs, without saving anything. */
    async preview(id: number, decisions: OrderDecisions) {
      const { result } = await draftFor(await findRow(id), decisions);
      return { ...result, missing_decisions: missingDecisions(result.decisions, decisions).map((d) => d.code) };
    },
    async createInvoiceDraft(id: number, decisions: OrderDecisions, userId: number | null) {
      let row = await findRow(id);
      if (row.invoice_id !== null) {
        if (await invoiceStillThere(row.invoice_id)) {
          throw new ConflictError(`This order is already invoiced (invoice ${row.invoice_id}).`, 'ORDER_ALREADY_INVOICED');
        }
        await row.update({ invoice_id: null }); // its draft was deleted: the order may be imported again
      }
      if (row.ignored) throw new ConflictError('This order is ignored; un-ignore it to invoice it.', 'ORDER_IGNORED');
      const { order, result } = await draftFor(row, decisions);
      row = (await orders.find(id))!;
      const missing = missingDecisions(result.decisions, decisions);
      if (missing.length) throw new DecisionRequiredError(missing);
      const customerId = await customerFor(result.customer, order.number);
      const invoice = await invoices.createDraft({ ...result.draft, customer_id: customerId }, userId);
      // Two imports at once: the first link wins, the other draft is removed.
      const [linked] = await models.StoreOrder.update({ invoice_id: invoice.id }, { where: { id, invoice_id: null } });
      if (!linked) {
        await invoices.deleteDraft(invoice.id).catch(() => undefined);
        throw new ConflictError('This order was invoiced meanwhile.', 'ORDER_ALREADY_INVOICED');
      }
      logger.info({ order_id: id, invoice_id: invoice.id }, 'order imported into an invoice draft');
      return {
        invoice,
        order: await detailOf((await orders.find(id))!),
        customer_id: customerId,
        warnings: result.warnings,
        decisions: result.decisions.map((d) => d.code),
        expected: result.expected,
      };
    },
    /**
     * The order's refunds as the store lists them now (with their dates) and their rectifying invoices;
     * the refunds as last synced, without dates, and the reason, when the store cannot be asked.
     */
    async refunds(id: number): Promise<{ items: OrderRefundDetailView[]; problem: { code: string; message: string } | null }> {
      const row = await findRow(id);
      const done = await existingRefundInvoices(row);
      // A rectifying draft deleted since: forget it, so lists show the refund as to rectify again. Only if
      // the map is still the one read (compare-and-set): a link made meanwhile is never overwritten.
      if (Object.keys(done).length !== Object.keys(refundInvoicesOf(row)).length) {
        await models.StoreOrder.update(
          { refund_invoices: JSON.stringify(done) },
          { where: { id: row.id, refund_invoices: row.refund_invoices } },
        );
      }
      const stored = storedRefundsOf(row).map((r) => ({ ...r, created_at: null, invoice_id: done[String(r.id)] ?? null }));
      if (row.woo_id === null || !row.order_json) return { items: stored, problem: null };
      const asLastSynced = (code: string, message: string) => ({
        items: stored,
        problem: { code, message: `${message} The refunds are shown as last synced.` },
      });
      const store = await stores.findRow(row.store_id);
      // A same-site store has no keys to be asked with: its refunds came pushed with the order.
      const answer = store.kind === 'same_site' ? pushedRefundsOf(row) : await sync.fetchRefunds(store, Number(row.woo_id));
      if (!answer) return asLastSynced('NO_KEYS', 'The store has no REST API keys.');
      if (!answer.ok) return asLastSynced(answer.problem.code, `The store could not be asked for the refunds: ${answer.problem.message}`);
      const currency = (JSON.parse(row.order_json) as StoreOrder).currency;
      const items: OrderRefundDetailView[] = [];
      for (const json of (Array.isArray(answer.json) ? answer.json : []) as unknown[]) {
        const refund = normaliseWooRefund(json, currency, Number(row.woo_id));
        if (!refund.ok) return asLastSynced(refund.error.code, refund.error.message);
        const { id: refundId, created_at, reason, amount } = refund.value;
        items.push({ id: refundId, created_at, reason, amount, invoice_id: done[String(refundId)] ?? null });
      }
      return { items, problem: null };
    },
    /**
     * Rectifying drafts (by differences) for the refunds of an invoiced order not rectified yet; only for
     * `refundId` when given.
     */
    async createRefundDrafts(id: number, decisions: OrderDecisions, userId: number | null, refundId?: number) {
      const row = await findRow(id);
      if (row.invoice_id === null || !row.order_json)
        throw new ConflictError('Invoice the order before rectifying its refunds.', 'ORDER_NOT_INVOICED');
      const original = await invoices.getInvoice(row.invoice_id);
      if (original.status === 'draft') {
        throw new ConflictError("Issue the order's invoice first: only an issued invoice can be rectified.", 'INVOICE_NOT_ISSUED');
      }
      const store = await stores.findRow(row.store_id);
      const order = JSON.parse(row.order_json) as StoreOrder;
      const answer = store.kind === 'same_site' ? pushedRefundsOf(row) : await sync.fetchRefunds(store, Number(row.woo_id));
      if (!answer) throw new ConflictError('The store has no REST API keys.', 'NO_KEYS');
      if (!answer.ok && store.kind === 'same_site') throw new ConflictError(answer.problem.message, answer.problem.code);
      if (!answer.ok)
        throw new ServiceUnavailableError(`The store could not be asked for the refunds: ${answer.problem.message}`, answer.problem.code);
      const done = await existingRefundInvoices(row);
      const options = await importOptions(decisions);
      const planned: { refund: StoreOrderRefundDetail; result: OrderInvoiceDraftImport }[] = [];
      let listed = (Array.isArray(answer.json) ? answer.json : []) as unknown[];
      if (refundId !== undefined) {
        listed = listed.filter((json) => Number((json as { id?: unknown } | null)?.id) === refundId);
        if (!listed.length)
          throw new NotFoundError(`The store lists no refund ${refundId} for this order.`, 'REFUND_NOT_FOUND', 'refund_id');
        if (done[String(refundId)]) {
          throw new ConflictError(
            `This refund is already rectified (invoice ${done[String(refundId)]}).`,
            'REFUND_ALREADY_RECTIFIED',
            'refund_id',
          );
        }
      }
      for (const json of listed) {
        const refund = normaliseWooRefund(json, order.currency, Number(row.woo_id));
        if (!refund.ok)
          throw new ValidationError([
            { message: refund.error.message, code: refund.error.code, property: `refunds.${refund.error.property}` },
          ]);
        if (done[String(refund.value.id)]) continue;
        const draft = refundRectificationDraft(
          order,
          refund.value,
          { invoice_id: original.id, kind: original.kind },
          {
            language: options.language,
            timezone: options.timezone,
            untaxed_vat: options.untaxed_vat,
          },
        );
        if (!draft.ok)
          throw new ValidationError([{ message: draft.error.message, code: draft.error.code, property: draft.error.property }]);
        planned.push({ refund: refund.value, result: draft.value });
      }
      const missing = planned.flatMap((p) => missingDecisions(p.result.decisions, decisions));
      if (missing.length) throw new DecisionRequiredError(missing);
      const created: { refund_id: number; invoice_id: number; total: number }[] = [];
      let linked = done;
      for (const { refund, result } of planned) {
        const customerId = await customerFor(result.customer, order.number);
        const invoice = await invoices.createDraft({ ...result.draft, customer_id: customerId }, userId);
        const now = await linkRefund(row.id, refund.id, invoice.id);
        if (!now) {
          // Another request (a double click) rectified this refund meanwhile: its draft stands, ours goes.
          await invoices.deleteDraft(invoice.id).catch(() => undefined);
          if (refundId !== undefined) {
            throw new ConflictError('This refund was rectified meanwhile.', 'REFUND_ALREADY_RECTIFIED', 'refund_id');
          }
          continue;
        }
        linked = now;
        created.push({ refund_id: refund.id, invoice_id: invoice.id, total: result.expected.total });
      }
      return { created, already: Object.keys(linked).length - created.length, order: await detailOf(await findRow(row.id)) };
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
