// Money is an integer number of minor units plus its ISO 4217 currency: 39,95 € is
// { amount: 3995, currency: 'EUR' }. Arithmetic refuses mixed currencies and fractions of a
// minor unit; display formatting belongs to the UI, only plain wire decimals live here.
import { formatScaledDecimal, InvalidDecimalError, parseScaledDecimal } from './decimal';
import { toSafeMinorUnits } from './rounding';

export interface Money {
  /** Integer minor units (cents for EUR, yen for JPY). */
  amount: number;
  /** ISO 4217 code, upper case. */
  currency: string;
}

export class CurrencyMismatchError extends Error {
  readonly code = 'CURRENCY_MISMATCH';

  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Cannot combine ${actual} with ${expected}.`);
    this.name = 'CurrencyMismatchError';
  }
}

export class UnknownCurrencyError extends Error {
  readonly code = 'UNKNOWN_CURRENCY';

  constructor(readonly currency: string) {
    super(`${JSON.stringify(currency)} is not an ISO 4217 currency code.`);
    this.name = 'UnknownCurrencyError';
  }
}

export class InvalidAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';

  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidAmountError';
  }
}

// ISO 4217 minor-unit exponents that are not 2. A table, not Intl: ICU follows CLDR display
// digits (HUF, IDR show 0) which differ from the ISO exponent that amounts are stored in.
// prettier-ignore
const EXPONENT_NOT_TWO: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

let knownCodes: ReadonlySet<string> | null = null;

/** ISO codes this runtime knows plus the table above; catches typos such as "EUU". */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  knownCodes ??= new Set([...Intl.supportedValuesOf('currency'), ...Object.keys(EXPONENT_NOT_TWO)]);
  return knownCodes.has(code);
}

/** Digits after the decimal point in the currency's minor unit: EUR 2, JPY 0, KWD 3. */
export function currencyExponent(currency: string): number {
  if (!isKnownCurrency(currency)) throw new UnknownCurrencyError(currency);
  return EXPONENT_NOT_TWO[currency] ?? 2;
}

/** A checked Money value: known currency, integer minor units within double precision. */
export function money(amount: number, currency: string): Money {
  if (!isKnownCurrency(currency)) throw new UnknownCurrencyError(currency);
  if (!Number.isSafeInteger(amount)) throw new InvalidAmountError(amount, 'amounts are whole minor units.');
  return { amount: amount === 0 ? 0 : amount, currency }; // never -0
}

export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(toSafeMinorUnits(BigInt(money(a.amount, a.currency).amount) + BigInt(money(b.amount, b.currency).amount)), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  return addMoney(a, negateMoney(b));
}

export function negateMoney(a: Money): Money {
  return money(-money(a.amount, a.currency).amount, a.currency);
}

/** Σ of amounts that must all be in `currency`; an empty list is zero. */
export function sumMoney(currency: string, items: readonly Money[]): Money {
  return items.reduce((total, item) => addMoney(total, item), zeroMoney(currency));
}

/** Whole multiples only (quantities with decimals go through invoice-totals, which rounds once). */
export function multiplyMoney(a: Money, factor: number): Money {
  if (!Number.isSafeInteger(factor)) throw new InvalidAmountError(factor, 'money is multiplied by whole numbers only.');
  return money(toSafeMinorUnits(BigInt(money(a.amount, a.currency).amount) * BigInt(factor)), a.currency);
}

/** -1, 0 or 1, like a sort comparator. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

/**
 * "39.95" from an API into { amount: 3995, currency: 'EUR' }. Strict: "." is the only decimal
 * separator, no grouping, at most the currency's exponent in decimals ("39.999" EUR is refused,
 * never rounded), so "1.234,56" or "1,234.56" can never be misread.
 */
export function parseMoney(text: string, currency: string): Money {
  const exponent = currencyExponent(currency);
  if (typeof text !== 'string') throw new InvalidAmountError(text, 'amounts are parsed from decimal strings.');
  try {
    return money(toSafeMinorUnits(parseScaledDecimal(text, exponent)), currency);
  } catch (error) {
    if (error instanceof InvalidDecimalError) {
      throw new InvalidAmountError(
        text,
        error.reason === 'too_many_decimals' ? `${currency} has ${exponent} decimals.` : 'use digits with "." as the decimal point.',
      );
    }
    throw error;
  }
}

/** The plain wire decimal ("39.95", "-0.05", "100.00"; JPY "1500") for APIs and XML, not for people. */
export function toDecimalString(value: Money): string {
  const checked = money(value.amount, value.currency);
  return formatScaledDecimal(BigInt(checked.amount), currencyExponent(checked.currency));
}
