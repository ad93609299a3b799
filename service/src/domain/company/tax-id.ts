// Spanish tax identifiers (NIF for people and companies, NIE for foreigners) and EU VAT numbers.
// Check characters follow the Spanish Ministry of Finance's published algorithms.

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const CIF_CONTROL_LETTERS = 'JABCDEFGHI';
// Entity letters whose control character must be a letter / a digit (others accept both).
const CIF_LETTER_CONTROL = new Set(['N', 'P', 'Q', 'R', 'S', 'W']);
const CIF_DIGIT_CONTROL = new Set(['A', 'B', 'E', 'H']);

export const EU_VAT_PREFIXES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'EL',
  'ES',
  'FI',
  'FR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'XI',
] as const;

export type TaxIdKind = 'dni' | 'nie' | 'cif' | 'nif_klm' | 'eu_vat';

export type TaxIdCheck =
  { valid: true; normalized: string; kind: TaxIdKind } | { valid: false; reason: 'empty' | 'format' | 'check_character' };

/** Upper case without spaces, dots or hyphens: how people type "b-12.345.674" or "12345678 z". */
export function normalizeTaxId(raw: string): string {
  return raw.toUpperCase().replace(/[\s.\-_/]/g, '');
}

function dniLetter(num: number): string {
  return DNI_LETTERS.charAt(num % 23);
}

function cifControlDigit(sevenDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const digit = Number(sevenDigits.charAt(i));
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** Validates a Spanish NIF of any kind (DNI, NIE, CIF, K/L/M), with or without an "ES" prefix. */
export function checkSpanishTaxId(raw: string): TaxIdCheck {
  let id = normalizeTaxId(raw);
  if (id === '') return { valid: false, reason: 'empty' };
  if (id.startsWith('ES') && id.length === 11) id = id.slice(2);

  let m = /^(\d{8})([A-Z])$/.exec(id);
  if (m) {
    return dniLetter(Number(m[1])) === m[2] ? { valid: true, normalized: id, kind: 'dni' } : { valid: false, reason: 'check_character' };
  }
  m = /^([XYZ])(\d{7})([A-Z])$/.exec(id);
  if (m) {
    const num = Number(String('XYZ'.indexOf(m[1]!)) + m[2]);
    return dniLetter(num) === m[3] ? { valid: true, normalized: id, kind: 'nie' } : { valid: false, reason: 'check_character' };
  }
  m = /^([KLM])(\d{7})([A-Z])$/.exec(id);
  if (m) {
    return dniLetter(Number(m[2])) === m[3]
      ? { valid: true, normalized: id, kind: 'nif_klm' }
      : { valid: false, reason: 'check_character' };
  }
  m = /^([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])$/.exec(id);
  if (m) {
    const [, entity, digits, control] = m as unknown as [string, string, string, string];
    const expectedDigit = cifControlDigit(digits);
    const expectedLetter = CIF_CONTROL_LETTERS.charAt(expectedDigit);
    const isLetter = /[A-J]/.test(control);
    if (CIF_LETTER_CONTROL.has(entity) && !isLetter) return { valid: false, reason: 'check_character' };
    if (CIF_DIGIT_CONTROL.has(entity) && isLetter) return { valid: false, reason: 'check_character' };
    const ok = isLetter ? control === expectedLetter : Number(control) === expectedDigit;
    return ok ? { valid: true, normalized: id, kind: 'cif' } : { valid: false, reason: 'check_character' };
  }
  return { valid: false, reason: 'format' };
}

/**
 * An EU VAT number: country prefix plus 2–12 letters or digits. Spanish ones ("ES…") get the full
 * NIF check; other countries' check digits vary per state and are left to VIES.
 */
export function checkEuVatNumber(raw: string): TaxIdCheck {
  const id = normalizeTaxId(raw);
  if (id === '') return { valid: false, reason: 'empty' };
  const prefix = id.slice(0, 2);
  if (!(EU_VAT_PREFIXES as readonly string[]).includes(prefix)) return { valid: false, reason: 'format' };
  if (prefix === 'ES') {
    const spanish = checkSpanishTaxId(id.slice(2));
    return spanish.valid ? { valid: true, normalized: id, kind: 'eu_vat' } : spanish;
  }
  return /^[A-Z0-9+*]{2,12}$/.test(id.slice(2)) ? { valid: true, normalized: id, kind: 'eu_vat' } : { valid: false, reason: 'format' };
}
