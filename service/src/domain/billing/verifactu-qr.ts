// The URL printed as a QR code on every invoice so the recipient can check it at AEAT
// ("cotejo"). Per AEAT's QR specification: nif, numserie, fecha (dd-mm-yyyy) and importe, each
// URL-encoded; the amount uses "." and, like AEAT's own example (importe=241.4), no trailing zeros.
// Printed 30–40 mm, error correction M, with the legend below. The image itself is drawn by a QR
// library outside the domain.
import { formatScaledDecimal } from './decimal';
import { CurrencyMismatchError, type Money, money } from './money';
import { formatVerifactuDate } from './verifactu';

export const VERIFACTU_QR_HOSTS = {
  production: 'https://www2.agenciatributaria.gob.es',
  test: 'https://prewww2.aeat.es',
} as const;
export type VerifactuEnvironment = keyof typeof VERIFACTU_QR_HOSTS;

/** ValidarQR for VERI*FACTU systems; ValidarQRNoVerifactu for systems that keep records without sending them. */
const QR_PATHS = { verifactu: '/wlpl/TIKE-CONT/ValidarQR', no_verifactu: '/wlpl/TIKE-CONT/ValidarQRNoVerifactu' } as const;

export const VERIFACTU_QR_LEGEND = 'VERI*FACTU';
export const VERIFACTU_QR_LEGEND_LONG = 'Factura verificable en la sede electrónica de la AEAT';

export interface VerifactuQrInput {
  issuer_tax_id: string;
  invoice_number: string;
  /** YYYY-MM-DD. */
  issue_date: string;
  /** ImporteTotal of the registration record, in EUR. */
  total_amount: Money;
  environment: VerifactuEnvironment;
  mode?: keyof typeof QR_PATHS;
}

/** 24140 cents → "241.4"; 10000 → "100"; -1230 → "-12.3"; 5 → "0.05". */
export function formatQrAmount(amount: Money): string {
  const checked = money(amount.amount, amount.currency);
  if (checked.currency !== 'EUR') throw new CurrencyMismatchError('EUR', checked.currency);
  return formatScaledDecimal(BigInt(checked.amount), 2, { trimZeros: true });
}

export function buildVerifactuQrUrl(input: VerifactuQrInput): string {
  const params: [string, string][] = [
    ['nif', input.issuer_tax_id.trim()],
    ['numserie', input.invoice_number],
    ['fecha', formatVerifactuDate(input.issue_date)],
    ['importe', formatQrAmount(input.total_amount)],
  ];
  // encodeURIComponent, not URLSearchParams: a space must be %20, not "+".
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${VERIFACTU_QR_HOSTS[input.environment]}${QR_PATHS[input.mode ?? 'verifactu']}?${query}`;
}
