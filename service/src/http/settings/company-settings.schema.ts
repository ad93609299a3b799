import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isSpanishPostalCode, logoBytes, LOGO_MAX_BYTES } from '../../domain/company/company-settings';
import { countryCode, email, oneLine, phone, rawField, requiredLine, text } from '../schema-fields';
import { checkEuVatNumber, checkSpanishTaxId, normalizeTaxId } from '../../domain/company/tax-id';
import { isValidIban, normalizeIban } from '../../domain/company/iban';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

// The issuer of Spanish invoices needs a valid NIF; a company abroad gives its EU VAT number.
function taxIdProblem(input: unknown): string | null {
  const taxId = rawField(input, 'tax_id');
  if (taxId === '') return null; // "required" is reported by the field itself
  const country = rawField(input, 'country_code').toUpperCase() || 'ES';
  const check = country === 'ES' ? checkSpanishTaxId(taxId) : checkEuVatNumber(taxId);
  if (check.valid) return null;
  if (check.reason === 'check_character') return 'This tax ID has a wrong check character.';
  return country === 'ES' ? 'Enter a Spanish NIF, CIF or NIE such as B12345674.' : 'Enter an EU VAT number with its country prefix.';
}

export function postalCodeProblem(input: unknown): string | null {
  const postalCode = rawField(input, 'postal_code');
  const country = rawField(input, 'country_code').toUpperCase() || 'ES';
  if (country !== 'ES' || postalCode === '' || isSpanishPostalCode(postalCode)) return null;
  return 'A Spanish postal code has five digits, such as 28013.';
}

export const companySettingsSchema = z
  .object({
    legal_name: requiredLine(200, 'The legal name'),
    trade_name: oneLine(200).default(''),
    tax_id: requiredLine(20, 'The tax ID'),
    address_line: requiredLine(250, 'The address'),
    postal_code: requiredLine(20, 'The postal code'),
    city: requiredLine(100, 'The city'),
    province: oneLine(100).default(''),
    country_code: countryCode(),
    email: email(),
    phone: phone().default(''),
    default_currency: text()
      .trim()
      .toUpperCase()
      .refine((code) => CURRENCIES.has(code), {
        error: 'Use an ISO 4217 currency code such as EUR.',
        params: { code: 'INVALID_CURRENCY' },
      }),
    timezone: text()
      .trim()
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: 'Use a time zone such as Europe/Madrid.',
        params: { code: 'INVALID_TIMEZONE' },
      }),
    logo: z
      .string()
      .nullable()
      .default(null)
      .refine((logo) => logo === null || logo === '' || logoBytes(logo) !== null, {
        error: 'The logo must be a PNG, JPEG or SVG image.',
        params: { code: 'INVALID_LOGO' },
      })
      .refine((logo) => logo === null || logo === '' || (logoBytes(logo) ?? 0) <= LOGO_MAX_BYTES, {
        error: `The logo must be at most ${LOGO_MAX_BYTES / 1024} KB.`,
        params: { code: 'LOGO_TOO_LARGE' },
      })
      .transform((logo) => (logo === '' ? null : logo)),
    iban: text()
      .transform(normalizeIban)
      .refine((iban) => iban === '' || isValidIban(iban), {
        error: 'This IBAN is not valid; check it against your bank statement (ES + 22 digits).',
        params: { code: 'INVALID_IBAN' },
      })
      .default(''),
    payment_terms: oneLine(200).default(''),
  })
  // Cross-field rules run even when other fields are wrong (`when`), so the form shows every problem at once.
  .refine((settings) => taxIdProblem(settings) === null, {
    path: ['tax_id'],
    when: () => true,
    error: (issue) => taxIdProblem(issue.input) ?? 'Invalid tax ID.',
    params: { code: 'INVALID_TAX_ID' },
  })
  .refine((settings) => postalCodeProblem(settings) === null, {
    path: ['postal_code'],
    when: () => true,
    error: (issue) => postalCodeProblem(issue.input) ?? 'Invalid postal code.',
    params: { code: 'INVALID_POSTAL_CODE' },
  })
  .transform((settings) => ({ ...settings, tax_id: normalizeTaxId(settings.tax_id) }));

export type CompanySettingsInput = z.infer<typeof companySettingsSchema>;
