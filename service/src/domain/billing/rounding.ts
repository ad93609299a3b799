// THE rounding rule of Cuadra, and the only place amounts are rounded.
//
// Rule: exact rational arithmetic on integers (bigint), then ONE rounding to the minor unit,
// half away from zero ("redondeo aritmético": 0.5 cent goes up for positive amounts and down for
// negative ones, so a rectifying invoice by differences is the exact mirror of the original).
// This is the "redondeo aritmético" Spanish invoicing practice and AEAT's checks assume; banker's
// rounding (half to even) is never used.
//
// Where the rule is applied (see invoice-totals.ts): each line base once, then per (VAT rate,
// recargo) group the VAT and the recargo once on the summed base, then IRPF once on the summed
// base subject to retention. Never per unit, never on floats.

export class AmountTooLargeError extends RangeError {
  readonly code = 'AMOUNT_TOO_LARGE';

  constructor(readonly value: bigint) {
    super(`The amount ${value} minor units is too large to handle safely.`);
    this.name = 'AmountTooLargeError';
  }
}

/** numerator / denominator rounded half away from zero; exact for any size. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero.');
  if (denominator < 0n) return roundHalfAwayFromZero(-numerator, -denominator);
  const quotient = numerator / denominator; // truncates towards zero
  const remainder = numerator % denominator; // carries the sign of the numerator
  const twice = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** Back to a JS number only once exact: refuses anything a double cannot hold as an integer. */
export function toSafeMinorUnits(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountTooLargeError(value);
  return Number(value);
}

export const BASIS_POINTS_PER_UNIT = 10_000n;

/** round(amount × rate): a tax or retention on a base, with the rate in basis points (21 % = 2100). */
export function percentageOf(amountMinor: number, rateBasisPoints: number): number {
  return toSafeMinorUnits(roundHalfAwayFromZero(BigInt(amountMinor) * BigInt(rateBasisPoints), BASIS_POINTS_PER_UNIT));
}

/** round(gross / (1 + rate)): the base inside a tax-inclusive amount, rate in basis points. */
export function baseInsideGross(grossMinor: number, totalRateBasisPoints: number): number {
  return toSafeMinorUnits(
    roundHalfAwayFromZero(BigInt(grossMinor) * BASIS_POINTS_PER_UNIT, BASIS_POINTS_PER_UNIT + BigInt(totalRateBasisPoints)),
  );
}
