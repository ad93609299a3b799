import { checkEuVatNumber, checkSpanishTaxId, EU_VAT_PREFIXES, normalizeTaxId } from '../company/tax-id';

/**
 * A person or business Cuadra deals with. Contacts are one model: a customer is a contact with
 * billing data; later a form lead or a list subscriber is the same row.
 */
export interface Customer {
  id: number;
  legal_name: string;
  tax_id: string | null;
  address_line: string;
  postal_code: string;
  city: string;
  province: string;
  country_code: string;
  email: string;
  additional_emails: string[];
  phone: string;
  payment_terms_days: number;
  notes: string;
  created_at: string;
  updated_at: string;
}

export type CustomerInput = Omit<Customer, 'id' | 'created_at' | 'updated_at'>;

const EU_COUNTRIES = new Set<string>(EU_VAT_PREFIXES.map((p) => (p === 'EL' ? 'GR' : p)));

export type CustomerTaxIdProblem = { code: 'INVALID_TAX_ID'; message: string } | null;

/**
 * Spanish customers need a valid NIF/NIE/CIF; EU businesses an EU VAT number (with or without the
 * prefix); elsewhere any identifier up to 20 characters. Customers may have none at all (foreign
 * consumers, simplified invoices); a full invoice checks that later.
 */
export function checkCustomerTaxId(taxId: string, countryCode: string): CustomerTaxIdProblem {
  const id = normalizeTaxId(taxId);
  if (id === '') return null;
  if (countryCode === 'ES') {
    const check = checkSpanishTaxId(id);
    if (check.valid) return null;
    return {
      code: 'INVALID_TAX_ID',
      message: check.reason === 'check_character' ? 'This tax ID has a wrong check character.' : 'Enter a Spanish NIF, CIF or NIE.',
    };
  }
  if (EU_COUNTRIES.has(countryCode)) {
    const prefixed = /^[A-Z]{2}/.test(id) ? id : `${countryCode === 'GR' ? 'EL' : countryCode}${id}`;
    return checkEuVatNumber(prefixed).valid ? null : { code: 'INVALID_TAX_ID', message: 'Enter an EU VAT number such as FR40303265045.' };
  }
  return /^[A-Z0-9]{2,20}$/.test(id) ? null : { code: 'INVALID_TAX_ID', message: 'Use up to 20 letters and digits.' };
}

/** The stored form of a tax ID: normalised, with the EU prefix for EU businesses outside Spain. */
export function canonicalCustomerTaxId(taxId: string, countryCode: string): string | null {
  const id = normalizeTaxId(taxId);
  if (id === '') return null;
  if (countryCode === 'ES') return id.startsWith('ES') && id.length === 11 ? id.slice(2) : id;
  if (EU_COUNTRIES.has(countryCode) && !/^[A-Z]{2}/.test(id)) return `${countryCode === 'GR' ? 'EL' : countryCode}${id}`;
  return id;
}
