import {
  ExemptionReasonError,
  exemptionMention,
  InvalidPercentError,
  parseIrpfPercent,
  parsePercent,
  parseVat,
  recargoBasisPoints,
  UnknownTaxRateError,
  vatBasisPoints,
} from '../../../service/src/domain/billing/tax-rates';

describe('IVA rates', () => {
  it.each([
    [21, 21],
    ['21', 21],
    ['21.00', 21],
    [10, 10],
    ['4', 4],
    [0, 0],
  ])('accepts %j as %i %', (input, rate) => {
    expect(parseVat(input)).toEqual({ kind: 'rate', rate });
  });

  it.each([[5], ['5'], [16], [7], [21.5], ['21%'], ['veintiuno'], [-21], [''], ['1e1']])('refuses %j', (input) => {
    expect(() => parseVat(input)).toThrow(UnknownTaxRateError);
  });

  it('accepts exemptions with a CausaExencion E1–E6 and nothing else', () => {
    expect(parseVat({ exempt: 'E1' })).toEqual({ kind: 'exempt', reason: 'E1' });
    expect(parseVat({ exempt: 'E6' })).toEqual({ kind: 'exempt', reason: 'E6' });
    expect(() => parseVat({ exempt: '' })).toThrow(expect.objectContaining({ code: 'EXEMPT_WITHOUT_REASON' }));
    expect(() => parseVat({ exempt: null })).toThrow(ExemptionReasonError);
    expect(() => parseVat({ exempt: undefined })).toThrow(expect.objectContaining({ code: 'EXEMPT_WITHOUT_REASON' }));
    expect(() => parseVat({ exempt: 'E7' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_EXEMPTION_REASON' }));
    expect(() => parseVat({ exempt: 'toString' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_EXEMPTION_REASON' }));
    expect(exemptionMention('E1')).toBe('Exenta por el artículo 20 de la Ley del IVA');
  });

  it('keeps rates as basis points', () => {
    expect(vatBasisPoints({ kind: 'rate', rate: 21 })).toBe(2100);
    expect(vatBasisPoints({ kind: 'rate', rate: 4 })).toBe(400);
    expect(vatBasisPoints({ kind: 'exempt', reason: 'E2' })).toBe(0);
  });
});

describe('recargo de equivalencia follows the IVA rate', () => {
  it.each([
    [21, 520], // 5.2 %
    [10, 140], // 1.4 %
    [4, 50], // 0.5 %
    [0, 0],
  ] as const)('IVA %i % → recargo %i bp', (rate, bp) => {
    expect(recargoBasisPoints({ kind: 'rate', rate }, true)).toBe(bp);
    expect(recargoBasisPoints({ kind: 'rate', rate }, false)).toBe(0);
  });

  it('exempt lines carry no recargo', () => {
    expect(recargoBasisPoints({ kind: 'exempt', reason: 'E1' }, true)).toBe(0);
  });
});

describe('percentages (discounts, IRPF)', () => {
  it.each([
    [15, 1500],
    ['7', 700],
    ['19', 1900],
    [1, 100],
    ['2', 200],
    ['12.5', 1250],
    [33.33, 3333],
    ['0', 0],
    ['100', 10000],
    ['100.00', 10000],
  ])('%j → %i bp', (input, bp) => {
    expect(parsePercent(input)).toBe(bp);
    expect(parseIrpfPercent(input)).toBe(bp);
  });

  it.each([['100.01'], [-1], ['15.005'], ['15,5'], [NaN], ['']])('refuses %j', (input) => {
    expect(() => parseIrpfPercent(input)).toThrow(InvalidPercentError);
  });
});
