/** The business that issues invoices: who it is and how it wants money and time shown. */
export interface CompanySettings {
  legal_name: string;
  trade_name: string;
  tax_id: string;
  address_line: string;
  postal_code: string;
  city: string;
  province: string;
  country_code: string;
  email: string;
  phone: string;
  default_currency: string;
  timezone: string;
  logo: string | null;
  /** Bank account printed on invoices for transfers; '' when none. */
  iban: string;
  /** Usual payment terms printed on invoices ("Transferencia a 30 días"); '' when none. */
  payment_terms: string;
}

export interface StoredCompanySettings extends CompanySettings {
  configured: boolean;
  updated_at: string | null;
}

export const LOGO_MAX_BYTES = 256 * 1024;

/** What a company looks like before anyone has filled the form. */
export function defaultCompanySettings(timezone: string): StoredCompanySettings {
  return {
    configured: false,
    legal_name: '',
    trade_name: '',
    tax_id: '',
    address_line: '',
    postal_code: '',
    city: '',
    province: '',
    country_code: 'ES',
    email: '',
    phone: '',
    default_currency: 'EUR',
    timezone,
    logo: null,
    iban: '',
    payment_terms: '',
    updated_at: null,
  };
}

/** Spanish postal codes are five digits whose first two are a province code from 01 to 52. */
export function isSpanishPostalCode(code: string): boolean {
  const m = /^(\d{2})\d{3}$/.exec(code);
  if (!m) return false;
  const province = Number(m[1]);
  return province >= 1 && province <= 52;
}

/** Decoded size of a base64 data URL for the logo, or null when it is not an accepted image. */
export function logoBytes(dataUrl: string): number | null {
  const m = /^data:image\/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!m) return null;
  const b64 = m[2]!;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length * 3) / 4 - padding;
}
