// VERI*FACTU registration ("alta") and cancellation ("anulación") records and their fingerprint
// chain (Orden HAC/1177/2024 and AEAT's "especificaciones técnicas para la generación de la huella").
//
// The fingerprint is the uppercase hex SHA-256 of the UTF-8 text "Name=value&Name=value…" with
// every value trimmed. AEAT hashes the exact text of each XML element, so records keep the wire
// strings they were hashed with (the *Fields types below) and the XML must be written from them.
// Wire formats chosen by Cuadra:
//   - dates: dd-mm-yyyy;
//   - amounts (CuotaTotal, ImporteTotal): euros with "." and always two decimals, "-" for negative
//     amounts, no grouping: 12.35, 123.45, 100.00, -12.35, 0.00 (fits the XSD's 12 integer + 2
//     decimal pattern, and the official vectors' "12.35"/"123.45");
//   - FechaHoraHusoGenRegistro: ISO 8601 to the second with the offset of the zone (Europe/Madrid
//     by default): 2024-01-01T19:20:30+01:00, 2024-07-01T12:00:00+02:00.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { formatScaledDecimal } from './decimal';
import type { InvoiceKind } from './invoice-rules';
import type { InvoiceTotals } from './invoice-totals';
import { CurrencyMismatchError, type Money, money } from './money';

export const DEFAULT_TIMEZONE = 'Europe/Madrid';

/** Exactly the hashed fields of a registration record, with AEAT's names and wire strings. */
export interface RegistrationFields {
  IDEmisorFactura: string;
  NumSerieFactura: string;
  FechaExpedicionFactura: string;
  TipoFactura: string;
  CuotaTotal: string;
  ImporteTotal: string;
  Huella: string;
  FechaHoraHusoGenRegistro: string;
}

/** Exactly the hashed fields of a cancellation record. */
export interface CancellationFields {
  IDEmisorFacturaAnulada: string;
  NumSerieFacturaAnulada: string;
  FechaExpedicionFacturaAnulada: string;
  Huella: string;
  FechaHoraHusoGenRegistro: string;
}

export type ChainRecord =
  | { type: 'registration'; fields: RegistrationFields; fingerprint: string }
  | { type: 'cancellation'; fields: CancellationFields; fingerprint: string };

export type ChainCheck =
  | { intact: true }
  | { intact: false; first_broken_index: number; reason: 'fingerprint_mismatch' | 'previous_fingerprint_mismatch' | 'issuer_mismatch' };

export class VerifactuFormatError extends Error {
  readonly code = 'INVALID_VERIFACTU_VALUE';

  constructor(message: string) {
    super(message);
    this.name = 'VerifactuFormatError';
  }
}

// Order matters: it is the order of the hashed text.
const REGISTRATION_ORDER = [
  'IDEmisorFactura',
  'NumSerieFactura',
  'FechaExpedicionFactura',
  'TipoFactura',
  'CuotaTotal',
  'ImporteTotal',
  'Huella',
  'FechaHoraHusoGenRegistro',
] as const satisfies readonly (keyof RegistrationFields)[];

const CANCELLATION_ORDER = [
  'IDEmisorFacturaAnulada',
  'NumSerieFacturaAnulada',
  'FechaExpedicionFacturaAnulada',
  'Huella',
  'FechaHoraHusoGenRegistro',
] as const satisfies readonly (keyof CancellationFields)[];

function fingerprintOf(pairs: readonly (readonly [string, string])[]): string {
  const text = pairs.map(([name, value]) => `${name}=${value.trim()}`).join('&');
  return createHash('sha256').update(text, 'utf8').digest('hex').toUpperCase();
}

/** Huella of a registration record from its wire fields. */
export function registrationFingerprint(fields: RegistrationFields): string {
  return fingerprintOf(REGISTRATION_ORDER.map((name) => [name, fields[name]] as const));
}

/** Huella of a cancellation record from its wire fields. */
export function cancellationFingerprint(fields: CancellationFields): string {
  return fingerprintOf(CANCELLATION_ORDER.map((name) => [name, fields[name]] as const));
}

/** An amount as VERI*FACTU writes it: euros, "." decimal, two decimals always ("100.00", "-12.35"). */
export function formatVerifactuAmount(amount: Money): string {
  const checked = money(amount.amount, amount.currency);
  if (checked.currency !== 'EUR') throw new CurrencyMismatchError('EUR', checked.currency);
  if (Math.abs(checked.amount) >= 10 ** 14) throw new VerifactuFormatError('VERI*FACTU amounts have at most 12 integer digits.');
  return formatScaledDecimal(BigInt(checked.amount), 2);
}

/** "2024-01-01" → "01-01-2024", refusing dates that do not exist. */
export function formatVerifactuDate(isoDate: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'UTC' }) : null;
  if (!date?.isValid) throw new VerifactuFormatError(`${isoDate} is not a date (YYYY-MM-DD).`);
  return date.toFormat('dd-MM-yyyy');
}

/** The record's generation instant in the issuer's zone, to the second: "2024-01-01T19:20:30+01:00". */
export function formatVerifactuTimestamp(instant: Date, timezone: string = DEFAULT_TIMEZONE): string {
  const time = DateTime.fromJSDate(instant, { zone: timezone });
  if (!time.isValid) throw new VerifactuFormatError(`Cannot place ${String(instant)} in ${timezone}.`);
  return time.startOf('second').toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/**
 * CuotaTotal and ImporteTotal of an invoice. ImporteTotal is bases + IVA + recargo: the IRPF
 * retention is not subtracted, because AEAT checks ImporteTotal against the per-rate breakdown.
 */
export function verifactuAmounts(totals: InvoiceTotals): { total_tax: Money; total_amount: Money } {
  return {
    total_tax: money(totals.tax_total, totals.currency),
    total_amount: money(totals.base_total + totals.tax_total, totals.currency),
  };
}

function checkedFingerprint(previous: string | null): string {
  if (previous === null) return '';
  if (!/^[0-9A-F]{64}$/.test(previous)) throw new VerifactuFormatError('The previous fingerprint is 64 uppercase hex characters.');
  return previous;
}

function checkedInvoiceNumber(invoiceNumber: string): string {
  if (!/^[\x20-\x7e]{1,60}$/.test(invoiceNumber) || invoiceNumber.trim() !== invoiceNumber) {
    throw new VerifactuFormatError('NumSerieFactura is 1–60 printable ASCII characters without surrounding spaces.');
  }
  return invoiceNumber;
}

export interface RegistrationInput {
  issuer_tax_id: string;
  invoice_number: string;
  /** YYYY-MM-DD. */
  issue_date: string;
  invoice_kind: InvoiceKind;
  /** IVA + recargo (CuotaTotal), in EUR. */
  total_tax: Money;
  /** ImporteTotal, in EUR. */
  total_amount: Money;
  /** Fingerprint of the issuer's previous record, or null for the first one. */
  previous_fingerprint: string | null;
  /** When the record is generated: an instant from the caller's clock. */
  generated_at: Date;
  timezone?: string;
}

export function buildRegistrationRecord(input: RegistrationInput): Extract<ChainRecord, { type: 'registration' }> {
  const fields: RegistrationFields = {
    IDEmisorFactura: input.issuer_tax_id.trim(),
    NumSerieFactura: checkedInvoiceNumber(input.invoice_number),
    FechaExpedicionFactura: formatVerifactuDate(input.issue_date),
    TipoFactura: input.invoice_kind,
    CuotaTotal: formatVerifactuAmount(input.total_tax),
    ImporteTotal: formatVerifactuAmount(input.total_amount),
    Huella: checkedFingerprint(input.previous_fingerprint),
    FechaHoraHusoGenRegistro: formatVerifactuTimestamp(input.generated_at, input.timezone),
  };
  return { type: 'registration', fields, fingerprint: registrationFingerprint(fields) };
}

export interface CancellationInput {
  issuer_tax_id: string;
  invoice_number: string;
  /** YYYY-MM-DD of the cancelled invoice. */
  issue_date: string;
  previous_fingerprint: string | null;
  generated_at: Date;
  timezone?: string;
}

export function buildCancellationRecord(input: CancellationInput): Extract<ChainRecord, { type: 'cancellation' }> {
  const fields: CancellationFields = {
    IDEmisorFacturaAnulada: input.issuer_tax_id.trim(),
    NumSerieFacturaAnulada: checkedInvoiceNumber(input.invoice_number),
    FechaExpedicionFacturaAnulada: formatVerifactuDate(input.issue_date),
    Huella: checkedFingerprint(input.previous_fingerprint),
    FechaHoraHusoGenRegistro: formatVerifactuTimestamp(input.generated_at, input.timezone),
  };
  return { type: 'cancellation', fields, fingerprint: cancellationFingerprint(fields) };
}

function recordIssuer(record: ChainRecord): string {
  return (record.type === 'registration' ? record.fields.IDEmisorFactura : record.fields.IDEmisorFacturaAnulada).trim();
}

function recomputedFingerprint(record: ChainRecord): string {
  return record.type === 'registration' ? registrationFingerprint(record.fields) : cancellationFingerprint(record.fields);
}

type BrokenReason = Extract<ChainCheck, { intact: false }>['reason'];

function brokenLink(record: ChainRecord, issuer: string, previous: string): BrokenReason | null {
  if (recordIssuer(record) !== issuer) return 'issuer_mismatch';
  if (recomputedFingerprint(record) !== record.fingerprint) return 'fingerprint_mismatch';
  if (record.fields.Huella.trim() !== previous) return 'previous_fingerprint_mismatch';
  return null;
}

/**
 * Checks one issuer's records in chain order: every stored fingerprint matches its fields, every
 * record points at the one before it, and all share the issuer. The first record must point at
 * `previous_fingerprint` ('' for the start of the chain; the last verified fingerprint when
 * checking a later segment).
 */
export function verifyChain(records: readonly ChainRecord[], options: { previous_fingerprint?: string } = {}): ChainCheck {
  let previous = options.previous_fingerprint ?? '';
  const issuer = records[0] ? recordIssuer(records[0]) : '';
  for (const [index, record] of records.entries()) {
    const reason = brokenLink(record, issuer, previous);
    if (reason) return { intact: false, first_broken_index: index, reason };
    previous = record.fingerprint;
  }
  return { intact: true };
}
