// Realistic invoices for the PDF tests and the PDF benchmark. Amounts were computed by hand with
// the billing rule (per line, then per rate) and are written out in cents:
//   21 % group: 449.82 + 210.00 = 659.82 → IVA 138.56, R.E. 5.2 % 34.31
//   10 % group: 378.00                  → IVA  37.80, R.E. 1.4 %  5.29
//   IRPF 15 % on the service line 210.00 → 31.50
//   total 1,037.82 + 176.36 + 39.60 − 31.50 = 1,222.28
import type { InvoiceDocument } from '../../service/src/documents/invoice-document';

/** A 96×32 PNG (191 bytes): a small two-colour mark. */
export const TINY_PNG_LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAYAAADtwH1UAAAAhklEQVR42u3ayxGAIAwFQDrxbgk2Y0lWYK2hAhhnHD7KHt4Zkj1BkiIiybhowowA23FGi2g4AABSAGjVdBgAAAD4EEDve4yu+1Hh+30VU9MFAAAAAAAAAAAA4B3w4h0AAAAAAIsA1M6aIQAAAACwGkDP72gABjImYgAAWEsBAACA5VwB8Pdk7eFoE/i47jQAAAAASUVORK5CYII=';

export const QR_URL = 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=F2026-0001&fecha=14-03-2026&importe=1222.28';

export function spanishInvoice(): InvoiceDocument {
  return {
    language: 'es',
    title: 'Factura',
    number: 'F2026-0001',
    kind: 'F1',
    issue_date: '2026-03-14',
    operation_date: '2026-03-10',
    due_date: '2026-04-13',
    issuer: {
      legal_name: 'Ejemplo Servicios SL',
      trade_name: 'Ejemplo',
      tax_id: 'B12345674',
      address_line: 'Calle Mayor 1, 2º izq.',
      postal_code: '28013',
      city: 'Madrid',
      province: 'Madrid',
      country_code: 'ES',
      email: 'facturas@example.es',
      phone: '+34 910 000 000',
      logo: TINY_PNG_LOGO,
    },
    recipient: {
      legal_name: 'María José Núñez Peña',
      trade_name: 'Ultramarinos La Esquina',
      tax_id: '12345678Z',
      address_line: 'Avenida de la Constitución 27, local 3',
      postal_code: '41004',
      city: 'Sevilla',
      province: 'Sevilla',
      country_code: 'ES',
      email: 'pedidos@laesquina.example',
    },
    lines: [
      {
        description: 'Cafetera espresso profesional «Bravo 2G» con molinillo integrado',
        quantity: '2',
        unit_price: '249.90',
        discount_percent: '10',
        vat_label: '21 %',
        base: 44_982,
      },
      {
        description: 'Instalación, puesta en marcha y formación del personal (horas)',
        quantity: '3.5',
        unit_price: '60.00',
        discount_percent: '0',
        vat_label: '21 %',
        base: 21_000,
      },
      {
        description: 'Café en grano natural, tueste medio, bolsa de 1 kg',
        quantity: '24',
        unit_price: '15.75',
        discount_percent: '0',
        vat_label: '10 %',
        base: 37_800,
      },
    ],
    tax_summary: [
      { vat_label: '21 %', base: 65_982, vat_rate_label: '21 %', vat: 13_856, recargo_rate_label: '5,2 %', recargo: 3_431 },
      { vat_label: '10 %', base: 37_800, vat_rate_label: '10 %', vat: 3_780, recargo_rate_label: '1,4 %', recargo: 529 },
    ],
    irpf: { rate_label: '15 %', amount: 3_150 },
    totals: { base: 103_782, vat: 17_636, recargo: 3_960, irpf: 3_150, total: 122_228 },
    currency: 'EUR',
    payment: { method: 'Transferencia bancaria', iban: 'ES91 2100 0418 4502 0005 1332', terms: 'A 30 días de la fecha de factura' },
    notes: 'Pedido n.º 4471 del 2 de marzo.\nEntrega en tienda, de 8:00 a 10:00.',
    legal_mentions: ['Recargo de equivalencia aplicado conforme al artículo 154 de la Ley 37/1992 del IVA.'],
    verifactu: { qr_url: QR_URL, legend: 'VERI*FACTU' },
  };
}

/** An English invoice to an EU business: reverse charge, one exempt line, no IRPF. */
export function englishInvoice(): InvoiceDocument {
  return {
    language: 'en',
    title: 'Invoice',
    number: 'F2026-0002',
    kind: 'F1',
    issue_date: '2026-03-15',
    due_date: '2026-04-14',
    issuer: spanishInvoice().issuer,
    recipient: {
      legal_name: 'Nordlicht Design GmbH',
      tax_id: 'DE129273398',
      address_line: 'Torstraße 140',
      postal_code: '10119',
      city: 'Berlin',
      country_code: 'DE',
      email: 'accounts@nordlicht.example',
    },
    lines: [
      {
        description: 'Brand workshop (two days, on site)',
        quantity: '2',
        unit_price: '1200.00',
        discount_percent: '0',
        vat_label: 'Reverse charge',
        base: 240_000,
      },
      {
        description: 'Training course for staff',
        quantity: '1',
        unit_price: '350.00',
        discount_percent: '0',
        vat_label: 'Exempt (E1)',
        base: 35_000,
      },
    ],
    tax_summary: [
      { vat_label: 'Reverse charge', base: 240_000, vat_rate_label: '0 %', vat: 0 },
      { vat_label: 'Exempt (E1)', base: 35_000, vat_rate_label: 'Exempt', vat: 0 },
    ],
    totals: { base: 275_000, vat: 0, recargo: 0, irpf: 0, total: 275_000 },
    currency: 'EUR',
    payment: { method: 'Bank transfer', iban: 'ES91 2100 0418 4502 0005 1332', terms: 'Net 30' },
    legal_mentions: [
      'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC).',
      'Exempt under article 20 of Spanish VAT Law 37/1992.',
    ],
    verifactu: {
      qr_url: 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=F2026-0002&fecha=15-03-2026&importe=2750',
      legend: 'VERI*FACTU',
    },
  };
}
