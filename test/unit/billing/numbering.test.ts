import {
  formatInvoiceNumber,
  type InvoiceSeries,
  InvalidInvoiceNumberError,
  nextNumberKey,
  seriesAccepts,
  seriesKindFor,
  validateSeries,
} from '../../../service/src/domain/billing/numbering';

const series = (extra: Partial<InvoiceSeries> = {}): InvoiceSeries => ({
  code: 'F',
  prefix: 'F{YYYY}-',
  reset: 'yearly',
  padding: 4,
  kind: 'ordinary',
  ...extra,
});

describe('invoice numbers', () => {
  it.each([
    [series(), 2026, 1, 'F2026-0001'],
    [series(), 2026, 42, 'F2026-0042'],
    [series(), 2026, 9999, 'F2026-9999'],
    [series(), 2026, 12345, 'F2026-12345'], // grows past the padding, never truncates
    [series({ prefix: 'R{YYYY}/', padding: 6 }), 2027, 7, 'R2027/000007'],
    [series({ prefix: 'T{YY}-' }), 2026, 3, 'T26-0003'],
    [series({ prefix: 'T{YY}-' }), 2005, 3, 'T05-0003'],
    [series({ prefix: '', padding: 1, reset: 'never' }), 2026, 15, '15'],
    [series({ prefix: 'FAC-', reset: 'never' }), 2030, 123, 'FAC-0123'],
    [series({ prefix: '{YYYY}.{YY}.' }), 2026, 1, '2026.26.0001'],
  ])('%j in %i, number %i → %s', (s, year, n, expected) => {
    expect(formatInvoiceNumber(s, year, n)).toBe(expected);
  });

  it('refuses numbers that cannot exist', () => {
    expect(() => formatInvoiceNumber(series(), 2026, 0)).toThrow(InvalidInvoiceNumberError);
    expect(() => formatInvoiceNumber(series(), 2026, 1.5)).toThrow(InvalidInvoiceNumberError);
    expect(() => formatInvoiceNumber(series(), 26, 1)).toThrow(InvalidInvoiceNumberError);
    expect(formatInvoiceNumber(series({ prefix: 'X'.repeat(56) }), 2026, 1)).toHaveLength(60); // VERI*FACTU's maximum
    expect(() => formatInvoiceNumber(series({ prefix: 'X'.repeat(57) }), 2026, 1)).toThrow(InvalidInvoiceNumberError); // 61
    expect(() => formatInvoiceNumber(series({ prefix: 'Fª-' }), 2026, 1)).toThrow(InvalidInvoiceNumberError);
  });
});

describe('which counter a number comes from', () => {
  it('yearly series count per year of the issue date', () => {
    expect(nextNumberKey(series(), '2026-12-31')).toEqual({ series_code: 'F', year: 2026 });
    expect(nextNumberKey(series(), '2027-01-01')).toEqual({ series_code: 'F', year: 2027 });
  });

  it('series that never reset use one counter (year 0)', () => {
    expect(nextNumberKey(series({ reset: 'never', prefix: 'FAC-' }), '2026-06-01')).toEqual({ series_code: 'F', year: 0 });
    expect(nextNumberKey(series({ reset: 'never', prefix: 'FAC-' }), '2031-06-01')).toEqual({ series_code: 'F', year: 0 });
  });

  it('refuses issue dates that are not YYYY-MM-DD', () => {
    expect(() => nextNumberKey(series(), '01/06/2026')).toThrow(InvalidInvoiceNumberError);
  });
});

describe('series kinds', () => {
  it.each([
    ['F1', 'ordinary'],
    ['F2', 'simplified'],
    ['R1', 'rectifying'],
    ['R4', 'rectifying'],
    ['R5', 'rectifying'],
  ] as const)('%s is numbered in a %s series', (kind, seriesKind) => {
    expect(seriesKindFor(kind)).toBe(seriesKind);
    expect(seriesAccepts({ kind: seriesKind }, kind)).toBe(true);
  });

  it('rectifying invoices never share a series with ordinary ones', () => {
    expect(seriesAccepts({ kind: 'ordinary' }, 'R1')).toBe(false);
    expect(seriesAccepts({ kind: 'rectifying' }, 'F1')).toBe(false);
    expect(seriesAccepts({ kind: 'ordinary' }, 'F2')).toBe(false);
  });
});

describe('validating a series definition', () => {
  it('accepts usual series', () => {
    expect(validateSeries(series())).toEqual([]);
    expect(validateSeries(series({ code: 'R', prefix: 'R{YY}/', kind: 'rectifying', padding: 6 }))).toEqual([]);
    expect(validateSeries(series({ code: 'tickets_2', prefix: 'T-', reset: 'never', kind: 'simplified', padding: 8 }))).toEqual([]);
  });

  it.each<[string, Partial<InvoiceSeries>, [string, string][]]>([
    ['an empty code', { code: '' }, [['code', 'INVALID_SERIES_CODE']]],
    ['a code with spaces', { code: 'F 1' }, [['code', 'INVALID_SERIES_CODE']]],
    ['accents in the prefix', { prefix: 'Fáct{YYYY}-' }, [['prefix', 'INVALID_SERIES_PREFIX']]],
    ['a tab in the prefix', { prefix: 'F\t{YYYY}' }, [['prefix', 'INVALID_SERIES_PREFIX']]],
    ['a leading space', { prefix: ' F{YYYY}-' }, [['prefix', 'INVALID_SERIES_PREFIX']]],
    ['an unknown placeholder', { prefix: 'F{MM}{YYYY}-' }, [['prefix', 'INVALID_SERIES_PREFIX']]],
    ['a prefix too long for 60 characters', { prefix: `${'F'.repeat(53)}{YYYY}-` }, [['prefix', 'INVOICE_NUMBER_TOO_LONG']]],
    ['a yearly reset without the year in the number', { prefix: 'F-' }, [['prefix', 'YEARLY_RESET_WITHOUT_YEAR']]],
    ['zero padding', { padding: 0 }, [['padding', 'INVALID_SERIES_PADDING']]],
    ['fractional padding', { padding: 2.5 }, [['padding', 'INVALID_SERIES_PADDING']]],
    ['an unknown reset', { reset: 'monthly' as 'yearly' }, [['reset', 'INVALID_SERIES_RESET']]],
    ['an unknown kind', { kind: 'proforma' as 'ordinary' }, [['kind', 'INVALID_SERIES_KIND']]],
  ])('refuses %s', (_name, extra, expected) => {
    expect(validateSeries(series(extra)).map((p) => [p.property, p.code])).toEqual(expected);
  });

  it('the longest allowed prefix still fits', () => {
    // 52 F + "2026" + "-" = 57 characters + padding 3 = 60
    expect(validateSeries(series({ prefix: `${'F'.repeat(52)}{YYYY}-`, padding: 3 }))).toEqual([]);
  });
});
