import { isSpanishPostalCode, logoBytes } from '../../service/src/domain/company/company-settings';

describe('company settings rules', () => {
  it.each([
    ['28013', true],
    ['01001', true],
    ['52006', true],
    ['00123', false],
    ['53001', false],
    ['2801', false],
    ['28O13', false],
  ])('postal code %s valid=%s', (code, valid) => {
    expect(isSpanishPostalCode(code)).toBe(valid);
  });

  it('measures a data-URL logo by its decoded bytes and refuses other media', () => {
    const bytes = Buffer.alloc(1000, 7);
    expect(logoBytes(`data:image/png;base64,${bytes.toString('base64')}`)).toBe(1000);
    expect(logoBytes(`data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`)).toBe(6);
    expect(logoBytes('data:text/html;base64,PGgxPg==')).toBeNull();
    expect(logoBytes('https://example.com/logo.png')).toBeNull();
  });
});
