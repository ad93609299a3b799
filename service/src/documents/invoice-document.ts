// The invoice as it is printed: every string and amount already decided, nothing read from the
// database. A PDF is regenerated from the stored invoice by mapping it to this shape and rendering
// it, so the same document always gives the same page.
import type { InvoiceKind, RectificationMethod } from '../domain/billing/invoice-rules';

export type InvoiceLanguage = 'es' | 'en';

export interface InvoiceParty {
  legal_name: string;
  trade_name?: string | null;
  /** NIF/NIE/CIF or EU VAT number; foreign recipients may have none. */
  tax_id: string | null;
  address_line: string;
  postal_code: string;
  city: string;
  province?: string | null;
  /** ISO 3166-1 alpha-2. */
  country_code: string;
  email?: string | null;
  phone?: string | null;
}

export interface InvoiceIssuer extends InvoiceParty {
  tax_id: string;
  email: string;
  /** `data:image/(png|jpeg|gif|webp|svg+xml);base64,…`; anything else is not printed. */
  logo: string | null;
}

export interface InvoiceDocumentLine {
  description: string;
  /** Decimal string with "." ("3", "1.5", "0.2500"). */
  quantity: string;
  /** In currency units with "." and up to 4 decimals beyond the currency's ("9.99", "0.1234"). */
  unit_price: string;
  /** Percentage with "." ("0", "10", "12.5"). */
  discount_percent: string;
  /** As printed in the IVA column: "21 %", "Exenta (E1)". */
  vat_label: string;
  /** The line's taxable base in minor units. */
  base: number;
}

/** One row of the per-rate summary (desglose). Amounts in minor units. */
export interface InvoiceTaxSummaryRow {
  vat_label: string;
  base: number;
  vat_rate_label: string;
  vat: number;
  recargo_rate_label?: string | null;
  recargo?: number | null;
}

export interface InvoiceDocumentTotals {
  base: number;
  vat: number;
  recargo: number;
  /** The retention as a positive amount; it is subtracted from the total. */
  irpf: number;
  total: number;
}

export interface InvoiceRectificationRef {
  /** The number of the invoice being corrected. */
  number: string;
  issue_date: string;
  reason: string;
  method: RectificationMethod;
}

export interface InvoiceDocument {
  language: InvoiceLanguage;
  /** "Factura", "Factura rectificativa", "Factura simplificada" (see invoiceTitle()). */
  title: string;
  /** Series and number as issued: "F2026-0001". */
  number: string;
  kind: InvoiceKind;
  /** YYYY-MM-DD. */
  issue_date: string;
  /** YYYY-MM-DD, printed only when it differs from the issue date. */
  operation_date?: string | null;
  /** The period billed (recurring invoices), printed when given. */
  service_period?: { start: string; end: string } | null;
  due_date?: string | null;
  issuer: InvoiceIssuer;
  /** Optional only on simplified invoices (F2, R5). */
  recipient?: InvoiceParty | null;
  lines: InvoiceDocumentLine[];
  tax_summary: InvoiceTaxSummaryRow[];
  irpf?: { rate_label: string; amount: number } | null;
  totals: InvoiceDocumentTotals;
  /** ISO 4217. */
  currency: string;
  payment: { method?: string | null; iban?: string | null; terms?: string | null };
  notes?: string | null;
  /** Exemption reasons, "Inversión del sujeto pasivo", … one paragraph each. */
  legal_mentions: string[];
  rectifies?: InvoiceRectificationRef | null;
  /** The AEAT verification QR: the URL it encodes and the legend printed under it. */
  verifactu?: { qr_url: string; legend: string } | null;
}
