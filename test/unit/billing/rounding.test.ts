import { formatScaledDecimal, InvalidDecimalError, parseScaledDecimal } from '../../../service/src/domain/billing/decimal';
import { lineAmount } from '../../../service/src/domain/billing/invoice-totals';
import {
  AmountTooLargeError,
  baseInsideGross,
  percentageOf,
  roundHalfAwayFromZero,
  toSafeMinorUnits,
} from '../../../service/src/domain/billing/rounding';

describe('the rounding rule: half away from zero, on exact integers', () => {
  it.each([
    [5n, 2n, 3n], // 2.5 → 3
    [-5n, 2n, -3n], // -2.5 → -3 (mirror, not towards +∞)
    [3n, 2n, 2n], // 1.5 → 2
    [-3n, 2n, -2n],
    [7n, 4n, 2n], // 1.75 → 2
    [5n, 4n, 1n], // 1.25 → 1
    [-5n, 4n, -1n],
    [1n, 3n, 0n], // 0.33 → 0
    [2n, 3n, 1n], // 0.67 → 1
    [-2n, 3n, -1n],
    [25n, 10n, 3n], // 2.5 → 3 (not banker's 2)
    [35n, 10n, 4n], // 3.5 → 4 (banker's would also give 4)
    [45n, 10n, 5n], // 4.5 → 5 (banker's would give 4)
    [24n, 10n, 2n],
    [0n, 7n, 0n],
    [5n, -2n, -3n], // negative denominators are normalised
    [10n ** 30n + 5n, 10n, 10n ** 29n + 1n], // beyond doubles, still exact
  ])('%s / %s → %s', (numerator, denominator, expected) => {
    expect(roundHalfAwayFromZero(numerator, denominator)).toBe(expected);
  });

  it('refuses to divide by zero', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it.each([
    [1235, 1000, 124], // 123.5 → 124
    [-1235, 1000, -124],
    [9999, 2100, 2100], // 2099.79 → 2100
    [199, 50, 1], // 0.995 → 1
    [10975, 1500, 1646], // 1646.25 → 1646
    [1, 2100, 0], // 0.21 → 0
    [3, 2100, 1], // 0.63 → 1
  ])('percentageOf(%i, %i bp) = %i', (amount, bp, expected) => {
    expect(percentageOf(amount, bp)).toBe(expected);
  });

  it.each([
    [2997, 2100, 2477], // 29.97 / 1.21 = 24.7686 → 24.77
    [1210, 2620, 959], // 12.10 / 1.262 = 9.5879 → 9.59
    [12100, 2100, 10000],
    [9, 2100, 7], // 0.0744 → 0.07
    [-2997, 2100, -2477],
  ])('baseInsideGross(%i, %i bp) = %i', (gross, bp, expected) => {
    expect(baseInsideGross(gross, bp)).toBe(expected);
  });

  it('never goes through floating point: 0.03 × 33,50 € is 1,01 €, where floats say 1,00 €', () => {
    // 0.03 × 3350 cents = 100.5 → 101. In doubles 0.03 * 33.5 * 100 = 100.49999999999999.
    expect(Math.round(0.03 * 33.5 * 100)).toBe(100); // the trap being avoided
    expect(lineAmount('0.03', 3350)).toBe(101);
    expect(lineAmount(0.03, 3350)).toBe(101); // numbers are read as the decimal they print as
    // 1.5 × 33,33 € = 4999.5 cents → 5000; −2.5 × 10,01 € = −2502.5 → −2503, where Math.round gives −2502.
    expect(lineAmount('1.5', 3333)).toBe(5000);
    expect(Math.round(-2502.5)).toBe(-2502);
    expect(lineAmount('-2.5', 1001)).toBe(-2503);
    // 100.5 cents as a finer-than-cent price: 1.005 € → 101 cents; in doubles 1.005 * 100 = 100.49999999999999.
    expect(lineAmount(1, '100.5')).toBe(101);
  });

  it('hands back plain numbers only when they are safe', () => {
    expect(toSafeMinorUnits(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeMinorUnits(9007199254740992n)).toThrow(AmountTooLargeError);
    expect(() => toSafeMinorUnits(-9007199254740992n)).toThrow(AmountTooLargeError);
  });
});

describe('exact decimals', () => {
  it.each([
    ['1.5', 4, 15000n],
    ['-2', 4, -20000n],
    ['0.0001', 4, 1n],
    ['33.33', 2, 3333n],
    ['100', 0, 100n],
    [1.5, 4, 15000n],
    [0.1, 4, 1000n], // read as "0.1", not 0.1000000000000000055…
    [-0.25, 2, -25n],
    [0, 4, 0n],
  ])('%j at scale %i → %s', (input, scale, expected) => {
    expect(parseScaledDecimal(input, scale)).toBe(expected);
  });

  it.each([
    ['1,5', 'format'],
    ['1e3', 'format'],
    [1e21, 'format'], // String(1e21) is "1e+21"
    [NaN, 'format'],
    [Infinity, 'format'],
    [' 1', 'format'],
    ['+1', 'format'],
    ['.5', 'format'],
    ['1.', 'format'],
    ['01', 'format'],
    ['', 'format'],
    ['1.23456', 'too_many_decimals'],
    [0.00001, 'too_many_decimals'], // String(0.00001) is "0.00001"
    [1e-7, 'format'], // String(1e-7) is "1e-7"
  ])('refuses %j (%s)', (input, reason) => {
    let caught: unknown;
    try {
      parseScaledDecimal(input, 4);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidDecimalError);
    expect(caught).toMatchObject({ reason });
  });

  it.each([
    [1235n, 2, false, '12.35'],
    [-5n, 2, false, '-0.05'],
    [10000n, 2, false, '100.00'],
    [24140n, 2, true, '241.4'],
    [10000n, 2, true, '100'],
    [-1230n, 2, true, '-12.3'],
    [5n, 2, true, '0.05'],
    [0n, 2, true, '0'],
    [42n, 0, false, '42'],
  ])('formats %s at scale %i (trim %s) as %s', (value, scale, trimZeros, text) => {
    expect(formatScaledDecimal(value, scale, { trimZeros })).toBe(text);
  });
});
