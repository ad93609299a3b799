import { monthlyMovements, monthlyRecurringRevenue, mrrMovement, percentText } from '../../../service/src/domain/billing/mrr';
import { combinedDiscount, periodLines, templateMrrAt, type TemplateTerms } from '../../../service/src/domain/billing/recurring-template';

const terms = (over: Partial<TemplateTerms>): TemplateTerms => ({
  kind: 'F1',
  currency: 'EUR',
  prices_include_tax: false,
  irpf_percent: '0',
  lines: [
    {
      description: 'Plan',
      sku: '',
      quantity: '1',
      unit_price: '10000',
      discount_percent: '0',
      vat: 21,
      recargo: false,
      irpf: true,
      one_off: false,
    },
  ],
  discount_percent: '0',
  discount_cycles: null,
  interval_unit: 'month',
  interval_count: 1,
  ...over,
});

describe('MRR by the convention of billing.md', () => {
  test('the examples of billing.md, exactly', () => {
    // 100 × 100 €/month + 50 × 600 €/year → 12,500 €.
    expect(100 * monthlyRecurringRevenue(10_000, 'month', 1) + 50 * monthlyRecurringRevenue(60_000, 'year', 1)).toBe(1_250_000);
    expect(monthlyRecurringRevenue(9_000, 'month', 3)).toBe(3_000); // 90 € every 3 months → 30 €
    expect(
      templateMrrAt(terms({ interval_unit: 'year', lines: [{ ...terms({}).lines[0]!, unit_price: '120000' }], discount_percent: '50' }), 0),
    ).toBe(5_000);
    expect(monthlyRecurringRevenue(1_000, 'week', 1)).toBe(4_333); // 10 €/week → 43.33 €
    expect(monthlyRecurringRevenue(100, 'day', 1)).toBe(3_042); // 1 €/day → 30.42 €
  });

  test('taxes, IRPF and one-off lines stay out; prices with tax count without it', () => {
    const setup = { ...terms({}).lines[0]!, description: 'Set-up', unit_price: '50000', one_off: true };
    const t = terms({ irpf_percent: '15', lines: [...terms({}).lines, setup] });
    expect(templateMrrAt(t, 0)).toBe(10_000);
    expect(periodLines(t, 0)).toHaveLength(2);
    expect(periodLines(t, 1)).toHaveLength(1);
    expect(templateMrrAt(terms({ prices_include_tax: true, lines: [{ ...terms({}).lines[0]!, unit_price: '12100' }] }), 0)).toBe(10_000);
  });

  test('a discount for K invoices lifts MRR from invoice K+1', () => {
    const t = terms({ discount_percent: '20', discount_cycles: 2 });
    expect([0, 1, 2, 3].map((i) => templateMrrAt(t, i))).toEqual([8_000, 8_000, 10_000, 10_000]);
  });

  test('line and template discounts combine exactly or not at all', () => {
    expect(combinedDiscount(1000, 5000)).toBe(5500);
    expect(combinedDiscount(1250, 1000)).toBe(2125);
    expect(combinedDiscount(3333, 1000)).toBeNull();
  });

  test('movements are named per customer, month end to month end', () => {
    expect(mrrMovement(0, 100, false)).toBe('new');
    expect(mrrMovement(0, 100, true)).toBe('reactivation');
    expect(mrrMovement(100, 150, true)).toBe('expansion');
    expect(mrrMovement(150, 50, true)).toBe('contraction');
    expect(mrrMovement(50, 0, true)).toBe('churn');
    expect(mrrMovement(50, 50, true)).toBeNull();
    const changes = [
      { customer_id: 1, month: '2026-01', delta: 100 },
      { customer_id: 2, month: '2026-01', delta: 50 },
      { customer_id: 1, month: '2026-02', delta: 20 },
      { customer_id: 2, month: '2026-02', delta: -50 },
      { customer_id: 3, month: '2026-02', delta: 30 },
      { customer_id: 3, month: '2026-02', delta: -30 }, // came and went within the month: no movement
      { customer_id: 2, month: '2026-03', delta: 40 },
      { customer_id: 1, month: '2026-03', delta: -10 },
    ];
    const months = monthlyMovements(changes, ['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(months).toEqual([
      { month: '2026-01', mrr: 150, new: 150, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
      { month: '2026-02', mrr: 120, new: 0, expansion: 20, contraction: 0, churn: -50, reactivation: 0 },
      { month: '2026-03', mrr: 150, new: 0, expansion: 0, contraction: -10, churn: 0, reactivation: 40 },
      { month: '2026-04', mrr: 150, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    ]);
    // The sum of all movements from an empty start is the current MRR.
    const sum = months.reduce((s, m) => s + m.new + m.expansion + m.contraction + m.churn + m.reactivation, 0);
    expect(sum).toBe(150);
  });

  test('percentages keep two decimals and say when there is no base', () => {
    expect(percentText(50_000, 1_200_000)).toBe('4.17');
    expect(percentText(-1, 3)).toBe('-33.33');
    expect(percentText(5, 0)).toBeNull();
  });
});
