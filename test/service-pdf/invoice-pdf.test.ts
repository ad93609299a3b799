// Invoices printed by the real Chromium adapter and read back with poppler: every mandatory field
// of RD 1619/2012 is in the PDF's text, fonts are embedded, the QR code is 35 mm, long invoices
// break across pages with repeated headers and page numbers.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createChromiumPdfRenderer, type ChromiumPdfRenderer } from '../../service/src/adapters/pdf';
import type { InvoiceDocument } from '../../service/src/documents/invoice-document';
import { renderInvoiceHtml } from '../../service/src/documents/invoice-html';
import { processGroupMembers } from '../harness/process-tree';
import { requireAll, requirements } from '../harness/requirements';
import { englishInvoice, spanishInvoice } from './invoice-fixtures';
import { flatten, pdfFonts, pdfInfo, pdfPageGrey, pdfPagePng, pdfText, popplerRequirement } from './pdf-tools';

/** Set CUADRA_PDF_PREVIEW_DIR to keep PNGs of the rendered pages for a look by eye. */
const PREVIEW_DIR = process.env.CUADRA_PDF_PREVIEW_DIR;

requireAll(requirements.chromium, popplerRequirement).describe('invoice PDFs through Chromium', () => {
  let renderer: ChromiumPdfRenderer;
  let browserPid: number | null = null;

  beforeAll(() => {
    renderer = createChromiumPdfRenderer({ poolSize: 2 });
  });

  afterAll(async () => {
    browserPid = renderer.stats().browser_pid;
    await renderer.close();
    if (browserPid) expect(processGroupMembers(browserPid)).toEqual([]);
  });

  /**
   * The PDF and its text twice over: in reading order (a wrapped description or paragraph stays in
   * one piece) and in layout order (a table row — base, rate, tax — stays on one line), joined, so
   * a check does not depend on where the installed font makes lines wrap.
   */
  async function print(doc: InvoiceDocument, preview?: string): Promise<{ pdf: Buffer; text: string }> {
    const pdf = await renderer.render(await renderInvoiceHtml(doc));
    if (PREVIEW_DIR && preview) {
      mkdirSync(PREVIEW_DIR, { recursive: true });
      const info = await pdfInfo(pdf);
      for (let page = 1; page <= Number(info.Pages); page++) await pdfPagePng(pdf, page, 60, path.join(PREVIEW_DIR, `${preview}-${page}`));
    }
    const [reading, layout] = await Promise.all([pdfText(pdf), pdfText(pdf, { layout: true })]);
    return { pdf, text: `${flatten(reading)} ‖ ${flatten(layout)}` };
  }

  test('a Spanish invoice carries every mandatory field as extractable text', async () => {
    const doc = spanishInvoice();
    const { pdf, text } = await print(doc, 'es');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const mandatory = [
      // series and number, dates
      'Factura',
      'F2026-0001',
      'Fecha de expedición 14/03/2026',
      'Fecha de operación 10/03/2026',
      'Vencimiento 13/04/2026',
      // issuer: name, NIF, address
      'Ejemplo Servicios SL',
      'NIF: B12345674',
      'Calle Mayor 1, 2º izq.',
      '28013 Madrid',
      // recipient: name, NIF, address
      'María José Núñez Peña',
      'NIF: 12345678Z',
      'Avenida de la Constitución 27, local 3',
      '41004 Sevilla',
      // each line
      'Cafetera espresso profesional «Bravo 2G» con molinillo integrado',
      'Instalación, puesta en marcha y formación del personal (horas)',
      'Café en grano natural, tueste medio, bolsa de 1 kg',
      '449,82 €',
      '210,00 €',
      '378,00 €',
      // per-rate bases, rates and taxes, recargo
      '659,82 € 21 % 138,56 € 5,2 % 34,31 €',
      '378,00 € 10 % 37,80 € 1,4 % 5,29 €',
      // totals, IRPF retention subtracted
      'Base imponible 1.037,82 €',
      'IVA 176,36 €',
      'Recargo de equivalencia 39,60 €',
      'Retención IRPF (15 %) -31,50 €',
      'Total a pagar 1.222,28 €',
      // VERI*FACTU, payment, mentions, page numbers
      'VERI*FACTU',
      'ES91 2100 0418 4502 0005 1332',
      'Recargo de equivalencia aplicado conforme al artículo 154 de la Ley 37/1992 del IVA.',
      'Página 1 de 1',
    ];
    const missing = mandatory.filter((expected) => !text.includes(expected));
    expect({ missing, text }).toEqual({ missing: [], text });

    const info = await pdfInfo(pdf);
    expect(info.Title).toBe('Factura F2026-0001');
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/\(A4\)$/);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded || !f.unicode)).toEqual([]);
  });

  test('an English invoice: labels, dates, amounts and legal mentions', async () => {
    const { pdf, text } = await print(englishInvoice(), 'en');
    for (const expected of [
      'Invoice',
      'F2026-0002',
      'Issue date 15 Mar 2026',
      'Due date 14 Apr 2026',
      'Nordlicht Design GmbH',
      'Tax ID: DE129273398',
      'Torstraße 140',
      '10119 Berlin',
      'Germany',
      'Brand workshop (two days, on site)',
      '€2,400.00',
      'Total due €2,750.00',
      'Reverse charge: VAT to be accounted for by the recipient',
      'VERI*FACTU',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await pdfInfo(pdf)).Title).toBe('Invoice F2026-0002');
  });

  test('markup in names is printed as text and never runs', async () => {
    const doc = spanishInvoice();
    doc.issuer.legal_name = 'Tom & Jerry <script>document.body.innerHTML="PWNED"</script> SL';
    doc.recipient!.legal_name = '<b>Cliente</b> "Ñandú" 🚀';
    doc.lines[0]!.description = '<img src=x onerror="document.title=\'PWNED\'">Cafetera';
    const { pdf, text } = await print(doc);
    expect(text).toContain('Tom & Jerry <script>document.body.innerHTML="PWNED"</script> SL');
    expect(text).toContain('<b>Cliente</b> "Ñandú"');
    expect(text).toContain('<img src=x onerror="document.title=\'PWNED\'">Cafetera');
    expect((await pdfInfo(pdf)).Title).toBe('Factura F2026-0001');
  });

  test('the QR code is printed 35 mm wide at the top left of the first page', async () => {
    const { pdf } = await print(spanishInvoice());
    const dpi = 200;
    const { width, pixels } = await pdfPageGrey(pdf, 1, dpi);
    // The QR is the first dark thing from the top in the page's left 58 mm (15 mm margin, 35 mm QR,
    // then the gap before the issuer's column). Its first row runs through the two upper finder
    // patterns, so it spans the symbol's full width; the symbol is square.
    const limit = Math.round((58 / 25.4) * dpi);
    let top = -1;
    for (let y = 0; y < limit && top < 0; y++) {
      for (let x = 0; x < limit; x++) if (pixels[y * width + x]! < 128) top = y;
    }
    expect(top).toBeGreaterThanOrEqual(0);
    const row = [...pixels.subarray(top * width, top * width + limit)];
    const left = row.findIndex((v) => v < 128);
    const right = limit - 1 - [...row].reverse().findIndex((v) => v < 128);
    const mm = (px: number) => (px / dpi) * 25.4;
    expect(mm(right - left + 1)).toBeGreaterThanOrEqual(34.5);
    expect(mm(right - left + 1)).toBeLessThanOrEqual(35.5);
    expect(mm(left)).toBeLessThan(20);
    expect(mm(top)).toBeLessThan(20);
  });

  test('a long invoice breaks across pages with the table header repeated and "Página n de N"', async () => {
    const doc = spanishInvoice();
    doc.lines = Array.from({ length: 70 }, (_, i) => ({
      description: `Línea ${i + 1}: suscripción mensual al servicio de mantenimiento`,
      quantity: '1',
      unit_price: '10.00',
      discount_percent: '0',
      vat_label: '21 %',
      base: 1000,
    }));
    const { pdf } = await print(doc, 'long');
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    const perPage = (await pdfText(pdf, { layout: true }))
      .split('\f')
      .filter((page) => page.trim() !== '')
      .map(flatten);
    expect(perPage).toHaveLength(pages);
    perPage.forEach((page, i) => {
      expect(page).toContain(`Página ${i + 1} de ${pages}`);
      expect(page).toContain('Factura F2026-0001 · Ejemplo Servicios SL');
    });
    // The lines' header row is repeated on the page where the table continues.
    expect(perPage[1]).toContain('Descripción Cantidad Precio unitario');
    // No line is lost or cut between pages.
    const all = perPage.join(' ');
    for (let i = 1; i <= 70; i++) expect(all).toContain(`Línea ${i}: suscripción mensual`);
  });
});
