import { CurrencyMismatchError } from '../../../service/src/domain/billing/money';
import { buildVerifactuQrUrl, formatQrAmount, VERIFACTU_QR_LEGEND } from '../../../service/src/domain/billing/verifactu-qr';
import { VerifactuFormatError } from '../../../service/src/domain/billing/verifactu';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('VERI*FACTU QR URL', () => {
  it("reproduces AEAT's example exactly", () => {
    expect(
      buildVerifactuQrUrl({
        issuer_tax_id: '89890001K',
        invoice_number: '12345678&G33',
        issue_date: '2024-01-01',
        total_amount: eur(24140),
        environment: 'test',
      }),
    ).toBe('https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4');
  });

  it('uses the production host in production', () => {
    expect(
      buildVerifactuQrUrl({
        issuer_tax_id: '89890001K',
        invoice_number: 'F2026-0001',
        issue_date: '2026-03-09',
        total_amount: eur(12100),
        environment: 'production',
      }),
    ).toBe('https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=F2026-0001&fecha=09-03-2026&importe=121');
  });

  it('encodes every reserved character of the invoice number', () => {
    const url = buildVerifactuQrUrl({
      issuer_tax_id: '89890001K',
      invoice_number: 'A/B C?D=E#F+G%H',
      issue_date: '2024-01-01',
      total_amount: eur(5),
      environment: 'test',
    });
    expect(url).toBe(
      'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=A%2FB%20C%3FD%3DE%23F%2BG%25H&fecha=01-01-2024&importe=0.05',
    );
    expect(new URL(url).searchParams.get('numserie')).toBe('A/B C?D=E#F+G%H');
  });

  it('has a path for systems that do not send records', () => {
    expect(
      buildVerifactuQrUrl({
        issuer_tax_id: '89890001K',
        invoice_number: 'F1',
        issue_date: '2024-01-01',
        total_amount: eur(100),
        environment: 'test',
        mode: 'no_verifactu',
      }),
    ).toBe('https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=89890001K&numserie=F1&fecha=01-01-2024&importe=1');
  });

  it.each([
    [24140, '241.4'], // as in AEAT's example: no trailing zero
    [12345, '123.45'],
    [10000, '100'],
    [10, '0.1'],
    [5, '0.05'],
    [0, '0'],
    [-1230, '-12.3'],
    [-12345, '-123.45'],
  ])('amount %i cents → importe=%s', (cents, text) => {
    expect(formatQrAmount(eur(cents))).toBe(text);
  });

  it('refuses other currencies and impossible dates', () => {
    expect(() => formatQrAmount({ amount: 100, currency: 'GBP' })).toThrow(CurrencyMismatchError);
    expect(() =>
      buildVerifactuQrUrl({
        issuer_tax_id: '89890001K',
        invoice_number: 'F1',
        issue_date: '2024-02-30',
        total_amount: eur(100),
        environment: 'test',
      }),
    ).toThrow(VerifactuFormatError);
  });

  it('carries the legend printed next to the code', () => {
    expect(VERIFACTU_QR_LEGEND).toBe('VERI*FACTU');
  });
});
