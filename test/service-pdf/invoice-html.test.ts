// The invoice HTML on its own (no browser): labels, number formats, escaping, the QR code and the
// guarantee that the page references nothing outside itself.
import QRCode from 'qrcode';
import type { InvoiceDocument } from '../../service/src/documents/invoice-document';
import { escapeHtml, InvoiceDocumentError, renderInvoiceHtml } from '../../service/src/documents/invoice-html';
import { INVOICE_LABELS, invoiceTitle } from '../../service/src/documents/invoice-labels';
import { englishInvoice, QR_URL, spanishInvoice } from './invoice-fixtures';

const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ');

describe('renderInvoiceHtml', () => {
  test('Spanish amounts, dates and labels', async () => {
    const html = await renderInvoiceHtml(spanishInvoice());
    const body = text(html);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<title>Factura F2026-0001</title>');
    for (const expected of [
      'Fecha de expedición 14/03/2026',
      'Fecha de operación 10/03/2026',
      'Vencimiento 13/04/2026',
      '1.037,82 €',
      '1.222,28 €',
      '-31,50 €',
      'Retención IRPF (15 %)',
      '249,90 €',
      '10 %',
      '3,5',
      'Recargo de equivalencia 39,60 €',
      'ES91 2100 0418 4502 0005 1332',
    ]) {
      expect(body).toContain(expected);
    }
  });

  test('English labels, "15 Mar 2026" dates, €1,234.56 amounts and country names across borders', async () => {
    const body = text(await renderInvoiceHtml(englishInvoice()));
    expect(body).toContain('Issue date 15 Mar 2026');
    expect(body).toContain('€2,750.00');
    expect(body).toContain('€1,200.00');
    expect(body).toContain('Germany');
    expect(body).toContain('Spain');
    // Two 0 % rows are told apart by their treatment.
    expect(body).toContain('Treatment');
    expect(body).toContain('Reverse charge');
  });

  test('unit prices keep their extra decimals; amounts of other currencies use their own exponent', async () => {
    const doc = spanishInvoice();
    doc.lines[0]!.unit_price = '0.1234';
    const body = text(await renderInvoiceHtml(doc));
    expect(body).toContain('0,1234 €');
    const yen: InvoiceDocument = { ...englishInvoice(), currency: 'JPY', totals: { base: 1500, vat: 0, recargo: 0, irpf: 0, total: 1500 } };
    expect(text(await renderInvoiceHtml(yen))).toContain('JP¥1,500');
  });

  test('every value is escaped: names with <script>, & and quotes stay text', async () => {
    const doc = spanishInvoice();
    doc.issuer.legal_name = 'Tom & Jerry <script>alert(1)</script> "SL"';
    doc.recipient!.legal_name = "O'Brien <img src=x onerror=alert(1)>";
    doc.lines[0]!.description = '</td></tr></table><h1>injected</h1> 🚀';
    doc.notes = '<b>bold?</b>';
    doc.number = 'F2026-0001</title><script>x</script>';
    const html = await renderInvoiceHtml(doc);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/i);
    expect(html).not.toContain('<h1>injected');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; &quot;SL&quot;');
    expect(html).toContain('O&#39;Brien &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('🚀');
    // The footer repeats number and issuer inside CSS: no "</style>" can be smuggled in there either.
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html.match(/<\/title>/g)).toHaveLength(1);
  });

  test('the page references nothing remote: the logo and the QR code are data: images', async () => {
    const doc = spanishInvoice();
    const html = await renderInvoiceHtml(doc);
    const urls = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    expect(urls).toContain(doc.issuer.logo);
    expect(urls.every((url) => url.startsWith('data:image/'))).toBe(true);
    expect(html).not.toMatch(/url\(/);
    expect(html).toContain("default-src 'none'");
    // A logo that is not a data: image is left out rather than fetched.
    doc.issuer.logo = 'http://example.com/logo.png';
    expect(await renderInvoiceHtml(doc)).not.toContain('example.com');
  });

  test('the VERI*FACTU QR is the URL at error correction M, 35 mm, with the legend under it', async () => {
    const html = await renderInvoiceHtml(spanishInvoice());
    const image = /<img class="qr-code" alt="" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)">/.exec(html);
    const svg = Buffer.from(image?.[1] ?? '', 'base64').toString('utf8');
    const expected = await QRCode.toString(QR_URL, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 0,
      color: { dark: '#000000', light: '#ffffff' },
    });
    expect(svg).toBe(expected);
    expect(svg).toContain(`viewBox="0 0 ${QRCode.create(QR_URL, { errorCorrectionLevel: 'M' }).modules.size}`);
    expect(html).toMatch(/\.qr \.qr-code \{[^}]*width: 35mm; height: 35mm/);
    expect(html.indexOf('class="qr-code"')).toBeLessThan(html.indexOf('class="legend">VERI*FACTU<'));
    // AEAT: at the start of the invoice, before its content.
    expect(html.indexOf('class="qr-code"')).toBeLessThan(html.indexOf('class="lines"'));

    const without = await renderInvoiceHtml({ ...spanishInvoice(), verifactu: null });
    expect(without).not.toContain('class="qr-code"');
  });

  test('simplified invoices without a recipient, rectifying invoices name what they correct', async () => {
    const simplified: InvoiceDocument = { ...spanishInvoice(), kind: 'F2', title: invoiceTitle('F2', 'es'), recipient: null };
    expect(text(await renderInvoiceHtml(simplified))).toContain('Factura simplificada');

    const rectifying: InvoiceDocument = {
      ...spanishInvoice(),
      kind: 'R1',
      number: 'R2026-0001',
      title: invoiceTitle('R1', 'es'),
      rectifies: { number: 'F2026-0001', issue_date: '2026-03-14', reason: 'Precio unitario erróneo', method: 'differences' },
    };
    const body = text(await renderInvoiceHtml(rectifying));
    expect(body).toContain('Factura rectificativa');
    expect(body).toContain('Rectifica la factura F2026-0001 · 14/03/2026');
    expect(body).toContain('Rectificación por diferencias');
    expect(body).toContain('Motivo: Precio unitario erróneo');
  });

  test('the discount column appears only when a line has a discount; recargo columns only with recargo', async () => {
    const body = text(await renderInvoiceHtml(englishInvoice()));
    expect(body).not.toContain('Disc.');
    expect(body).not.toContain('Equalisation');
  });

  test('malformed values fail loudly, naming the field', async () => {
    const badDate = { ...spanishInvoice(), issue_date: '2026-02-30' };
    await expect(renderInvoiceHtml(badDate)).rejects.toThrow(InvoiceDocumentError);
    await expect(renderInvoiceHtml(badDate)).rejects.toThrow(/^issue_date:/);
    const badQuantity = spanishInvoice();
    badQuantity.lines[1]!.quantity = '1,5';
    await expect(renderInvoiceHtml(badQuantity)).rejects.toThrow(/^lines\.1\.quantity:/);
    const fractionalCents = spanishInvoice();
    fractionalCents.totals.total = 12.5;
    await expect(renderInvoiceHtml(fractionalCents)).rejects.toThrow(/^totals\.total:/);
  });

  test('labels exist for both languages', () => {
    expect(Object.keys(INVOICE_LABELS.en).sort()).toEqual(Object.keys(INVOICE_LABELS.es).sort());
    expect(invoiceTitle('F1', 'en')).toBe('Invoice');
    expect(invoiceTitle('R5', 'es')).toBe('Factura rectificativa');
    expect(escapeHtml('a\u0000b\u0007c')).toBe('abc');
  });
});
