// WooCommerce "New order" e-mails (the mailbox fallback when the REST API is unreachable) read into
// a provisional order: classic and "email improvements" (WC ≥ 9.8) templates, English and Spanish,
// HTML preferred and plain text as fallback. Anything else comes back as not recognised or
// malformed with the reason; nothing here throws on bad mail.
import { simpleParser } from 'mailparser';
import { childElements, closest, findAll, hasClass, type HtmlElement, parseHtml, textOf } from './email-html';
import { findShownAmount, requireShownAmount, ShownAmountError } from './shown-amount';

export interface EmailOrderLine {
  name: string;
  sku: string;
  attributes: { label: string; value: string }[];
  /** Decimal string as ordered (before any refunded quantity). */
  quantity: string;
  /** The line amount as shown (the line subtotal before coupons, tax-inclusive when the shop shows it so). */
  amount: number;
}

export interface EmailOrderAddress {
  /** The address block's lines as shown, without phone and e-mail. */
  lines: string[];
  name: string;
  phone: string;
  email: string;
}

/** A provisional order from an e-mail: reconcile with the API by `order_id` when it is reachable. */
export interface EmailOrder {
  source: 'email';
  template: 'classic' | 'email_improvements';
  format: 'html' | 'text';
  language: 'en' | 'es';
  email_kind: 'admin_new_order' | 'customer_order';
  message_id: string | null;
  sent_at: string | null;
  order_number: string;
  /** The database id from the "edit order" link, when the e-mail has one. */
  order_id: number | null;
  /** YYYY-MM-DD, as the shop printed it. */
  order_date: string | null;
  currency: string | null;
  customer_name: string;
  customer_email: string;
  billing: EmailOrderAddress | null;
  shipping: EmailOrderAddress | null;
  lines: EmailOrderLine[];
  subtotal: number | null;
  /** Positive amount taken off. */
  discount: number;
  shipping_total: number;
  shipping_method: string;
  fees: { name: string; amount: number }[];
  /** Per tax label ("IVA", "IVA reducido"). */
  taxes: { label: string; amount: number }[];
  /** Taxes shown as "(includes …)" inside the total, rather than as rows of their own. */
  taxes_included: boolean;
  refunds: { label: string; amount: number }[];
  payment_method: string;
  total: number;
  /** Mismatches worth a look (the lines do not add up to the subtotal…); the order is still usable. */
  warnings: string[];
}

export type NewOrderEmailResult =
  | { status: 'parsed'; order: EmailOrder }
  | { status: 'not_recognised'; reason: string }
  | { status: 'malformed'; reason: string; order_number: string | null };

class MalformedEmail extends Error {}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10,
  noviembre: 11, diciembre: 12,
}; // prettier-ignore

/** "13 October, 2026", "November 14, 2026", "14 NOVIEMBRE, 2026", "14/11/2026", "2026-11-14" → "2026-11-14". */
export function shownDate(text: string): string | null {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const pad = (n: number) => String(n).padStart(2, '0');
  const valid = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
  };
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = text.toLowerCase().match(/[a-záéíóú]+|\d+/g) ?? [];
  const month = words.map((w) => MONTHS[w]).find((m) => m !== undefined);
  const numbers = words.filter((w) => /^\d+$/.test(w)).map(Number);
  const year = numbers.find((n) => n >= 1970 && n < 3000);
  const day = numbers.find((n) => n >= 1 && n <= 31);
  if (month && year && day) return valid(year, month, day);
  const dmy = /(\d{1,2})[/.](\d{1,2})[/.](\d{4})/.exec(text);
  return dmy ? valid(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) : null;
}

// Labels of the totals rows, English and Spanish (WooCommerce's own translations).
const LABELS = {
  subtotal: /^subtotal$/i,
  discount: /^(discount|descuento)s?$/i,
  shipping: /^(shipping|env[ií]o|gastos de env[ií]o)$/i,
  payment: /^(payment method|m[ée]todos? de pago|forma de pago)$/i,
  total: /^total$/i,
  refund: /^(refund|reembolso|reembolsado)/i,
  note: /^(note|nota|customer note)$/i,
  // Tax rows only appear when prices are shown without tax; fee names rarely look like these.
  tax: /^(iva|vat|tax|taxes|impuestos?|igic|ipsi|gst|sales tax|recargo de equivalencia|r\.?e\.?)\b/i,
};

const INCLUDES = /\((?:includes|including|incl\.|incluye|incluido|incluidos|impuestos incluidos:?)\s+([^)]*)\)/i;

interface TotalsRow {
  label: string;
  /** Text after the label (the value, and any "(includes …)" note). */
  value: string;
}

interface Extracted {
  number: string;
  dateText: string;
  isoDate: string | null;
  lines: EmailOrderLine[];
  rows: TotalsRow[];
  addresses: string[][];
  customer: string;
  template: EmailOrder['template'];
}

function splitLabel(text: string): TotalsRow {
  const i = text.indexOf(':');
  return i === -1 ? { label: text.trim(), value: '' } : { label: text.slice(0, i).trim(), value: text.slice(i + 1).trim() };
}

function parseQuantity(text: string): string {
  const m = /(\d+(?:[.,]\d{1,4})?)/.exec(text.replace(/×/g, ' '));
  if (!m) throw new MalformedEmail(`the quantity "${text}" is not a number`);
  return m[1]!.replace(',', '.').replace(/^0+(?=\d)/, '');
}

function splitSku(text: string): { name: string; sku: string } {
  const m = /\s*\(#([^)]+)\)\s*$/.exec(text) ?? /\s*\(#([^)]+)\)/.exec(text);
  return m
    ? { name: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim(), sku: m[1]!.trim() }
    : { name: text.trim(), sku: '' };
}

// ------------------------------------------------------------------------------------------------
// HTML

function itemRowsOf(root: HtmlElement): HtmlElement[] {
  const marked = findAll(root, (e) => e.tag === 'tr' && hasClass(e, 'order_item'));
  if (marked.length) return marked;
  // Themes may rename the row class: fall back to the body rows of the table headed Product/Producto.
  const header = findAll(root, (e) => e.tag === 'th' && /^(product|producto)$/i.test(textOf(e)))[0];
  const table = header ? closest(header, 'table') : null;
  if (!table) return [];
  return findAll(table, (e) => e.tag === 'tr' && closest(e, 'table') === table && childElements(e, 'td').length >= 2);
}

function htmlLine(row: HtmlElement): EmailOrderLine {
  const cells = childElements(row, 'td');
  if (cells.length < 2) throw new MalformedEmail('an item row has fewer than two cells');
  const [productCell, ...rest] = cells as [HtmlElement, ...HtmlElement[]];
  const priceCell = rest[rest.length - 1]!;
  const quantityCell = rest.length >= 2 ? rest[0]! : null;
  const isMeta = (e: HtmlElement) => hasClass(e, 'wc-item-meta') || hasClass(e, 'email-order-item-meta');
  const nameText = textOf(productCell, isMeta).replace(/\n/g, ' ');
  const { name, sku } = splitSku(nameText);
  const attributes: EmailOrderLine['attributes'] = [];
  for (const meta of findAll(productCell, isMeta)) {
    const items = findAll(meta, (e) => e.tag === 'li');
    const texts = items.length ? items.map((li) => textOf(li).replace(/\n/g, ' ')) : textOf(meta).split('\n');
    for (const t of texts) {
      const { label, value } = splitLabel(t);
      if (label) attributes.push({ label, value });
    }
  }
  let quantity = '1';
  if (quantityCell) {
    const ordered = findAll(quantityCell, (e) => e.tag === 'del')[0]; // refunded quantities show as <del>2</del> <ins>1</ins>
    quantity = parseQuantity(textOf(ordered ?? quantityCell));
  } else {
    const m = /[×x]\s*(\d+(?:[.,]\d+)?)/i.exec(textOf(productCell));
    if (m) quantity = parseQuantity(m[1]!);
  }
  return { name, sku, attributes, quantity, amount: requireShownAmount(textOf(priceCell).replace(/\n/g, ' ')).amount };
}

function extractHtml(html: string): Extracted | null {
  const root = parseHtml(html);
  const heading = findAll(root, (e) => /^h[1-3]$/.test(e.tag) && /(?:order|pedido)\s*#/i.test(textOf(e)));
  const text = textOf(root);
  const numberMatch =
    /\[(?:order|pedido)\s*#\s*([^\]\s]+)\s*\]\s*\(([^)]*)\)/i.exec(heading.map((h) => textOf(h)).join('\n')) ??
    /(?:^|\n)(?:order|pedido)\s*#\s*(\S+)\s*\(([^)]*)\)/i.exec(heading.map((h) => textOf(h)).join('\n')) ??
    /\[(?:order|pedido)\s*#\s*([^\]\s]+)\s*\]\s*\(([^)]*)\)/i.exec(text);
  if (!numberMatch) return null;
  const time = heading.flatMap((h) => findAll(h, (e) => e.tag === 'time'))[0];
  const rows = itemRowsOf(root);
  const totals: TotalsRow[] = [];
  for (const tr of findAll(root, (e) => e.tag === 'tr')) {
    const th = childElements(tr, 'th');
    const td = childElements(tr, 'td');
    if (th.length !== 1 || td.length !== 1) continue;
    const label = splitLabel(textOf(th[0]!).replace(/\n/g, ' '));
    if (!textOf(th[0]!).includes(':')) continue;
    totals.push({ label: label.label, value: `${label.value} ${textOf(td[0]!).replace(/\n/g, ' ')}`.trim() });
  }
  const addresses = findAll(root, (e) => e.tag === 'address').map((a) => textOf(a).split('\n'));
  const customer = /(?:order from|pedido de)\s+([^\n:]+):/i.exec(text)?.[1]?.trim() ?? '';
  const improved =
    findAll(root, (e) => hasClass(e, 'order-item-data') || hasClass(e, 'email-order-details') || hasClass(e, 'order-totals')).length > 0;
  return {
    number: numberMatch[1]!,
    dateText: textOf(time ?? numberMatch[2]!) || numberMatch[2]!,
    isoDate: time?.attrs.datetime ? shownDate(time.attrs.datetime) : null,
    lines: rows.map(htmlLine),
    rows: totals,
    addresses,
    customer,
    template: improved ? 'email_improvements' : 'classic',
  };
}

// ------------------------------------------------------------------------------------------------
// Plain text

const CLASSIC_ITEM = /^(.*?)\s+X\s+(\d+(?:[.,]\d{1,4})?)\s+=\s+(.+)$/;
const IMPROVED_ITEM = /^(.*?)\s+×\s+(\d+(?:[.,]\d{1,4})?)\s+(.+)$/;

function extractText(text: string): Extracted | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const headerIndex = lines.findIndex((l) => /^\s*\[?(?:order|pedido)\s*#\s*[^\]\s]+\]?\s*\(.*\)\s*$/i.test(l));
  if (headerIndex === -1) return null;
  const header = /#\s*([^\]\s]+)\]?\s*\(([^)]*)\)/.exec(lines[headerIndex]!)!;
  const separators = lines.map((l, i) => (/^={5,}\s*$/.test(l) ? i : -1)).filter((i) => i > headerIndex);
  const totalIndex = lines.findIndex((l, i) => i > headerIndex && /^\s*total\s*:/i.test(l));
  const itemsEnd = separators.filter((i) => totalIndex === -1 || i < totalIndex).pop() ?? -1;
  if (itemsEnd === -1) throw new MalformedEmail('the item list has no end marker');
  const items: EmailOrderLine[] = [];
  const improved = separators[0] !== undefined && separators[0] < itemsEnd;
  for (let i = headerIndex + 1; i < itemsEnd; i++) {
    const line = lines[i]!.trim();
    if (line === '' || /^={5,}$/.test(line)) continue;
    const classic = CLASSIC_ITEM.exec(line);
    const modern = classic ? null : IMPROVED_ITEM.exec(line);
    const item = classic ?? modern;
    if (item && findShownAmount(item[3]!)) {
      const { name, sku } = splitSku(item[1]!);
      items.push({ name, sku, attributes: [], quantity: parseQuantity(item[2]!), amount: requireShownAmount(item[3]!).amount });
      continue;
    }
    const last = items[items.length - 1];
    const sku = /^\(#([^)]+)\)$/.exec(line);
    if (last && sku) last.sku = sku[1]!.trim();
    else if (last && line.startsWith('- ')) {
      const { label, value } = splitLabel(line.slice(2));
      last.attributes.push({ label, value });
    }
  }
  const rows: TotalsRow[] = [];
  for (let i = itemsEnd + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') {
      if (rows.length) break;
      continue;
    }
    if (!line.includes(':')) break;
    rows.push(splitLabel(line.replace(/\t/g, ' ')));
  }
  const addresses: string[][] = [];
  for (const [i, line] of lines.entries()) {
    if (!/^(billing address|shipping address|direcci[oó]n de facturaci[oó]n|direcci[oó]n de env[ií]o)$/i.test(line.trim())) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!.trim();
      if (l === '') {
        if (block.length) break;
        continue;
      }
      block.push(l);
    }
    addresses.push(block);
  }
  const customer = /(?:order from|pedido de)\s+([^\n:]+):/i.exec(text)?.[1]?.trim() ?? '';
  return {
    number: header[1]!,
    dateText: header[2]!,
    isoDate: null,
    lines: items,
    rows,
    addresses,
    customer,
    template: improved ? 'email_improvements' : 'classic',
  };
}

// ------------------------------------------------------------------------------------------------

function addressOf(lines: string[] | undefined): EmailOrderAddress | null {
  if (!lines || lines.length === 0) return null;
  const email = lines.find((l) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(l)) ?? '';
  const phone = lines.find((l) => l !== email && /^\+?[\d\s().-]{6,}$/.test(l)) ?? '';
  const rest = lines.filter((l) => l !== email && l !== phone);
  return { lines: rest, name: rest[0] ?? '', phone, email };
}

function includedTaxes(text: string): { label: string; amount: number }[] {
  const m = INCLUDES.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/,\s+|\s+(?:and|y)\s+/)
    .map((part) => {
      const amount = findShownAmount(part);
      if (!amount) return null;
      const label = part.replace(amount.text, '').replace(/\s+/g, ' ').trim();
      return { label: label || 'Tax', amount: amount.amount };
    })
    .filter((t): t is { label: string; amount: number } => t !== null);
}

function assemble(
  extracted: Extracted,
  format: EmailOrder['format'],
  meta: { subject: string; messageId: string | null; date: Date | null; body: string },
): EmailOrder {
  if (extracted.lines.length === 0) throw new MalformedEmail('no ordered items were found');
  const spanish = /\b(pedido|cantidad|producto|env[ií]o|m[ée]todos? de pago|facturaci[oó]n)\b/i.test(
    `${meta.subject}\n${meta.body.slice(0, 20000)}`,
  );
  const order: EmailOrder = {
    source: 'email',
    template: extracted.template,
    format,
    language: spanish ? 'es' : 'en',
    email_kind: /new order|nuevo pedido|has recibido|you[’']ve received/i.test(`${meta.subject}\n${meta.body}`)
      ? 'admin_new_order'
      : 'customer_order',
    message_id: meta.messageId,
    sent_at: meta.date && !Number.isNaN(meta.date.getTime()) ? meta.date.toISOString() : null,
    order_number: extracted.number,
    order_id: null,
    order_date: extracted.isoDate ?? shownDate(extracted.dateText),
    currency: null,
    customer_name: extracted.customer,
    customer_email: '',
    billing: addressOf(extracted.addresses[0]),
    shipping: addressOf(extracted.addresses[1]),
    lines: extracted.lines,
    subtotal: null,
    discount: 0,
    shipping_total: 0,
    shipping_method: '',
    fees: [],
    taxes: [],
    taxes_included: false,
    refunds: [],
    payment_method: '',
    total: 0,
    warnings: [],
  };
  const edit = /post\.php\?post=(\d+)(?:&|&amp;)action=edit|page=wc-orders(?:&|&amp;)action=edit(?:&|&amp;)id=(\d+)/.exec(meta.body);
  if (edit) order.order_id = Number(edit[1] ?? edit[2]);
  order.customer_email = order.billing?.email ?? '';
  if (!order.customer_name) order.customer_name = order.billing?.name ?? '';

  let totalSeen = false;
  for (const row of extracted.rows) {
    const label = row.label.replace(/\s*\(.*\)\s*$/, '').trim();
    const value = row.value;
    const noted = `${row.label} ${value}`;
    const amountText = value.replace(INCLUDES, ' ');
    const amount = () => requireShownAmount(amountText).amount;
    if (LABELS.subtotal.test(label)) order.subtotal = amount();
    else if (LABELS.discount.test(label)) order.discount += Math.abs(amount());
    else if (LABELS.shipping.test(label)) {
      const found = findShownAmount(amountText);
      order.shipping_total += found?.amount ?? 0;
      order.shipping_method = found
        ? amountText
            .replace(found.text, '')
            .replace(/^\s*(?:via|vía)\s+/i, '')
            .trim()
        : amountText.trim();
    } else if (LABELS.payment.test(label)) order.payment_method = value.trim();
    else if (LABELS.total.test(label)) {
      order.total = amount();
      totalSeen = true;
      const included = includedTaxes(noted);
      if (included.length) {
        order.taxes = included;
        order.taxes_included = true;
      }
    } else if (LABELS.refund.test(label)) order.refunds.push({ label, amount: Math.abs(amount()) });
    else if (LABELS.note.test(label)) continue;
    else if (LABELS.tax.test(label) && findShownAmount(amountText)) order.taxes.push({ label, amount: amount() });
    else if (findShownAmount(amountText)) order.fees.push({ name: label, amount: amount() });
  }
  if (!totalSeen) throw new MalformedEmail('the order total was not found');
  const currencies = new Set([...extracted.rows.map((r) => findShownAmount(r.value.replace(INCLUDES, ' '))?.currency)].filter(Boolean));
  order.currency = currencies.size === 1 ? ([...currencies][0] as string) : null;

  const sumLines = order.lines.reduce((acc, l) => acc + l.amount, 0);
  if (order.subtotal !== null && order.subtotal !== sumLines)
    order.warnings.push(`The items add up to ${sumLines}, the subtotal says ${order.subtotal}.`);
  const taxesOnTop = order.taxes_included ? 0 : order.taxes.reduce((acc, t) => acc + t.amount, 0);
  const fees = order.fees.reduce((acc, f) => acc + f.amount, 0);
  const expected = (order.subtotal ?? sumLines) - order.discount + order.shipping_total + fees + taxesOnTop;
  // Shops round the tax-inclusive subtotal and discount separately: a cent or two apart is normal.
  if (Math.abs(expected - order.total) > 2 + order.lines.length)
    order.warnings.push(`The rows add up to ${expected}, the total says ${order.total}.`);
  return order;
}

/** A raw RFC 822 message → the order it announces, or why not. Never throws. */
export async function parseNewOrderEmail(source: Buffer | string): Promise<NewOrderEmailResult> {
  let mail;
  try {
    mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    return {
      status: 'malformed',
      reason: `The message could not be read: ${error instanceof Error ? error.message : String(error)}`,
      order_number: null,
    };
  }
  const subject = mail.subject ?? '';
  const html = typeof mail.html === 'string' ? mail.html : '';
  const text = mail.text ?? '';
  if (!html.trim() && !text.trim()) return { status: 'not_recognised', reason: 'The message has no text.' };
  const meta = { subject, messageId: mail.messageId ?? null, date: mail.date ?? null, body: html || text };
  let number: string | null = /#\s*\(?(\w[\w-]*)\)?/.exec(subject)?.[1] ?? null;
  try {
    const fromHtml = html ? extractHtml(html) : null;
    if (fromHtml) return { status: 'parsed', order: assemble(fromHtml, 'html', meta) };
    const fromText = text ? extractText(text) : null;
    if (fromText) {
      number = fromText.number;
      return { status: 'parsed', order: assemble(fromText, 'text', { ...meta, body: text }) };
    }
  } catch (error) {
    if (error instanceof MalformedEmail || error instanceof ShownAmountError) {
      return { status: 'malformed', reason: `Order e-mail "${subject}": ${error.message}.`, order_number: number };
    }
    return {
      status: 'malformed',
      reason: `Order e-mail "${subject}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
      order_number: number,
    };
  }
  return { status: 'not_recognised', reason: `"${subject}" is not a WooCommerce order e-mail (no order number and items table).` };
}
