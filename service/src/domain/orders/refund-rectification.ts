// A refund of an invoiced order → a rectifying invoice draft by differences: the refunded lines with
// negative quantities, anchored to the refund's own per-rate tax figures so it mirrors the refund to
// the cent. R1 (art. 80 Dos LIVA: returns and price reductions after the sale) unless the user says
// R4; an original simplified invoice (F2/R5) is rectified with R5.
import type { InvoiceKind } from '../billing/invoice-rules';
import { computeInvoiceTotals, externalTotalsAcceptable, taxGroupKey } from '../billing/invoice-totals';
import type { LineVat } from '../billing/invoice-view';
import { parseVat, recargoBasisPoints } from '../billing/tax-rates';
import {
  classifyOrderTaxRates,
  externalTotalsFor,
  formatAmountForPeople,
  type OrderDecisionCode,
  type OrderImportOptions,
  type OrderInvoiceDraft,
  type OrderInvoiceDraftImport,
  type OrderInvoiceDraftResult,
  type OrderNotice,
  orderCustomer,
  type PendingLine,
  priceLine,
  priceOrderDraft,
  taxTreatment,
} from './order-invoice-draft';
import type { StoreOrder, StoreOrderItemTax, StoreOrderRefundDetail, StoreOrderTaxRate } from './store-order';
import { DateTime } from 'luxon';

/** The issued invoice of the order that the refund corrects. */
export interface RectifiedOrderInvoice {
  invoice_id: number;
  kind: InvoiceKind;
}

export interface RefundRectificationOptions extends Pick<OrderImportOptions, 'language' | 'timezone' | 'untaxed_vat'> {
  /** R1 by default (returns, discounts after the sale); R4 for other corrections. */
  kind?: 'R1' | 'R4';
}

function rejected(code: string, property: string, message: string): OrderInvoiceDraftResult {
  return { ok: false, error: { code, property, message } };
}

function mergedTaxLines(order: StoreOrder, refund: StoreOrderRefundDetail): StoreOrderTaxRate[] {
  const byRate = new Map(order.tax_lines.map((t) => [t.rate_id, t]));
  for (const t of refund.tax_lines) {
    const known = byRate.get(t.rate_id);
    byRate.set(t.rate_id, { ...t, rate_percent: t.rate_percent ?? known?.rate_percent ?? null });
  }
  return [...byRate.values()];
}

// A refund of an amount only (no lines): split over the order's tax groups in proportion to what
// each was charged, largest remainder last; with a single group this is exact and needs no decision.
function amountOnlyLines(
  order: StoreOrder,
  refund: StoreOrderRefundDetail,
  description: string,
  vatOf: (taxes: readonly StoreOrderItemTax[]) => { vat: LineVat; recargo: boolean } | null,
) {
  const groups = new Map<string, { vat: LineVat; recargo: boolean; gross: number }>();
  for (const l of [...order.lines, ...order.shipping_lines, ...order.fee_lines]) {
    const treatment = vatOf(l.taxes);
    if (!treatment) return null;
    const parsed = parseVat(treatment.vat);
    const key = taxGroupKey(parsed, recargoBasisPoints(parsed, treatment.recargo));
    const g = groups.get(key) ?? { ...treatment, gross: 0 };
    g.gross += l.gross_total;
    groups.set(key, g);
  }
  const entries = [...groups.entries()].filter(([, g]) => g.gross > 0);
  const orderGross = entries.reduce((acc, [, g]) => acc + g.gross, 0);
  if (orderGross === 0) return null;
  let left = refund.amount;
  return entries.map(([key, g], i): PendingLine => {
    const share = i === entries.length - 1 ? left : Math.round((refund.amount * g.gross) / orderGross);
    left -= share;
    return {
      description,
      sku: '',
      quantity: '-1',
      amount: -share,
      undiscounted: null,
      vat: g.vat,
      recargo: g.recargo,
      group: key,
      net: 0,
      negative_allowed: true,
    };
  });
}

/**
 * The rectifying draft (by differences) for one refund of an order whose invoice was issued.
 * Amounts are exactly the refund's, per rate; problems come back naming the field.
 */
export function refundRectificationDraft(
  order: StoreOrder,
  refund: StoreOrderRefundDetail,
  original: RectifiedOrderInvoice,
  options: RefundRectificationOptions = {},
): OrderInvoiceDraftResult {
  const language = options.language ?? 'es';
  const es = language === 'es';
  if (refund.amount <= 0) return rejected('EMPTY_REFUND', 'amount', 'The refund returns nothing.');
  const include = order.prices_include_tax;
  const untaxedVat: LineVat = options.untaxed_vat ?? 0;

  const taxed = [
    ...refund.lines.map((l, i) => ({
      property: `line_items.${i}`,
      description: l.quantity === '0' ? `${es ? 'Reembolso parcial' : 'Partial refund'}: ${l.name}` : l.name,
      sku: l.sku,
      quantity: l.quantity === '0' ? '-1' : l.quantity,
      net: l.total,
      amount: include ? l.gross_total : l.total,
      taxes: l.taxes,
    })),
    ...refund.shipping_lines.map((s, i) => ({
      property: `shipping_lines.${i}`,
      description: s.name || (es ? 'Envío' : 'Shipping'),
      sku: '',
      quantity: '-1',
      net: s.total,
      amount: include ? s.gross_total : s.total,
      taxes: s.taxes,
    })),
    ...refund.fee_lines.map((f, i) => ({
      property: `fee_lines.${i}`,
      description: f.name || (es ? 'Cargo' : 'Fee'),
      sku: '',
      quantity: '-1',
      net: f.total,
      amount: include ? f.gross_total : f.total,
      taxes: f.taxes,
    })),
  ];
  const taxLines = mergedTaxLines(order, refund);
  const roles = classifyOrderTaxRates(taxLines, taxed);
  if (!roles.ok) return roles;
  const vatOf = (taxes: readonly StoreOrderItemTax[], property = 'line_items') => {
    const t = taxTreatment(taxes, roles.value, property);
    return t.ok ? { vat: t.value.vat ?? untaxedVat, recargo: t.value.recargo } : null;
  };

  const decisions: OrderNotice<OrderDecisionCode>[] = [];
  const reason = refund.reason || (es ? `Reembolso del pedido n.º ${order.number}` : `Refund of order #${order.number}`);
  let pending: PendingLine[];
  let external: OrderInvoiceDraft['external_tax_totals'] = [];
  let pricesIncludeTax = include;
  if (taxed.length === 0) {
    const lines = amountOnlyLines(order, refund, reason, (taxes) => vatOf(taxes));
    if (!lines) return rejected('UNSUPPORTED_TAX_COMBINATION', 'line_items', 'The order has lines Cuadra cannot put on a Spanish invoice.');
    if (lines.length > 1) {
      decisions.push({
        code: 'REFUND_SPLIT_ESTIMATED',
        message: 'The refund names no lines: it was split over the tax rates in proportion to the order; check it.',
      });
    }
    pending = lines;
    pricesIncludeTax = true; // the refunded amount is what the customer got back, taxes included
  } else {
    pending = [];
    for (const t of taxed) {
      const treatment = taxTreatment(t.taxes, roles.value, t.property);
      if (!treatment.ok) return treatment;
      const vat: LineVat = treatment.value.vat ?? untaxedVat;
      const parsed = parseVat(vat);
      pending.push({
        description: t.description,
        sku: t.sku,
        quantity: t.quantity,
        amount: t.amount,
        undiscounted: null,
        vat,
        recargo: treatment.value.recargo,
        group: taxGroupKey(parsed, recargoBasisPoints(parsed, treatment.value.recargo)),
        net: t.net,
        negative_allowed: true,
      });
    }
    const totals = externalTotalsFor(pending, refund.tax_lines, roles.value, -refund.amount);
    if (!totals.ok) return totals;
    external = totals.value.taxes;
  }

  const customer = orderCustomer(order);
  const kind: InvoiceKind = original.kind === 'F2' || original.kind === 'R5' ? 'R5' : (options.kind ?? 'R1');
  const draft: OrderInvoiceDraft = {
    kind,
    customer_id: null,
    recipient: {
      legal_name: customer.legal_name,
      tax_id: customer.tax_id,
      address_line: customer.address_line,
      postal_code: customer.postal_code,
      city: customer.city,
      province: customer.province,
      country_code: customer.country_code,
      email: customer.email,
    },
    currency: order.currency,
    prices_include_tax: pricesIncludeTax,
    irpf_percent: '0',
    simplified_limit_extended: false,
    language,
    operation_date: refund.created_at
      ? DateTime.fromISO(refund.created_at, { zone: 'utc' })
          .setZone(options.timezone ?? 'Europe/Madrid')
          .toISODate()
      : null,
    due_date: null,
    notes: es
      ? `Rectificación por diferencias del pedido WooCommerce n.º ${order.number}: reembolso de ${formatAmountForPeople(refund.amount, order.currency, language)}.`
      : `Correction by differences of WooCommerce order #${order.number}: refund of ${formatAmountForPeople(refund.amount, order.currency, language)}.`,
    payment_method: order.payment_method_title || order.payment_method,
    lines: pending.map(priceLine),
    rectification: { invoice_id: original.invoice_id, method: 'differences', reason },
    external_tax_totals: external,
  };
  const priced = priceOrderDraft(draft);
  if (!externalTotalsAcceptable(priced, 2)) {
    return rejected(
      'TOTALS_DO_NOT_MATCH',
      'external_tax_totals',
      `The refund's per-rate totals differ from its lines by ${priced.largest_difference} minor units.`,
    );
  }
  const computed = computeInvoiceTotals({ currency: draft.currency, prices_include_tax: draft.prices_include_tax, lines: draft.lines });
  const value: OrderInvoiceDraftImport = {
    draft,
    customer,
    decisions,
    warnings: [],
    expected: {
      taxes: external.length
        ? external.map((t) => ({ ...t }))
        : computed.taxes.map((g) => ({
            vat: g.vat.kind === 'rate' ? g.vat.rate : { exempt: g.vat.reason },
            recargo: g.recargo_basis_points > 0,
            base: g.base,
            vat_amount: g.vat_amount,
            recargo_amount: g.recargo_amount,
          })),
      total: -refund.amount,
    },
  };
  return { ok: true, value };
}
