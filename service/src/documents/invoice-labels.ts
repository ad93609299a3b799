// Every fixed word printed on an invoice, per language. Typed so that a missing translation is a
// compile error rather than an empty cell on a customer's invoice.
import type { InvoiceKind, RectificationMethod } from '../domain/billing/invoice-rules';
import type { InvoiceLanguage } from './invoice-document';

export interface InvoiceLabels {
  /** BCP 47 locale for numbers, money and dates. */
  locale: string;
  titles: { full: string; simplified: string; rectifying: string };
  number: string;
  issue_date: string;
  operation_date: string;
  service_period: string;
  due_date: string;
  tax_id: string;
  issuer: string;
  recipient: string;
  description: string;
  quantity: string;
  unit_price: string;
  discount: string;
  vat: string;
  amount: string;
  tax_summary: string;
  tax_treatment: string;
  tax_base: string;
  vat_rate: string;
  vat_amount: string;
  recargo_rate: string;
  recargo_amount: string;
  subtotal: string;
  vat_total: string;
  recargo_total: string;
  irpf: string;
  total: string;
  payment: string;
  payment_method: string;
  iban: string;
  payment_terms: string;
  notes: string;
  legal_mentions: string;
  rectifies: string;
  rectification_reason: string;
  rectification_method: Record<RectificationMethod, string>;
  verifactu_caption: string;
  page: string;
  of: string;
}

export const INVOICE_LABELS: Readonly<Record<InvoiceLanguage, InvoiceLabels>> = {
  es: {
    locale: 'es-ES',
    titles: { full: 'Factura', simplified: 'Factura simplificada', rectifying: 'Factura rectificativa' },
    number: 'Número',
    issue_date: 'Fecha de expedición',
    operation_date: 'Fecha de operación',
    service_period: 'Periodo facturado',
    due_date: 'Vencimiento',
    tax_id: 'NIF',
    issuer: 'Emisor',
    recipient: 'Cliente',
    description: 'Descripción',
    quantity: 'Cantidad',
    unit_price: 'Precio unitario',
    discount: 'Dto.',
    vat: 'IVA',
    amount: 'Importe',
    tax_summary: 'Desglose de impuestos',
    tax_treatment: 'Régimen',
    tax_base: 'Base imponible',
    vat_rate: 'Tipo IVA',
    vat_amount: 'Cuota IVA',
    recargo_rate: 'Tipo R.E.',
    recargo_amount: 'Cuota R.E.',
    subtotal: 'Base imponible',
    vat_total: 'IVA',
    recargo_total: 'Recargo de equivalencia',
    irpf: 'Retención IRPF',
    total: 'Total a pagar',
    payment: 'Forma de pago',
    payment_method: 'Medio',
    iban: 'IBAN',
    payment_terms: 'Condiciones',
    notes: 'Observaciones',
    legal_mentions: 'Menciones legales',
    rectifies: 'Rectifica la factura',
    rectification_reason: 'Motivo',
    rectification_method: { substitution: 'Rectificación por sustitución', differences: 'Rectificación por diferencias' },
    verifactu_caption: 'Factura verificable en la sede electrónica de la AEAT',
    page: 'Página',
    of: 'de',
  },
  en: {
    locale: 'en-GB',
    titles: { full: 'Invoice', simplified: 'Simplified invoice', rectifying: 'Corrective invoice' },
    number: 'Number',
    issue_date: 'Issue date',
    operation_date: 'Date of supply',
    service_period: 'Billing period',
    due_date: 'Due date',
    tax_id: 'Tax ID',
    issuer: 'From',
    recipient: 'Bill to',
    description: 'Description',
    quantity: 'Qty',
    unit_price: 'Unit price',
    discount: 'Disc.',
    vat: 'VAT',
    amount: 'Amount',
    tax_summary: 'Tax breakdown',
    tax_treatment: 'Treatment',
    tax_base: 'Taxable base',
    vat_rate: 'VAT rate',
    vat_amount: 'VAT',
    recargo_rate: 'Equalisation rate',
    recargo_amount: 'Equalisation surcharge',
    subtotal: 'Taxable base',
    vat_total: 'VAT',
    recargo_total: 'Equalisation surcharge',
    irpf: 'IRPF withholding',
    total: 'Total due',
    payment: 'Payment',
    payment_method: 'Method',
    iban: 'IBAN',
    payment_terms: 'Terms',
    notes: 'Notes',
    legal_mentions: 'Legal notes',
    rectifies: 'Corrects invoice',
    rectification_reason: 'Reason',
    rectification_method: { substitution: 'Correction by substitution', differences: 'Correction by differences' },
    verifactu_caption: 'Invoice verifiable at the AEAT electronic office',
    page: 'Page',
    of: 'of',
  },
};

/** The printed title for an invoice kind: F2 "Factura simplificada", R1–R5 "Factura rectificativa". */
export function invoiceTitle(kind: InvoiceKind, language: InvoiceLanguage): string {
  const { titles } = INVOICE_LABELS[language];
  if (kind.startsWith('R')) return titles.rectifying;
  return kind === 'F2' ? titles.simplified : titles.full;
}
