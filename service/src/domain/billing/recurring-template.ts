import { BASIS_POINTS_PER_UNIT } from './rounding';
import { computeInvoiceTotals } from './invoice-totals';
import { validateInvoiceDraft, type BillingProblem, type InvoiceRecipient } from './invoice-rules';
import { monthlyRecurringRevenue } from './mrr';
import type { IntervalUnit } from './recurrence';
import { parsePercent } from './tax-rates';
import type { LineVat } from './invoice-view';

/** A line of a recurring template; one-off lines go on the first invoice only (a set-up fee). */
export interface TemplateLine {
  description: string;
  sku: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  vat: LineVat;
  recargo: boolean;
  irpf: boolean;
  one_off: boolean;
}

/** What a template bills each period (the schedule lives in recurrence.ts). */
export interface TemplateTerms {
  kind: 'F1' | 'F2';
  currency: string;
  prices_include_tax: boolean;
  irpf_percent: string;
  lines: TemplateLine[];
  /** Template-wide discount on every line, 0–100 with 2 decimals. */
  discount_percent: string;
  /** The discount applies to the first K invoices; null: to all of them. */
  discount_cycles: number | null;
  interval_unit: IntervalUnit;
  interval_count: number;
}

/**
 * A line discount and the template discount taken together: 1 − (1 − a)(1 − b). Null when the
 * result needs more than the 2 decimals an invoice line carries, because rounding it would bill
 * a slightly different amount than promised.
 */
export function combinedDiscount(lineBasisPoints: number, templateBasisPoints: number): number | null {
  const product = BigInt(lineBasisPoints) * BigInt(templateBasisPoints);
  if (product % BASIS_POINTS_PER_UNIT !== 0n) return null;
  return lineBasisPoints + templateBasisPoints - Number(product / BASIS_POINTS_PER_UNIT);
}

function percentText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const hundredths = basisPoints % 100;
  return hundredths === 0 ? String(whole) : `${whole}.${String(hundredths).padStart(2, '0')}`;
}

/** True when invoice number `invoiceIndex` (0 = the first) of the template gets the template discount. */
export function discountApplies(terms: Pick<TemplateTerms, 'discount_percent' | 'discount_cycles'>, invoiceIndex: number): boolean {
  if (parsePercent(terms.discount_percent) === 0) return false;
  return terms.discount_cycles === null || invoiceIndex < terms.discount_cycles;
}

/** The invoice lines of the template's invoice number `invoiceIndex` (0-based). */
export function periodLines(terms: TemplateTerms, invoiceIndex: number): Omit<TemplateLine, 'one_off'>[] {
  const discounted = discountApplies(terms, invoiceIndex);
  const templateBp = parsePercent(terms.discount_percent);
  return terms.lines
    .filter((line) => !line.one_off || invoiceIndex === 0)
    .map(({ one_off: _oneOff, ...line }) => {
      if (!discounted) return line;
      const combined = combinedDiscount(parsePercent(line.discount_percent), templateBp);
      return { ...line, discount_percent: percentText(combined!) };
    });
}

/** Tax base of the recurring part of invoice number `invoiceIndex`: what MRR is made of. */
export function recurringBase(terms: TemplateTerms, invoiceIndex: number): number {
  const lines = periodLines({ ...terms, lines: terms.lines.filter((line) => !line.one_off) }, invoiceIndex);
  if (lines.length === 0) return 0;
  return computeInvoiceTotals({
    currency: terms.currency,
    lines,
    irpf_percent: terms.irpf_percent,
    prices_include_tax: terms.prices_include_tax,
  }).base_total;
}

/** The template's MRR while invoice number `invoiceIndex` is the current one. */
export function templateMrrAt(terms: TemplateTerms, invoiceIndex: number): number {
  return monthlyRecurringRevenue(recurringBase(terms, invoiceIndex), terms.interval_unit, terms.interval_count);
}

function isPercentText(value: string): boolean {
  try {
    parsePercent(value);
    return true;
  } catch {
    return false;
  }
}

const RECIPIENT_CODES = /^MISSING_RECIPIENT|TAX_ID/;

/**
 * Checks a template's terms the way its first invoice (with one-off lines and discount) will be
 * checked. Problems with the customer's data come back apart: they do not stop saving the
 * template, they are shown on it until fixed, before its date comes.
 */
export function checkTemplateTerms(
  terms: TemplateTerms,
  recipient: InvoiceRecipient | null,
): { invalid: BillingProblem[]; customer: BillingProblem[] } {
  const invalid: BillingProblem[] = [];
  if (!isPercentText(terms.discount_percent)) {
    invalid.push({
      property: 'discount_percent',
      code: 'INVALID_DISCOUNT',
      message: 'Use a percentage from 0 to 100 with at most 2 decimals.',
    });
  }
  if (!terms.lines.some((line) => !line.one_off)) {
    invalid.push({
      property: 'lines',
      code: 'NO_RECURRING_LINE',
      message: 'A template needs at least one line that repeats on every invoice.',
    });
  }
  const draftProblems = validateInvoiceDraft({
    kind: terms.kind,
    currency: terms.currency,
    irpf_percent: terms.irpf_percent,
    prices_include_tax: terms.prices_include_tax,
    lines: terms.lines,
    recipient,
  });
  const customer = draftProblems.filter((p) => p.property.startsWith('recipient') && RECIPIENT_CODES.test(p.code));
  invalid.push(...draftProblems.filter((p) => !customer.includes(p)));
  if (invalid.length === 0) {
    const templateBp = parsePercent(terms.discount_percent);
    terms.lines.forEach((line, index) => {
      if (templateBp > 0 && combinedDiscount(parsePercent(line.discount_percent), templateBp) === null) {
        invalid.push({
          property: `lines.${index}.discount_percent`,
          code: 'DISCOUNTS_DO_NOT_COMBINE',
          message: 'This line discount and the template discount together need more than 2 decimals; adjust one of them.',
        });
      }
    });
  }
  return { invalid, customer: customer.map((p) => ({ ...p, property: p.property.replace(/^recipient/, 'customer') })) };
}
