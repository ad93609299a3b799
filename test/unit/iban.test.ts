import { formatIban, isValidIban, normalizeIban } from '../../service/src/domain/company/iban';

describe('IBAN', () => {
  test.each([
    'ES91 2100 0418 4502 0005 1332',
    'es9121000418450200051332',
    'DE89 3704 0044 0532 0130 00',
    'FR14 2004 1010 0505 0001 3M02 606',
  ])('accepts %s', (iban) => expect(isValidIban(iban)).toBe(true));
  test.each(['ES91 2100 0418 4502 0005 1333', 'ES91 2100 0418 4502 0005 133', 'XX00', '', 'ES9121000418450200051332X'])(
    'refuses %s',
    (iban) => expect(isValidIban(iban)).toBe(false),
  );
  test('is stored without spaces and printed in groups of four', () => {
    expect(normalizeIban(' es91 2100-0418 4502 0005 1332 ')).toBe('ES9121000418450200051332');
    expect(formatIban('ES9121000418450200051332')).toBe('ES91 2100 0418 4502 0005 1332');
  });
});
