// Amounts as shops show them to people: "1.044,85 €", "39,95&nbsp;€", "€1,234.56", "-7,40 €",
// "118,95 EUR", "$29.35". Read exactly into minor units or refused with the reason: a separator is
// a decimal point only when what follows cannot be a group of thousands.
import { currencyExponent } from '../billing/money';

export interface ShownAmount {
  /** Minor units, signed. */
  amount: number;
  /** ISO code when the text says it (€ → EUR), else null. */
  currency: string | null;
  /** The matched text. */
  text: string;
}

export class ShownAmountError extends Error {
  readonly code = 'UNREADABLE_AMOUNT';

  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`"${text}" ${reason}`);
    this.name = 'ShownAmountError';
  }
}

const SYMBOLS: Readonly<Record<string, string>> = {
  '€': 'EUR',
  EUR: 'EUR',
  '£': 'GBP',
  GBP: 'GBP',
  US$: 'USD',
  $: 'USD',
  USD: 'USD',
  CHF: 'CHF',
  MXN: 'MXN',
};
const CURRENCY = String.raw`(?:US\$|€|£|\$|EUR|USD|GBP|CHF|MXN)`;
const NUMBER = String.raw`\d[\d.,'\u00a0\u202f\u2009 ]*\d|\d`;
// sign? currency? sign? number currency?  — with at least one currency marker.
const AMOUNT_RE = new RegExp(
  String.raw`([-−–]\s*)?(?:(${CURRENCY})\s*([-−–]\s*)?(${NUMBER})(?:\s*(${CURRENCY}))?|(${NUMBER})\s*(${CURRENCY}))`,
  'u',
);

/** The digits of a shown number as an exact decimal string ("1.044,85" → "1044.85"), or an error. */
export function shownNumber(raw: string, exponent = 2): string {
  // Spaces and apostrophes only ever group thousands ("1 234,56", "1'234.56").
  const groupsOnly = raw.replace(/[\s\u00a0\u202f\u2009']/g, '');
  const lastDot = groupsOnly.lastIndexOf('.');
  const lastComma = groupsOnly.lastIndexOf(',');
  let decimalSep: '.' | ',' | null = null;
  if (lastDot !== -1 && lastComma !== -1) decimalSep = lastDot > lastComma ? '.' : ',';
  else {
    const sep = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null;
    if (sep) {
      const occurrences = groupsOnly.split(sep).length - 1;
      const after = groupsOnly.length - groupsOnly.lastIndexOf(sep) - 1;
      // One separator followed by 3 digits reads as thousands unless the currency has 3 decimals.
      if (occurrences === 1 && (after !== 3 || exponent === 3)) decimalSep = sep;
    }
  }
  const [intPart, fraction = ''] = decimalSep
    ? [groupsOnly.slice(0, groupsOnly.lastIndexOf(decimalSep)), groupsOnly.slice(groupsOnly.lastIndexOf(decimalSep) + 1)]
    : [groupsOnly];
  const groups = intPart!.split(/[.,]/);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) {
    throw new ShownAmountError(raw, 'has digits grouped in an unexpected way.');
  }
  if (!/^\d*$/.test(fraction) || (decimalSep && fraction === '')) throw new ShownAmountError(raw, 'is not a number.');
  if (fraction.length > exponent) throw new ShownAmountError(raw, `has more than ${exponent} decimals.`);
  const whole = groups.join('').replace(/^0+(?=\d)/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

function toMinor(decimal: string, exponent: number): number {
  const [whole, fraction = ''] = decimal.split('.');
  const value = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(value)) throw new ShownAmountError(decimal, 'is too large.');
  return value;
}

/** The first amount with a currency marker in `text`, or null when there is none; throws ShownAmountError when it is unreadable. */
export function findShownAmount(text: string, fallbackCurrency: string | null = null): ShownAmount | null {
  const m = AMOUNT_RE.exec(text);
  if (!m) return null;
  const symbol = m[2] ?? m[5] ?? m[7] ?? null;
  const digits = (m[4] ?? m[6])!.replace(/[\s\u00a0\u202f\u2009]+$/, '');
  const currency = symbol ? (SYMBOLS[symbol] ?? null) : fallbackCurrency;
  const exponent = currency ? currencyExponent(currency) : 2;
  const negative = Boolean(m[1] || m[3]);
  const amount = toMinor(shownNumber(digits, exponent), exponent);
  return { amount: negative && amount !== 0 ? -amount : amount, currency, text: m[0].trim() };
}

/** Like findShownAmount but the amount must be there. */
export function requireShownAmount(text: string, fallbackCurrency: string | null = null): ShownAmount {
  const found = findShownAmount(text, fallbackCurrency);
  if (!found) throw new ShownAmountError(text, 'holds no amount.');
  return found;
}
