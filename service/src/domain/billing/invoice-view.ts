// The invoice as the API shows it: what a stored invoice looks like to WordPress and to the PDF.
import type { InvoiceKind, InvoiceStatus, RectificationMethod } from './invoice-rules';

export interface InvoiceParty {
  legal_name: string;
  tax_id: string | null;
  address_line: string;
  postal_code: string;
  city: string;
  province: string;
  country_code: string;
  email: string;
}

export type LineVat = number | { exempt: string };

export interface InvoiceLineView {
  position: number;
  description: string;
  sku: string;
  quantity: string;
  /** Minor units, up to 4 extra decimals (999 = 9,99 €). */
  unit_price: string;
  discount_percent: string;
  vat: LineVat;
  recargo: boolean;
  irpf: boolean;
  /** The line's taxable base in minor units. */
  base: number;
}

export interface TaxSummaryRow {
  vat: LineVat;
  vat_rate: string;
  recargo_rate: string;
  base: number;
  vat_amount: number;
  recargo_amount: number;
}

export interface ExternalTaxTotalView {
  vat: LineVat;
  recargo: boolean;
  base: number;
  vat_amount: number;
  recargo_amount: number;
}

export interface InvoiceView {
  id: number;
  status: InvoiceStatus;
  kind: InvoiceKind;
  series: { id: number; code: string };
  number: string | null;
  issue_date: string | null;
  operation_date: string | null;
  /** The period billed (recurring invoices), or null. */
  service_period: { start: string; end: string } | null;
  due_date: string | null;
  customer_id: number | null;
  recipient: InvoiceParty | null;
  issuer: (InvoiceParty & { trade_name: string; phone: string; logo: string | null; iban?: string; payment_terms?: string }) | null;
  currency: string;
  prices_include_tax: boolean;
  irpf_percent: string;
  simplified_limit_extended: boolean;
  language: 'es' | 'en';
  notes: string;
  payment_method: string;
  lines: InvoiceLineView[];
  totals: { base: number; vat: number; recargo: number; irpf: number; tax: number; total: number };
  tax_summary: TaxSummaryRow[];
  /** Per-rate totals given from outside that the invoice equals exactly, or null. */
  external_tax_totals: ExternalTaxTotalView[] | null;
  rectification: { invoice_id: number; method: RectificationMethod; reason: string } | null;
  verifactu: { fingerprint: string; qr_url: string } | null;
  issued_at: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Stored form of a line's IVA: "21" or "exempt:E1". */
export function encodeLineVat(vat: LineVat): string {
  return typeof vat === 'number' ? String(vat) : `exempt:${vat.exempt}`;
}

export function decodeLineVat(stored: string): LineVat {
  return stored.startsWith('exempt:') ? { exempt: stored.slice('exempt:'.length) } : Number(stored);
}
