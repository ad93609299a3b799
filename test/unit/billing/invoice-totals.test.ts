import { InvalidDecimalError } from '../../../service/src/domain/billing/decimal';
import {
  computeInvoiceTotals,
  DuplicateTaxGroupError,
  externalTotalsAcceptable,
  type InvoiceLineInput,
  type InvoiceTotals,
  type InvoiceTotalsInput,
  matchExternalTaxTotals,
} from '../../../service/src/domain/billing/invoice-totals';
import { CurrencyMismatchError, UnknownCurrencyError } from '../../../service/src/domain/billing/money';
import { AmountTooLargeError } from '../../../service/src/domain/billing/rounding';
import { ExemptionReasonError, UnknownTaxRateError } from '../../../service/src/domain/billing/tax-rates';

type Row = [key: string, base: number, vat: number, recargo: number];

interface Expected {
  line_bases?: number[];
  taxes: Row[];
  base: number;
  vat: number;
  recargo: number;
  irpf: number;
  total: number;
}

function summary(t: InvoiceTotals): Expected {
  return {
    line_bases: t.lines.map((l) => l.base),
    taxes: t.taxes.map((g): Row => [g.key, g.base, g.vat_amount, g.recargo_amount]),
    base: t.base_total,
    vat: t.vat_total,
    recargo: t.recargo_total,
    irpf: t.irpf_amount,
    total: t.total,
  };
}

const line = (
  quantity: string | number,
  unit_price: string | number,
  vat: InvoiceLineInput['vat'],
  extra: Partial<InvoiceLineInput> = {},
): InvoiceLineInput => ({
  description: 'Item',
  quantity,
  unit_price,
  vat,
  ...extra,
});

const eur = (lines: InvoiceLineInput[], extra: Partial<InvoiceTotalsInput> = {}): InvoiceTotalsInput => ({
  currency: 'EUR',
  lines,
  ...extra,
});

// Every expected value below is worked out by hand in the comment next to it.
const CASES: [string, InvoiceTotalsInput, Expected][] = [
  [
    '3 × 9,99 € with IVA included at 21 %: the total stays 29,97 €',
    // gross 3 × 999 = 2997; base = round(2997 / 1.21 = 2476.86) = 2477; IVA = 2997 − 2477 = 520
    // (and round(2477 × 0.21 = 520.17) = 520 agrees). Naively per unit: 9.99/1.21 = 8.26 × 3 = 24.78 → 29.98.
    eur([line(3, 999, 21)], { prices_include_tax: true }),
    { line_bases: [2477], taxes: [['vat:21|re:0', 2477, 520, 0]], base: 2477, vat: 520, recargo: 0, irpf: 0, total: 2997 },
  ],
  [
    'the same 9,99 € item on three lines, IVA included: the group base wins over per-line bases',
    // each line 999 gross, informative base round(825.62) = 826 (Σ 2478); the group ΣG = 2997 → 2477 / 520
    eur([line(1, 999, 21), line(1, 999, 21), line(1, 999, 21)], { prices_include_tax: true }),
    { line_bases: [826, 826, 826], taxes: [['vat:21|re:0', 2477, 520, 0]], base: 2477, vat: 520, recargo: 0, irpf: 0, total: 2997 },
  ],
  [
    '3 × 9,99 € with prices excluding IVA',
    // base 2997; IVA round(629.37) = 629; total 3626
    eur([line(3, 999, 21)]),
    { line_bases: [2997], taxes: [['vat:21|re:0', 2997, 629, 0]], base: 2997, vat: 629, recargo: 0, irpf: 0, total: 3626 },
  ],
  [
    'mixed rates 21 / 10 / 4 / 0 in one invoice',
    // 2 × 50,00 = 10000 → IVA 2100; 12,35 → IVA round(123.5) = 124; 3 × 1,15 = 345 → IVA round(13.8) = 14;
    // 5,00 at 0 % → 0. Bases 12080, IVA 2238, total 14318. Summary sorted 21, 10, 4, 0.
    eur([line(1, 1235, 10), line(3, 115, 4), line(2, 5000, 21), line(1, 500, 0)]),
    {
      line_bases: [1235, 345, 10000, 500],
      taxes: [
        ['vat:21|re:0', 10000, 2100, 0],
        ['vat:10|re:0', 1235, 124, 0],
        ['vat:4|re:0', 345, 14, 0],
        ['vat:0|re:0', 500, 0, 0],
      ],
      base: 12080,
      vat: 2238,
      recargo: 0,
      irpf: 0,
      total: 14318,
    },
  ],
  [
    'recargo de equivalencia and IRPF together',
    // 3 × 33,33 = 9999: IVA round(2099.79) = 2100, recargo 5.2 % round(519.948) = 520
    // 7,77: IVA round(77.7) = 78, recargo 1.4 % round(10.878) = 11
    // 1,99: IVA round(7.96) = 8, recargo 0.5 % round(0.995) = 1
    // IRPF 15 % of 10975 = 1646.25 → 1646; total 10975 + 2186 + 532 − 1646 = 12047
    eur([line(3, 3333, 21, { recargo: true }), line(1, 777, 10, { recargo: true }), line(1, 199, 4, { recargo: true })], {
      irpf_percent: 15,
    }),
    {
      taxes: [
        ['vat:21|re:520', 9999, 2100, 520],
        ['vat:10|re:140', 777, 78, 11],
        ['vat:4|re:50', 199, 8, 1],
      ],
      base: 10975,
      vat: 2186,
      recargo: 532,
      irpf: 1646,
      total: 12047,
    },
  ],
  [
    'lines with and without recargo at the same IVA rate form two groups',
    // 100,00 with recargo: IVA 2100, recargo 520; 50,00 without: IVA 1050. Recargo row first.
    eur([line(1, 5000, 21), line(1, 10000, 21, { recargo: true })]),
    {
      taxes: [
        ['vat:21|re:520', 10000, 2100, 520],
        ['vat:21|re:0', 5000, 1050, 0],
      ],
      base: 15000,
      vat: 3150,
      recargo: 520,
      irpf: 0,
      total: 18670,
    },
  ],
  [
    'discounts, rounded once per line',
    // 100,00 − 12.5 % = 8750; 3 × 19,99 = 5997 × 0.6667 = 3998.1999 → 3998; 7 × 0,99 = 693 × 0.9 = 623.7 → 624;
    // 0,05 − 50 % = 2.5 → 3; 2 × 10,00 − 100 % = 0. Base 13375; IVA round(2808.75) = 2809; total 16184.
    eur([
      line(1, 10000, 21, { discount_percent: '12.5' }),
      line(3, 1999, 21, { discount_percent: '33.33' }),
      line(7, 99, 21, { discount_percent: 10 }),
      line(1, 5, 21, { discount_percent: 50 }),
      line(2, 1000, 21, { discount_percent: 100 }),
    ]),
    {
      line_bases: [8750, 3998, 624, 3, 0],
      taxes: [['vat:21|re:0', 13375, 2809, 0]],
      base: 13375,
      vat: 2809,
      recargo: 0,
      irpf: 0,
      total: 16184,
    },
  ],
  [
    'quantities with decimals: 1.5 × 33,33 €, 2.25 h × 45,50 €, 0.3333 × 3,00 €',
    // 1.5 × 3333 = 4999.5 → 5000; 2.25 × 4550 = 10237.5 → 10238; 0.3333 × 300 = 99.99 → 100
    // 21 %: 15238 → IVA round(3199.98) = 3200; 10 %: 100 → 10. Total 15338 + 3210 = 18548.
    eur([line('1.5', 3333, 21), line('2.25', 4550, 21), line('0.3333', 300, 10)]),
    {
      line_bases: [5000, 10238, 100],
      taxes: [
        ['vat:21|re:0', 15238, 3200, 0],
        ['vat:10|re:0', 100, 10, 0],
      ],
      base: 15338,
      vat: 3210,
      recargo: 0,
      irpf: 0,
      total: 18548,
    },
  ],
  [
    'unit prices finer than a cent (0,0125 € per message)',
    // 1000 × 1.25 cents = 1250; 333 × 1.25 = 416.25 → 416; IVA on 1666 = 349.86 → 350
    eur([line(1000, '1.25', 21), line(333, '1.25', 21)]),
    { line_bases: [1250, 416], taxes: [['vat:21|re:0', 1666, 350, 0]], base: 1666, vat: 350, recargo: 0, irpf: 0, total: 2016 },
  ],
  [
    'negative lines on a rectifying invoice mirror the original exactly',
    // −1 × 100,00 = −10000 → IVA −2100; −2.5 × 10,01 = −2502.5 → −2503 (away from zero) → IVA round(−250.3) = −250
    eur([line(-1, 10000, 21), line('-2.5', 1001, 10)]),
    {
      line_bases: [-10000, -2503],
      taxes: [
        ['vat:21|re:0', -10000, -2100, 0],
        ['vat:10|re:0', -2503, -250, 0],
      ],
      base: -12503,
      vat: -2350,
      recargo: 0,
      irpf: 0,
      total: -14853,
    },
  ],
  [
    'exempt lines, one row per exemption reason, after the taxed rows',
    // 500,00 exempt E1 + 20,00 exempt E5 + 100,00 at 21 % → IVA 2100; recargo never applies to exempt lines
    eur([line(1, 50000, { exempt: 'E1' }, { recargo: true }), line(1, 10000, 21), line(1, 2000, { exempt: 'E5' })]),
    {
      taxes: [
        ['vat:21|re:0', 10000, 2100, 0],
        ['exempt:E1', 50000, 0, 0],
        ['exempt:E5', 2000, 0, 0],
      ],
      base: 62000,
      vat: 2100,
      recargo: 0,
      irpf: 0,
      total: 64100,
    },
  ],
  [
    'IRPF only on the lines subject to it',
    // fee 1000,00 (retained) + materials 200,00 (not): IVA 21 % of 120000 = 25200; IRPF 15 % of 100000 = 15000
    eur([line(1, 100000, 21), line(1, 20000, 21, { irpf: false })], { irpf_percent: '15' }),
    { taxes: [['vat:21|re:0', 120000, 25200, 0]], base: 120000, vat: 25200, recargo: 0, irpf: 15000, total: 130200 },
  ],
  [
    'IRPF 7 % for a new professional',
    // 333,33: IVA round(6999.93) = 7000; IRPF round(2333.31) = 2333; total 33333 + 7000 − 2333 = 38000
    eur([line(1, 33333, 21)], { irpf_percent: 7 }),
    { taxes: [['vat:21|re:0', 33333, 7000, 0]], base: 33333, vat: 7000, recargo: 0, irpf: 2333, total: 38000 },
  ],
  [
    'IVA included with recargo: recargo computed, IVA takes the rest',
    // 12,10 gross at 21 % + 5.2 %: base round(1210 / 1.262 = 958.80) = 959; recargo round(49.868) = 50; IVA 1210 − 959 − 50 = 201
    eur([line(1, 1210, 21, { recargo: true })], { prices_include_tax: true }),
    { taxes: [['vat:21|re:520', 959, 201, 50]], base: 959, vat: 201, recargo: 50, irpf: 0, total: 1210 },
  ],
  [
    'IVA included: when no base fits exactly, the IVA moves by a cent, never the total',
    // 0,09 gross: base round(7.44) = 7; IVA 9 − 7 = 2 although round(7 × 0.21 = 1.47) = 1
    eur([line(1, 9, 21)], { prices_include_tax: true }),
    { taxes: [['vat:21|re:0', 7, 2, 0]], base: 7, vat: 2, recargo: 0, irpf: 0, total: 9 },
  ],
  [
    'IVA included with IRPF: retention on the base inside the price',
    // 121,00 gross → base 10000, IVA 2100; IRPF 15 % → 1500; payable 12100 − 1500 = 10600
    eur([line(1, 12100, 21)], { prices_include_tax: true, irpf_percent: 15 }),
    { taxes: [['vat:21|re:0', 10000, 2100, 0]], base: 10000, vat: 2100, recargo: 0, irpf: 1500, total: 10600 },
  ],
  [
    'a currency without decimals',
    // 3 × ¥1000 = 3000 → 10 % = 300
    { currency: 'JPY', lines: [line(3, 1000, 10)] },
    { taxes: [['vat:10|re:0', 3000, 300, 0]], base: 3000, vat: 300, recargo: 0, irpf: 0, total: 3300 },
  ],
];

describe('invoice totals: per line, then per rate', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    const got = summary(computeInvoiceTotals(input));
    if (expected.line_bases === undefined) delete got.line_bases;
    expect(got).toEqual(expected);
  });

  it('500 lines: each line is rounded, taxes are computed once per rate', () => {
    // 250 lines of 0.5 × 3,33 € = 166.5 → 167 at 21 %, interleaved with 250 lines of 1.5 × 0,99 € = 148.5 → 149 at 10 %.
    // 21 %: 250 × 167 = 41750 → IVA round(8767.5) = 8768.   10 %: 250 × 149 = 37250 → IVA 3725.
    // Base 79000, IVA 12493, total 91493.
    // Rounding only the sums would give 41625 / 37125; rounding IVA per line would give 250 × 35 = 8750.
    const lines = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? line('0.5', 333, 21) : line('1.5', 99, 10)));
    const totals = computeInvoiceTotals(eur(lines));
    expect(totals.lines).toHaveLength(500);
    expect(totals.lines.every((l, i) => l.base === (i % 2 === 0 ? 167 : 149))).toBe(true);
    expect(summary(totals)).toMatchObject({
      taxes: [
        ['vat:21|re:0', 41750, 8768, 0],
        ['vat:10|re:0', 37250, 3725, 0],
      ],
      base: 79000,
      vat: 12493,
      total: 91493,
    });
    expect(totals.tax_total).toBe(12493);
  });

  it('a rectifying invoice by differences is the exact negative of the original', () => {
    const original = computeInvoiceTotals(eur([line('2.5', 1001, 10), line(3, 3333, 21, { recargo: true })], { irpf_percent: 15 }));
    const rectifying = computeInvoiceTotals(eur([line('-2.5', 1001, 10), line(-3, 3333, 21, { recargo: true })], { irpf_percent: 15 }));
    expect(rectifying.total).toBe(-original.total);
    expect(rectifying.tax_total).toBe(-original.tax_total);
    expect(rectifying.irpf_amount).toBe(-original.irpf_amount);
  });

  it('reports IVA + recargo as the tax total (VERI*FACTU CuotaTotal)', () => {
    const totals = computeInvoiceTotals(eur([line(1, 10000, 21, { recargo: true })], { irpf_percent: 15 }));
    expect(totals).toMatchObject({
      vat_total: 2100,
      recargo_total: 520,
      tax_total: 2620,
      irpf_base: 10000,
      irpf_basis_points: 1500,
      total: 11120,
    });
  });

  it('refuses what it cannot compute, with typed errors', () => {
    expect(() => computeInvoiceTotals(eur([line(1, 100, 16)]))).toThrow(UnknownTaxRateError);
    expect(() => computeInvoiceTotals(eur([line(1, 100, { exempt: '' })]))).toThrow(ExemptionReasonError);
    expect(() => computeInvoiceTotals(eur([line('1.23456', 100, 21)]))).toThrow(InvalidDecimalError);
    expect(() => computeInvoiceTotals(eur([line(1, '1.00001', 21)]))).toThrow(InvalidDecimalError);
    expect(() => computeInvoiceTotals(eur([line(1, 100, 21, { currency: 'USD' })]))).toThrow(CurrencyMismatchError);
    expect(() => computeInvoiceTotals({ currency: 'EUU', lines: [] })).toThrow(UnknownCurrencyError);
    expect(() => computeInvoiceTotals(eur([line('999999999999', '99999999999', 21)]))).toThrow(AmountTooLargeError);
  });

  it('an invoice without lines totals zero', () => {
    expect(summary(computeInvoiceTotals(eur([])))).toEqual({ line_bases: [], taxes: [], base: 0, vat: 0, recargo: 0, irpf: 0, total: 0 });
  });
});

describe('externally given per-rate totals (WooCommerce orders)', () => {
  // Lines 3 × 8,26 € at 21 %: Cuadra computes base 2478, IVA round(520.38) = 520, total 2998.
  const computed = computeInvoiceTotals(eur([line(3, 826, 21)]));

  it('takes the order figures exactly and reports the difference', () => {
    const match = matchExternalTaxTotals(computed, [{ vat: 21, base: 2477, vat_amount: 520 }]);
    expect(summary(match.totals)).toEqual({
      line_bases: [2478], // lines keep their computed amounts
      taxes: [['vat:21|re:0', 2477, 520, 0]],
      base: 2477,
      vat: 520,
      recargo: 0,
      irpf: 0,
      total: 2997,
    });
    expect(match.differences).toEqual([{ key: 'vat:21|re:0', base: -1, vat_amount: 0, recargo_amount: 0 }]);
    expect(match.largest_difference).toBe(1);
    expect(externalTotalsAcceptable(match)).toBe(true);
    expect(externalTotalsAcceptable(match, 0)).toBe(false);
  });

  it('lets the caller refuse differences larger than a cent or two per rate', () => {
    const match = matchExternalTaxTotals(computed, [{ vat: 21, base: 2470, vat_amount: 519 }]);
    expect(match.differences).toEqual([{ key: 'vat:21|re:0', base: -8, vat_amount: -1, recargo_amount: 0 }]);
    expect(match.largest_difference).toBe(8);
    expect(externalTotalsAcceptable(match, 2)).toBe(false);
  });

  it('counts a rate present on one side only as a full difference', () => {
    // The order has shipping at 10 % (5,00 + 0,50) that no line carries; and no 21 % row at all.
    const match = matchExternalTaxTotals(computed, [{ vat: '10', base: 500, vat_amount: 50 }]);
    expect(match.differences).toEqual([
      { key: 'vat:21|re:0', base: -2478, vat_amount: -520, recargo_amount: 0 },
      { key: 'vat:10|re:0', base: 500, vat_amount: 50, recargo_amount: 0 },
    ]);
    expect(match.totals.total).toBe(550);
    expect(externalTotalsAcceptable(match)).toBe(false);
  });

  it('matches recargo rows and recomputes IRPF on the external bases', () => {
    // Computed: 100,00 at 21 % + recargo, all under IRPF 15 %: 10000 / 2100 / 520, IRPF 1500.
    const withRecargo = computeInvoiceTotals(eur([line(1, 10000, 21, { recargo: true })], { irpf_percent: 15 }));
    const match = matchExternalTaxTotals(withRecargo, [{ vat: 21, recargo: true, base: 10001, vat_amount: 2100, recargo_amount: 521 }]);
    // IRPF round(10001 × 0.15 = 1500.15) = 1500; total 10001 + 2100 + 521 − 1500 = 11122
    expect(match.totals).toMatchObject({ base_total: 10001, recargo_total: 521, irpf_base: 10001, irpf_amount: 1500, total: 11122 });
    expect(match.differences).toEqual([{ key: 'vat:21|re:520', base: 1, vat_amount: 0, recargo_amount: 1 }]);
  });

  it('keeps the computed IRPF base of groups only partly subject to it', () => {
    const partly = computeInvoiceTotals(eur([line(1, 10000, 21), line(1, 5000, 21, { irpf: false })], { irpf_percent: 15 }));
    const match = matchExternalTaxTotals(partly, [{ vat: 21, base: 15001, vat_amount: 3150 }]);
    expect(match.totals).toMatchObject({ irpf_base: 10000, irpf_amount: 1500, total: 15001 + 3150 - 1500 });
  });

  it('refuses duplicated or malformed external rows', () => {
    expect(() =>
      matchExternalTaxTotals(computed, [
        { vat: 21, base: 1, vat_amount: 0 },
        { vat: '21.00', base: 1, vat_amount: 0 },
      ]),
    ).toThrow(DuplicateTaxGroupError);
    expect(() => matchExternalTaxTotals(computed, [{ vat: 21, base: 24.77, vat_amount: 520 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_AMOUNT' }),
    );
    expect(() => matchExternalTaxTotals(computed, [{ vat: 21, base: 2477, vat_amount: 520, recargo_amount: 5 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_AMOUNT' }),
    );
    expect(() => matchExternalTaxTotals(computed, [{ vat: 16, base: 2477, vat_amount: 520 }])).toThrow(UnknownTaxRateError);
  });
});
