// A shop order → the invoice draft the invoice service accepts, equal to the order to the cent per
// tax rate. The order's own per-rate figures travel as `external_tax_totals` (the service accepts
// them within 2 cents of what the lines compute); the lines are chosen so they compute within a cent.
// Choices, one line each:
// - prices_include_tax mirrors the store, so each line is exactly what the store charged for it.
// - Coupon discounts are already inside WooCommerce line totals: a line shows its undiscounted price
//   and discount_percent when that percentage reproduces the line exactly, else the discounted price.
// - Shipping and fees are ordinary lines; negative fees (F1 invoices allow no negative lines) are
//   absorbed into the largest lines of the same tax rate, named in those lines' descriptions.
// - Variations go into the description: "Sudadera con capucha (Talla: M)".
// - Anything the user must decide (other currency, refunded, unpaid, no NIF, untaxed lines) is a
//   decision in the result, never silently resolved.
import { DateTime } from 'luxon';
import { formatScaledDecimal } from '../billing/decimal';
import {
  computeInvoiceTotals,
  externalTotalsAcceptable,
  type ExternalTotalsMatch,
  lineAmount,
  matchExternalTaxTotals,
  taxGroupKey,
} from '../billing/invoice-totals';
import type { InvoiceKind } from '../billing/invoice-rules';
import type { ExternalTaxTotalView, InvoiceParty, LineVat } from '../billing/invoice-view';
import { currencyExponent } from '../billing/money';
import { roundHalfAwayFromZero, toSafeMinorUnits } from '../billing/rounding';
import { type ExemptionReason, parseVat, recargoBasisPoints, type VatRate } from '../billing/tax-rates';
import { checkCustomerTaxId } from '../customers/customer';
import type { OrderInputProblem, StoreOrder, StoreOrderItemTax, StoreOrderTaxRate } from './store-order';

/** A line as DraftLineInput (services/invoices/invoice-service.ts) takes it. */
export interface OrderDraftLine {
  description: string;
  sku: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  vat: LineVat;
  recargo: boolean;
  irpf: boolean;
}

/** Structurally the service's DraftInput: pass it on after the user's decisions and the customer lookup. */
export interface OrderInvoiceDraft {
  kind: InvoiceKind;
  customer_id: number | null;
  recipient: InvoiceParty | null;
  currency: string;
  prices_include_tax: boolean;
  irpf_percent: string;
  simplified_limit_extended: boolean;
  language: 'es' | 'en';
  operation_date: string | null;
  due_date: string | null;
  notes: string;
  payment_method: string;
  lines: OrderDraftLine[];
  rectification: { invoice_id: number; method: 'differences'; reason: string } | null;
  external_tax_totals: ExternalTaxTotalView[];
}

/** Who to find (by tax id, then e-mail) or create. */
export interface OrderCustomer {
  legal_name: string;
  contact_name: string;
  tax_id: string | null;
  /** The order meta key the tax id came from. */
  tax_id_source: string | null;
  email: string;
  phone: string;
  address_line: string;
  postal_code: string;
  city: string;
  province: string;
  country_code: string;
}

/** Things the user must confirm before the draft is saved; the import UI asks, the service refuses without confirmation. */
export type OrderDecisionCode =
  'OTHER_CURRENCY' | 'FULLY_REFUNDED' | 'ORDER_NOT_PAID' | 'NO_TAX_ID' | 'INVALID_TAX_ID' | 'UNTAXED_LINES' | 'REFUND_SPLIT_ESTIMATED';

/** Things worth telling, needing no answer. */
export type OrderWarningCode = 'PARTIALLY_REFUNDED' | 'NEGATIVE_FEE_ABSORBED' | 'TOTALS_ROUNDING_ADJUSTED' | 'SIMPLIFIED_INVOICE_SUGGESTED';

export interface OrderNotice<C extends string> {
  code: C;
  message: string;
}

export interface OrderInvoiceDraftImport {
  draft: OrderInvoiceDraft;
  customer: OrderCustomer;
  decisions: OrderNotice<OrderDecisionCode>[];
  warnings: OrderNotice<OrderWarningCode>[];
  /** The order's own per-rate figures and total, which the priced draft equals. */
  expected: { taxes: ExternalTaxTotalView[]; total: number };
}

export type OrderInvoiceDraftResult = { ok: true; value: OrderInvoiceDraftImport } | { ok: false; error: OrderInputProblem };

export interface OrderImportOptions {
  /** Invoice language and the language of generated descriptions; default 'es'. */
  language?: 'es' | 'en';
  /** The company's time zone, for the operation date; default Europe/Madrid. */
  timezone?: string;
  /** The company's currency; other currencies need a decision. Default EUR. */
  company_currency?: string;
  /** What lines the store charged no tax on become, once the user chose: 0 % or an exemption. Default 0. */
  untaxed_vat?: 0 | { exempt: ExemptionReason };
  /** Force the invoice kind; by default F1 with a tax id, F2 (simplified) without one when allowed. */
  kind?: 'F1' | 'F2';
}

// ---------------------------------------------------------------------------------------------
// Tax rates: WooCommerce rate ids → IVA rate or recargo de equivalencia.

type RateRole = { kind: 'vat'; rate: VatRate } | { kind: 'recargo'; vat_rate: VatRate };

const VAT_BY_BP: Readonly<Record<number, VatRate>> = { 2100: 21, 1000: 10, 400: 4, 0: 0 };
const VAT_BY_RECARGO_BP: Readonly<Record<number, VatRate>> = { 520: 21, 140: 10, 50: 4 };

/** Something taxed in the order: an item, a shipping or a fee line. */
export interface TaxedAmount {
  net: number;
  taxes: readonly StoreOrderItemTax[];
}

function percentBasisPoints(text: string): number | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return null;
  return Number(m[2]) * 100 + Number(fraction.padEnd(2, '0'));
}

// Stores older than WooCommerce 3.7 give no rate_percent: infer it from tax ÷ base, accepting the
// rounding of one cent per taxed line.
function inferRateBasisPoints(rate: StoreOrderTaxRate, amounts: readonly TaxedAmount[]): number | null {
  const members = amounts.filter((a) => a.taxes.some((t) => t.rate_id === rate.rate_id));
  const base = members.reduce((acc, a) => acc + a.net, 0);
  const tax = rate.tax_total + rate.shipping_tax_total;
  if (base === 0) return tax === 0 ? 0 : null;
  const candidates = [...Object.keys(VAT_BY_BP), ...Object.keys(VAT_BY_RECARGO_BP)].map(Number);
  const tolerance = 1 + members.length;
  return (
    candidates.find((bp) => Math.abs(toSafeMinorUnits(roundHalfAwayFromZero(BigInt(base) * BigInt(bp), 10_000n)) - tax) <= tolerance) ??
    null
  );
}

function rejected(code: string, property: string, message: string): { ok: false; error: OrderInputProblem } {
  return { ok: false, error: { code, property, message } };
}

/** Each tax line's role, or the problem naming the tax line Cuadra cannot put on a Spanish invoice. */
export function classifyOrderTaxRates(
  taxLines: readonly StoreOrderTaxRate[],
  amounts: readonly TaxedAmount[],
): { ok: true; value: Map<number, RateRole> } | { ok: false; error: OrderInputProblem } {
  const roles = new Map<number, RateRole>();
  for (const [i, rate] of taxLines.entries()) {
    const bp = rate.rate_percent !== null ? percentBasisPoints(rate.rate_percent) : inferRateBasisPoints(rate, amounts);
    const looksLikeRecargo = /recargo|equivalen/i.test(rate.label) || /recargo|equivalen|\bRE\b/i.test(rate.rate_code);
    const shown = rate.rate_percent !== null ? `${rate.rate_percent} %` : 'an unknown rate';
    if (bp !== null && VAT_BY_RECARGO_BP[bp] !== undefined && (looksLikeRecargo || VAT_BY_BP[bp] === undefined)) {
      roles.set(rate.rate_id, { kind: 'recargo', vat_rate: VAT_BY_RECARGO_BP[bp]! });
    } else if (bp !== null && VAT_BY_BP[bp] !== undefined && !rate.compound) {
      roles.set(rate.rate_id, { kind: 'vat', rate: VAT_BY_BP[bp]! });
    } else {
      return rejected(
        'UNSUPPORTED_TAX_RATE',
        `tax_lines.${i}.rate_percent`,
        `The order charges "${rate.label}" at ${shown}; a Spanish invoice carries IVA at 21, 10, 4 or 0 % (with recargo 5.2, 1.4 or 0.5 %).`,
      );
    }
  }
  return { ok: true, value: roles };
}

/** The (IVA, recargo) of one taxed thing; null VAT means the store charged no tax on it. */
export function taxTreatment(
  taxes: readonly StoreOrderItemTax[],
  roles: ReadonlyMap<number, RateRole>,
  property: string,
): { ok: true; value: { vat: VatRate | null; recargo: boolean } } | { ok: false; error: OrderInputProblem } {
  const vat: VatRate[] = [];
  const recargo: VatRate[] = [];
  for (const tax of taxes) {
    const role = roles.get(tax.rate_id);
    if (!role) {
      if (tax.total === 0 && tax.exact_total === '0') continue;
      return rejected(
        'UNKNOWN_TAX_RATE',
        `${property}.taxes`,
        `Tax rate ${tax.rate_id} is charged but not listed in the order's tax lines.`,
      );
    }
    if (role.kind === 'vat') vat.push(role.rate);
    else recargo.push(role.vat_rate);
  }
  const distinct = [...new Set(vat)];
  if (distinct.length > 1) return rejected('UNSUPPORTED_TAX_COMBINATION', `${property}.taxes`, 'A line carries two IVA rates.');
  const rate = distinct[0] ?? null;
  if (recargo.length > 0 && (rate === null || recargo.some((r) => r !== rate))) {
    return rejected(
      'UNSUPPORTED_TAX_COMBINATION',
      `${property}.taxes`,
      'A line carries recargo de equivalencia without the matching IVA rate.',
    );
  }
  return { ok: true, value: { vat: rate, recargo: recargo.length > 0 } };
}

// ---------------------------------------------------------------------------------------------
// Lines

/** A line before its price representation is chosen: amounts in minor units, tax-inclusive when the draft is. */
export interface PendingLine {
  description: string;
  sku: string;
  quantity: string;
  amount: number;
  /** The amount before coupon discounts, when different. */
  undiscounted: number | null;
  vat: LineVat;
  recargo: boolean;
  group: string;
  net: number;
  /** Refund lines: allowed to be negative. */
  negative_allowed?: boolean;
  /** A negative fee already taken off other lines. */
  absorbed?: boolean;
}

const Q_SCALE = 10_000n;
const P_SCALE = 10_000n;

function quantityScaled(quantity: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(quantity)!;
  const value = BigInt(m[2]!) * Q_SCALE + BigInt((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -value : value;
}

/** The unit price (minor units, ≤ 4 extra decimals) that makes `quantity` × price round to `amount`, or null. */
export function unitPriceFor(amount: number, quantity: string): string | null {
  const q = quantityScaled(quantity);
  if (q === 0n) return null;
  const price = roundHalfAwayFromZero(BigInt(amount) * Q_SCALE * P_SCALE, q);
  const text = formatScaledDecimal(price, 4, { trimZeros: true });
  return lineAmount(quantity, text) === amount ? text : null;
}

function percentText(bp: bigint): string {
  return formatScaledDecimal(bp, 2, { trimZeros: true });
}

/** Turns a pending line into the draft's representation, exactly reproducing its amount. */
export function priceLine(line: PendingLine): OrderDraftLine {
  const base = { sku: line.sku, vat: line.vat, recargo: line.recargo, irpf: false };
  if (line.undiscounted !== null && line.undiscounted > line.amount && line.amount >= 0) {
    const full = unitPriceFor(line.undiscounted, line.quantity);
    const exact = roundHalfAwayFromZero(BigInt(line.undiscounted - line.amount) * 10_000n, BigInt(line.undiscounted));
    // The roundest percentage that reproduces the line: a 10 % coupon shows as 10, not 9.99.
    const candidates = [roundHalfAwayFromZero(exact, 100n) * 100n, roundHalfAwayFromZero(exact, 10n) * 10n, exact];
    const bp = candidates.find(
      (c) => c > 0n && c < 10_000n && full !== null && lineAmount(line.quantity, full, percentText(c)) === line.amount,
    );
    if (full !== null && bp !== undefined) {
      return { ...base, description: line.description, quantity: line.quantity, unit_price: full, discount_percent: percentText(bp) };
    }
  }
  const unit = unitPriceFor(line.amount, line.quantity);
  if (unit !== null && (!unit.startsWith('-') || line.negative_allowed)) {
    return { ...base, description: line.description, quantity: line.quantity, unit_price: unit, discount_percent: '0' };
  }
  // The amount is not a quantity multiple at 4 decimals: one line of quantity ±1 keeps it exact.
  const negative = quantityScaled(line.quantity) < 0n;
  const amount = negative ? -line.amount : line.amount;
  return {
    ...base,
    description: `${line.quantity.replace(/^-/, '')} × ${line.description}`,
    quantity: negative ? '-1' : '1',
    unit_price: String(amount),
    discount_percent: '0',
  };
}

/** "−3,00 €" / "-€3.00" for descriptions people read. */
export function formatAmountForPeople(minor: number, currency: string, language: 'es' | 'en'): string {
  const exponent = currencyExponent(currency);
  const plain = formatScaledDecimal(BigInt(Math.abs(minor)), exponent);
  const [whole, fraction] = plain.split('.') as [string, string | undefined];
  const sep = language === 'es' ? '.' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const number = fraction === undefined ? grouped : `${grouped}${language === 'es' ? ',' : '.'}${fraction}`;
  const sign = minor < 0 ? '−' : '';
  const symbol = currency === 'EUR' ? '€' : currency;
  return language === 'es' ? `${sign}${number} ${symbol}` : `${sign}${symbol === '€' ? '€' : `${symbol} `}${number}`;
}

const ES_PROVINCES: Readonly<Record<string, string>> = {
  C: 'A Coruña', VI: 'Araba/Álava', AB: 'Albacete', A: 'Alicante', AL: 'Almería', O: 'Asturias', AV: 'Ávila', BA: 'Badajoz',
  PM: 'Baleares', B: 'Barcelona', BU: 'Burgos', CC: 'Cáceres', CA: 'Cádiz', S: 'Cantabria', CS: 'Castellón', CE: 'Ceuta',
  CR: 'Ciudad Real', CO: 'Córdoba', CU: 'Cuenca', GI: 'Girona', GR: 'Granada', GU: 'Guadalajara', SS: 'Gipuzkoa', H: 'Huelva',
  HU: 'Huesca', J: 'Jaén', LO: 'La Rioja', GC: 'Las Palmas', LE: 'León', L: 'Lleida', LU: 'Lugo', M: 'Madrid', MA: 'Málaga',
  ML: 'Melilla', MU: 'Murcia', NA: 'Navarra', OR: 'Ourense', P: 'Palencia', PO: 'Pontevedra', SA: 'Salamanca',
  TF: 'Santa Cruz de Tenerife', SG: 'Segovia', SE: 'Sevilla', SO: 'Soria', T: 'Tarragona', TE: 'Teruel', TO: 'Toledo',
  V: 'Valencia', VA: 'Valladolid', BI: 'Bizkaia', ZA: 'Zamora', Z: 'Zaragoza',
}; // prettier-ignore

/** The customer to find or create, from the billing address and the tax id in the order meta. */
export function orderCustomer(order: StoreOrder): OrderCustomer {
  const b = order.billing;
  const contact = [b.first_name, b.last_name].filter(Boolean).join(' ');
  const country = b.country || 'ES';
  return {
    legal_name: b.company || contact,
    contact_name: contact,
    tax_id: order.tax_id?.value ?? null,
    tax_id_source: order.tax_id?.source ?? null,
    email: b.email,
    phone: b.phone,
    address_line: [b.address_1, b.address_2].filter(Boolean).join(', '),
    postal_code: b.postcode,
    city: b.city,
    province: country === 'ES' ? (ES_PROVINCES[b.state] ?? b.state) : b.state,
    country_code: country,
  };
}

function recipientOf(customer: OrderCustomer): InvoiceParty {
  return {
    legal_name: customer.legal_name,
    tax_id: customer.tax_id,
    address_line: customer.address_line,
    postal_code: customer.postal_code,
    city: customer.city,
    province: customer.province,
    country_code: customer.country_code,
    email: customer.email,
  };
}

function itemDescription(line: StoreOrder['lines'][number]): string {
  if (line.attributes.length === 0) return line.name;
  const details = line.attributes.map((a) => `${a.label}: ${a.value}`).join(', ');
  // The parent name avoids "Sudadera - M (Talla: M)"; without it, keep the full name.
  return `${line.parent_name ?? line.name} (${details})`;
}

const UNPAID_STATUSES = new Set(['pending', 'on-hold', 'failed', 'cancelled', 'checkout-draft', 'trash', 'draft']);

/** Groups of pending lines → the per-rate figures, anchored to the order's tax lines and total. */
export function externalTotalsFor(
  lines: readonly PendingLine[],
  taxLines: readonly StoreOrderTaxRate[],
  roles: ReadonlyMap<number, RateRole>,
  expectedTotal: number,
): { ok: true; value: { taxes: ExternalTaxTotalView[]; adjusted: number } } | { ok: false; error: OrderInputProblem } {
  const groups = new Map<string, ExternalTaxTotalView>();
  for (const line of lines) {
    const g = groups.get(line.group) ?? { vat: line.vat, recargo: line.recargo, base: 0, vat_amount: 0, recargo_amount: 0 };
    g.base += line.net;
    groups.set(line.group, g);
  }
  const recargoByVat = new Map<number, Set<boolean>>();
  for (const g of groups.values())
    if (typeof g.vat === 'number') recargoByVat.set(g.vat, (recargoByVat.get(g.vat) ?? new Set()).add(g.recargo));
  for (const [i, rate] of taxLines.entries()) {
    const role = roles.get(rate.rate_id)!;
    const vat = role.kind === 'vat' ? role.rate : role.vat_rate;
    const flags = recargoByVat.get(vat);
    const amount = rate.tax_total + rate.shipping_tax_total;
    if (!flags) {
      if (amount === 0) continue;
      return rejected('TAX_WITHOUT_LINES', `tax_lines.${i}`, `"${rate.label}" charges tax on no line of the order.`);
    }
    if (flags.size > 1) {
      return rejected(
        'UNSUPPORTED_TAX_COMBINATION',
        `tax_lines.${i}`,
        `IVA ${vat} % is charged both with and without recargo de equivalencia.`,
      );
    }
    const g = groups.get(taxGroupKey(parseVat(vat), recargoBasisPoints(parseVat(vat), [...flags][0]!)))!;
    if (role.kind === 'vat') g.vat_amount += amount;
    else g.recargo_amount += amount;
  }
  const taxes = [...groups.values()];
  const sum = taxes.reduce((acc, g) => acc + g.base + g.vat_amount + g.recargo_amount, 0);
  const residual = expectedTotal - sum;
  // Line totals are rounded to the cent one by one while the order total is rounded once: the
  // difference (a cent per line at most) belongs to the bases, put on the largest one.
  if (residual !== 0) {
    if (Math.abs(residual) > lines.length || taxes.length === 0) {
      return rejected(
        'ORDER_TOTALS_INCONSISTENT',
        'total',
        `The order's lines and taxes add up to ${sum}, not to its total ${expectedTotal} (minor units).`,
      );
    }
    const largest = taxes.reduce((a, b) => (Math.abs(b.base) > Math.abs(a.base) ? b : a));
    largest.base += residual;
  }
  return { ok: true, value: { taxes, adjusted: residual } };
}

/** computeInvoiceTotals + matchExternalTaxTotals on a draft, as the invoice service prices it. */
export function priceOrderDraft(
  draft: Pick<OrderInvoiceDraft, 'currency' | 'prices_include_tax' | 'lines' | 'external_tax_totals' | 'irpf_percent'>,
): ExternalTotalsMatch {
  const computed = computeInvoiceTotals({
    currency: draft.currency,
    prices_include_tax: draft.prices_include_tax,
    irpf_percent: draft.irpf_percent,
    lines: draft.lines,
  });
  // Like the invoice service: no per-rate figures means the lines' own totals.
  if (draft.external_tax_totals.length === 0) return { totals: computed, differences: [], largest_difference: 0 };
  return matchExternalTaxTotals(computed, draft.external_tax_totals);
}

/** Takes away negative fees from the largest lines of the same tax group (invoices have no negative lines). */
function absorbNegativeLines(lines: PendingLine[], currency: string, language: 'es' | 'en'): OrderInputProblem | null {
  for (const credit of lines.filter((l) => l.amount < 0)) {
    let remaining = -credit.amount;
    let remainingNet = -credit.net;
    const takers = lines.filter((l) => l !== credit && l.group === credit.group && l.amount > 0).sort((a, b) => b.amount - a.amount);
    for (const taker of takers) {
      if (remaining === 0) break;
      const take = Math.min(remaining, taker.amount);
      const takeNet = take === remaining ? remainingNet : Math.min(remainingNet, Math.round((remainingNet * take) / remaining));
      taker.amount -= take;
      taker.net -= takeNet;
      taker.undiscounted = null;
      taker.description += ` (${language === 'es' ? 'incluye' : 'includes'} ${credit.description}: ${formatAmountForPeople(-take, currency, language)})`;
      remaining -= take;
      remainingNet -= takeNet;
    }
    if (remaining !== 0) {
      return {
        code: 'NEGATIVE_FEE_TOO_LARGE',
        property: 'fee_lines',
        message: `"${credit.description}" is larger than the lines it could reduce.`,
      };
    }
    credit.absorbed = true;
  }
  return null;
}

/**
 * The invoice draft for a shop order, the customer to find or create, and what the user must decide.
 * Never throws on bad orders: problems come back naming the field.
 */
export function orderInvoiceDraft(order: StoreOrder, options: OrderImportOptions = {}): OrderInvoiceDraftResult {
  const language = options.language ?? 'es';
  const es = language === 'es';
  const untaxedVat: LineVat = options.untaxed_vat ?? 0;
  const include = order.prices_include_tax;

  const taxed: {
    property: string;
    description: string;
    sku: string;
    quantity: string;
    net: number;
    amount: number;
    undiscounted: number | null;
    taxes: StoreOrderItemTax[];
  }[] = [
    ...order.lines.map((l, i) => ({
      property: `line_items.${i}`,
      description: itemDescription(l),
      sku: l.sku,
      quantity: l.quantity,
      net: l.total,
      amount: include ? l.gross_total : l.total,
      undiscounted: include ? l.gross_subtotal : l.subtotal,
      taxes: l.taxes,
    })),
    ...order.shipping_lines.map((s, i) => ({
      property: `shipping_lines.${i}`,
      description: s.name || (es ? 'Envío' : 'Shipping'),
      sku: '',
      quantity: '1',
      net: s.total,
      amount: include ? s.gross_total : s.total,
      undiscounted: null,
      taxes: s.taxes,
    })),
    ...order.fee_lines.map((f, i) => ({
      property: `fee_lines.${i}`,
      description: f.name || (es ? 'Cargo' : 'Fee'),
      sku: '',
      quantity: '1',
      net: f.total,
      amount: include ? f.gross_total : f.total,
      undiscounted: null,
      taxes: f.taxes,
    })),
  ];
  if (order.lines.length === 0) return rejected('NO_LINES', 'line_items', 'The order has no products to invoice.');

  const roles = classifyOrderTaxRates(order.tax_lines, taxed);
  if (!roles.ok) return roles;

  let untaxed = false;
  const pending: PendingLine[] = [];
  for (const t of taxed) {
    const treatment = taxTreatment(t.taxes, roles.value, t.property);
    if (!treatment.ok) return treatment;
    if (treatment.value.vat === null) untaxed = true;
    const vat: LineVat = treatment.value.vat ?? untaxedVat;
    const parsed = parseVat(vat);
    pending.push({
      description: t.description,
      sku: t.sku,
      quantity: t.quantity,
      amount: t.amount,
      undiscounted: t.undiscounted,
      vat,
      recargo: treatment.value.recargo,
      group: taxGroupKey(parsed, recargoBasisPoints(parsed, treatment.value.recargo)),
      net: t.net,
    });
  }

  const warnings: OrderNotice<OrderWarningCode>[] = [];
  const decisions: OrderNotice<OrderDecisionCode>[] = [];

  const externals = externalTotalsFor(pending, order.tax_lines, roles.value, order.total);
  if (!externals.ok) return externals;
  if (externals.value.adjusted !== 0) {
    warnings.push({
      code: 'TOTALS_ROUNDING_ADJUSTED',
      message: `Bases were adjusted by ${externals.value.adjusted} minor units so the invoice equals the order total.`,
    });
  }

  const negatives = pending.filter((l) => l.amount < 0).map((l) => l.description);
  const absorbed = absorbNegativeLines(pending, order.currency, language);
  if (absorbed) return { ok: false, error: absorbed };
  if (negatives.length) {
    warnings.push({
      code: 'NEGATIVE_FEE_ABSORBED',
      message: `${negatives.join(', ')} reduced the lines of the same tax rate (invoices have no negative lines).`,
    });
  }
  const lines = pending.filter((l) => !l.absorbed).map(priceLine);

  const customer = orderCustomer(order);
  const grossTotal = order.total;
  const companyCurrency = options.company_currency ?? 'EUR';
  if (order.currency !== companyCurrency) {
    decisions.push({
      code: 'OTHER_CURRENCY',
      message: `The order is in ${order.currency}, not ${companyCurrency}: invoice it in ${order.currency}?`,
    });
  }
  const refunded = order.refunds.reduce((acc, r) => acc + r.amount, 0);
  if (order.status === 'refunded' || (refunded >= order.total && order.total > 0)) {
    decisions.push({ code: 'FULLY_REFUNDED', message: 'The order was fully refunded: invoice it anyway (and rectify it), or skip it?' });
  } else if (refunded > 0) {
    warnings.push({
      code: 'PARTIALLY_REFUNDED',
      message: 'The order has refunds: after issuing this invoice, rectify it for each refund.',
    });
  }
  if (UNPAID_STATUSES.has(order.status)) {
    decisions.push({ code: 'ORDER_NOT_PAID', message: `The order is ${order.status}: invoice it before it is paid?` });
  }
  if (untaxed) {
    decisions.push({
      code: 'UNTAXED_LINES',
      message: 'The store charged no tax on some lines: confirm 0 % or choose the exemption (E2 exports, E5 intra-EU supplies, …).',
    });
  }
  let kind: InvoiceKind = options.kind ?? 'F1';
  if (!customer.tax_id) {
    decisions.push({ code: 'NO_TAX_ID', message: 'The order carries no NIF: ask the customer for it or issue a simplified invoice.' });
    const simplifiedAllowed = order.currency === 'EUR' && grossTotal <= 40_000;
    if (!options.kind && simplifiedAllowed) {
      kind = 'F2';
      warnings.push({
        code: 'SIMPLIFIED_INVOICE_SUGGESTED',
        message: 'Without a NIF and up to 400 €, a simplified invoice (F2) is proposed.',
      });
    }
  } else {
    const problem = checkCustomerTaxId(customer.tax_id, customer.country_code);
    if (problem) decisions.push({ code: 'INVALID_TAX_ID', message: `${customer.tax_id}: ${problem.message}` });
  }

  const coupons = order.coupon_lines.map(
    (c) => `${c.code} (${formatAmountForPeople(-(c.discount + (include ? c.discount_tax : 0)), order.currency, language)})`,
  );
  const notes = [
    es ? `Pedido WooCommerce n.º ${order.number}` : `WooCommerce order #${order.number}`,
    ...(coupons.length ? [`${es ? 'Cupones' : 'Coupons'}: ${coupons.join(', ')}`] : []),
  ].join('\n');

  const created = order.created_at ?? order.paid_at;
  const draft: OrderInvoiceDraft = {
    kind,
    customer_id: null,
    recipient: recipientOf(customer),
    currency: order.currency,
    prices_include_tax: include,
    irpf_percent: '0',
    simplified_limit_extended: false,
    language,
    operation_date: created
      ? DateTime.fromISO(created, { zone: 'utc' })
          .setZone(options.timezone ?? 'Europe/Madrid')
          .toISODate()
      : null,
    due_date: null,
    notes,
    payment_method: order.payment_method_title || order.payment_method,
    lines,
    rectification: null,
    external_tax_totals: externals.value.taxes,
  };

  const priced = priceOrderDraft(draft);
  if (!externalTotalsAcceptable(priced, 2)) {
    return rejected(
      'TOTALS_DO_NOT_MATCH',
      'external_tax_totals',
      `The order's per-rate totals differ from its lines by ${priced.largest_difference} minor units; the invoice would not equal the order.`,
    );
  }
  return {
    ok: true,
    value: { draft, customer, decisions, warnings, expected: { taxes: externals.value.taxes.map((t) => ({ ...t })), total: order.total } },
  };
}
