import { DateTime } from 'luxon';
import { normaliseWooOrder } from '../../../service/src/domain/orders/woo-order';
import { parseNewOrderEmail, type EmailOrder } from '../../../service/src/domain/orders/new-order-email';
import type { StoreOrder } from '../../../service/src/domain/orders/store-order';
import { apiOrders, mailFixtures } from './fixtures';

function apiOrderByNumber(): Map<string, StoreOrder> {
  const byNumber = new Map<string, StoreOrder>();
  for (const { json } of apiOrders()) {
    const result = normaliseWooOrder(json);
    if (result.ok && result.value.currency === 'EUR') byNumber.set(result.value.number, result.value);
  }
  return byNumber;
}

async function parsed(source: Buffer | string): Promise<EmailOrder> {
  const result = await parseNewOrderEmail(source);
  if (result.status !== 'parsed') throw new Error(`${result.status}: ${result.reason}`);
  return result.order;
}

describe('every WooCommerce e-mail in the fixtures parses to the totals of the same order in the API', () => {
  const orders = apiOrderByNumber();

  it.each(mailFixtures().map((m) => [m.file, m.source] as const))('%s', async (_file, source) => {
    const mail = await parsed(source);
    const order = orders.get(mail.order_number);
    expect(order).toBeDefined();
    const api = order!;
    expect(mail.order_id).toBe(mail.email_kind === 'admin_new_order' ? api.id : mail.order_id);
    expect(mail.total).toBe(api.total);
    expect(mail.currency).toBe(api.currency);
    // Per tax label, items and shipping together, as WooCommerce prints "(includes … IVA, … IVA reducido)".
    const byLabel = new Map<string, number>();
    for (const t of api.tax_lines) byLabel.set(t.label, (byLabel.get(t.label) ?? 0) + t.tax_total + t.shipping_tax_total);
    expect(Object.fromEntries(mail.taxes.map((t) => [t.label, t.amount]))).toEqual(
      Object.fromEntries([...byLabel].filter(([, v]) => v !== 0)),
    );
    expect(mail.taxes_included).toBe(api.prices_include_tax);
    expect(mail.shipping_total).toBe(api.shipping_total + api.shipping_tax);
    expect(mail.discount).toBe(api.discount_total + api.discount_tax);
    expect(mail.fees.map((f) => f.amount)).toEqual(api.fee_lines.map((f) => f.gross_total));
    expect(mail.payment_method).toBe(api.payment_method_title);
    expect(mail.lines.map((l) => [l.quantity, l.amount])).toEqual(api.lines.map((l) => [l.quantity, l.gross_subtotal]));
    if (mail.email_kind === 'admin_new_order') expect(mail.lines.map((l) => l.sku)).toEqual(api.lines.map((l) => l.sku));
    expect(mail.order_date).toBe(DateTime.fromISO(api.created_at!, { zone: 'utc' }).setZone('Europe/Madrid').toISODate());
    expect(mail.billing?.email).toBe(api.billing.email);
    expect(mail.warnings.filter((w) => w.startsWith('The items'))).toEqual([]);
  });
});

// WooCommerce ≥ 9.8 "email improvements" templates (emails/email-order-details.php and
// email-order-items.php, HTML and plain), rendered for order 39 as the store would send them.
const improvedHtml = `<!DOCTYPE html><html><body><div id="body_content_inner">
<h1>New order: #39</h1><p>You’ve received the following order from Seán O'Connor:</p>
<h2 class="email-order-detail-heading">Order summary<br><span><a class="link" href="https://shop.test/wp-admin/admin.php?page=wc-orders&amp;action=edit&amp;id=39">Order #39</a> (<time datetime="2026-11-14T20:30:22+01:00">November 14, 2026</time>)</span></h2>
<div style="margin-bottom: 24px;"><table class="td font-family email-order-details" cellspacing="0" cellpadding="6" style="width: 100%;" border="1">
<thead><tr><th class="td" scope="col">Product</th><th class="td" scope="col">Quantity</th><th class="td" scope="col">Price</th></tr></thead>
<tbody>
<tr class="order_item"><td class="td font-family text-align-left" scope="row"><table class="order-item-data" role="presentation"><tr><td><img src="x.png" width="48"></td><td><h3 style='font-size: inherit;'>Sudadera con capucha - M</h3> (#HOOD-M)<div class="email-order-item-meta"><span>Talla:</span> M</div></td></tr></table></td>
<td class="td font-family text-align-right">&times;1</td><td class="td font-family text-align-right"><span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">&euro;</span>39.95</bdi></span></td></tr>
<tr class="order_item"><td class="td font-family text-align-left" scope="row"><table class="order-item-data" role="presentation"><tr><td><h3 style='font-size: inherit;'>Auriculares Bluetooth Pro</h3> (#AUR-BT-PRO)<div class="email-order-item-meta"></div></td></tr></table></td>
<td class="td font-family text-align-right">&times;<del>1</del> <ins>0</ins></td><td class="td font-family text-align-right"><span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">&euro;</span>79.00</bdi></span></td></tr>
</tbody></table>
<table class="td font-family email-order-details" cellspacing="0" cellpadding="6" style="width: 100%;" border="1">
<tr class="order-totals order-totals-subtotal"><th class="td text-align-left" scope="row" colspan="2">Subtotal: </th><td class="td text-align-right"><span class="woocommerce-Price-amount amount">&euro;118.95</span></td></tr>
<tr class="order-totals order-totals-discount"><th class="td text-align-left" scope="row" colspan="2">Discount: </th><td class="td text-align-right">-<span class="woocommerce-Price-amount amount">&euro;16.90</span></td></tr>
<tr class="order-totals order-totals-shipping"><th class="td text-align-left" scope="row" colspan="2">Shipping: </th><td class="td text-align-right"><span class="woocommerce-Price-amount amount">&euro;4.95</span></td></tr>
<tr class="order-totals order-totals-payment_method"><th class="td text-align-left" scope="row" colspan="2">Payment method: </th><td class="td text-align-right">Tarjeta de crédito/débito (Redsys)</td></tr>
<tr class="order-totals order-totals-total order-totals-last"><th class="td text-align-left" scope="row" colspan="2">Total: <small class="includes_tax">(includes <span class="woocommerce-Price-amount amount">&euro;18.58</span> IVA)</small></th><td class="td text-align-right"><span class="woocommerce-Price-amount amount">&euro;107.01</span></td></tr>
</table></div>
<table id="addresses"><tr><td><h2>Billing address</h2><address class="address">Seán O'Connor<br>Calle de Colón, 20<br>Puerta 8<br>46004 València<br>Valencia<br><a href="tel:+34699000111">+34 699 000 111</a><br>sean.oconnor@example.ie</address></td></tr></table>
</div></body></html>`;

const improvedText = `New order: #39

You’ve received the following order from Seán OConnor:

Order #39 (14 noviembre, 2026)

==========

Sudadera con capucha - M × 1                           39,95 €
(#HOOD-M)
- Talla: M

Auriculares Bluetooth Pro × 1                          79,00 €
(#AUR-BT-PRO)

==========

Subtotal:                                              118,95 €
Descuento:                                             -16,90 €
Envío:                                                   4,95 €
Método de pago:             Tarjeta de crédito/débito (Redsys)
Total: (incluye 18,58 € IVA)                           107,01 €

Ver pedido: https://shop.test/wp-admin/post.php?post=39&action=edit
`;

describe('the "email improvements" templates (WooCommerce ≥ 9.8)', () => {
  const mime = (type: string, body: string) =>
    `From: Shop <shop@example.test>\r\nTo: admin@example.test\r\nSubject: [Shop]: You've got a new order: #39\r\nMIME-Version: 1.0\r\nContent-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}`;

  it.each([
    ['HTML, English amounts', mime('text/html', improvedHtml), 'html'],
    ['plain text, Spanish', mime('text/plain', improvedText), 'text'],
  ])('%s', async (_what, source, format) => {
    const mail = await parsed(source);
    expect(mail).toMatchObject({
      template: 'email_improvements',
      format,
      order_number: '39',
      order_id: 39,
      order_date: '2026-11-14',
      total: 10701,
      discount: 1690,
      shipping_total: 495,
      currency: 'EUR',
    });
    expect(mail.taxes).toEqual([{ label: 'IVA', amount: 1858 }]);
    expect(mail.lines.map((l) => [l.name, l.sku, l.quantity, l.amount])).toEqual([
      ['Sudadera con capucha - M', 'HOOD-M', '1', 3995],
      ['Auriculares Bluetooth Pro', 'AUR-BT-PRO', '1', 7900],
    ]);
    expect(mail.lines[0]!.attributes).toEqual([{ label: 'Talla', value: 'M' }]);
    expect(mail.payment_method).toBe('Tarjeta de crédito/débito (Redsys)');
  });
});
