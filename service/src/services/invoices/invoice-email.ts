import type { InvoiceView } from '../../domain/billing/invoice-view';
import type { MailComposer } from '../outbox/outbox-service';

export interface InvoiceEmailPayload {
  invoice_id: number;
  to: string[];
}

function formatMoney(cents: number, currency: string, language: 'es' | 'en'): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency }).format(cents / 100);
}

// dd/mm/yyyy reads right in Spain and in British English alike.
function formatDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Subject and body of the e-mail that carries an invoice, in the invoice's language. */
export function invoiceEmailText(invoice: InvoiceView): { subject: string; text: string } {
  const issuer = invoice.issuer?.trade_name || invoice.issuer?.legal_name || '';
  const total = formatMoney(invoice.totals.total, invoice.currency, invoice.language);
  if (invoice.language === 'en') {
    return {
      subject: `Invoice ${invoice.number} from ${issuer}`,
      text: [
        'Hello,',
        '',
        `Please find attached invoice ${invoice.number} of ${formatDate(invoice.issue_date)} for ${total}.`,
        invoice.due_date ? `It is due on ${formatDate(invoice.due_date)}.` : '',
        '',
        'Thank you,',
        issuer,
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
    };
  }
  return {
    subject: `Factura ${invoice.number} de ${issuer}`,
    text: [
      'Hola:',
      '',
      `Le adjuntamos la factura ${invoice.number} del ${formatDate(invoice.issue_date)} por un total de ${total}.`,
      invoice.due_date ? `Vence el ${formatDate(invoice.due_date)}.` : '',
      '',
      'Gracias,',
      issuer,
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n'),
  };
}

export function invoiceEmailComposer({
  getInvoice,
  renderPdf,
  from,
}: {
  getInvoice: (id: number) => Promise<InvoiceView>;
  /** The invoice's PDF; absent when no renderer is configured, then the e-mail goes without it. */
  renderPdf?: (invoice: InvoiceView) => Promise<Buffer>;
  from: string;
}): MailComposer {
  return async (payload) => {
    const { invoice_id, to } = payload as InvoiceEmailPayload;
    const invoice = await getInvoice(invoice_id);
    const { subject, text } = invoiceEmailText(invoice);
    const attachments = renderPdf
      ? [{ filename: `${invoice.number}.pdf`, content: await renderPdf(invoice), contentType: 'application/pdf' }]
      : [];
    return { from, to, replyTo: invoice.issuer?.email || undefined, subject, text, attachments };
  };
}
