// Spanish indirect taxes on an invoice line and the retention on the invoice, as exact basis
// points (1 % = 100 bp), never floats. Rates in force per billing.md: IVA 21/10/4/0 or exempt
// with a VERI*FACTU CausaExencion; recargo de equivalencia follows the IVA rate.
import { type DecimalInput, isScaledDecimal, parseScaledDecimal } from './decimal';

/** IVA rates Cuadra accepts, in percent. 5 % is left out: it only applied temporarily (2022–2024). */
export const VAT_RATES = [21, 10, 4, 0] as const;
export type VatRate = (typeof VAT_RATES)[number];

/** VERI*FACTU CausaExencion (OperacionExenta): the article of Ley 37/1992 that exempts the line. */
export const EXEMPTION_REASONS = {
  E1: 'Exenta por el artículo 20 de la Ley del IVA',
  E2: 'Exenta por el artículo 21 de la Ley del IVA',
  E3: 'Exenta por el artículo 22 de la Ley del IVA',
  E4: 'Exenta por los artículos 23 y 24 de la Ley del IVA',
  E5: 'Exenta por el artículo 25 de la Ley del IVA',
  E6: 'Exenta por otros motivos',
} as const;
export type ExemptionReason = keyof typeof EXEMPTION_REASONS;

/** What a line says about IVA, as received: a rate in percent, or exempt with its reason. */
export type VatInput = DecimalInput | { exempt: string | null | undefined };

/** A line's IVA once checked. */
export type VatTreatment = { kind: 'rate'; rate: VatRate } | { kind: 'exempt'; reason: ExemptionReason };

/** Recargo de equivalencia in basis points, paired with the IVA rate of the line. */
const RECARGO_BASIS_POINTS: Readonly<Record<VatRate, number>> = { 21: 520, 10: 140, 4: 50, 0: 0 };

/** Usual IRPF retentions (general 15, new professionals 7, capital and rents 19, modules 1, farming 2); any 0–100 with 2 decimals is accepted. */
export const COMMON_IRPF_PERCENTS = [15, 7, 19, 1, 2] as const;

export class UnknownTaxRateError extends Error {
  readonly code = 'UNKNOWN_TAX_RATE';

  constructor(readonly input: unknown) {
    super(`${JSON.stringify(input)} is not an IVA rate (${VAT_RATES.join(', ')} % or exempt).`);
    this.name = 'UnknownTaxRateError';
  }
}

export class ExemptionReasonError extends Error {
  constructor(
    readonly code: 'EXEMPT_WITHOUT_REASON' | 'UNKNOWN_EXEMPTION_REASON',
    readonly input: unknown,
  ) {
    super(
      code === 'EXEMPT_WITHOUT_REASON'
        ? 'An exempt line needs the reason of its exemption (E1–E6).'
        : `${JSON.stringify(input)} is not an exemption reason (E1–E6).`,
    );
    this.name = 'ExemptionReasonError';
  }
}

export class InvalidPercentError extends Error {
  readonly code = 'INVALID_PERCENT';

  constructor(readonly input: unknown) {
    super(`${JSON.stringify(input)} is not a percentage from 0 to 100 with at most 2 decimals.`);
    this.name = 'InvalidPercentError';
  }
}

function isExemptInput(input: unknown): input is { exempt: unknown } {
  return typeof input === 'object' && input !== null && 'exempt' in input;
}

export function isExemptionReason(code: unknown): code is ExemptionReason {
  return typeof code === 'string' && Object.hasOwn(EXEMPTION_REASONS, code);
}

/** 21, "21" or "21.00" → rate 21; { exempt: 'E1' } → exempt E1; anything else throws a typed error. */
export function parseVat(input: VatInput): VatTreatment {
  if (isExemptInput(input)) {
    const reason = input.exempt;
    if (reason === null || reason === undefined || reason === '') throw new ExemptionReasonError('EXEMPT_WITHOUT_REASON', reason);
    if (!isExemptionReason(reason)) throw new ExemptionReasonError('UNKNOWN_EXEMPTION_REASON', reason);
    return { kind: 'exempt', reason };
  }
  if (!isScaledDecimal(input, 2)) throw new UnknownTaxRateError(input);
  const basisPoints = Number(parseScaledDecimal(input, 2));
  const rate = VAT_RATES.find((r) => r * 100 === basisPoints);
  if (rate === undefined) throw new UnknownTaxRateError(input);
  return { kind: 'rate', rate };
}

/** IVA in basis points; exempt lines carry none. */
export function vatBasisPoints(vat: VatTreatment): number {
  return vat.kind === 'rate' ? vat.rate * 100 : 0;
}

/** Recargo in basis points for a line that applies it: 21→5.2 %, 10→1.4 %, 4→0.5 %, 0 or exempt→0. */
export function recargoBasisPoints(vat: VatTreatment, applies: boolean): number {
  return applies && vat.kind === 'rate' ? RECARGO_BASIS_POINTS[vat.rate] : 0;
}

/** A percentage 0–100 with up to 2 decimals ("15", 7, "12.5") as basis points (1500, 700, 1250). */
export function parsePercent(input: DecimalInput): number {
  if (!isScaledDecimal(input, 2)) throw new InvalidPercentError(input);
  const basisPoints = parseScaledDecimal(input, 2);
  if (basisPoints < 0n || basisPoints > 10_000n) throw new InvalidPercentError(input);
  return Number(basisPoints);
}

/** IRPF retention in basis points; any 0–100 % with 2 decimals (the common ones are listed above). */
export function parseIrpfPercent(input: DecimalInput): number {
  return parsePercent(input);
}

/** The legal mention for an exempt line ("Exenta por el artículo 20 de la Ley del IVA"). */
export function exemptionMention(reason: ExemptionReason): string {
  return EXEMPTION_REASONS[reason];
}
