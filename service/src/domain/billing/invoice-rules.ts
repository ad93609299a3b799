// What makes an invoice acceptable under RD 1619/2012 and VERI*FACTU before it is issued, and the
// life cycle that keeps issued invoices immutable. Problems name the field they are about
// ("lines.2.quantity") so the HTTP layer can answer 422 with one entry per field.
import { checkCustomerTaxId } from '../customers/customer';
import { type DecimalInput, isScaledDecimal, parseScaledDecimal } from './decimal';
import {
  computeInvoiceTotals,
  type InvoiceTotals,
  type InvoiceTotalsInput,
  QUANTITY_DECIMALS,
  UNIT_PRICE_EXTRA_DECIMALS,
} from './invoice-totals';
import { isKnownCurrency, money, toDecimalString } from './money';
import { AmountTooLargeError } from './rounding';
import { ExemptionReasonError, parsePercent, parseVat, UnknownTaxRateError } from './tax-rates';

/** VERI*FACTU TipoFactura: F1 full, F2 simplified, R1–R4 rectifying a full invoice, R5 rectifying a simplified one. */
export const INVOICE_KINDS = ['F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'R5'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export const RECTIFICATION_METHODS = ['substitution', 'differences'] as const;
export type RectificationMethod = (typeof RECTIFICATION_METHODS)[number];

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'rectified', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Simplified invoices: up to 400 € including IVA, or 3,000 € in the sectors art. 4.2 RD 1619/2012 lists. */
export const SIMPLIFIED_LIMIT_CENTS = 40_000;
export const SIMPLIFIED_EXTENDED_LIMIT_CENTS = 300_000;

/** VERI*FACTU amounts hold at most 12 integer digits. */
export const MAX_INVOICE_AMOUNT_CENTS = 10 ** 14 - 1;

/** VERI*FACTU's Desglose holds at most 12 (IVA, recargo) rows. */
export const MAX_TAX_GROUPS = 12;

export interface BillingProblem {
  /** Dotted path of the field: "lines.2.quantity", "recipient.tax_id". */
  property: string;
  code: string;
  message: string;
}

export interface InvoiceRecipient {
  legal_name?: string | null;
  tax_id?: string | null;
  address_line?: string | null;
  postal_code?: string | null;
  city?: string | null;
  country_code?: string | null;
}

/** The invoice a rectifying invoice corrects. */
export interface RectifiedInvoiceRef {
  invoice_number?: string | null;
  issue_date?: string | null;
  kind?: InvoiceKind | null;
}

export interface InvoiceDraft extends InvoiceTotalsInput {
  kind: InvoiceKind;
  recipient?: InvoiceRecipient | null;
  rectification?: { method?: RectificationMethod | null; original?: RectifiedInvoiceRef | null } | null;
  /** The sector may issue simplified invoices up to 3,000 € (retail, hospitality, transport…). */
  simplified_limit_extended?: boolean;
}

export function isInvoiceKind(kind: unknown): kind is InvoiceKind {
  return typeof kind === 'string' && (INVOICE_KINDS as readonly string[]).includes(kind);
}

export function isRectifying(kind: InvoiceKind): boolean {
  return kind.startsWith('R');
}

/** F2 and R5 may leave the recipient out; every other kind names who receives the invoice. */
export function requiresRecipient(kind: InvoiceKind): boolean {
  return kind !== 'F2' && kind !== 'R5';
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isPercent(input: unknown): boolean {
  try {
    parsePercent(input as DecimalInput);
    return true;
  } catch {
    return false;
  }
}

function euros(cents: number): string {
  return `${toDecimalString(money(cents, 'EUR'))} €`;
}

/** Collects problems for one draft; `add` keeps each check to one line. */
function problemList(): { problems: BillingProblem[]; add: (property: string, code: string, message: string) => void } {
  const problems: BillingProblem[] = [];
  return { problems, add: (property, code, message) => problems.push({ property, code, message }) };
}

function checkLines(draft: InvoiceDraft, rectifying: boolean): BillingProblem[] {
  const { problems, add } = problemList();
  if (draft.lines.length === 0) add('lines', 'NO_LINES', 'An invoice needs at least one line.');
  draft.lines.forEach((line, i) => {
    const at = (field: string): string => `lines.${i}.${field}`;
    if (isBlank(line.description)) add(at('description'), 'MISSING_DESCRIPTION', 'Describe what is invoiced.');
    if (!isScaledDecimal(line.quantity, QUANTITY_DECIMALS)) {
      add(at('quantity'), 'INVALID_QUANTITY', 'Use a number with at most 4 decimals.');
    } else if (!rectifying && parseScaledDecimal(line.quantity, QUANTITY_DECIMALS) < 0n) {
      add(at('quantity'), 'NEGATIVE_QUANTITY', 'Negative quantities are only allowed on rectifying invoices.');
    }
    if (!isScaledDecimal(line.unit_price, UNIT_PRICE_EXTRA_DECIMALS)) {
      add(at('unit_price'), 'INVALID_UNIT_PRICE', 'Use an amount in minor units with at most 4 decimals.');
    } else if (!rectifying && parseScaledDecimal(line.unit_price, UNIT_PRICE_EXTRA_DECIMALS) < 0n) {
      // Otherwise a negative price would sidestep the rule on negative quantities.
      add(at('unit_price'), 'NEGATIVE_UNIT_PRICE', 'Negative prices are only allowed on rectifying invoices; use a discount.');
    }
    if (line.discount_percent !== undefined && !isPercent(line.discount_percent)) {
      add(at('discount_percent'), 'INVALID_DISCOUNT', 'Use a percentage from 0 to 100 with at most 2 decimals.');
    }
    try {
      parseVat(line.vat);
    } catch (error) {
      if (error instanceof ExemptionReasonError) add(at('vat.exempt'), error.code, error.message);
      else if (error instanceof UnknownTaxRateError) add(at('vat'), error.code, error.message);
      else throw error;
    }
    if (line.currency !== undefined && line.currency !== draft.currency) {
      add(at('currency'), 'CURRENCY_MISMATCH', `This line is in ${line.currency}; the invoice is in ${draft.currency}.`);
    }
  });
  return problems;
}

function checkRecipient(draft: InvoiceDraft): BillingProblem[] {
  const recipient = draft.recipient ?? {};
  const { problems, add } = problemList();
  if (requiresRecipient(draft.kind)) {
    if (isBlank(recipient.legal_name)) add('recipient.legal_name', 'MISSING_RECIPIENT_NAME', 'A full invoice names its recipient.');
    if (isBlank(recipient.tax_id)) add('recipient.tax_id', 'MISSING_RECIPIENT_TAX_ID', "A full invoice carries the recipient's tax ID.");
    if (isBlank(recipient.address_line)) {
      add('recipient.address_line', 'MISSING_RECIPIENT_ADDRESS', "A full invoice carries the recipient's address.");
    }
  }
  if (!isBlank(recipient.tax_id) && !isBlank(recipient.country_code)) {
    const problem = checkCustomerTaxId(recipient.tax_id!, recipient.country_code!);
    if (problem) add('recipient.tax_id', problem.code, problem.message);
  }
  return problems;
}

function checkRectification(draft: InvoiceDraft): BillingProblem[] {
  const { problems, add } = problemList();
  const rectification = draft.rectification;
  if (!isRectifying(draft.kind)) {
    if (rectification) add('rectification', 'RECTIFICATION_NOT_ALLOWED', 'Only rectifying invoices (R1–R5) refer to an original invoice.');
    return problems;
  }
  const method = rectification?.method;
  if (method === null || method === undefined) {
    add('rectification.method', 'MISSING_RECTIFICATION_METHOD', 'Choose substitution or differences.');
  } else if (!(RECTIFICATION_METHODS as readonly string[]).includes(method)) {
    add('rectification.method', 'UNKNOWN_RECTIFICATION_METHOD', 'Choose substitution or differences.');
  }
  const original = rectification?.original;
  if (!original) {
    add('rectification.original', 'MISSING_RECTIFIED_INVOICE', 'A rectifying invoice refers to the invoice it corrects.');
    return problems;
  }
  if (isBlank(original.invoice_number)) {
    add('rectification.original.invoice_number', 'MISSING_RECTIFIED_INVOICE', 'Give the number of the corrected invoice.');
  }
  if (isBlank(original.issue_date) || !isIsoDate(original.issue_date!)) {
    add('rectification.original.issue_date', 'INVALID_DATE', 'Give the issue date of the corrected invoice (YYYY-MM-DD).');
  }
  if (original.kind !== null && original.kind !== undefined) {
    const simplifiedOriginal = original.kind === 'F2' || original.kind === 'R5';
    if ((draft.kind === 'R5') !== simplifiedOriginal) {
      const message = draft.kind === 'R5' ? 'R5 rectifies simplified invoices only.' : 'A simplified invoice is rectified with R5.';
      add('rectification.original.kind', 'RECTIFIED_KIND_MISMATCH', message);
    }
  }
  return problems;
}

function checkAmounts(draft: InvoiceDraft): BillingProblem[] {
  const { problems, add } = problemList();
  let totals: InvoiceTotals;
  try {
    totals = computeInvoiceTotals(draft);
  } catch (error) {
    if (!(error instanceof AmountTooLargeError)) throw error;
    add('lines', 'AMOUNT_TOO_LARGE', 'The amounts of this invoice are too large.');
    return problems;
  }
  const gross = totals.base_total + totals.tax_total;
  if ([totals.total, gross, totals.base_total].some((a) => Math.abs(a) > MAX_INVOICE_AMOUNT_CENTS)) {
    add('lines', 'AMOUNT_TOO_LARGE', 'Invoice amounts are limited to 12 integer digits.');
  }
  if (totals.taxes.length > MAX_TAX_GROUPS) {
    add('lines', 'TOO_MANY_TAX_GROUPS', `An invoice can combine at most ${MAX_TAX_GROUPS} tax rates.`);
  }
  if (draft.kind === 'F2' && draft.currency === 'EUR') {
    const limit = draft.simplified_limit_extended ? SIMPLIFIED_EXTENDED_LIMIT_CENTS : SIMPLIFIED_LIMIT_CENTS;
    if (gross > limit) {
      add('kind', 'SIMPLIFIED_OVER_LIMIT', `A simplified invoice can total at most ${euros(limit)} including taxes; issue a full invoice.`);
    }
  }
  return problems;
}

/**
 * Every problem that stops a draft from being issued, each naming its field; empty when the draft
 * is fine. Amount rules (limits) are only checked once the lines themselves are valid.
 */
export function validateInvoiceDraft(draft: InvoiceDraft): BillingProblem[] {
  if (!isInvoiceKind(draft.kind)) return [{ property: 'kind', code: 'UNKNOWN_INVOICE_KIND', message: 'Use F1, F2 or R1–R5.' }];
  const { problems, add } = problemList();
  const currencyKnown = isKnownCurrency(draft.currency);
  if (!currencyKnown) add('currency', 'UNKNOWN_CURRENCY', 'Use an ISO 4217 currency code such as EUR.');
  const lineProblems = checkLines(draft, isRectifying(draft.kind));
  problems.push(...lineProblems);
  const irpfValid = draft.irpf_percent === undefined || isPercent(draft.irpf_percent);
  if (!irpfValid) add('irpf_percent', 'INVALID_IRPF_PERCENT', 'Use a percentage from 0 to 100 with at most 2 decimals.');
  problems.push(...checkRecipient(draft), ...checkRectification(draft));
  if (currencyKnown && irpfValid && lineProblems.length === 0) problems.push(...checkAmounts(draft));
  return problems;
}

// The life cycle: a draft is issued once; an issued invoice is then paid, rectified or cancelled
// (VERI*FACTU anulación). A paid invoice can still be rectified (returns, refunds).
const TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  draft: ['issued'],
  issued: ['paid', 'rectified', 'cancelled'],
  paid: ['rectified'],
  rectified: [],
  cancelled: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

/** Only drafts can be edited; once issued, corrections are rectifying invoices. */
export function isEditable(status: InvoiceStatus): boolean {
  return status === 'draft';
}

export class InvoiceImmutableError extends Error {
  readonly code = 'INVOICE_IMMUTABLE';

  constructor(readonly status: InvoiceStatus) {
    super(`This invoice is ${status} and can no longer be edited; issue a rectifying invoice instead.`);
    this.name = 'InvoiceImmutableError';
  }
}

/** Throws InvoiceImmutableError (→ 409) unless the invoice is still a draft. */
export function assertEditable(status: InvoiceStatus): void {
  if (!isEditable(status)) throw new InvoiceImmutableError(status);
}

export class InvalidTransitionError extends Error {
  readonly code = 'INVALID_STATUS_TRANSITION';

  constructor(
    readonly from: InvoiceStatus,
    readonly to: InvoiceStatus,
  ) {
    super(`An invoice cannot go from ${from} to ${to}.`);
    this.name = 'InvalidTransitionError';
  }
}

export function assertTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
