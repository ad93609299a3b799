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
// Safe integers only, given as numbers or digits: a larger id would be stored rounded.
const id = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .transform(Number)
  .refine((value) => Number.isSafeInteger(value), { message: 'Must be a whole number below 2^53.' });
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

// The same checks as wooOrderSchema, written out by hand: zod's parse is several times slower, and a
// first import reads thousands of orders. The reader accepts nothing the schema refuses and gives
// the same values for what Cuadra uses; whatever it does not accept goes through the schema, which
// names the field (or accepts an input the reader is too strict for).
class NotFast {}
const NOT_FAST = new NotFast();
type Json = Record<string, unknown>;
const DIGITS = /^\d+$/;

function fObject(v: unknown): Json {
  if (typeof v !== 'object' || v === null) throw NOT_FAST;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_FAST;
  return v as Json;
}
function fId(v: unknown): number {
  // Safe integers only, as zod's int(): a larger id would be stored rounded, and two orders could share it.
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && DIGITS.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  throw NOT_FAST;
}
function fIdNullish(v: unknown): number | null | undefined {
  return v === null || v === undefined ? v : fId(v);
}
function fAmount(v: unknown): string | number {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw NOT_FAST;
}
function fAmountNullish(v: unknown): string | number | null | undefined {
  return v === null || v === undefined ? v : fAmount(v);
}
function fText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  throw NOT_FAST;
}
function fString(v: unknown): string {
  if (typeof v === 'string') return v;
  throw NOT_FAST;
}
function fStringNullish(v: unknown): string | null | undefined {
  return v === null || v === undefined ? v : fString(v);
}
function fBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  throw NOT_FAST;
}
function fArray<T>(v: unknown, item: (entry: unknown) => T, orEmpty: boolean): T[] {
  if (Array.isArray(v)) return v.map(item);
  if (v === undefined && orEmpty) return [];
  throw NOT_FAST;
}

function fMeta(v: unknown): z.infer<typeof metaEntry> {
  const m = fObject(v);
  const displayKey = m.display_key;
  if (displayKey !== undefined && typeof displayKey !== 'string') throw NOT_FAST;
  return { key: fString(m.key), value: m.value, display_key: displayKey, display_value: m.display_value };
}
function fAddress(v: unknown): z.infer<typeof address> {
  const a = fObject(v);
  return {
    first_name: fText(a.first_name),
    last_name: fText(a.last_name),
    company: fText(a.company),
    address_1: fText(a.address_1),
    address_2: fText(a.address_2),
    city: fText(a.city),
    state: fText(a.state),
    postcode: fText(a.postcode),
    country: fText(a.country),
    email: a.email === undefined ? undefined : fText(a.email),
    phone: a.phone === undefined ? undefined : fText(a.phone),
  };
}
function fItemTax(v: unknown): z.infer<typeof itemTax> {
  const t = fObject(v);
  return { id: fId(t.id), total: fAmountNullish(t.total), subtotal: fAmountNullish(t.subtotal) };
}
function fLineItem(v: unknown): z.infer<typeof lineItem> {
  const l = fObject(v);
  const quantity = l.quantity;
  if (typeof quantity !== 'string' && !(typeof quantity === 'number' && Number.isFinite(quantity))) throw NOT_FAST;
  return {
    id: fId(l.id),
    name: fText(l.name),
    parent_name: fStringNullish(l.parent_name),
    product_id: fIdNullish(l.product_id),
    variation_id: fIdNullish(l.variation_id),
    quantity,
    subtotal: fAmount(l.subtotal),
    subtotal_tax: fAmount(l.subtotal_tax),
    total: fAmount(l.total),
    total_tax: fAmount(l.total_tax),
    taxes: fArray(l.taxes, fItemTax, true),
    meta_data: fArray(l.meta_data, fMeta, true),
    sku: fStringNullish(l.sku),
  };
}
function fShippingLine(v: unknown): z.infer<typeof shippingLine> {
  const s = fObject(v);
  return {
    id: fId(s.id),
    method_title: fText(s.method_title),
    method_id: fText(s.method_id),
    total: fAmount(s.total),
    total_tax: fAmount(s.total_tax),
    taxes: fArray(s.taxes, fItemTax, true),
  };
}
function fFeeLine(v: unknown): z.infer<typeof feeLine> {
  const f = fObject(v);
  return {
    id: fId(f.id),
    name: fText(f.name),
    tax_status: fText(f.tax_status),
    total: fAmount(f.total),
    total_tax: fAmount(f.total_tax),
    taxes: fArray(f.taxes, fItemTax, true),
  };
}
function fCouponLine(v: unknown): z.infer<typeof couponLine> {
  const c = fObject(v);
  return { id: fId(c.id), code: fText(c.code), discount: fAmount(c.discount), discount_tax: fAmount(c.discount_tax) };
}
function fTaxLine(v: unknown): z.infer<typeof taxLine> {
  const t = fObject(v);
  const ratePercent = t.rate_percent;
  if (
    ratePercent !== null &&
    ratePercent !== undefined &&
    typeof ratePercent !== 'string' &&
    !(typeof ratePercent === 'number' && Number.isFinite(ratePercent))
  )
    throw NOT_FAST;
  return {
    id: fId(t.id),
    rate_code: fText(t.rate_code),
    rate_id: fId(t.rate_id),
    label: fText(t.label),
    compound: t.compound === undefined ? false : fBoolean(t.compound),
    tax_total: fAmount(t.tax_total),
    shipping_tax_total: fAmount(t.shipping_tax_total),
    rate_percent: ratePercent as number | string | null | undefined,
  };
}
function fRefund(v: unknown): z.infer<typeof refund> {
  const r = fObject(v);
  return { id: fId(r.id), reason: fText(r.reason), total: fAmount(r.total) };
}
function fOrder(v: unknown): WooOrderJson {
  const o = fObject(v);
  const number = o.number;
  if (typeof number !== 'string' && !(typeof number === 'number' && Number.isFinite(number))) throw NOT_FAST;
  return {
    id: fId(o.id),
    number: String(number),
    status: fString(o.status),
    currency: fString(o.currency),
    prices_include_tax: fBoolean(o.prices_include_tax),
    date_created_gmt: fStringNullish(o.date_created_gmt),
    date_modified_gmt: fStringNullish(o.date_modified_gmt),
    date_paid_gmt: fStringNullish(o.date_paid_gmt),
    discount_total: fAmount(o.discount_total),
    discount_tax: fAmount(o.discount_tax),
    shipping_total: fAmount(o.shipping_total),
    shipping_tax: fAmount(o.shipping_tax),
    total: fAmount(o.total),
    total_tax: fAmount(o.total_tax),
    billing: fAddress(o.billing),
    shipping: fAddress(o.shipping),
    payment_method: fText(o.payment_method),
    payment_method_title: fText(o.payment_method_title),
    customer_note: fText(o.customer_note),
    meta_data: fArray(o.meta_data, fMeta, true),
    line_items: fArray(o.line_items, fLineItem, false),
    tax_lines: fArray(o.tax_lines, fTaxLine, true),
    shipping_lines: fArray(o.shipping_lines, fShippingLine, true),
    fee_lines: fArray(o.fee_lines, fFeeLine, true),
    coupon_lines: fArray(o.coupon_lines, fCouponLine, true),
    refunds: fArray(o.refunds, fRefund, true),
  };
}

/** The order's fields as wooOrderSchema reads them, by the hand-written reader; null when it does not accept the input. */
export function readWooOrderFast(json: unknown): WooOrderJson | null {
  try {
    return fOrder(json);
  } catch (error) {
    if (error === NOT_FAST) return null;
    throw error;
  }
}

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

// Amounts are read exactly. Most have at most 15 digits, and then a double holds every integer the
// computation needs (all below 2^53), so the scaling, the sum and the one rounding half away from
// zero are done on those integers, as exact as the bigint helpers of store-order and much cheaper;
// anything longer, or not an amount, goes to those helpers, which also name the field in the error.
// test/unit/orders/woo-order-amounts.test.ts checks both ways agree.
interface SmallDecimal {
  n: number;
  scale: number;
}
const SMALL_ZERO: SmallDecimal = { n: 0, scale: 0 };
const SMALL_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

function smallDecimal(input: unknown, blankIsZero: boolean): SmallDecimal | null {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'number' && Number.isFinite(input)) text = String(input);
  else return (input === null || input === undefined) && blankIsZero ? SMALL_ZERO : null;
  if (text === '') return blankIsZero ? SMALL_ZERO : null;
  const m = SMALL_DECIMAL.exec(text);
  // Past 12 decimals store-order refuses the amount; past 15 digits a double would not hold it.
  if (!m || (m[3]?.length ?? 0) > 12 || m[2]!.length + (m[3]?.length ?? 0) > 15) return null;
  const n = Number(m[3] ? m[2]! + m[3] : m[2]!);
  return { n: m[1] && n !== 0 ? -n : n, scale: m[3]?.length ?? 0 };
}

/** Σ values rounded once to `exponent` decimals, or null when a double could not do it exactly. */
function smallMinorUnits(values: readonly SmallDecimal[], exponent: number): number | null {
  if (values.length > 8) return null;
  let scale = exponent;
  for (const v of values) if (v.scale > scale) scale = v.scale;
  if (scale > 15) return null;
  let total = 0;
  for (const v of values) {
    const term = v.n * POWERS_OF_TEN[scale - v.scale]!;
    if (term > 1e15 || term < -1e15) return null;
    total += term; // |total| < 9e15 < 2^53: exact
  }
  const divisor = POWERS_OF_TEN[scale - exponent]!;
  const remainder = total % divisor; // exact, with the sign of total
  let quotient = (total - remainder) / divisor; // exact: a multiple of divisor, divided
  if (2 * Math.abs(remainder) >= divisor) quotient += total < 0 ? -1 : 1;
  return quotient === 0 ? 0 : quotient; // never -0
}

function smallText(value: SmallDecimal): string {
  const negative = value.n < 0;
  const digits = String(negative ? -value.n : value.n).padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** minorUnits of store-order, exactly; cheaper for amounts of up to 15 digits. */
export function amountMinorUnits(input: unknown, property: string, exponent: number, blankIsZero = false): number {
  const small = smallDecimal(input, blankIsZero);
  return (small && smallMinorUnits([small], exponent)) ?? minorUnits(input, property, exponent, blankIsZero);
}

/** exactText(exactDecimal(…)) of store-order, the same way. */
export function amountText(input: unknown, property: string, blankIsZero = false): string {
  const small = smallDecimal(input, blankIsZero);
  return small ? smallText(small) : exactText(exactDecimal(input, property, blankIsZero));
}

function itemTaxes(taxes: z.infer<typeof itemTax>[], at: string, exponent: number): StoreOrderItemTax[] {
  return taxes.map((t, i) => {
    const small = smallDecimal(t.total, true);
    const total = small && smallMinorUnits([small], exponent);
    if (small && total !== null) {
      return {
        rate_id: t.id,
        total,
        subtotal: amountMinorUnits(t.subtotal, `${at}.taxes.${i}.subtotal`, exponent, true),
        exact_total: smallText(small),
      };
    }
    const exact = exactDecimal(t.total, `${at}.taxes.${i}.total`, true);
    return {
      rate_id: t.id,
      total: sumToMinorUnits([exact], exponent),
      subtotal: minorUnits(t.subtotal, `${at}.taxes.${i}.subtotal`, exponent, true),
      exact_total: exactText(exact),
    };
  });
}

/** grossOf on small decimals, or null to take the exact bigint way. */
function smallGross(total: unknown, taxes: z.infer<typeof itemTax>[], fallbackTax: unknown, exponent: number, pick: 'total' | 'subtotal') {
  const base = smallDecimal(total, false);
  if (!base) return null;
  const values = [base];
  let allZero = true;
  for (const t of taxes) {
    const part = smallDecimal(t[pick], true);
    if (!part) return null;
    if (part.n !== 0 || part.scale !== 0) allZero = false;
    values.push(part);
  }
  if (allZero) {
    const fallback = smallDecimal(fallbackTax, false);
    if (!fallback) return null;
    return smallMinorUnits([base, fallback], exponent);
  }
  return smallMinorUnits(values, exponent);
}

/** total + the unrounded taxes, rounded once: the amount the customer saw for the line. */
export function grossOf(
  total: unknown,
  taxes: z.infer<typeof itemTax>[],
  fallbackTax: unknown,
  at: string,
  exponent: number,
  pick: 'total' | 'subtotal',
) {
  const small = smallGross(total, taxes, fallbackTax, exponent, pick);
  if (small !== null) return small;
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
    subtotal: amountMinorUnits(item.subtotal, `${at}.subtotal`, exponent),
    subtotal_tax: amountMinorUnits(item.subtotal_tax, `${at}.subtotal_tax`, exponent),
    total: amountMinorUnits(item.total, `${at}.total`, exponent),
    total_tax: amountMinorUnits(item.total_tax, `${at}.total_tax`, exponent),
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
    total: amountMinorUnits(line.total, `${at}.total`, exponent),
    total_tax: amountMinorUnits(line.total_tax, `${at}.total_tax`, exponent),
    gross_total: grossOf(line.total, line.taxes, line.total_tax, at, exponent, 'total'),
    taxes: itemTaxes(line.taxes, at, exponent),
  };
}

function ratePercentText(value: number | string | null | undefined, property: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  return amountText(value, property);
}

function toTaxRate(t: z.infer<typeof taxLine>, i: number, exponent: number): StoreOrderTaxRate {
  return {
    id: t.id,
    rate_id: t.rate_id,
    rate_code: t.rate_code,
    label: decodeEntities(t.label).trim(),
    compound: t.compound,
    rate_percent: ratePercentText(t.rate_percent, `tax_lines.${i}.rate_percent`),
    tax_total: amountMinorUnits(t.tax_total, `tax_lines.${i}.tax_total`, exponent),
    shipping_tax_total: amountMinorUnits(t.shipping_tax_total, `tax_lines.${i}.shipping_tax_total`, exponent),
  };
}

function problem(code: string, property: string, message: string): { ok: false; error: OrderInputProblem } {
  return { ok: false, error: { code, property, message } };
}

/** A WooCommerce order JSON value → StoreOrder, or the first problem found, naming its field. */
export function normaliseWooOrder(json: unknown): OrderResult<StoreOrder> {
  const fast = readWooOrderFast(json);
  if (fast) return storeOrderOf(fast);
  const parsed = wooOrderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const property = issue.path.join('.') || '(order)';
    return problem('INVALID_ORDER', property, `The order is not a WooCommerce order: ${property}: ${issue.message}`);
  }
  return storeOrderOf(parsed.data);
}

/** An order as wooOrderSchema reads it → StoreOrder, or the first problem found, naming its field. */
export function storeOrderOf(o: WooOrderJson): OrderResult<StoreOrder> {
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
        discount: amountMinorUnits(c.discount, `coupon_lines.${i}.discount`, exponent),
        discount_tax: amountMinorUnits(c.discount_tax, `coupon_lines.${i}.discount_tax`, exponent),
      })),
      tax_lines: o.tax_lines.map((t, i) => toTaxRate(t, i, exponent)),
      // WooCommerce lists refunds with a negative total; Cuadra keeps the refunded amount positive.
      refunds: o.refunds.map((r, i) => ({
        id: r.id,
        reason: r.reason,
        amount: -amountMinorUnits(r.total, `refunds.${i}.total`, exponent),
      })),
      discount_total: amountMinorUnits(o.discount_total, 'discount_total', exponent),
      discount_tax: amountMinorUnits(o.discount_tax, 'discount_tax', exponent),
      shipping_total: amountMinorUnits(o.shipping_total, 'shipping_total', exponent),
      shipping_tax: amountMinorUnits(o.shipping_tax, 'shipping_tax', exponent),
      total: amountMinorUnits(o.total, 'total', exponent),
      total_tax: amountMinorUnits(o.total_tax, 'total_tax', exponent),
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
        amount: amountMinorUnits(r.amount, 'amount', exponent),
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
