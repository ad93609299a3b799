// Exact decimals as people and APIs type them, turned into scaled integers so that no float ever
// touches an amount: "1.5" at scale 4 is 15000n, and every product is computed on bigints.

/** A decimal as typed: "1.5", "-2", "33.33", or a JS number read through its shortest form. */
export type DecimalInput = string | number;

export class InvalidDecimalError extends Error {
  readonly code = 'INVALID_DECIMAL';

  constructor(
    readonly input: unknown,
    readonly reason: 'format' | 'too_many_decimals',
  ) {
    super(
      reason === 'format' ? `${JSON.stringify(input)} is not a plain decimal number.` : `${JSON.stringify(input)} has too many decimals.`,
    );
    this.name = 'InvalidDecimalError';
  }
}

// Strict on purpose: no "+", no exponent, no thousands separators, no "1.", ".5" or "007".
const PLAIN_DECIMAL = /^(-?)(0|[1-9]\d{0,17})(?:\.(\d+))?$/;

/** The text of a decimal input; numbers use their shortest round-trip form, so 1.5 → "1.5" and 0.1 → "0.1". */
function decimalText(input: DecimalInput): string {
  if (typeof input === 'number') return Number.isFinite(input) ? String(input) : 'NaN';
  return typeof input === 'string' ? input : 'NaN';
}

/** "1.5" at scale 4 → 15000n; refuses anything that is not exactly representable at that scale. */
export function parseScaledDecimal(input: DecimalInput, scale: number): bigint {
  const m = PLAIN_DECIMAL.exec(decimalText(input));
  if (!m) throw new InvalidDecimalError(input, 'format');
  const [, sign, whole, fraction = ''] = m as unknown as [string, string, string, string | undefined];
  if (fraction.length > scale) throw new InvalidDecimalError(input, 'too_many_decimals');
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -digits : digits;
}

/** Whether the input would parse at that scale, for validators that collect problems instead of throwing. */
export function isScaledDecimal(input: unknown, scale: number): input is DecimalInput {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try {
    parseScaledDecimal(input, scale);
    return true;
  } catch {
    return false;
  }
}

/** 1235n at scale 2 → "12.35"; with trimZeros, 24140n → "241.4" and 10000n → "100". */
export function formatScaledDecimal(value: bigint, scale: number, options: { trimZeros?: boolean } = {}): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  if (options.trimZeros) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
