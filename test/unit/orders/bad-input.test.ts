import { parseNewOrderEmail } from '../../../service/src/domain/orders/new-order-email';
import { findShownAmount, ShownAmountError } from '../../../service/src/domain/orders/shown-amount';
import { normaliseWooOrder, readWooOrderBody } from '../../../service/src/domain/orders/woo-order';
import { mailFixtures, readApiFixture } from './fixtures';

const order25 = readApiFixture('order_mixed_tax_rates_25.json');

type Order = Record<string, unknown> & { line_items: Record<string, unknown>[]; tax_lines: Record<string, unknown>[] };

describe('bad REST answers give a typed problem naming the field, never a throw', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>', 'NOT_JSON'],
    ['truncated JSON', order25.slice(0, 1000), 'TRUNCATED_JSON'],
    ['an empty body', '  ', 'EMPTY_RESPONSE'],
    ['a WooCommerce error', readApiFixture('error_401_bad_secret.json'), 'STORE_ERROR'],
    ['a list instead of one order', '[]', 'INVALID_ORDER'],
  ])('%s', (_what, body, code) => {
    expect(readWooOrderBody(body)).toMatchObject({ ok: false, error: { code } });
  });

  it.each([
    ['line_items.0.total', (o: Order) => (o.line_items[0]!.total = '29,72'), 'INVALID_AMOUNT'],
    ['total', (o: Order) => (o.total = '1e3'), 'INVALID_AMOUNT'],
    ['tax_lines.0.tax_total', (o: Order) => (o.tax_lines[0]!.tax_total = null), 'INVALID_ORDER'],
    ['line_items.1.quantity', (o: Order) => (o.line_items[1]!.quantity = 'two'), 'INVALID_AMOUNT'],
    ['currency', (o: Order) => (o.currency = 'EURO'), 'UNKNOWN_CURRENCY'],
    ['line_items', (o: Order) => delete (o as Partial<Order>).line_items, 'INVALID_ORDER'],
  ])('%s in an unexpected format', (property, mutate, code) => {
    const json = JSON.parse(order25);
    mutate(json);
    expect(normaliseWooOrder(json)).toEqual({ ok: false, error: expect.objectContaining({ code, property }) });
  });

  it('keeps unrounded taxes exactly and rounds once', () => {
    const result = normaliseWooOrder(JSON.parse(order25));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.lines[0]).toMatchObject({
      gross_total: 3596,
      gross_subtotal: 3995,
      taxes: [{ rate_id: 1, total: 624, exact_total: '6.240992' }],
    });
    expect(result.value.tax_id).toEqual({ value: '87654321X', source: '_billing_nif' });
  });
});

describe('amounts as shops show them', () => {
  it.each([
    ['1.044,85 €', 104485, 'EUR'],
    ['39,95\u00a0€', 3995, 'EUR'],
    ['€1,234.56', 123456, 'EUR'],
    ['-7,40 €', -740, 'EUR'],
    ['-€7.40', -740, 'EUR'],
    ['118,95 EUR', 11895, 'EUR'],
    ['$29.35', 2935, 'USD'],
    ['1 234,5 €', 123450, 'EUR'],
    ['1.234 €', 123400, 'EUR'],
  ])('%s', (text, amount, currency) => {
    expect(findShownAmount(text)).toMatchObject({ amount, currency });
  });

  it.each(['1,2,3 €', '12.345,678 €', '1.23.456 €'])('refuses %s', (text) => {
    expect(() => findShownAmount(text)).toThrow(ShownAmountError);
  });
});

describe('mail that is not a readable order is set aside with the reason', () => {
  const mime = (subject: string, body: string, type = 'text/plain') =>
    `From: Shop <shop@example.test>\r\nTo: admin@example.test\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: ${type}; charset=UTF-8\r\n\r\n${body}\r\n`;

  it('an e-mail with no order in it', async () => {
    expect(await parseNewOrderEmail(mime('Lunch?', 'Shall we have lunch on Friday?'))).toMatchObject({ status: 'not_recognised' });
  });

  it('an empty message and garbage bytes', async () => {
    expect((await parseNewOrderEmail('')).status).not.toBe('parsed');
    expect((await parseNewOrderEmail(Buffer.from([0, 1, 2, 255, 254]))).status).not.toBe('parsed');
  });

  it('an order e-mail whose amounts are unreadable', async () => {
    const original = mailFixtures()
      .find((m) => m.file.endsWith('order39-admin-new-order-plain.eml'))!
      .source.toString('utf8');
    const broken = original.replace('107,01 EUR', '10,7,01 EUR');
    expect(await parseNewOrderEmail(broken)).toMatchObject({ status: 'malformed', order_number: '39' });
  });

  it('an order e-mail with its items cut away', async () => {
    const original = mailFixtures()
      .find((m) => m.file === 'en/order25-admin-new-order.eml')!
      .source.toString('utf8');
    const cut = original.replace(/<tbody>[\s\S]*?<\/tbody>/, '<tbody></tbody>');
    expect(await parseNewOrderEmail(cut)).toMatchObject({ status: 'malformed' });
  });
});
