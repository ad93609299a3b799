import { checkEuVatNumber, checkSpanishTaxId, normalizeTaxId } from '../../service/src/domain/company/tax-id';

describe('Spanish tax IDs', () => {
  it.each([
    ['12345678Z', 'dni'],
    ['00000000T', 'dni'],
    ['X1234567L', 'nie'],
    ['Y1234567X', 'nie'],
    ['Z1234567R', 'nie'],
    ['B12345674', 'cif'],
    ['A58818501', 'cif'],
    ['Q2826000H', 'cif'], // public body: control must be a letter
    ['P2807900B', 'cif'],
    ['K1234567L', 'nif_klm'],
    ['ES B12345674', 'cif'],
  ])('accepts %s as %s', (id, kind) => {
    expect(checkSpanishTaxId(id)).toMatchObject({ valid: true, kind });
  });

  it.each([
    ['12345678A', 'check_character'],
    ['X1234567A', 'check_character'],
    ['B12345675', 'check_character'],
    ['A5881850B', 'check_character'], // A-entities need a digit
    ['Q28260008', 'check_character'], // Q-entities need a letter
    ['1234567Z', 'format'],
    ['I12345674', 'format'],
    ['', 'empty'],
  ])('rejects %j (%s)', (id, reason) => {
    expect(checkSpanishTaxId(id)).toEqual({ valid: false, reason });
  });

  it('normalises what people type', () => {
    expect(normalizeTaxId(' b-12.345.674 ')).toBe('B12345674');
    expect(checkSpanishTaxId('x-1234567-l')).toEqual({ valid: true, normalized: 'X1234567L', kind: 'nie' });
  });
});

describe('EU VAT numbers', () => {
  it('accepts prefixed numbers and checks Spanish ones fully', () => {
    expect(checkEuVatNumber('FR40303265045')).toMatchObject({ valid: true, normalized: 'FR40303265045' });
    expect(checkEuVatNumber('de 123456789')).toMatchObject({ valid: true, normalized: 'DE123456789' });
    expect(checkEuVatNumber('ESB12345674')).toMatchObject({ valid: true });
    expect(checkEuVatNumber('ESB12345675')).toEqual({ valid: false, reason: 'check_character' });
    expect(checkEuVatNumber('US123456789')).toEqual({ valid: false, reason: 'format' });
  });
});
