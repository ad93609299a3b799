// Invoice series and the pure rules of their numbers. Numbers are allocated by the database inside
// the issuing transaction; this module says what the number looks like and which counter it
// comes from. A series is correlative with no gaps (RD 1619/2012 art. 6.1.a) and rectifying
// invoices live in their own series.
import type { BillingProblem, InvoiceKind } from './invoice-rules';

export type SeriesReset = 'yearly' | 'never';
export type SeriesKind = 'ordinary' | 'rectifying' | 'simplified';

export interface InvoiceSeries {
  /** Stable identifier of the series, e.g. "F" or "R". */
  code: string;
  /** Text before the number; "{YYYY}" and "{YY}" stand for the year of the issue date. */
  prefix: string;
  reset: SeriesReset;
  /** Minimum digits of the number, zero-padded: 4 → "0001". */
  padding: number;
  kind: SeriesKind;
}

/** Which counter a number comes from; year 0 when the series never resets (NULLs would never collide in a MySQL unique index). */
export interface CounterKey {
  series_code: string;
  year: number;
}

/** VERI*FACTU NumSerieFactura: printable ASCII, at most 60 characters. */
export const MAX_INVOICE_NUMBER_LENGTH = 60;
export const MAX_PADDING = 12;

const YEAR_PLACEHOLDER = /\{YYYY\}|\{YY\}/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export class InvalidInvoiceNumberError extends Error {
  readonly code = 'INVALID_INVOICE_NUMBER';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidInvoiceNumberError';
  }
}

function expandPrefix(prefix: string, year: number): string {
  return prefix.replace(YEAR_PLACEHOLDER, (placeholder) =>
    placeholder === '{YYYY}' ? String(year).padStart(4, '0') : String(year % 100).padStart(2, '0'),
  );
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new InvalidInvoiceNumberError(`${year} is not a four-digit year.`);
}

/** The printed number: series "F{YYYY}-" padded to 4, year 2026, n 1 → "F2026-0001"; n beyond the padding just grows. */
export function formatInvoiceNumber(series: Pick<InvoiceSeries, 'prefix' | 'padding'>, year: number, n: number): string {
  checkYear(year);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidInvoiceNumberError(`${n} is not a positive whole number.`);
  const number = `${expandPrefix(series.prefix, year)}${String(n).padStart(series.padding, '0')}`;
  if (number.length > MAX_INVOICE_NUMBER_LENGTH) {
    throw new InvalidInvoiceNumberError(`${number} is longer than ${MAX_INVOICE_NUMBER_LENGTH} characters.`);
  }
  if (!PRINTABLE_ASCII.test(number)) throw new InvalidInvoiceNumberError(`${number} contains characters VERI*FACTU does not accept.`);
  return number;
}

/** The counter to draw the next number from, given the issue date (YYYY-MM-DD, in the company's time zone). */
export function nextNumberKey(series: Pick<InvoiceSeries, 'code' | 'reset'>, issueDate: string): CounterKey {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(issueDate);
  if (!m) throw new InvalidInvoiceNumberError(`${issueDate} is not a date (YYYY-MM-DD).`);
  return { series_code: series.code, year: series.reset === 'yearly' ? Number(m[1]) : 0 };
}

/** Which kind of series an invoice kind is numbered in: rectifying invoices always in their own. */
export function seriesKindFor(kind: InvoiceKind): SeriesKind {
  if (kind === 'F1') return 'ordinary';
  if (kind === 'F2') return 'simplified';
  return 'rectifying';
}

export function seriesAccepts(series: Pick<InvoiceSeries, 'kind'>, kind: InvoiceKind): boolean {
  return series.kind === seriesKindFor(kind);
}

/** Problems with a series definition, each naming its field; empty when the series is usable. */
export function validateSeries(series: InvoiceSeries): BillingProblem[] {
  const problems: BillingProblem[] = [];
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(series.code ?? '')) {
    problems.push({ property: 'code', code: 'INVALID_SERIES_CODE', message: 'Use 1–20 letters, digits, "-" or "_".' });
  }
  if (!(['yearly', 'never'] as const).includes(series.reset)) {
    problems.push({ property: 'reset', code: 'INVALID_SERIES_RESET', message: 'A series restarts yearly or never.' });
  }
  if (!(['ordinary', 'rectifying', 'simplified'] as const).includes(series.kind)) {
    problems.push({ property: 'kind', code: 'INVALID_SERIES_KIND', message: 'A series is ordinary, rectifying or simplified.' });
  }
  if (!Number.isInteger(series.padding) || series.padding < 1 || series.padding > MAX_PADDING) {
    problems.push({ property: 'padding', code: 'INVALID_SERIES_PADDING', message: `Pad numbers to 1–${MAX_PADDING} digits.` });
  }
  const prefix = typeof series.prefix === 'string' ? series.prefix : '';
  if (!PRINTABLE_ASCII.test(prefix)) {
    problems.push({ property: 'prefix', code: 'INVALID_SERIES_PREFIX', message: 'Use printable ASCII characters only (no accents).' });
  } else if (prefix !== prefix.trimStart()) {
    // VERI*FACTU trims values before hashing, so a leading space would make two numbers look alike.
    problems.push({ property: 'prefix', code: 'INVALID_SERIES_PREFIX', message: 'The prefix cannot start with a space.' });
  } else if (/[{}]/.test(prefix.replace(YEAR_PLACEHOLDER, ''))) {
    problems.push({ property: 'prefix', code: 'INVALID_SERIES_PREFIX', message: 'Only {YYYY} and {YY} may appear between braces.' });
  } else if (expandPrefix(prefix, 2000).length + Math.max(series.padding, 1) > MAX_INVOICE_NUMBER_LENGTH) {
    problems.push({
      property: 'prefix',
      code: 'INVOICE_NUMBER_TOO_LONG',
      message: `Prefix and number must fit in ${MAX_INVOICE_NUMBER_LENGTH} characters.`,
    });
  }
  if (series.reset === 'yearly' && !new RegExp(YEAR_PLACEHOLDER.source).test(prefix)) {
    // Restarting at 1 each year without the year in the number would repeat numbers in the series.
    problems.push({
      property: 'prefix',
      code: 'YEARLY_RESET_WITHOUT_YEAR',
      message: 'A series that restarts every year needs {YYYY} or {YY} in its prefix.',
    });
  }
  return problems;
}
