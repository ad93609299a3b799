import type { InvoiceLineInput } from '../../../service/src/domain/billing/invoice-totals';
import {
  assertEditable,
  assertTransition,
  canTransition,
  INVOICE_STATUSES,
  type InvoiceDraft,
  InvoiceImmutableError,
  type InvoiceStatus,
  InvalidTransitionError,
  isEditable,
  validateInvoiceDraft,
} from '../../../service/src/domain/billing/invoice-rules';

const item = (extra: Partial<InvoiceLineInput> = {}): InvoiceLineInput => ({
  description: 'Consultoría',
  quantity: 1,
  unit_price: 10000,
  vat: 21,
  ...extra,
});

const recipient = {
  legal_name: 'Cliente SL',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  country_code: 'ES',
};

const full = (extra: Partial<InvoiceDraft> = {}): InvoiceDraft => ({ kind: 'F1', currency: 'EUR', recipient, lines: [item()], ...extra });

const rectifying = (extra: Partial<InvoiceDraft> = {}): InvoiceDraft =>
  full({
    kind: 'R1',
    rectification: { method: 'differences', original: { invoice_number: 'F2026-0001', issue_date: '2026-01-15', kind: 'F1' } },
    lines: [item({ quantity: -1 })],
    ...extra,
  });

const codes = (draft: InvoiceDraft) => validateInvoiceDraft(draft).map((p) => [p.property, p.code]);

describe('validating a draft before issuing', () => {
  it('accepts a complete full invoice, a simplified one without recipient, and rectifying ones', () => {
    expect(validateInvoiceDraft(full())).toEqual([]);
    expect(validateInvoiceDraft(full({ kind: 'F2', recipient: null }))).toEqual([]);
    expect(validateInvoiceDraft(rectifying())).toEqual([]);
    expect(
      validateInvoiceDraft(
        full({
          kind: 'R5',
          recipient: null,
          lines: [item({ quantity: '-0.5' })],
          rectification: { method: 'substitution', original: { invoice_number: 'T2026-0009', issue_date: '2026-02-28', kind: 'F2' } },
        }),
      ),
    ).toEqual([]);
  });

  it('every problem names its field', () => {
    const problems = validateInvoiceDraft(full({ lines: [item(), item(), item({ quantity: -2 })] }));
    expect(problems).toEqual([
      { property: 'lines.2.quantity', code: 'NEGATIVE_QUANTITY', message: 'Negative quantities are only allowed on rectifying invoices.' },
    ]);
  });

  it.each<[string, InvoiceDraft, [string, string][]]>([
    ['no lines', full({ lines: [] }), [['lines', 'NO_LINES']]],
    ['a negative quantity on a full invoice', full({ lines: [item({ quantity: -1 })] }), [['lines.0.quantity', 'NEGATIVE_QUANTITY']]],
    [
      'a negative quantity on a simplified invoice',
      full({ kind: 'F2', lines: [item(), item({ quantity: '-0.01' })] }),
      [['lines.1.quantity', 'NEGATIVE_QUANTITY']],
    ],
    [
      'a negative price outside rectifying invoices',
      full({ lines: [item({ unit_price: -500 })] }),
      [['lines.0.unit_price', 'NEGATIVE_UNIT_PRICE']],
    ],
    ['a quantity with 5 decimals', full({ lines: [item({ quantity: '1.00001' })] }), [['lines.0.quantity', 'INVALID_QUANTITY']]],
    ['a quantity in Spanish notation', full({ lines: [item({ quantity: '1,5' })] }), [['lines.0.quantity', 'INVALID_QUANTITY']]],
    ['a price that is not a number', full({ lines: [item({ unit_price: 'diez' })] }), [['lines.0.unit_price', 'INVALID_UNIT_PRICE']]],
    ['a discount above 100 %', full({ lines: [item({ discount_percent: 101 })] }), [['lines.0.discount_percent', 'INVALID_DISCOUNT']]],
    ['a blank description', full({ lines: [item({ description: '  ' })] }), [['lines.0.description', 'MISSING_DESCRIPTION']]],
    ['an unknown tax rate', full({ lines: [item(), item({ vat: 16 })] }), [['lines.1.vat', 'UNKNOWN_TAX_RATE']]],
    ['the temporary 5 % rate', full({ lines: [item({ vat: '5' })] }), [['lines.0.vat', 'UNKNOWN_TAX_RATE']]],
    ['exempt without reason', full({ lines: [item({ vat: { exempt: null } })] }), [['lines.0.vat.exempt', 'EXEMPT_WITHOUT_REASON']]],
    [
      'exempt with an unknown reason',
      full({ lines: [item({ vat: { exempt: 'E9' } })] }),
      [['lines.0.vat.exempt', 'UNKNOWN_EXEMPTION_REASON']],
    ],
    ['a line in another currency', full({ lines: [item({ currency: 'USD' })] }), [['lines.0.currency', 'CURRENCY_MISMATCH']]],
    ['an unknown invoice currency', full({ currency: 'EURO' }), [['currency', 'UNKNOWN_CURRENCY']]],
    ['an IRPF above 100 %', full({ irpf_percent: '150' }), [['irpf_percent', 'INVALID_IRPF_PERCENT']]],
    [
      'a full invoice without recipient',
      full({ recipient: null }),
      [
        ['recipient.legal_name', 'MISSING_RECIPIENT_NAME'],
        ['recipient.tax_id', 'MISSING_RECIPIENT_TAX_ID'],
        ['recipient.address_line', 'MISSING_RECIPIENT_ADDRESS'],
      ],
    ],
    [
      'a full invoice without the recipient tax ID',
      full({ recipient: { ...recipient, tax_id: '' } }),
      [['recipient.tax_id', 'MISSING_RECIPIENT_TAX_ID']],
    ],
    [
      'a full invoice without address',
      full({ recipient: { ...recipient, address_line: null } }),
      [['recipient.address_line', 'MISSING_RECIPIENT_ADDRESS']],
    ],
    [
      'a recipient tax ID with a wrong check character',
      full({ recipient: { ...recipient, tax_id: 'B12345675' } }),
      [['recipient.tax_id', 'INVALID_TAX_ID']],
    ],
    [
      'a rectifying R2 without recipient',
      rectifying({ kind: 'R2', recipient: {} }),
      [
        ['recipient.legal_name', 'MISSING_RECIPIENT_NAME'],
        ['recipient.tax_id', 'MISSING_RECIPIENT_TAX_ID'],
        ['recipient.address_line', 'MISSING_RECIPIENT_ADDRESS'],
      ],
    ],
    [
      'a rectifying invoice without the original',
      rectifying({ rectification: { method: 'differences' } }),
      [['rectification.original', 'MISSING_RECTIFIED_INVOICE']],
    ],
    [
      'a rectifying invoice without any rectification data',
      rectifying({ rectification: null }),
      [
        ['rectification.method', 'MISSING_RECTIFICATION_METHOD'],
        ['rectification.original', 'MISSING_RECTIFIED_INVOICE'],
      ],
    ],
    [
      'a rectifying invoice with an incomplete reference',
      rectifying({ rectification: { method: 'substitution', original: { invoice_number: ' ', issue_date: '2026-02-30' } } }),
      [
        ['rectification.original.invoice_number', 'MISSING_RECTIFIED_INVOICE'],
        ['rectification.original.issue_date', 'INVALID_DATE'],
      ],
    ],
    [
      'an unknown rectification method',
      rectifying({ rectification: { method: 'replace' as 'substitution', original: { invoice_number: 'F1', issue_date: '2026-01-01' } } }),
      [['rectification.method', 'UNKNOWN_RECTIFICATION_METHOD']],
    ],
    [
      'R5 for a full invoice',
      full({
        kind: 'R5',
        recipient: null,
        rectification: { method: 'differences', original: { invoice_number: 'F2026-1', issue_date: '2026-01-01', kind: 'F1' } },
      }),
      [['rectification.original.kind', 'RECTIFIED_KIND_MISMATCH']],
    ],
    [
      'R1 for a simplified invoice',
      rectifying({
        rectification: { method: 'differences', original: { invoice_number: 'T2026-1', issue_date: '2026-01-01', kind: 'F2' } },
      }),
      [['rectification.original.kind', 'RECTIFIED_KIND_MISMATCH']],
    ],
    [
      'a full invoice that claims to rectify',
      full({ rectification: { method: 'differences', original: { invoice_number: 'F2026-1', issue_date: '2026-01-01' } } }),
      [['rectification', 'RECTIFICATION_NOT_ALLOWED']],
    ],
    ['an unknown kind', full({ kind: 'F3' as 'F1' }), [['kind', 'UNKNOWN_INVOICE_KIND']]],
  ])('refuses %s', (_name, draft, expected) => {
    expect(codes(draft)).toEqual(expected);
  });

  it('collects every problem at once', () => {
    expect(
      codes(full({ recipient: { ...recipient, legal_name: '' }, lines: [item({ quantity: -1, vat: 7 }), item({ currency: 'GBP' })] })),
    ).toEqual([
      ['lines.0.quantity', 'NEGATIVE_QUANTITY'],
      ['lines.0.vat', 'UNKNOWN_TAX_RATE'],
      ['lines.1.currency', 'CURRENCY_MISMATCH'],
      ['recipient.legal_name', 'MISSING_RECIPIENT_NAME'],
    ]);
  });

  it('accepts foreign recipients whose tax ID cannot be checked here', () => {
    expect(validateInvoiceDraft(full({ recipient: { ...recipient, tax_id: 'FR40303265045', country_code: 'FR' } }))).toEqual([]);
    expect(validateInvoiceDraft(full({ recipient: { ...recipient, tax_id: 'P1234567', country_code: 'US' } }))).toEqual([]);
  });
});

describe('simplified invoice limits', () => {
  const at = (unitPrice: number, extended = false) =>
    full({ kind: 'F2', recipient: null, simplified_limit_extended: extended, lines: [item({ unit_price: unitPrice })] });

  it('allows up to 400 € including IVA', () => {
    // 330,58 € → IVA round(6942.18) = 6942 → 400,00 € exactly
    expect(validateInvoiceDraft(at(33058))).toEqual([]);
    // 330,59 € → IVA round(6942.39) = 6942 → 400,01 €
    expect(codes(at(33059))).toEqual([['kind', 'SIMPLIFIED_OVER_LIMIT']]);
  });

  it('allows up to 3,000 € where the sector permits it', () => {
    // 2479,34 € → IVA round(52066.14) = 52066 → 3000,00 €; 2479,35 € → round(52066.35) = 52066 → 3000,01 €
    expect(validateInvoiceDraft(at(247934, true))).toEqual([]);
    expect(validateInvoiceDraft(at(247935, true))[0]).toMatchObject({
      property: 'kind',
      code: 'SIMPLIFIED_OVER_LIMIT',
      message: 'A simplified invoice can total at most 3000.00 € including taxes; issue a full invoice.',
    });
  });

  it('counts IVA and recargo but not the IRPF retention', () => {
    // 317,00 € + 21 % (6657) + 5.2 % (1648.4 → 1648) = 40005 → over, even if IRPF 15 % brings the payable below 400 €
    expect(codes(full({ kind: 'F2', recipient: null, irpf_percent: 15, lines: [item({ unit_price: 31700, recargo: true })] }))).toEqual([
      ['kind', 'SIMPLIFIED_OVER_LIMIT'],
    ]);
  });
});

describe('amount and VERI*FACTU limits', () => {
  it('refuses more tax groups than the Desglose holds', () => {
    const lines: InvoiceLineInput[] = [21, 10, 4, 0].flatMap((vat) => [item({ vat }), item({ vat, recargo: true })]);
    lines.push(...(['E1', 'E2', 'E3', 'E4', 'E5'] as const).map((reason) => item({ vat: { exempt: reason } })));
    // 4 rates × 2 recargo variants, but 0 % with recargo is the same group as 0 % without: 7 + 5 exempt = 12
    expect(validateInvoiceDraft(full({ lines }))).toEqual([]);
    lines.push(item({ vat: { exempt: 'E6' } }));
    expect(codes(full({ lines }))).toEqual([['lines', 'TOO_MANY_TAX_GROUPS']]);
  });

  it('refuses amounts beyond 12 integer digits', () => {
    expect(codes(full({ lines: [item({ quantity: 1000, unit_price: 100_000_000_000 })] }))).toEqual([['lines', 'AMOUNT_TOO_LARGE']]);
    expect(codes(full({ lines: [item({ quantity: '99999999999999', unit_price: '99999999999999' })] }))).toEqual([
      ['lines', 'AMOUNT_TOO_LARGE'],
    ]);
  });
});

describe('status life cycle', () => {
  const allowed: [InvoiceStatus, InvoiceStatus][] = [
    ['draft', 'issued'],
    ['issued', 'paid'],
    ['issued', 'rectified'],
    ['issued', 'cancelled'],
    ['paid', 'rectified'],
  ];

  it.each(INVOICE_STATUSES.flatMap((from) => INVOICE_STATUSES.map((to) => [from, to] as [InvoiceStatus, InvoiceStatus])))(
    '%s → %s',
    (from, to) => {
      const expected = allowed.some(([f, t]) => f === from && t === to);
      expect(canTransition(from, to)).toBe(expected);
      if (expected) expect(() => assertTransition(from, to)).not.toThrow();
      else expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
    },
  );

  it('only drafts are editable; issued invoices are immutable', () => {
    expect(isEditable('draft')).toBe(true);
    expect(() => assertEditable('draft')).not.toThrow();
    for (const status of ['issued', 'paid', 'rectified', 'cancelled'] as const) {
      expect(isEditable(status)).toBe(false);
      expect(() => assertEditable(status)).toThrow(InvoiceImmutableError);
    }
    expect(() => assertEditable('issued')).toThrow(expect.objectContaining({ code: 'INVOICE_IMMUTABLE' }));
  });
});
