// Cuadra's own view of a shop order, whatever it came from (the WooCommerce REST API, a "New order"
// e-mail). Amounts are integer minor units of the order currency; the only non-integer amounts kept
// are the unrounded per-rate line taxes WooCommerce stores, as exact decimal strings.
import { parseScaledDecimal } from '../billing/decimal';
import { roundHalfAwayFromZero, toSafeMinorUnits } from '../billing/rounding';

export interface StoreOrderAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  /** WooCommerce state code ("B", "M") or free text. */
  state: string;
  postcode: string;
  /** ISO 3166-1 alpha-2, upper case, or '' when unknown. */
  country: string;
  email: string;
  phone: string;
}

/** One rate's share of an item's tax: `total` after discounts, `subtotal` before, both rounded; `exact_total` as stored. */
export interface StoreOrderItemTax {
  rate_id: number;
  total: number;
  subtotal: number;
  exact_total: string;
}

export interface StoreOrderAttribute {
  key: string;
  label: string;
  value: string;
}

export interface StoreOrderLine {
  id: number;
  name: string;
  /** The product's name without the variation suffix, when WooCommerce gives it. */
  parent_name: string | null;
  product_id: number;
  variation_id: number;
  sku: string;
  /** Variation attributes and visible item meta ("Talla: M"). */
  attributes: StoreOrderAttribute[];
  /** Decimal string, usually a whole number. */
  quantity: string;
  /** Before coupon discounts, excluding tax. */
  subtotal: number;
  subtotal_tax: number;
  /** After coupon discounts, excluding tax. */
  total: number;
  total_tax: number;
  /** What the customer pays for the line: total + exact taxes, rounded once. */
  gross_total: number;
  /** The same before discounts. */
  gross_subtotal: number;
  taxes: StoreOrderItemTax[];
}

/** A shipping or fee line: one amount, its taxes, possibly negative for fees. */
export interface StoreOrderChargeLine {
  id: number;
  name: string;
  /** Shipping method id ("flat_rate") or fee tax status ("taxable", "none"). */
  method: string;
  total: number;
  total_tax: number;
  gross_total: number;
  taxes: StoreOrderItemTax[];
}

export interface StoreOrderCoupon {
  id: number;
  code: string;
  discount: number;
  discount_tax: number;
}

export interface StoreOrderTaxRate {
  id: number;
  rate_id: number;
  rate_code: string;
  label: string;
  compound: boolean;
  /** The rate as a decimal string ("21", "5.2"); null when the store is older than WooCommerce 3.7. */
  rate_percent: string | null;
  /** Tax on items and fees, rounded as WooCommerce shows it. */
  tax_total: number;
  shipping_tax_total: number;
}

export interface StoreOrderRefund {
  id: number;
  reason: string;
  /** Refunded amount, positive. */
  amount: number;
}

export interface StoreOrderTaxId {
  value: string;
  /** Where it was found: the meta key, or 'billing.company' style hints. */
  source: string;
}

export interface StoreOrder {
  source: 'api' | 'email';
  /** Database id; null when only the display number is known. */
  id: number | null;
  /** Display number, may differ from the id (sequential-number plugins). */
  number: string;
  status: string;
  currency: string;
  prices_include_tax: boolean;
  /** ISO 8601 in UTC with Z, or null. */
  created_at: string | null;
  modified_at: string | null;
  paid_at: string | null;
  billing: StoreOrderAddress;
  shipping: StoreOrderAddress;
  tax_id: StoreOrderTaxId | null;
  payment_method: string;
  payment_method_title: string;
  customer_note: string;
  lines: StoreOrderLine[];
  shipping_lines: StoreOrderChargeLine[];
  fee_lines: StoreOrderChargeLine[];
  coupon_lines: StoreOrderCoupon[];
  tax_lines: StoreOrderTaxRate[];
  refunds: StoreOrderRefund[];
  discount_total: number;
  discount_tax: number;
  shipping_total: number;
  shipping_tax: number;
  total: number;
  total_tax: number;
}

/** A problem with input from outside, naming the field ("line_items.2.total") so the user sees where. */
export interface OrderInputProblem {
  code: string;
  property: string;
  message: string;
}

export type OrderResult<T> = { ok: true; value: T } | { ok: false; error: OrderInputProblem };

export class OrderAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';

  constructor(
    readonly property: string,
    readonly input: unknown,
  ) {
    super(`${property}: ${JSON.stringify(input)} is not an amount.`);
    this.name = 'OrderAmountError';
  }
}

// WooCommerce writes amounts as "29.72", "6.240992", "-0.52", "" (absent) and sometimes as JSON numbers.
const API_DECIMAL = /^-?\d{1,18}(?:\.(\d{1,12}))?$/;

/** An exact decimal as a scaled bigint: "6.240992" → { digits: 6240992n, scale: 6 }. */
export interface ExactDecimal {
  digits: bigint;
  scale: number;
}

/** Reads a WooCommerce decimal exactly; "" counts as 0 only when `blankIsZero`. */
export function exactDecimal(input: unknown, property: string, blankIsZero = false): ExactDecimal {
  let text: string;
  if (typeof input === 'number' && Number.isFinite(input)) text = String(input);
  else if (typeof input === 'string') text = input.trim();
  else if ((input === null || input === undefined) && blankIsZero) text = '';
  else throw new OrderAmountError(property, input);
  if (text === '' && blankIsZero) return { digits: 0n, scale: 0 };
  if (/e/i.test(text)) throw new OrderAmountError(property, input); // 1e-7 from a float: never guess
  const m = API_DECIMAL.exec(text);
  if (!m) throw new OrderAmountError(property, input);
  const scale = m[1]?.length ?? 0;
  return { digits: parseScaledDecimal(text.replace(/^(-?)0+(?=\d)/, '$1'), scale), scale };
}

function rescale(value: ExactDecimal, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

/** Σ of exact decimals, rounded once (half away from zero) to `exponent` decimals: minor units. */
export function sumToMinorUnits(values: readonly ExactDecimal[], exponent: number): number {
  const scale = Math.max(exponent, ...values.map((v) => v.scale));
  const total = values.reduce((acc, v) => acc + rescale(v, scale), 0n);
  return toSafeMinorUnits(roundHalfAwayFromZero(total, 10n ** BigInt(scale - exponent)));
}

/** One WooCommerce amount in minor units, rounded once when it carries more decimals than the currency. */
export function minorUnits(input: unknown, property: string, exponent: number, blankIsZero = false): number {
  return sumToMinorUnits([exactDecimal(input, property, blankIsZero)], exponent);
}

/** The canonical text of an exact decimal ("6.240992", "-0.52", "0"). */
export function exactText(value: ExactDecimal): string {
  const negative = value.digits < 0n;
  const digits = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  times: '×',
  euro: '€',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  pound: '£',
  yen: '¥',
  cent: '¢',
  ordm: 'º',
  ordf: 'ª',
  deg: '°',
  middot: '·',
  iexcl: '¡',
  iquest: '¿',
};

/** Decodes the HTML entities WordPress puts into names ("Ship Your Idea &ndash; Color: Black"). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Plain text of a WordPress display value: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** One refund of an order as /orders/:id/refunds lists it: amounts negative, as WooCommerce gives them. */
export interface StoreOrderRefundDetail {
  id: number;
  order_id: number | null;
  created_at: string | null;
  reason: string;
  /** Refunded amount, positive. */
  amount: number;
  lines: StoreOrderLine[];
  shipping_lines: StoreOrderChargeLine[];
  fee_lines: StoreOrderChargeLine[];
  tax_lines: StoreOrderTaxRate[];
}
