import {
  addMoney,
  compareMoney,
  CurrencyMismatchError,
  currencyExponent,
  InvalidAmountError,
  isKnownCurrency,
  money,
  multiplyMoney,
  negateMoney,
  parseMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
  UnknownCurrencyError,
} from '../../../service/src/domain/billing/money';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('currencies', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
    ['HUF', 2], // ISO says 2 even though CLDR displays 0
  ])('%s has %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('refuses codes that are not ISO 4217', () => {
    expect(isKnownCurrency('EUU')).toBe(false);
    expect(isKnownCurrency('eur')).toBe(false);
    expect(() => currencyExponent('EURO')).toThrow(UnknownCurrencyError);
  });
});

describe('parsing API decimals', () => {
  it.each([
    ['39.95', 'EUR', 3995],
    ['39.9', 'EUR', 3990],
    ['39', 'EUR', 3900],
    ['0.05', 'EUR', 5],
    ['-12.35', 'EUR', -1235],
    ['-0', 'EUR', 0],
    ['1500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
    ['90071992547409.91', 'EUR', 9007199254740991],
  ])('%s %s → %i', (text, currency, amount) => {
    expect(parseMoney(text, currency)).toEqual({ amount, currency });
  });

  it.each([
    ['1.234,56', 'EUR'], // Spanish display format: never guessed
    ['1,234.56', 'EUR'],
    ['39,95', 'EUR'],
    ['39.999', 'EUR'], // more decimals than the currency: refused, not rounded
    ['15.5', 'JPY'],
    ['', 'EUR'],
    [' 39.95', 'EUR'],
    ['+39.95', 'EUR'],
    ['.5', 'EUR'],
    ['5.', 'EUR'],
    ['1e3', 'EUR'],
    ['0039.95', 'EUR'],
    ['€39.95', 'EUR'],
  ])('refuses %j in %s', (text, currency) => {
    expect(() => parseMoney(text, currency)).toThrow(InvalidAmountError);
  });

  it('refuses amounts beyond double precision', () => {
    expect(() => parseMoney('90071992547409.92', 'EUR')).toThrow(RangeError);
  });
});

describe('wire decimals', () => {
  it.each([
    [eur(3995), '39.95'],
    [eur(10000), '100.00'],
    [eur(-5), '-0.05'],
    [eur(0), '0.00'],
    [{ amount: 1500, currency: 'JPY' }, '1500'],
    [{ amount: -1, currency: 'KWD' }, '-0.001'],
  ])('%j → %s', (value, text) => {
    expect(toDecimalString(value)).toBe(text);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, negates, multiplies and sums in one currency', () => {
    expect(addMoney(eur(1999), eur(1))).toEqual(eur(2000));
    expect(subtractMoney(eur(1000), eur(2500))).toEqual(eur(-1500));
    expect(negateMoney(eur(0))).toEqual(eur(0));
    expect(Object.is(negateMoney(eur(0)).amount, 0)).toBe(true); // never -0
    expect(multiplyMoney(eur(999), 3)).toEqual(eur(2997));
    expect(sumMoney('EUR', [eur(1), eur(2), eur(3)])).toEqual(eur(6));
    expect(sumMoney('EUR', [])).toEqual(eur(0));
    expect(compareMoney(eur(1), eur(2))).toBe(-1);
    expect(compareMoney(eur(2), eur(2))).toBe(0);
  });

  it('refuses mixed currencies with a typed error', () => {
    const usd = money(100, 'USD');
    expect(() => addMoney(eur(100), usd)).toThrow(CurrencyMismatchError);
    expect(() => compareMoney(eur(100), usd)).toThrow(CurrencyMismatchError);
    expect(() => sumMoney('EUR', [eur(1), usd])).toThrow(CurrencyMismatchError);
    expect(() => subtractMoney(eur(1), usd)).toThrow(
      expect.objectContaining({ code: 'CURRENCY_MISMATCH', expected: 'EUR', actual: 'USD' }),
    );
  });

  it('refuses fractions of a minor unit and unsafe integers', () => {
    expect(() => money(39.95, 'EUR')).toThrow(InvalidAmountError);
    expect(() => addMoney(eur(0.5), eur(1))).toThrow(InvalidAmountError);
    expect(() => multiplyMoney(eur(100), 1.5)).toThrow(InvalidAmountError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(InvalidAmountError);
    expect(() => addMoney(eur(Number.MAX_SAFE_INTEGER), eur(1))).toThrow(RangeError);
    expect(() => money(NaN, 'EUR')).toThrow(InvalidAmountError);
    expect(() => money(100, 'XYZ')).toThrow(UnknownCurrencyError);
  });
});
