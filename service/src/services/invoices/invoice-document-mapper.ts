import { formatIban } from '../../domain/company/iban';
import { formatScaledDecimal, parseScaledDecimal } from '../../domain/billing/decimal';
import type { InvoiceView, LineVat } from '../../domain/billing/invoice-view';
import { currencyExponent } from '../../domain/billing/money';
import { EXEMPTION_REASONS, type ExemptionReason } from '../../domain/billing/tax-rates';
import { VERIFACTU_QR_LEGEND } from '../../domain/billing/verifactu-qr';
import type { InvoiceDocument } from '../../documents/invoice-document';
import { invoiceTitle } from '../../documents/invoice-labels';

function vatLabel(vat: LineVat, language: 'es' | 'en'): string {
  if (typeof vat === 'number') return `${vat} %`;
  return `${language === 'es' ? 'Exenta' : 'Exempt'} (${vat.exempt})`;
}

// unit_price is stored in minor units with up to 4 extra decimals; printed in currency units.
function unitPriceInCurrency(minor: string, currency: string): string {
  const exponent = currencyExponent(currency);
  const trimmed = formatScaledDecimal(parseScaledDecimal(minor, 4), 4 + exponent, { trimZeros: true });
  const [whole, fraction = ''] = trimmed.split('.');
  return exponent === 0 && fraction === '' ? whole! : `${whole}.${fraction.padEnd(exponent, '0')}`;
}

/** The stored invoice as it is printed: the PDF is always regenerated from this, never kept. */
export function invoiceDocumentOf(
  invoice: InvoiceView,
  companyLogo: string | null,
  original: Pick<InvoiceView, 'number' | 'issue_date'> | null = null,
): InvoiceDocument {
  if (!invoice.number || !invoice.issue_date || !invoice.issuer) throw new Error('Only issued invoices have a document');
  const language = invoice.language;
  const exemptions = new Set<string>();
  for (const line of invoice.lines) if (typeof line.vat !== 'number') exemptions.add(line.vat.exempt);
  return {
    language,
    title: invoiceTitle(invoice.kind, language),
    number: invoice.number,
    kind: invoice.kind,
    issue_date: invoice.issue_date,
    operation_date: invoice.operation_date,
    service_period: invoice.service_period,
    due_date: invoice.due_date,
    issuer: { ...invoice.issuer, tax_id: invoice.issuer.tax_id ?? '', logo: companyLogo },
    recipient: invoice.recipient,
    lines: invoice.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unit_price: unitPriceInCurrency(line.unit_price, invoice.currency),
      discount_percent: line.discount_percent,
      vat_label: vatLabel(line.vat, language),
      base: line.base,
    })),
    tax_summary: invoice.tax_summary.map((row) => ({
      vat_label: vatLabel(row.vat, language),
      base: row.base,
      vat_rate_label: typeof row.vat === 'number' ? `${row.vat_rate} %` : '—',
      vat: row.vat_amount,
      recargo_rate_label: row.recargo_amount ? `${row.recargo_rate} %` : null,
      recargo: row.recargo_amount || null,
    })),
    irpf: invoice.totals.irpf ? { rate_label: `${invoice.irpf_percent} %`, amount: invoice.totals.irpf } : null,
    totals: {
      base: invoice.totals.base,
      vat: invoice.totals.vat,
      recargo: invoice.totals.recargo,
      irpf: invoice.totals.irpf,
      total: invoice.totals.total,
    },
    currency: invoice.currency,
    payment: {
      method: invoice.payment_method || null,
      iban: invoice.issuer.iban ? formatIban(invoice.issuer.iban) : null,
      terms: invoice.issuer.payment_terms || null,
    },
    notes: invoice.notes || null,
    legal_mentions: [...exemptions].sort().map((reason) => EXEMPTION_REASONS[reason as ExemptionReason] ?? reason),
    rectifies:
      invoice.rectification && original?.number && original.issue_date
        ? {
            number: original.number,
            issue_date: original.issue_date,
            reason: invoice.rectification.reason,
            method: invoice.rectification.method,
          }
        : null,
    verifactu: invoice.verifactu ? { qr_url: invoice.verifactu.qr_url, legend: VERIFACTU_QR_LEGEND } : null,
  };
}
