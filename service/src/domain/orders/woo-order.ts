// A WooCommerce REST v3 order (GET /wp-json/wc/v3/orders/:id) read into a StoreOrder. The schema
// checks only what Cuadra uses and lets WooCommerce add fields; amounts become minor units exactly
// (no floats), and any problem comes back as a typed result naming the field, never as a throw.
import { z } from 'zod';
import { currencyExponent, isKnownCurrency } from '../billing/money';
import { normalizeTaxId } from '../company/tax-id';
import {
  decodeEntities,
  exactDecimal,
  exactText,
  minorUnits,
  OrderAmountError,
  plainText,
  sumToMinorUnits,
  type OrderInputProblem,
  type OrderResult,
  type StoreOrder,
  type StoreOrderAddress,
  type StoreOrderAttribute,
  type StoreOrderChargeLine,
  type StoreOrderItemTax,
  type StoreOrderLine,
  type StoreOrderRefundDetail,
  type StoreOrderTaxId,
  type StoreOrderTaxRate,
} from './store-order';

const amount = z.union([z.string(), z.number()]);
const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

const metaEntry = z
  .object({
    key: z.string(),
    value: z.unknown(),
    display_key: z.string().optional(),
    display_value: z.unknown().optional(),
  })
  .passthrough();

const address = z
  .object({
    first_name: text,
    last_name: text,
    company: text,
    address_1: text,
    address_2: text,
    city: text,
    state: text,
    postcode: text,
    country: text,
    email: text.optional(),
    phone: text.optional(),
  })
  .passthrough();

const itemTax = z.object({ id: id, total: amount.nullish(), subtotal: amount.nullish() }).passthrough();

const lineItem = z
  .object({
    id: id,
    name: text,
    parent_name: z.string().nullish(),
    product_id: id.nullish(),
    variation_id: id.nullish(),
    quantity: z.union([z.number(), z.string()]),
    subtotal: amount,
    subtotal_tax: amount,
    total: amount,
    total_tax: amount,
    taxes: z.array(itemTax).default([]),
    meta_data: z.array(metaEntry).default([]),
    sku: z.string().nullish(),
  })
  .passthrough();

const shippingLine = z
  .object({
    id: id,
    method_title: text,
    method_id: text,
    total: amount,
    total_tax: amount,
    taxes: z.array(itemTax).default([]),
  })
  .passthrough();

const feeLine = z
  .object({
    id: id,
    name: text,
    tax_status: text,
    total: amount,
    total_tax: amount,
    taxes: z.array(itemTax).default([]),
  })
  .passthrough();

const couponLine = z.object({ id: id, code: text, discount: amount, discount_tax: amount }).passthrough();

const taxLine = z
  .object({
    id: id,
    rate_code: text,
    rate_id: id,
    label: text,
    compound: z.boolean().default(false),
    tax_total: amount,
    shipping_tax_total: amount,
    rate_percent: z.union([z.number(), z.string()]).nullish(),
  })
  .passthrough();

const refund = z.object({ id: id, reason: text, total: amount }).passthrough();

/** The part of a WooCommerce REST v3 order Cuadra relies on. */
export const wooOrderSchema = z
  .object({
    id: id,
    number: z.union([z.string(), z.number()]).transform(String),
    status: z.string(),
    currency: z.string(),
    prices_include_tax: z.boolean(),
    date_created_gmt: z.string().nullish(),
    date_modified_gmt: z.string().nullish(),
    date_paid_gmt: z.string().nullish(),
    discount_total: amount,
    discount_tax: amount,
    shipping_total: amount,
    shipping_tax: amount,
    total: amount,
    total_tax: amount,
    billing: address,
    shipping: address,
    payment_method: text,
    payment_method_title: text,
    customer_note: text,
    meta_data: z.array(metaEntry).default([]),
    line_items: z.array(lineItem),
    tax_lines: z.array(taxLine).default([]),
    shipping_lines: z.array(shippingLine).default([]),
    fee_lines: z.array(feeLine).default([]),
    coupon_lines: z.array(couponLine).default([]),
    refunds: z.array(refund).default([]),
  })
  .passthrough();

export type WooOrderJson = z.infer<typeof wooOrderSchema>;

// Meta keys that carry the buyer's tax id, most specific first: plugins for Spanish stores use
// _billing_nif; EU VAT plugins _billing_vat_number / _vat_number; some themes plain "NIF".
const TAX_ID_META_KEYS = [
  '_billing_nif',
  'billing_nif',
  '_billing_vat_number',
  '_billing_vat',
  'billing_vat',
  '_vat_number',
  'vat_number',
  '_billing_cif',
  '_billing_dni',
  '_billing_nie',
  '_billing_tax_id',
  'NIF',
  'nif',
  'CIF',
  'VAT',
];
// Block checkout stores additional fields as "_wc_billing/<namespace>/<field>".
const BLOCK_CHECKOUT_TAX_ID = /^_wc_(?:billing|other)\/[^/]+\/(?:nif|cif|dni|nie|vat|vat_number|vat_id|tax_id)$/i;

/** The buyer's tax id from order meta, normalised (upper case, no spaces or dashes), or null. */
export function findOrderTaxId(meta: readonly { key: string; value: unknown }[]): StoreOrderTaxId | null {
  const candidates = meta.filter((m) => typeof m.value === 'string' && normalizeTaxId(m.value) !== '');
  for (const key of TAX_ID_META_KEYS) {
    const hit = candidates.find((m) => m.key === key);
    if (hit) return { value: normalizeTaxId(hit.value as string), source: key };
  }
  const block = candidates.find((m) => BLOCK_CHECKOUT_TAX_ID.test(m.key));
  return block ? { value: normalizeTaxId(block.value as string), source: block.key } : null;
}

/** "2026-10-13T01:04:22" (WooCommerce's GMT without zone) → "2026-10-13T01:04:22Z"; null when absent or not a date. */
export function gmtTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]00:?00)?$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function toAddress(a: z.infer<typeof address>): StoreOrderAddress {
  return {
    first_name: a.first_name.trim(),
    last_name: a.last_name.trim(),
    company: a.company.trim(),
    address_1: a.address_1.trim(),
    address_2: a.address_2.trim(),
    city: a.city.trim(),
    state: a.state.trim(),
    postcode: a.postcode.trim(),
    country: a.country.trim().toUpperCase(),
    email: (a.email ?? '').trim(),
    phone: (a.phone ?? '').trim(),
  };
}

// Item meta WooCommerce shows to people: variation attributes and add-on choices, not "_reduced_stock".
function visibleAttributes(meta: z.infer<typeof metaEntry>[]): StoreOrderAttribute[] {
  return meta
    .filter((m) => !m.key.startsWith('_') && (typeof m.value === 'string' || typeof m.value === 'number'))
    .map((m) => ({
      key: m.key,
      label: plainText(typeof m.display_key === 'string' && m.display_key ? m.display_key : m.key),
      value: plainText(typeof m.display_value === 'string' && m.display_value ? m.display_value : String(m.value)),
    }))
    .filter((a) => a.value !== '');
}

// Orders have positive quantities; refund lines negative ones, or 0 when only an amount was refunded.
function quantityText(input: number | string, property: string, sign: 'positive' | 'refund' = 'positive'): string {
  const raw = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const pattern = sign === 'positive' ? /^\d{1,9}(?:\.\d{1,4})?$/ : /^-?\d{1,9}(?:\.\d{1,4})?$/;
  if (!pattern.test(raw) || (sign === 'positive' && /^0+(?:\.0+)?$/.test(raw))) throw new OrderAmountError(property, input);
  const text = raw
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return /^-?0$/.test(text) ? '0' : text;
}

function itemTaxes(taxes: z.infer<typeof itemTax>[], at: string, exponent: number): StoreOrderItemTax[] {
  return taxes.map((t, i) => {
    const exact = exactDecimal(t.total, `${at}.taxes.${i}.total`, true);
    return {
      rate_id: t.id,
      total: sumToMinorUnits([exact], exponent),
      subtotal: minorUnits(t.subtotal, `${at}.taxes.${i}.subtotal`, exponent, true),
      exact_total: exactText(exact),
    };
  });
}

/** total + the unrounded taxes, rounded once: the amount the customer saw for the line. */
function grossOf(
  total: unknown,
  taxes: z.infer<typeof itemTax>[],
  fallbackTax: unknown,
  at: string,
  exponent: number,
  pick: 'total' | 'subtotal',
) {
  const base = exactDecimal(total, `${at}.${pick}`);
  const parts = taxes.map((t, i) => exactDecimal(t[pick], `${at}.taxes.${i}.${pick}`, true));
  // Shipping and fee taxes carry no subtotal: use the line's own rounded tax instead.
  const useFallback = parts.length === 0 || parts.every((p) => p.digits === 0n && p.scale === 0);
  return sumToMinorUnits([base, ...(useFallback ? [exactDecimal(fallbackTax, `${at}.${pick}_tax`)] : parts)], exponent);
}

function toLine(item: z.infer<typeof lineItem>, i: number, exponent: number, sign: 'positive' | 'refund' = 'positive'): StoreOrderLine {
  const at = `line_items.${i}`;
  return {
    id: item.id,
    name: decodeEntities(item.name).trim(),
    parent_name: item.parent_name ? decodeEntities(item.parent_name).trim() : null,
    product_id: item.product_id ?? 0,
    variation_id: item.variation_id ?? 0,
    sku: (item.sku ?? '').trim(),
    attributes: visibleAttributes(item.meta_data),
    quantity: quantityText(item.quantity, `${at}.quantity`, sign),
    subtotal: minorUnits(item.subtotal, `${at}.subtotal`, exponent),
    subtotal_tax: minorUnits(item.subtotal_tax, `${at}.subtotal_tax`, exponent),
    total: minorUnits(item.total, `${at}.total`, exponent),
    total_tax: minorUnits(item.total_tax, `${at}.total_tax`, exponent),
    gross_total: grossOf(item.total, item.taxes, item.total_tax, at, exponent, 'total'),
    gross_subtotal: grossOf(item.subtotal, item.taxes, item.subtotal_tax, at, exponent, 'subtotal'),
    taxes: itemTaxes(item.taxes, at, exponent),
  };
}

function toCharge(
  line: { id: number; total: unknown; total_tax: unknown; taxes: z.infer<typeof itemTax>[] },
  name: string,
  method: string,
  at: string,
  exponent: number,
): StoreOrderChargeLine {
  return {
    id: line.id,
    name: decodeEntities(name).trim(),
    method,
    total: minorUnits(line.total, `${at}.total`, exponent),
    total_tax: minorUnits(line.total_tax, `${at}.total_tax`, exponent),
    gross_total: grossOf(line.total, line.taxes, line.total_tax, at, exponent, 'total'),
    taxes: itemTaxes(line.taxes, at, exponent),
  };
}

function ratePercentText(value: number | string | null | undefined, property: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  return exactText(exactDecimal(value, property));
}

function toTaxRate(t: z.infer<typeof taxLine>, i: number, exponent: number): StoreOrderTaxRate {
  return {
    id: t.id,
    rate_id: t.rate_id,
    rate_code: t.rate_code,
    label: decodeEntities(t.label).trim(),
    compound: t.compound,
    rate_percent: ratePercentText(t.rate_percent, `tax_lines.${i}.rate_percent`),
    tax_total: minorUnits(t.tax_total, `tax_lines.${i}.tax_total`, exponent),
    shipping_tax_total: minorUnits(t.shipping_tax_total, `tax_lines.${i}.shipping_tax_total`, exponent),
  };
}

function problem(code: string, property: string, message: string): { ok: false; error: OrderInputProblem } {
  return { ok: false, error: { code, property, message } };
}

/** A WooCommerce order JSON value → StoreOrder, or the first problem found, naming its field. */
export function normaliseWooOrder(json: unknown): OrderResult<StoreOrder> {
  const parsed = wooOrderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const property = issue.path.join('.') || '(order)';
    return problem('INVALID_ORDER', property, `The order is not a WooCommerce order: ${property}: ${issue.message}`);
  }
  const o = parsed.data;
  const currency = o.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) return problem('UNKNOWN_CURRENCY', 'currency', `${JSON.stringify(o.currency)} is not a currency code.`);
  const exponent = currencyExponent(currency);
  try {
    const order: StoreOrder = {
      source: 'api',
      id: o.id,
      number: o.number.trim() || String(o.id),
      status: o.status,
      currency,
      prices_include_tax: o.prices_include_tax,
      created_at: gmtTimestamp(o.date_created_gmt),
      modified_at: gmtTimestamp(o.date_modified_gmt),
      paid_at: gmtTimestamp(o.date_paid_gmt),
      billing: toAddress(o.billing),
      shipping: toAddress(o.shipping),
      tax_id: findOrderTaxId(o.meta_data),
      payment_method: o.payment_method,
      payment_method_title: decodeEntities(o.payment_method_title).trim(),
      customer_note: o.customer_note,
      lines: o.line_items.map((item, i) => toLine(item, i, exponent)),
      shipping_lines: o.shipping_lines.map((s, i) => toCharge(s, s.method_title, s.method_id, `shipping_lines.${i}`, exponent)),
      fee_lines: o.fee_lines.map((f, i) => toCharge(f, f.name, f.tax_status, `fee_lines.${i}`, exponent)),
      coupon_lines: o.coupon_lines.map((c, i) => ({
        id: c.id,
        code: c.code,
        discount: minorUnits(c.discount, `coupon_lines.${i}.discount`, exponent),
        discount_tax: minorUnits(c.discount_tax, `coupon_lines.${i}.discount_tax`, exponent),
      })),
      tax_lines: o.tax_lines.map((t, i) => toTaxRate(t, i, exponent)),
      // WooCommerce lists refunds with a negative total; Cuadra keeps the refunded amount positive.
      refunds: o.refunds.map((r, i) => ({ id: r.id, reason: r.reason, amount: -minorUnits(r.total, `refunds.${i}.total`, exponent) })),
      discount_total: minorUnits(o.discount_total, 'discount_total', exponent),
      discount_tax: minorUnits(o.discount_tax, 'discount_tax', exponent),
      shipping_total: minorUnits(o.shipping_total, 'shipping_total', exponent),
      shipping_tax: minorUnits(o.shipping_tax, 'shipping_tax', exponent),
      total: minorUnits(o.total, 'total', exponent),
      total_tax: minorUnits(o.total_tax, 'total_tax', exponent),
    };
    return { ok: true, value: order };
  } catch (error) {
    if (error instanceof OrderAmountError) {
      return problem('INVALID_AMOUNT', error.property, `${error.property} is not an amount: ${JSON.stringify(error.input)}.`);
    }
    return problem('INVALID_ORDER', '(order)', error instanceof Error ? error.message : 'The order could not be read.');
  }
}

/** Classifies a response body that should be JSON: HTML pages and cut-off bodies get their own codes. */
export function parseJsonBody(body: string): OrderResult<unknown> {
  const trimmed = body.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return problem('EMPTY_RESPONSE', '(body)', 'The store answered with an empty body.');
  if (trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1];
    const hint = title ? ` ("${plainText(title).slice(0, 80)}")` : '';
    return problem(
      'NOT_JSON',
      '(body)',
      `The store answered with an HTML page instead of JSON${hint}; check the URL, permalinks and any security plugin.`,
    );
  }
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const truncated = /end of (?:JSON|data)|Unterminated|unexpected end/i.test(message) || !/[}\]]$/.test(trimmed);
    return truncated
      ? problem('TRUNCATED_JSON', '(body)', 'The store answer was cut off before the end; try again.')
      : problem('NOT_JSON', '(body)', `The store answer is not valid JSON: ${message}`);
  }
}

/** A raw REST response body of one order → StoreOrder, or a typed problem (HTML, truncated, not an order). */
export function readWooOrderBody(body: string): OrderResult<StoreOrder> {
  const json = parseJsonBody(body);
  if (!json.ok) return json;
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) {
    return problem('INVALID_ORDER', '(order)', 'The store answer is not one order.');
  }
  const maybeError = json.value as { code?: unknown; message?: unknown };
  if (typeof maybeError.code === 'string' && typeof maybeError.message === 'string' && !('line_items' in json.value)) {
    return problem('STORE_ERROR', '(body)', `The store refused: ${maybeError.code}: ${maybeError.message}`);
  }
  return normaliseWooOrder(json.value);
}

/** One refund from GET /orders/:id/refunds (WooCommerce's shape: negative lines, positive `amount`). */
export const wooRefundSchema = z
  .object({
    id: id,
    date_created_gmt: z.string().nullish(),
    amount: amount,
    reason: text,
    line_items: z.array(lineItem).default([]),
    shipping_lines: z.array(shippingLine).default([]),
    fee_lines: z.array(feeLine).default([]),
    tax_lines: z.array(taxLine).default([]),
  })
  .passthrough();

/** A WooCommerce refund JSON value → StoreOrderRefundDetail in the order's currency, or the first problem. */
export function normaliseWooRefund(json: unknown, currency: string, orderId: number | null = null): OrderResult<StoreOrderRefundDetail> {
  const parsed = wooRefundSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const property = issue.path.join('.') || '(refund)';
    return problem('INVALID_REFUND', property, `The refund is not a WooCommerce refund: ${property}: ${issue.message}`);
  }
  if (!isKnownCurrency(currency)) return problem('UNKNOWN_CURRENCY', 'currency', `${JSON.stringify(currency)} is not a currency code.`);
  const exponent = currencyExponent(currency);
  const r = parsed.data;
  try {
    return {
      ok: true,
      value: {
        id: r.id,
        order_id: orderId,
        created_at: gmtTimestamp(r.date_created_gmt),
        reason: r.reason.trim(),
        amount: minorUnits(r.amount, 'amount', exponent),
        lines: r.line_items.map((item, i) => toLine(item, i, exponent, 'refund')),
        shipping_lines: r.shipping_lines.map((s, i) => toCharge(s, s.method_title, s.method_id, `shipping_lines.${i}`, exponent)),
        fee_lines: r.fee_lines.map((f, i) => toCharge(f, f.name, f.tax_status, `fee_lines.${i}`, exponent)),
        tax_lines: r.tax_lines.map((t, i) => toTaxRate(t, i, exponent)),
      },
    };
  } catch (error) {
    if (error instanceof OrderAmountError) {
      return problem('INVALID_AMOUNT', error.property, `${error.property} is not an amount: ${JSON.stringify(error.input)}.`);
    }
    return problem('INVALID_REFUND', '(refund)', error instanceof Error ? error.message : 'The refund could not be read.');
  }
}
