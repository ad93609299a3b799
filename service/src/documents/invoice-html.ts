// An InvoiceDocument as a self-contained A4 HTML page for Chromium's printer: no script, no remote
// resource (logo and QR code are data URLs, fonts are the system's), every value
// escaped. Layout follows AEAT's guidance for the VERI*FACTU QR: first page, top left, 30–40 mm.
import QRCode from 'qrcode';
import { currencyExponent, money, toDecimalString } from '../domain/billing/money';
import type { InvoiceDocument, InvoiceParty, InvoiceTaxSummaryRow } from './invoice-document';
import { INVOICE_LABELS, type InvoiceLabels } from './invoice-labels';

/** A value in the document that cannot be printed faithfully (a malformed date or decimal). */
export class InvoiceDocumentError extends Error {
  readonly code = 'INVALID_INVOICE_DOCUMENT';

  constructor(
    readonly property: string,
    message: string,
  ) {
    super(`${property}: ${message}`);
    this.name = 'InvoiceDocumentError';
  }
}

/** AEAT: 30–40 mm, error correction M. */
export const QR_SIZE_MM = 35;

// Liberation Sans (metric-compatible with Arial) when installed, DejaVu Sans otherwise: both are
// Debian system fonts that Chromium embeds as subsets with a ToUnicode map, so text stays extractable.
const FONT_STACK = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif';

const ACCEPTED_LOGO = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Code points that are invalid in HTML text (C0 controls except tab/newline/CR, DEL).
// eslint-disable-next-line no-control-regex
const INVALID_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element body or a quoted attribute. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(INVALID_TEXT, '')
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A double-quoted CSS string: everything outside a small safe set is a hex escape, so `</style>` cannot appear. */
function cssString(value: string): string {
  const body = Array.from(value.replace(INVALID_TEXT, ''))
    .map((c) => (/^[A-Za-z0-9 .,:\-_/()]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `))
    .join('');
  return `"${body}"`;
}

interface Formatters {
  labels: InvoiceLabels;
  money(minor: number, property: string): string;
  decimal(value: string, property: string, maxFractionDigits: number): string;
  unitPrice(value: string, property: string): string;
  percent(value: string, property: string): string;
  date(value: string, property: string): string;
}

function formattersFor(doc: InvoiceDocument): Formatters {
  const labels = INVOICE_LABELS[doc.language];
  const exponent = currencyExponent(doc.currency);
  // "1.234,56 €": es-ES leaves 4-digit amounts ungrouped by default; invoices group them for aligned columns.
  const moneyFormat = new Intl.NumberFormat(labels.locale, { style: 'currency', currency: doc.currency, useGrouping: 'always' });
  const unitPriceFormat = new Intl.NumberFormat(labels.locale, {
    style: 'currency',
    currency: doc.currency,
    useGrouping: 'always',
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent + 4,
  });
  const decimalFormats = new Map<number, Intl.NumberFormat>();
  const dateFormat = new Intl.DateTimeFormat(labels.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const checkDecimal = (value: string, property: string): `${number}` => {
    if (typeof value !== 'string' || !DECIMAL.test(value))
      throw new InvoiceDocumentError(property, `${JSON.stringify(value)} is not a decimal.`);
    return value as `${number}`;
  };
  const decimal = (value: string, property: string, maxFractionDigits: number): string => {
    let format = decimalFormats.get(maxFractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(labels.locale, { maximumFractionDigits: maxFractionDigits, useGrouping: 'always' });
      decimalFormats.set(maxFractionDigits, format);
    }
    return format.format(checkDecimal(value, property));
  };
  return {
    labels,
    money: (minor, property) => {
      if (!Number.isSafeInteger(minor)) throw new InvoiceDocumentError(property, `${String(minor)} is not a whole number of minor units.`);
      // Formatted from the exact decimal string, never from a float division.
      return moneyFormat.format(toDecimalString(money(minor, doc.currency)) as `${number}`);
    },
    decimal,
    unitPrice: (value, property) => unitPriceFormat.format(checkDecimal(value, property)),
    percent: (value, property) => `${decimal(value, property, 2)}${doc.language === 'es' ? '\u00a0%' : '%'}`,
    date: (value, property) => {
      const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
      const time = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
      if (!m || new Date(time).toISOString().slice(0, 10) !== value) {
        throw new InvoiceDocumentError(property, `${JSON.stringify(value)} is not a YYYY-MM-DD date.`);
      }
      // Spanish invoices read dd/mm/yyyy; English gets "12 Mar 2026", which no reader can misread.
      return doc.language === 'es' ? `${m[3]}/${m[2]}/${m[1]}` : dateFormat.format(time);
    },
  };
}

function addressLines(party: InvoiceParty, showCountry: boolean, language: InvoiceDocument['language']): string[] {
  const province = party.province && party.province.trim() !== party.city.trim() ? ` (${party.province})` : '';
  const lines = [party.address_line, `${party.postal_code} ${party.city}${province}`.trim()];
  if (showCountry && party.country_code) {
    let country = party.country_code;
    try {
      country = new Intl.DisplayNames(language === 'es' ? 'es' : 'en-GB', { type: 'region' }).of(party.country_code) ?? country;
    } catch {
      // An unknown code is printed as given.
    }
    lines.push(country);
  }
  return lines.filter((line) => line.trim() !== '');
}

function partyBlock(party: InvoiceParty, f: Formatters, showCountry: boolean, language: InvoiceDocument['language']): string {
  const trade = party.trade_name && party.trade_name.trim() !== party.legal_name.trim() ? party.trade_name : null;
  const rows = [
    `<div class="party-name">${escapeHtml(party.legal_name)}</div>`,
    trade ? `<div class="party-trade">${escapeHtml(trade)}</div>` : '',
    party.tax_id ? `<div>${escapeHtml(f.labels.tax_id)}: <span class="strong">${escapeHtml(party.tax_id)}</span></div>` : '',
    ...addressLines(party, showCountry, language).map((line) => `<div>${escapeHtml(line)}</div>`),
    party.email ? `<div>${escapeHtml(party.email)}</div>` : '',
    party.phone ? `<div>${escapeHtml(party.phone)}</div>` : '',
  ];
  return rows.join('');
}

/**
 * The QR code as an SVG data URL in an <img>: Chromium prints it as vector paths exactly like
 * inline SVG, and HTML engines without inline SVG support (dompdf) still draw it.
 */
async function qrImage(url: string): Promise<string> {
  // The library's SVG holds only generated paths; the URL never appears in it as markup.
  const svg = await QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 0,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `<img class="qr-code" alt="" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`;
}

function taxRow(row: InvoiceTaxSummaryRow, index: number, f: Formatters, withTreatment: boolean, withRecargo: boolean): string {
  const p = `tax_summary.${index}`;
  const treatment = withTreatment ? `<td>${escapeHtml(row.vat_label)}</td>` : '';
  const recargoCells = withRecargo
    ? `<td class="num">${escapeHtml(row.recargo_rate_label ?? '')}</td><td class="num">${
        row.recargo === null || row.recargo === undefined ? '' : escapeHtml(f.money(row.recargo, `${p}.recargo`))
      }</td>`
    : '';
  return `<tr>${treatment}<td class="num">${escapeHtml(f.money(row.base, `${p}.base`))}</td><td class="num">${escapeHtml(row.vat_rate_label)}</td><td class="num">${escapeHtml(
    f.money(row.vat, `${p}.vat`),
  )}</td>${recargoCells}</tr>`;
}

const STYLE = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 9pt/1.38 ${FONT_STACK}; color: #1d232b; }
.strong { font-weight: bold; }
.muted { color: #6b7480; }
.masthead { display: flex; align-items: flex-start; gap: 7mm; padding-bottom: 5mm; border-bottom: 0.6mm solid #1f3a5f; }
.qr { flex: none; width: ${QR_SIZE_MM + 4}mm; text-align: center; }
.qr .qr-code { display: block; width: ${QR_SIZE_MM}mm; height: ${QR_SIZE_MM}mm; margin: 0 auto; }
.qr .legend { margin-top: 1.5mm; font-size: 8pt; font-weight: bold; letter-spacing: 0.04em; }
.qr .caption { font-size: 6pt; line-height: 1.25; color: #6b7480; }
.issuer { flex: 1; min-width: 0; }
.logo { display: block; max-width: 48mm; max-height: 18mm; margin-bottom: 3mm; object-fit: contain; object-position: left top; }
.issuer .party-name { font-size: 11.5pt; }
.doc { flex: none; width: 62mm; text-align: right; }
.doc h1 { margin: 0 0 3mm; font-size: 18pt; line-height: 1.1; font-weight: bold; color: #1f3a5f; letter-spacing: 0.01em; }
.doc table { margin-left: auto; border-collapse: collapse; }
.doc th { padding: 0.4mm 0 0.4mm 4mm; font-weight: normal; color: #6b7480; text-align: left; white-space: nowrap; }
.doc td { padding: 0.4mm 0 0.4mm 3mm; text-align: right; font-weight: bold; white-space: nowrap; }
.party-name { font-weight: bold; font-size: 10pt; }
.party-trade { color: #6b7480; }
.blocks { display: flex; gap: 6mm; margin: 6mm 0 6mm; }
.block { flex: 0 1 100mm; min-width: 0; padding: 3.5mm 4mm; background: #f3f5f8; border-radius: 1.5mm; overflow-wrap: anywhere; }
.block h2, .section h2 { margin: 0 0 1.5mm; font-size: 7pt; font-weight: bold; letter-spacing: 0.08em; text-transform: uppercase; color: #6b7480; }
.issuer, .block, .extras { overflow-wrap: anywhere; }
table.lines, table.taxes { width: 100%; border-collapse: collapse; }
table.lines th, table.taxes th { padding: 1.6mm 2mm; font-size: 7.5pt; font-weight: bold; text-align: left; color: #1f3a5f; border-bottom: 0.4mm solid #1f3a5f; }
table.lines td, table.taxes td { padding: 1.8mm 2mm; vertical-align: top; border-bottom: 0.2mm solid #dde2e8; }
table.lines th:first-child, table.lines td:first-child, table.taxes th:first-child, table.taxes td:first-child { padding-left: 0; }
table.lines th:last-child, table.lines td:last-child, table.taxes th:last-child, table.taxes td:last-child { padding-right: 0; }
table.lines td.description { width: 100%; white-space: pre-line; overflow-wrap: anywhere; }
th.num, td.num { text-align: right !important; white-space: nowrap; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.summary { display: flex; gap: 8mm; align-items: flex-start; margin-top: 6mm; break-inside: avoid; }
.summary .section { flex: 1; min-width: 0; }
.totals { flex: none; width: 72mm; border-collapse: collapse; }
.totals th { padding: 1.2mm 0; font-weight: normal; text-align: left; }
.totals td { padding: 1.2mm 0 1.2mm 4mm; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.totals tr.grand th, .totals tr.grand td { padding-top: 2.2mm; font-size: 11.5pt; font-weight: bold; color: #1f3a5f; border-top: 0.4mm solid #1f3a5f; }
.extras { display: flex; flex-wrap: wrap; gap: 4mm 8mm; margin-top: 7mm; }
.extras .section { flex: 1 1 70mm; break-inside: avoid; }
.extras p { margin: 0 0 1mm; }
.extras .notes { white-space: pre-line; }
.kv th { padding: 0.3mm 3mm 0.3mm 0; font-weight: normal; color: #6b7480; text-align: left; vertical-align: top; white-space: nowrap; }
.kv td { padding: 0.3mm 0; }
.kv { border-collapse: collapse; }
.iban { font-variant-numeric: tabular-nums; letter-spacing: 0.04em; white-space: nowrap; }
`;

/** The invoice as one HTML page for Chromium's printer (A4, page numbers in the footer). */
export async function renderInvoiceHtml(doc: InvoiceDocument): Promise<string> {
  const f = formattersFor(doc);
  const { labels } = f;
  const showCountries = Boolean(doc.recipient && doc.recipient.country_code !== doc.issuer.country_code);

  const qr = doc.verifactu
    ? `<div class="qr">${await qrImage(doc.verifactu.qr_url)}<div class="legend">${escapeHtml(doc.verifactu.legend)}</div>${
        doc.verifactu.legend.length <= 12 ? `<div class="caption">${escapeHtml(labels.verifactu_caption)}</div>` : ''
      }</div>`
    : '';

  const logo =
    doc.issuer.logo && ACCEPTED_LOGO.test(doc.issuer.logo) ? `<img class="logo" alt="" src="${escapeHtml(doc.issuer.logo)}">` : '';

  const meta: [string, string][] = [
    [labels.number, doc.number],
    [labels.issue_date, f.date(doc.issue_date, 'issue_date')],
  ];
  if (doc.operation_date && doc.operation_date !== doc.issue_date)
    meta.push([labels.operation_date, f.date(doc.operation_date, 'operation_date')]);
  if (doc.service_period)
    meta.push([
      labels.service_period,
      `${f.date(doc.service_period.start, 'service_period.start')} – ${f.date(doc.service_period.end, 'service_period.end')}`,
    ]);
  if (doc.due_date) meta.push([labels.due_date, f.date(doc.due_date, 'due_date')]);

  const masthead = `<header class="masthead">${qr}<div class="issuer">${logo}${partyBlock(doc.issuer, f, showCountries, doc.language)}</div><div class="doc"><h1>${escapeHtml(
    doc.title,
  )}</h1><table>${meta.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table></div></header>`;

  const blocks: string[] = [];
  if (doc.recipient) {
    blocks.push(
      `<section class="block"><h2>${escapeHtml(labels.recipient)}</h2>${partyBlock(doc.recipient, f, showCountries, doc.language)}</section>`,
    );
  }
  if (doc.rectifies) {
    const r = doc.rectifies;
    blocks.push(
      `<section class="block"><h2>${escapeHtml(labels.rectifies)}</h2><div class="party-name">${escapeHtml(r.number)} · ${escapeHtml(
        f.date(r.issue_date, 'rectifies.issue_date'),
      )}</div><div>${escapeHtml(labels.rectification_method[r.method])}</div><div>${escapeHtml(labels.rectification_reason)}: ${escapeHtml(r.reason)}</div></section>`,
    );
  }

  const withDiscount = doc.lines.some((line) => DECIMAL.test(line.discount_percent) && Number(line.discount_percent) !== 0);
  const lineRows = doc.lines
    .map((line, i) => {
      const p = `lines.${i}`;
      return `<tr><td class="description">${escapeHtml(line.description)}</td><td class="num">${escapeHtml(
        f.decimal(line.quantity, `${p}.quantity`, 4),
      )}</td><td class="num">${escapeHtml(f.unitPrice(line.unit_price, `${p}.unit_price`))}</td>${
        withDiscount ? `<td class="num">${escapeHtml(f.percent(line.discount_percent, `${p}.discount_percent`))}</td>` : ''
      }<td class="num">${escapeHtml(line.vat_label)}</td><td class="num">${escapeHtml(f.money(line.base, `${p}.base`))}</td></tr>`;
    })
    .join('');
  const linesTable = `<table class="lines"><thead><tr><th>${escapeHtml(labels.description)}</th><th class="num">${escapeHtml(
    labels.quantity,
  )}</th><th class="num">${escapeHtml(labels.unit_price)}</th>${withDiscount ? `<th class="num">${escapeHtml(labels.discount)}</th>` : ''}<th class="num">${escapeHtml(
    labels.vat,
  )}</th><th class="num">${escapeHtml(labels.amount)}</th></tr></thead><tbody>${lineRows}</tbody></table>`;

  const withRecargo = doc.tax_summary.some((row) => Boolean(row.recargo_rate_label) || Boolean(row.recargo)) || doc.totals.recargo !== 0;
  // "Reverse charge" and "Exempt (E1)" rows both show 0 %: name the treatment when the rate alone does not.
  const withTreatment = doc.tax_summary.some((row) => row.vat_label.trim() !== row.vat_rate_label.trim());
  const taxTable = `<div class="section"><h2>${escapeHtml(labels.tax_summary)}</h2><table class="taxes"><thead><tr>${
    withTreatment ? `<th>${escapeHtml(labels.tax_treatment)}</th>` : ''
  }<th class="num">${escapeHtml(
    labels.tax_base,
  )}</th><th class="num">${escapeHtml(labels.vat_rate)}</th><th class="num">${escapeHtml(labels.vat_amount)}</th>${
    withRecargo ? `<th class="num">${escapeHtml(labels.recargo_rate)}</th><th class="num">${escapeHtml(labels.recargo_amount)}</th>` : ''
  }</tr></thead><tbody>${doc.tax_summary.map((row, i) => taxRow(row, i, f, withTreatment, withRecargo)).join('')}</tbody></table></div>`;

  const totalRows: [string, string][] = [
    [labels.subtotal, f.money(doc.totals.base, 'totals.base')],
    [labels.vat_total, f.money(doc.totals.vat, 'totals.vat')],
  ];
  if (withRecargo) totalRows.push([labels.recargo_total, f.money(doc.totals.recargo, 'totals.recargo')]);
  if (doc.irpf || doc.totals.irpf !== 0) {
    const rate = doc.irpf?.rate_label ? ` (${doc.irpf.rate_label})` : '';
    totalRows.push([`${labels.irpf}${rate}`, f.money(-(doc.irpf?.amount ?? doc.totals.irpf), 'irpf.amount')]);
  }
  const totals = `<table class="totals">${totalRows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}<tr class="grand"><th>${escapeHtml(
    labels.total,
  )}</th><td>${escapeHtml(f.money(doc.totals.total, 'totals.total'))}</td></tr></table>`;

  const extras: string[] = [];
  const payment: [string, string, string?][] = [];
  if (doc.payment.method) payment.push([labels.payment_method, doc.payment.method]);
  if (doc.payment.iban) payment.push([labels.iban, doc.payment.iban, 'iban']);
  if (doc.payment.terms) payment.push([labels.payment_terms, doc.payment.terms]);
  if (payment.length) {
    extras.push(
      `<section class="section"><h2>${escapeHtml(labels.payment)}</h2><table class="kv">${payment
        .map(([k, v, cls]) => `<tr><th>${escapeHtml(k)}</th><td${cls ? ` class="${cls}"` : ''}>${escapeHtml(v)}</td></tr>`)
        .join('')}</table></section>`,
    );
  }
  if (doc.notes && doc.notes.trim())
    extras.push(
      `<section class="section"><h2>${escapeHtml(labels.notes)}</h2><p class="notes">${escapeHtml(doc.notes.trim())}</p></section>`,
    );
  const mentions = doc.legal_mentions.filter((m) => m.trim() !== '');
  if (mentions.length) {
    extras.push(
      `<section class="section"><h2>${escapeHtml(labels.legal_mentions)}</h2>${mentions.map((m) => `<p>${escapeHtml(m)}</p>`).join('')}</section>`,
    );
  }

  // Page margin boxes (Chromium ≥ 131) print the footer on every page; their text is a CSS string.
  const footerLeft = cssString(`${doc.title} ${doc.number} · ${doc.issuer.legal_name}`);
  const footerRight = `${cssString(`${labels.page} `)} counter(page) ${cssString(` ${labels.of} `)} counter(pages)`;
  const marginBox = `font: 7.5pt ${FONT_STACK}; color: #6b7480; vertical-align: top; padding-top: 4mm;`;
  const pageRule = `@page { size: A4; margin: 14mm 15mm 18mm 15mm; @bottom-left { content: ${footerLeft}; ${marginBox} } @bottom-right { content: ${footerRight}; ${marginBox} } }`;

  return `<!DOCTYPE html>
<html lang="${doc.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(`${doc.title} ${doc.number}`)}</title>
<style>${pageRule}${STYLE}</style>
</head>
<body>
${masthead}
${blocks.length ? `<div class="blocks">${blocks.join('')}</div>` : ''}
${linesTable}
<div class="summary">${taxTable}${totals}</div>
${extras.length ? `<div class="extras">${extras.join('')}</div>` : ''}
</body>
</html>
`;
}
