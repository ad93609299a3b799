// Totals of an invoice in integer minor units, with the one rounding rule of rounding.ts applied
// "per line, then per rate":
//   line base     = round(quantity × unit_price × (1 − discount))            once per line
//   group base    = Σ line bases of the lines with the same (IVA, recargo)   exact, no rounding
//   group IVA     = round(group base × IVA rate)                              once per group
//   group recargo = round(group base × recargo rate)                          once per group
//   IRPF          = round(Σ bases subject to retention × IRPF rate)          once per invoice
//   total         = Σ bases + Σ IVA + Σ recargo − IRPF
// Representation: quantity is a decimal with up to 4 decimals; unit_price is in MINOR units with
// up to 4 more decimals (like Stripe's unit_amount_decimal: 999 or "999" is 9,99 €, "12.5" is
// 0,125 €); discount and rates are percentages with up to 2 decimals, kept as basis points. The
// product quantity × price × (1 − discount) is computed exactly on bigints scaled by 10^4 · 10^4 ·
// 10^4 and rounded once.
import { type DecimalInput, parseScaledDecimal } from './decimal';
import { CurrencyMismatchError, currencyExponent, InvalidAmountError } from './money';
import { BASIS_POINTS_PER_UNIT, baseInsideGross, percentageOf, roundHalfAwayFromZero, toSafeMinorUnits } from './rounding';
import { parsePercent, parseVat, recargoBasisPoints, vatBasisPoints, type VatInput, type VatTreatment } from './tax-rates';

export const QUANTITY_DECIMALS = 4;
export const UNIT_PRICE_EXTRA_DECIMALS = 4;

const QUANTITY_SCALE = 10n ** BigInt(QUANTITY_DECIMALS);
const UNIT_PRICE_SCALE = 10n ** BigInt(UNIT_PRICE_EXTRA_DECIMALS);

export interface InvoiceLineInput {
  description: string;
  /** Up to 4 decimals; negative only on rectifying invoices (checked by invoice-rules). */
  quantity: DecimalInput;
  /** Minor units with up to 4 extra decimals; tax-inclusive when the invoice says prices include tax. */
  unit_price: DecimalInput;
  /** 0–100 with up to 2 decimals; default 0. */
  discount_percent?: DecimalInput;
  vat: VatInput;
  /** Recargo de equivalencia applies (retailer recipient); default false. */
  recargo?: boolean;
  /** Subject to the invoice-level IRPF retention; default true. */
  irpf?: boolean;
  /** When given, must be the invoice currency. */
  currency?: string;
}

export interface InvoiceTotalsInput {
  currency: string;
  lines: readonly InvoiceLineInput[];
  /** IRPF retention 0–100 with up to 2 decimals; default 0. */
  irpf_percent?: DecimalInput;
  /** Unit prices include IVA and recargo (shop prices); the total then stays exactly Σ line amounts. */
  prices_include_tax?: boolean;
}

export interface LineAmounts {
  /** The line's taxable base in minor units: authoritative when prices exclude tax, informative when they include it. */
  base: number;
  /** The line's tax-inclusive amount when prices include tax, otherwise null. */
  gross: number | null;
}

/** One row of the per-rate summary (the "desglose"): lines sharing IVA treatment and recargo rate. */
export interface TaxGroup {
  key: string;
  vat: VatTreatment;
  vat_basis_points: number;
  recargo_basis_points: number;
  base: number;
  vat_amount: number;
  recargo_amount: number;
  /** Part of `base` subject to the IRPF retention. */
  irpf_base: number;
}

export interface InvoiceTotals {
  currency: string;
  prices_include_tax: boolean;
  lines: LineAmounts[];
  /** Sorted by IVA rate descending, recargo before none, exempt rows last by reason. */
  taxes: TaxGroup[];
  base_total: number;
  vat_total: number;
  recargo_total: number;
  /** IVA + recargo: VERI*FACTU's CuotaTotal. */
  tax_total: number;
  irpf_basis_points: number;
  irpf_base: number;
  irpf_amount: number;
  /** What the recipient pays: bases + taxes − retention. */
  total: number;
}

/** The grouping key of a (IVA, recargo) pair: "vat:21|re:520", "vat:10|re:0", "exempt:E1". */
export function taxGroupKey(vat: VatTreatment, recargoBasisPoints: number): string {
  return vat.kind === 'exempt' ? `exempt:${vat.reason}` : `vat:${vat.rate}|re:${recargoBasisPoints}`;
}

function compareTaxGroups(a: TaxGroup, b: TaxGroup): number {
  const kind = (g: TaxGroup): number => (g.vat.kind === 'rate' ? 0 : 1);
  if (kind(a) !== kind(b)) return kind(a) - kind(b);
  if (a.vat_basis_points !== b.vat_basis_points) return b.vat_basis_points - a.vat_basis_points;
  if (a.recargo_basis_points !== b.recargo_basis_points) return b.recargo_basis_points - a.recargo_basis_points;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** round(quantity × unit_price × (1 − discount)) in minor units, exactly. */
export function lineAmount(quantity: DecimalInput, unitPrice: DecimalInput, discountPercent: DecimalInput = 0): number {
  const q = parseScaledDecimal(quantity, QUANTITY_DECIMALS);
  const p = parseScaledDecimal(unitPrice, UNIT_PRICE_EXTRA_DECIMALS);
  const keep = BASIS_POINTS_PER_UNIT - BigInt(parsePercent(discountPercent));
  return toSafeMinorUnits(roundHalfAwayFromZero(q * p * keep, QUANTITY_SCALE * UNIT_PRICE_SCALE * BASIS_POINTS_PER_UNIT));
}

interface PricedLine {
  amount: number;
  vat: VatTreatment;
  recargoBp: number;
  irpf: boolean;
}

function priceLines(input: InvoiceTotalsInput): PricedLine[] {
  currencyExponent(input.currency); // refuses unknown currencies
  return input.lines.map((line) => {
    if (line.currency !== undefined && line.currency !== input.currency) throw new CurrencyMismatchError(input.currency, line.currency);
    const vat = parseVat(line.vat);
    return {
      amount: lineAmount(line.quantity, line.unit_price, line.discount_percent ?? 0),
      vat,
      recargoBp: recargoBasisPoints(vat, line.recargo ?? false),
      irpf: line.irpf ?? true,
    };
  });
}

function sum(values: readonly number[]): number {
  return toSafeMinorUnits(values.reduce((acc, v) => acc + BigInt(v), 0n));
}

function summarise(
  currency: string,
  pricesIncludeTax: boolean,
  lines: LineAmounts[],
  groups: TaxGroup[],
  irpfBasisPoints: number,
): InvoiceTotals {
  const taxes = [...groups].sort(compareTaxGroups);
  const baseTotal = sum(taxes.map((g) => g.base));
  const vatTotal = sum(taxes.map((g) => g.vat_amount));
  const recargoTotal = sum(taxes.map((g) => g.recargo_amount));
  const irpfBase = sum(taxes.map((g) => g.irpf_base));
  const irpfAmount = percentageOf(irpfBase, irpfBasisPoints);
  return {
    currency,
    prices_include_tax: pricesIncludeTax,
    lines,
    taxes,
    base_total: baseTotal,
    vat_total: vatTotal,
    recargo_total: recargoTotal,
    tax_total: sum([vatTotal, recargoTotal]),
    irpf_basis_points: irpfBasisPoints,
    irpf_base: irpfBase,
    irpf_amount: irpfAmount,
    total: sum([baseTotal, vatTotal, recargoTotal, -irpfAmount]),
  };
}

/**
 * Per-line amounts, the per-rate summary and the totals of an invoice.
 *
 * Prices excluding tax (the default): see the rule at the top of this file.
 *
 * Prices including tax: each line's tax-inclusive amount G is rounded once as above; per group,
 * base = round(ΣG / (1 + IVA + recargo)), recargo = round(base × recargo), and IVA is the rest,
 * ΣG − base − recargo, so the total stays exactly what the customer saw (3 × 9,99 € at 21 % →
 * base 24,77, IVA 5,20, total 29,97). That IVA may differ from round(base × rate) by at most one
 * minor unit; computing it the other way would move the total instead.
 */
export function computeInvoiceTotals(input: InvoiceTotalsInput): InvoiceTotals {
  const pricesIncludeTax = input.prices_include_tax ?? false;
  const irpfBasisPoints = parsePercent(input.irpf_percent ?? 0);
  const priced = priceLines(input);

  const byKey = new Map<string, { vat: VatTreatment; recargoBp: number; amount: bigint; irpfAmount: bigint; allIrpf: boolean }>();
  for (const line of priced) {
    const key = taxGroupKey(line.vat, line.recargoBp);
    const group = byKey.get(key) ?? { vat: line.vat, recargoBp: line.recargoBp, amount: 0n, irpfAmount: 0n, allIrpf: true };
    group.amount += BigInt(line.amount);
    if (line.irpf) group.irpfAmount += BigInt(line.amount);
    else group.allIrpf = false;
    byKey.set(key, group);
  }

  const groups: TaxGroup[] = [...byKey.entries()].map(([key, g]) => {
    const vatBp = vatBasisPoints(g.vat);
    const amount = toSafeMinorUnits(g.amount);
    if (!pricesIncludeTax) {
      return {
        key,
        vat: g.vat,
        vat_basis_points: vatBp,
        recargo_basis_points: g.recargoBp,
        base: amount,
        vat_amount: percentageOf(amount, vatBp),
        recargo_amount: percentageOf(amount, g.recargoBp),
        irpf_base: toSafeMinorUnits(g.irpfAmount),
      };
    }
    const base = baseInsideGross(amount, vatBp + g.recargoBp);
    const recargo = percentageOf(base, g.recargoBp);
    return {
      key,
      vat: g.vat,
      vat_basis_points: vatBp,
      recargo_basis_points: g.recargoBp,
      base,
      vat_amount: sum([amount, -base, -recargo]),
      recargo_amount: recargo,
      irpf_base: g.allIrpf ? base : baseInsideGross(toSafeMinorUnits(g.irpfAmount), vatBp + g.recargoBp),
    };
  });

  const lines: LineAmounts[] = priced.map((line) =>
    pricesIncludeTax
      ? { base: baseInsideGross(line.amount, vatBasisPoints(line.vat) + line.recargoBp), gross: line.amount }
      : { base: line.amount, gross: null },
  );
  return summarise(input.currency, pricesIncludeTax, lines, groups, irpfBasisPoints);
}

/** Per-rate totals given by another system (a WooCommerce order), in minor units of the invoice currency. */
export interface ExternalTaxTotal {
  vat: VatInput;
  recargo?: boolean;
  base: number;
  vat_amount: number;
  recargo_amount?: number;
}

/** external − computed for one (IVA, recargo) group; a group missing on one side counts as zeros there. */
export interface TaxDifference {
  key: string;
  base: number;
  vat_amount: number;
  recargo_amount: number;
}

export interface ExternalTotalsMatch {
  /** The invoice totals carrying the external per-rate figures exactly. */
  totals: InvoiceTotals;
  /** One row per group present on either side, in summary order. */
  differences: TaxDifference[];
  /** The largest absolute difference of any figure in any group, in minor units. */
  largest_difference: number;
}

export class DuplicateTaxGroupError extends Error {
  readonly code = 'DUPLICATE_TAX_GROUP';

  constructor(readonly key: string) {
    super(`The tax group ${key} is given twice.`);
    this.name = 'DuplicateTaxGroupError';
  }
}

function checkedMinorUnits(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new InvalidAmountError(value, `${what} must be whole minor units.`);
  return value;
}

/**
 * Replaces the computed per-rate summary with the externally given one, so the invoice matches the
 * order to the cent, and reports how far apart they were so the caller can accept a cent or two per
 * rate and refuse more. Lines keep their computed amounts. IRPF is recomputed on the external bases
 * of the groups whose lines are all subject to it (other groups keep their computed subject base).
 */
export function matchExternalTaxTotals(computed: InvoiceTotals, external: readonly ExternalTaxTotal[]): ExternalTotalsMatch {
  const computedByKey = new Map(computed.taxes.map((g) => [g.key, g]));
  const groups: TaxGroup[] = [];
  for (const given of external) {
    const vat = parseVat(given.vat);
    const recargo = given.recargo ?? false;
    const recargoBp = recargoBasisPoints(vat, recargo);
    const recargoAmount = checkedMinorUnits(given.recargo_amount ?? 0, 'recargo_amount');
    if (recargoBp === 0 && recargoAmount !== 0) {
      throw new InvalidAmountError(recargoAmount, 'a group without recargo has no recargo amount.');
    }
    const key = taxGroupKey(vat, recargoBp);
    if (groups.some((g) => g.key === key)) throw new DuplicateTaxGroupError(key);
    const base = checkedMinorUnits(given.base, 'base');
    const mine = computedByKey.get(key);
    const allSubject = mine !== undefined && mine.irpf_base === mine.base;
    groups.push({
      key,
      vat,
      vat_basis_points: vatBasisPoints(vat),
      recargo_basis_points: recargoBp,
      base,
      vat_amount: checkedMinorUnits(given.vat_amount, 'vat_amount'),
      recargo_amount: recargoAmount,
      irpf_base: allSubject ? base : (mine?.irpf_base ?? 0),
    });
  }
  const totals = summarise(computed.currency, computed.prices_include_tax, computed.lines, groups, computed.irpf_basis_points);

  const externalByKey = new Map(totals.taxes.map((g) => [g.key, g]));
  const union = [...totals.taxes, ...computed.taxes.filter((g) => !externalByKey.has(g.key))].sort(compareTaxGroups);
  const differences = union.map((g): TaxDifference => {
    const theirs = externalByKey.get(g.key);
    const mine = computedByKey.get(g.key);
    const diff = (pick: (t: TaxGroup) => number): number => (theirs ? pick(theirs) : 0) - (mine ? pick(mine) : 0);
    return { key: g.key, base: diff((t) => t.base), vat_amount: diff((t) => t.vat_amount), recargo_amount: diff((t) => t.recargo_amount) };
  });
  const largest = Math.max(0, ...differences.flatMap((d) => [Math.abs(d.base), Math.abs(d.vat_amount), Math.abs(d.recargo_amount)]));
  return { totals, differences, largest_difference: largest };
}

/** Whether every per-rate figure is within `maxMinorUnits` (default 2 cents) of what Cuadra computes. */
export function externalTotalsAcceptable(match: ExternalTotalsMatch, maxMinorUnits = 2): boolean {
  return match.largest_difference <= maxMinorUnits;
}
