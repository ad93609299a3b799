import { roundHalfAwayFromZero, toSafeMinorUnits } from './rounding';
import { periodsPerYear, type IntervalUnit } from './recurrence';

/**
 * Monthly recurring revenue by the convention of billing.md: the recurring amount of one period,
 * net of discounts, before taxes and IRPF, without one-off lines, normalised to a month as
 * amount × periodsPerYear / 12 and rounded half-up to the cent per template.
 */
export function monthlyRecurringRevenue(periodBase: number, unit: IntervalUnit, count: number): number {
  const { numerator, denominator } = periodsPerYear(unit, count);
  return toSafeMinorUnits(roundHalfAwayFromZero(BigInt(periodBase) * BigInt(numerator), BigInt(denominator) * 12n));
}

export const MRR_MOVEMENTS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type MrrMovementKind = (typeof MRR_MOVEMENTS)[number];

/** What a customer's change of MRR over a month is called; null when nothing changed. */
export function mrrMovement(before: number, after: number, everPaidBefore: boolean): MrrMovementKind | null {
  if (after === before) return null;
  if (before === 0) return everPaidBefore ? 'reactivation' : 'new';
  if (after === 0) return 'churn';
  return after > before ? 'expansion' : 'contraction';
}

export interface MonthMovements {
  month: string;
  /** MRR at the end of the month. */
  mrr: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
}

/**
 * Monthly movements per customer from the net MRR change of each customer in each month.
 * Customers are compared month end to month end, so a change undone within the month is no movement.
 * `changes` must cover every month from the first event; `months` lists the months to report, in order.
 */
export function monthlyMovements(
  changes: readonly { customer_id: number; month: string; delta: number }[],
  months: readonly string[],
): MonthMovements[] {
  const byMonth = new Map<string, { customer_id: number; delta: number }[]>();
  for (const c of changes) byMonth.set(c.month, [...(byMonth.get(c.month) ?? []), c]);
  const allMonths = [...new Set([...byMonth.keys(), ...months])].sort();
  const current = new Map<number, number>();
  const everPaid = new Set<number>();
  let total = 0;
  const wanted = new Set(months);
  const out: MonthMovements[] = [];
  for (const month of allMonths) {
    const row: MonthMovements = { month, mrr: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
    const perCustomer = new Map<number, number>();
    for (const c of byMonth.get(month) ?? []) perCustomer.set(c.customer_id, (perCustomer.get(c.customer_id) ?? 0) + c.delta);
    for (const [customer, delta] of perCustomer) {
      const before = current.get(customer) ?? 0;
      const after = before + delta;
      const kind = mrrMovement(before, after, everPaid.has(customer));
      if (kind) row[kind] += after - before;
      current.set(customer, after);
      if (after > 0) everPaid.add(customer);
      total += delta;
    }
    row.mrr = total;
    if (wanted.has(month)) out.push(row);
  }
  return out;
}

/** A percentage with two decimals as text ("4.17"), or null when the base is zero. */
export function percentText(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const hundredths = roundHalfAwayFromZero(BigInt(part) * 10_000n, BigInt(whole));
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
