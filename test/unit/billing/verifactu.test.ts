import { computeInvoiceTotals } from '../../../service/src/domain/billing/invoice-totals';
import { CurrencyMismatchError } from '../../../service/src/domain/billing/money';
import {
  buildCancellationRecord,
  buildRegistrationRecord,
  cancellationFingerprint,
  type CancellationFields,
  type ChainRecord,
  formatVerifactuAmount,
  formatVerifactuDate,
  formatVerifactuTimestamp,
  registrationFingerprint,
  type RegistrationFields,
  verifactuAmounts,
  verifyChain,
  VerifactuFormatError,
} from '../../../service/src/domain/billing/verifactu';

// The three official vectors of AEAT's fingerprint specification (billing.md).
const VECTOR_1: RegistrationFields = {
  IDEmisorFactura: '89890001K',
  NumSerieFactura: '12345678/G33',
  FechaExpedicionFactura: '01-01-2024',
  TipoFactura: 'F1',
  CuotaTotal: '12.35',
  ImporteTotal: '123.45',
  Huella: '',
  FechaHoraHusoGenRegistro: '2024-01-01T19:20:30+01:00',
};
const HUELLA_1 = '3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60';

const VECTOR_2: RegistrationFields = {
  ...VECTOR_1,
  NumSerieFactura: '12345679/G34',
  Huella: HUELLA_1,
  FechaHoraHusoGenRegistro: '2024-01-01T19:20:35+01:00',
};
const HUELLA_2 = 'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97';

const VECTOR_3: CancellationFields = {
  IDEmisorFacturaAnulada: '89890001K',
  NumSerieFacturaAnulada: '12345679/G34',
  FechaExpedicionFacturaAnulada: '01-01-2024',
  Huella: HUELLA_2,
  FechaHoraHusoGenRegistro: '2024-01-01T19:20:40+01:00',
};
const HUELLA_3 = '177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('VERI*FACTU fingerprints: the official vectors', () => {
  it('vector 1: first registration record of the chain', () => {
    expect(registrationFingerprint(VECTOR_1)).toBe(HUELLA_1);
  });

  it('vector 2: registration chained to vector 1', () => {
    expect(registrationFingerprint(VECTOR_2)).toBe(HUELLA_2);
  });

  it('vector 3: cancellation chained to vector 2', () => {
    expect(cancellationFingerprint(VECTOR_3)).toBe(HUELLA_3);
  });

  it('builds the same records from invoice data, an instant and the Madrid zone', () => {
    const first = buildRegistrationRecord({
      issuer_tax_id: '89890001K',
      invoice_number: '12345678/G33',
      issue_date: '2024-01-01',
      invoice_kind: 'F1',
      total_tax: eur(1235),
      total_amount: eur(12345),
      previous_fingerprint: null,
      generated_at: new Date('2024-01-01T18:20:30.999Z'), // milliseconds are dropped, not rounded
    });
    expect(first).toEqual({ type: 'registration', fields: VECTOR_1, fingerprint: HUELLA_1 });

    const second = buildRegistrationRecord({
      issuer_tax_id: '89890001K',
      invoice_number: '12345679/G34',
      issue_date: '2024-01-01',
      invoice_kind: 'F1',
      total_tax: eur(1235),
      total_amount: eur(12345),
      previous_fingerprint: first.fingerprint,
      generated_at: new Date('2024-01-01T18:20:35Z'),
      timezone: 'Europe/Madrid',
    });
    expect(second.fingerprint).toBe(HUELLA_2);

    const cancellation = buildCancellationRecord({
      issuer_tax_id: '89890001K',
      invoice_number: '12345679/G34',
      issue_date: '2024-01-01',
      previous_fingerprint: second.fingerprint,
      generated_at: new Date('2024-01-01T18:20:40Z'),
    });
    expect(cancellation).toEqual({ type: 'cancellation', fields: VECTOR_3, fingerprint: HUELLA_3 });
  });

  it('trims values before hashing', () => {
    expect(registrationFingerprint({ ...VECTOR_1, IDEmisorFactura: ' 89890001K ', CuotaTotal: '12.35 ' })).toBe(HUELLA_1);
    expect(cancellationFingerprint({ ...VECTOR_3, NumSerieFacturaAnulada: '\t12345679/G34' })).toBe(HUELLA_3);
  });

  it('changes with any hashed character, including the amount format', () => {
    expect(registrationFingerprint({ ...VECTOR_1, ImporteTotal: '123.450' })).not.toBe(HUELLA_1);
    expect(registrationFingerprint({ ...VECTOR_1, TipoFactura: 'F2' })).not.toBe(HUELLA_1);
    expect(registrationFingerprint({ ...VECTOR_1, FechaHoraHusoGenRegistro: '2024-01-01T19:20:30+02:00' })).not.toBe(HUELLA_1);
  });
});

describe('VERI*FACTU wire formats', () => {
  it.each([
    [1235, '12.35'],
    [12345, '123.45'],
    [10000, '100.00'], // whole amounts keep two decimals
    [24140, '241.40'],
    [-1235, '-12.35'], // rectifying invoices by differences
    [-5, '-0.05'],
    [0, '0.00'],
    [12_345_678_901_234, '123456789012.34'], // 12 integer digits, the XSD maximum
  ])('amount %i cents → %s', (cents, text) => {
    expect(formatVerifactuAmount(eur(cents))).toBe(text);
  });

  it('refuses amounts VERI*FACTU cannot carry', () => {
    expect(() => formatVerifactuAmount({ amount: 100, currency: 'USD' })).toThrow(CurrencyMismatchError);
    expect(() => formatVerifactuAmount(eur(10 ** 14))).toThrow(VerifactuFormatError);
    expect(() => formatVerifactuAmount(eur(12.5))).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
  });

  it.each([
    ['2024-01-01', '01-01-2024'],
    ['2026-12-31', '31-12-2026'],
    ['2024-02-29', '29-02-2024'],
  ])('date %s → %s', (iso, text) => {
    expect(formatVerifactuDate(iso)).toBe(text);
  });

  it.each([['2023-02-29'], ['2024-13-01'], ['01-01-2024'], ['2024-1-1'], ['']])('refuses the date %j', (iso) => {
    expect(() => formatVerifactuDate(iso)).toThrow(VerifactuFormatError);
  });

  it.each([
    ['2024-01-01T18:20:30Z', 'Europe/Madrid', '2024-01-01T19:20:30+01:00'], // winter, CET
    ['2024-07-01T10:00:00Z', 'Europe/Madrid', '2024-07-01T12:00:00+02:00'], // summer, CEST
    ['2024-03-31T00:59:59Z', 'Europe/Madrid', '2024-03-31T01:59:59+01:00'], // last second before the spring change
    ['2024-03-31T01:00:00Z', 'Europe/Madrid', '2024-03-31T03:00:00+02:00'], // first second after it
    ['2024-10-27T00:30:00Z', 'Europe/Madrid', '2024-10-27T02:30:00+02:00'], // the repeated hour, first time
    ['2024-10-27T01:30:00Z', 'Europe/Madrid', '2024-10-27T02:30:00+01:00'], // the repeated hour, second time
    ['2024-12-31T23:30:00Z', 'Europe/Madrid', '2025-01-01T00:30:00+01:00'], // the local day is already the next year
    ['2024-01-01T18:20:30Z', 'Atlantic/Canary', '2024-01-01T18:20:30+00:00'], // "+00:00", never "Z"
    ['2024-01-01T18:20:30.500Z', 'Europe/Madrid', '2024-01-01T19:20:30+01:00'],
  ])('instant %s in %s → %s', (instant, zone, text) => {
    expect(formatVerifactuTimestamp(new Date(instant), zone)).toBe(text);
  });

  it('refuses unknown zones, invalid instants and malformed inputs', () => {
    expect(() => formatVerifactuTimestamp(new Date('2024-01-01T00:00:00Z'), 'Europe/Atlantis')).toThrow(VerifactuFormatError);
    expect(() => formatVerifactuTimestamp(new Date('not a date'))).toThrow(VerifactuFormatError);
    const base = {
      issuer_tax_id: '89890001K',
      invoice_number: 'F2026-0001',
      issue_date: '2026-01-02',
      invoice_kind: 'F1' as const,
      total_tax: eur(2100),
      total_amount: eur(12100),
      previous_fingerprint: null,
      generated_at: new Date('2026-01-02T09:00:00Z'),
    };
    expect(() => buildRegistrationRecord({ ...base, previous_fingerprint: HUELLA_1.toLowerCase() })).toThrow(VerifactuFormatError);
    expect(() => buildRegistrationRecord({ ...base, invoice_number: 'F2026-0001 ' })).toThrow(VerifactuFormatError);
    expect(() => buildRegistrationRecord({ ...base, invoice_number: 'Fª2026-1' })).toThrow(VerifactuFormatError);
    expect(() => buildRegistrationRecord({ ...base, invoice_number: 'F'.repeat(61) })).toThrow(VerifactuFormatError);
    expect(buildRegistrationRecord({ ...base, total_amount: eur(-12100), total_tax: eur(-2100), invoice_kind: 'R1' }).fields).toMatchObject(
      {
        TipoFactura: 'R1',
        CuotaTotal: '-21.00',
        ImporteTotal: '-121.00',
        FechaExpedicionFactura: '02-01-2026',
        FechaHoraHusoGenRegistro: '2026-01-02T10:00:00+01:00',
      },
    );
  });
});

describe('record amounts from invoice totals', () => {
  it('CuotaTotal is IVA + recargo; ImporteTotal is bases + taxes, before the IRPF retention', () => {
    // 100,00 at 21 % with recargo, IRPF 15 %: IVA 21,00 + recargo 5,20 = 26,20; ImporteTotal 126,20 (payable 111,20)
    const totals = computeInvoiceTotals({
      currency: 'EUR',
      irpf_percent: 15,
      lines: [{ description: 'Stock', quantity: 1, unit_price: 10000, vat: 21, recargo: true }],
    });
    const amounts = verifactuAmounts(totals);
    expect(amounts).toEqual({ total_tax: eur(2620), total_amount: eur(12620) });
    expect(formatVerifactuAmount(amounts.total_amount)).toBe('126.20');
    expect(totals.total).toBe(11120);
  });
});

describe('verifying the chain', () => {
  const chain = (): ChainRecord[] => [
    { type: 'registration', fields: { ...VECTOR_1 }, fingerprint: HUELLA_1 },
    { type: 'registration', fields: { ...VECTOR_2 }, fingerprint: HUELLA_2 },
    { type: 'cancellation', fields: { ...VECTOR_3 }, fingerprint: HUELLA_3 },
  ];

  it('a chain of three records (two registrations and a cancellation) is intact', () => {
    expect(verifyChain(chain())).toEqual({ intact: true });
  });

  it('an empty chain is intact', () => {
    expect(verifyChain([])).toEqual({ intact: true });
  });

  it('finds an amount edited after the fact', () => {
    const tampered = chain();
    tampered[1] = { type: 'registration', fields: { ...VECTOR_2, ImporteTotal: '23.45' }, fingerprint: HUELLA_2 };
    expect(verifyChain(tampered)).toEqual({ intact: false, first_broken_index: 1, reason: 'fingerprint_mismatch' });
  });

  it('finds a record whose fingerprint was recomputed after editing: the next link breaks', () => {
    const tampered = chain();
    const edited: RegistrationFields = { ...VECTOR_1, CuotaTotal: '2.35' };
    tampered[0] = { type: 'registration', fields: edited, fingerprint: registrationFingerprint(edited) };
    expect(verifyChain(tampered)).toEqual({ intact: false, first_broken_index: 1, reason: 'previous_fingerprint_mismatch' });
  });

  it('finds a deleted record', () => {
    const [first, , third] = chain();
    expect(verifyChain([first!, third!])).toEqual({ intact: false, first_broken_index: 1, reason: 'previous_fingerprint_mismatch' });
  });

  it('finds swapped records', () => {
    const [first, second, third] = chain();
    expect(verifyChain([second!, first!, third!])).toEqual({
      intact: false,
      first_broken_index: 0,
      reason: 'previous_fingerprint_mismatch',
    });
  });

  it('finds a record of another issuer in the chain', () => {
    const tampered = chain();
    const foreign: CancellationFields = { ...VECTOR_3, IDEmisorFacturaAnulada: 'B12345674' };
    tampered[2] = { type: 'cancellation', fields: foreign, fingerprint: cancellationFingerprint(foreign) };
    expect(verifyChain(tampered)).toEqual({ intact: false, first_broken_index: 2, reason: 'issuer_mismatch' });
  });

  it('finds a stored fingerprint that was replaced', () => {
    const tampered = chain();
    tampered[2] = { ...tampered[2]!, fingerprint: HUELLA_1 } as ChainRecord;
    expect(verifyChain(tampered)).toEqual({ intact: false, first_broken_index: 2, reason: 'fingerprint_mismatch' });
  });

  it('verifies a later segment from the last fingerprint already checked', () => {
    const [, second, third] = chain();
    expect(verifyChain([second!, third!], { previous_fingerprint: HUELLA_1 })).toEqual({ intact: true });
    expect(verifyChain([second!, third!])).toEqual({ intact: false, first_broken_index: 0, reason: 'previous_fingerprint_mismatch' });
  });
});
