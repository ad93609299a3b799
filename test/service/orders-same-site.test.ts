import crypto from 'node:crypto';
import { syncOrdersJob } from '../../service/src/jobs/sync-orders.job';
import { readWooFixture, startWooCommerceStore, type WooCommerceStore, type WooJson } from '../harness/woocommerce-store';
import { connectStore, orderRows, WEBHOOK_SECRET } from './support/orders';
import {
  ADMIN,
  BOOKKEEPER,
  expectErrorShape,
  startServiceUnderTest,
  SUBSCRIBER,
  type ServiceUnderTest,
} from './support/service-under-test';

/** The system user WordPress pushes its own WooCommerce's orders as. */
const PUSHER = { id: 0, login: 'cuadra-woocommerce', caps: ['cuadra_billing'] };

const order26 = () => readWooFixture<WooJson>('order_company_nif_26.json');
const order27 = () => readWooFixture<WooJson>('order_cod_fee_27.json');
const order35 = () => readWooFixture<WooJson>('order_with_partial_refund_35.json');
/** Order 35's refunds as the real store answered GET /orders/35/refunds: what WordPress pushes with the order. */
const refunds35 = () => readWooFixture<WooJson[]>('order_35_refunds.json');

const COMPANY = {
  legal_name: 'Ejemplo Servicios Digitales SL',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'facturas@ejemplo.es',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
};
const ALL_DECISIONS = {
  accept_other_currency: true,
  accept_fully_refunded: true,
  accept_unpaid: true,
  accept_no_tax_id: true,
  accept_invalid_tax_id: true,
  untaxed_vat: 0,
};

async function createSameSiteStore(sut: ServiceUnderTest, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await sut.signed('POST', '/stores', { name: 'Mi tienda', kind: 'same_site', url: 'http://wp.example.es', ...extra });
  if (res.status !== 201) throw new Error(`POST /stores answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

function push(sut: ServiceUnderTest, storeId: number, body: unknown, user = PUSHER) {
  return sut.signed('POST', `/stores/${storeId}/orders/push`, body, user);
}

describe('same-site store: this WordPress pushes its WooCommerce orders', () => {
  let sut: ServiceUnderTest;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('is created without URL or keys, once per site, never with keys, and never changes kind', async () => {
    const created = await sut.signed('POST', '/stores', { name: 'Mi tienda', kind: 'same_site' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'same_site',
      url: '',
      consumer_key_set: false,
      consumer_secret_set: false,
      push: { last_received_at: null },
    });

    // A second one is the first one again (see the reconnect test below).
    const second = await sut.signed('POST', '/stores', { name: 'Otra', kind: 'same_site' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: created.body.id, name: 'Mi tienda', kind: 'same_site' });

    const id = created.body.id as number;
    const withKeys = await sut.signed('PUT', `/stores/${id}`, {
      name: 'Mi tienda',
      url: '',
      consumer_key: 'ck_x',
      consumer_secret: 'cs_x',
    });
    expect(withKeys.status).toBe(422);
    expect(withKeys.body.errors.map((e: { property: string }) => e.property)).toEqual(['consumer_key', 'consumer_secret']);
    const otherKind = await sut.signed('PUT', `/stores/${id}`, { name: 'Mi tienda', kind: 'woocommerce', url: 'https://x.example.es' });
    expect(otherKind.status).toBe(422);
    expectErrorShape(otherKind.body, 'KIND_UNCHANGEABLE', 'kind');
    // An edit that does not name the kind keeps it.
    const renamed = await sut.signed('PUT', `/stores/${id}`, { name: 'Tienda renombrada', url: '' });
    expect(renamed.body).toMatchObject({ kind: 'same_site', name: 'Tienda renombrada' });

    // A store read through its API still needs its URL.
    const noUrl = await sut.signed('POST', '/stores', { name: 'Remota' });
    expect(noUrl.status).toBe(422);
    expectErrorShape(noUrl.body, 'REQUIRED', 'url');
  });

  it('connecting again (WordPress lost the answer) adopts the same store, and connects at once make only one', async () => {
    const first = await sut.signed('POST', '/stores', { name: 'Mi tienda', kind: 'same_site', url: 'http://wp.example.es' });
    expect(first.status).toBe(201);
    await push(sut, first.body.id, order26()).expect(200);
    // WordPress never heard back (timeout) or lost its option: it asks again and gets the store it has, orders included.
    const again = await sut.signed('POST', '/stores', { name: 'Mi tienda', kind: 'same_site', url: 'http://wp.example.es/' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, kind: 'same_site', push: { last_received_at: expect.any(String) } });
    expect((await orderRows(sut, first.body.id)).map((r) => r.woo_id)).toEqual([26]);

    // Removed in Cuadra, then connected again: a new store.
    await sut.signed('DELETE', `/stores/${first.body.id}`).expect(204);
    // Several connects at once (double click, two admins): one store, every answer names it.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => sut.signed('POST', '/stores', { name: `Tienda ${i}`, kind: 'same_site' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.body.id as number));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBe(first.body.id);
    const Store = sut.service.sequelize.models.Store!;
    expect(await Store.count({ where: { kind: 'same_site' } })).toBe(1);
    // Stores read through their API are not limited.
    await sut.signed('POST', '/stores', { name: 'Remota 1', url: 'https://uno.example.es' }).expect(201);
    await sut.signed('POST', '/stores', { name: 'Remota 2', url: 'https://dos.example.es' }).expect(201);

    // The database itself refuses a second same-site store, whatever code writes it.
    await expect(
      Store.create({ name: 'Otra', kind: 'same_site', same_site_key: 'same_site', url: '', invoice_statuses: '[]' }),
    ).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
  });

  it('takes one order or many in REST v3 shape, stores them as the sync does with source push, and a repeat changes nothing', async () => {
    const id = await createSameSiteStore(sut);
    const one = await push(sut, id, order26());
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ received: 1, orders: [{ woo_id: 26, status: expect.any(String) }] });

    const many = await push(sut, id, { orders: [order26(), order27(), order35()] });
    expect(many.status).toBe(200);
    expect(many.body.orders.map((o: { woo_id: number }) => o.woo_id)).toEqual([26, 27, 35]);
    expect(many.body.orders[0].order_id).toBe(one.body.orders[0].order_id);

    const again = await push(sut, id, { orders: [order27(), order35(), order26()] });
    expect(again.body.orders).toEqual(many.body.orders);
    const rows = await orderRows(sut, id);
    expect(rows.map((r) => [r.woo_id, r.sources, Boolean(r.provisional)])).toEqual([
      [26, 'push', false],
      [27, 'push', false],
      [35, 'push', false],
    ]);

    // The same normaliser as the sync: totals in cents as the order says.
    const detail = await sut.signed('GET', `/orders/${one.body.orders[0].order_id}`, undefined, BOOKKEEPER);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ number: String(order26().number), sources: ['push'], provisional: false });
    expect(detail.body.total).toBe(Math.round(Number(order26().total) * 100));

    const store = await sut.signed('GET', `/stores/${id}`, undefined, BOOKKEEPER);
    expect(store.body.push.last_received_at).toEqual(expect.any(String));
    const listed = await sut.signed('GET', `/orders?source=push&store_id=${id}`, undefined, BOOKKEEPER);
    expect(listed.body.items).toHaveLength(3);
  });

  it('an older version of an order does not replace a newer one', async () => {
    const id = await createSameSiteStore(sut);
    const newer = { ...order26(), status: 'completed', date_modified_gmt: '2030-01-02T10:00:00' };
    await push(sut, id, newer).expect(200);
    await push(sut, id, { ...order26(), status: 'processing', date_modified_gmt: '2030-01-01T10:00:00' }).expect(200);
    expect((await orderRows(sut, id)).map((r) => r.status)).toEqual(['completed']);
  });

  it('refuses a bad order with 422 naming the order and the field, and stores nothing of that batch', async () => {
    const id = await createSameSiteStore(sut);
    const bad = { ...order27(), total: 'doce euros' };
    const res = await push(sut, id, { orders: [order26(), bad] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ property: 'orders.1.total', code: expect.any(String), type: expect.any(String) }),
    ]);
    expect(await orderRows(sut, id)).toEqual([]);
    const store = await sut.signed('GET', `/stores/${id}`, undefined, BOOKKEEPER);
    expect(store.body.last_error).toMatchObject({ code: 'INVALID_ORDER' });

    const noOrders = await push(sut, id, { orders: [] });
    expect(noOrders.status).toBe(422);
    expectErrorShape(noOrders.body, 'TOO_SMALL', 'orders');
    const notAList = await push(sut, id, { orders: 'all' });
    expect(notAList.status).toBe(422);
    expect(notAList.body.errors[0].property).toBe('orders');
  });

  it('only a signed request with an orders capability may push, and only to the same-site store', async () => {
    const id = await createSameSiteStore(sut);
    const forbidden = await push(sut, id, order26(), SUBSCRIBER);
    expect(forbidden.status).toBe(403);
    const unsigned = await sut.http.post(`/stores/${id}/orders/push`).send(order26());
    expect(unsigned.status).toBe(401);
    const missing = await push(sut, id + 100, order26());
    expect(missing.status).toBe(404);
    expect(await orderRows(sut, id)).toEqual([]);
  });

  it('the same order through a push and a webhook is one row, whichever comes first', async () => {
    const id = await createSameSiteStore(sut, { webhook_secret: WEBHOOK_SECRET });
    const deliver = (json: WooJson, deliveryId: string) => {
      const body = JSON.stringify(json);
      return sut.signed(
        'POST',
        `/stores/${id}/webhook`,
        {
          body_base64: Buffer.from(body).toString('base64'),
          headers: {
            'X-WC-Webhook-Topic': 'order.updated',
            'X-WC-Webhook-Delivery-ID': deliveryId,
            'X-WC-Webhook-Signature': crypto.createHmac('sha256', WEBHOOK_SECRET).update(body).digest('base64'),
          },
        },
        { id: 0, login: '', caps: [] },
      );
    };
    // Push first, then the webhook: the webhook's payload (unconfirmed) never overwrites the pushed order.
    await push(sut, id, order26()).expect(200);
    expect((await deliver({ ...order26(), status: 'on-hold' }, 'd-1')).body).toMatchObject({ result: 'stored' });
    // Webhook first (provisional), then the push confirms it.
    expect((await deliver(order27(), 'd-2')).body).toMatchObject({ result: 'stored', provisional: true });
    await push(sut, id, order27()).expect(200);

    const rows = await orderRows(sut, id);
    expect(rows.map((r) => [r.woo_id, r.sources, Boolean(r.provisional), r.status])).toEqual([
      [26, 'webhook,push', false, order26().status],
      [27, 'webhook,push', false, order27().status],
    ]);
  });
});

describe('same-site store: refunds and order numbers without a store to ask', () => {
  let sut: ServiceUnderTest;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('lists and rectifies the refunds WordPress pushed with the order', async () => {
    const storeId = await createSameSiteStore(sut);
    const refund36 = { id: 36, reason: 'Cojín llegó dañado', amount: 2995 };
    // Pushed without its refunds (a plugin from before they travelled with the order): shown as last synced, and why.
    const first = await push(sut, storeId, order35()).expect(200);
    const id = first.body.orders[0].order_id as number;
    const listed = async () => (await sut.signed('GET', `/orders/${id}/refunds`, undefined, BOOKKEEPER).expect(200)).body;
    expect(await listed()).toEqual({
      items: [{ ...refund36, created_at: null, invoice_id: null }],
      problem: { code: 'REFUNDS_NOT_PUSHED', message: expect.stringContaining('Push all orders again') },
    });
    const draft = await sut.signed('POST', `/orders/${id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER).expect(201);
    await sut.signed('POST', `/invoices/${draft.body.invoice.id}/issue`, {}, BOOKKEEPER).expect(200);
    const notYet = await sut.signed('POST', `/orders/${id}/refund-drafts`, {}, BOOKKEEPER);
    expect(notYet.status).toBe(409);
    expectErrorShape(notYet.body, 'REFUNDS_NOT_PUSHED');

    // The same order again, now with its refunds: listed with their dates, never asking a store (there are no keys).
    await push(sut, storeId, { ...order35(), cuadra_refunds: refunds35() }).expect(200);
    expect(await listed()).toEqual({ items: [{ ...refund36, created_at: '2026-11-08T22:51:22Z', invoice_id: null }], problem: null });
    // An older read of the order pushed late does not replace the refunds of the newer one.
    await push(sut, storeId, { ...order35(), date_modified_gmt: '2026-11-01T10:00:00', cuadra_refunds: [] }).expect(200);
    expect((await listed()).items).toHaveLength(1);

    const made = await sut.signed('POST', `/orders/${id}/refund-drafts`, {}, BOOKKEEPER);
    expect(made.status).toBe(201);
    expect(made.body.created).toEqual([{ refund_id: 36, invoice_id: expect.any(Number), total: -2995 }]);
    const rectifying = (await sut.signed('GET', `/invoices/${made.body.created[0].invoice_id}`, undefined, BOOKKEEPER).expect(200)).body;
    expect(rectifying).toMatchObject({ kind: 'R1', rectification: { invoice_id: draft.body.invoice.id, method: 'differences' } });
    expect(rectifying.totals).toMatchObject({ total: -2995, vat: -520 });
    expect((await listed()).items).toEqual([
      { ...refund36, created_at: '2026-11-08T22:51:22Z', invoice_id: made.body.created[0].invoice_id },
    ]);
  });

  it('keeps the refunds of an order pushed for the first time, in a batch with others', async () => {
    const storeId = await createSameSiteStore(sut);
    const res = await push(sut, storeId, {
      orders: [
        { ...order26(), cuadra_refunds: [] },
        { ...order35(), cuadra_refunds: refunds35() },
      ],
    });
    expect(res.status).toBe(200);
    const [id26, id35] = (res.body.orders as { order_id: number }[]).map((o) => o.order_id);
    const refundsOf = async (id: number) => (await sut.signed('GET', `/orders/${id}/refunds`, undefined, BOOKKEEPER).expect(200)).body;
    expect(await refundsOf(id35!)).toEqual({
      items: [{ id: 36, reason: 'Cojín llegó dañado', amount: 2995, created_at: '2026-11-08T22:51:22Z', invoice_id: null }],
      problem: null,
    });
    expect(await refundsOf(id26!)).toEqual({ items: [], problem: null });
  });

  it('refuses a pushed refund it cannot read, naming the order, the refund and the field', async () => {
    const storeId = await createSameSiteStore(sut);
    const bad = { ...order35(), cuadra_refunds: [{ ...refunds35()[0], amount: 'mucho' }] };
    const res = await push(sut, storeId, { orders: [order26(), bad] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ property: 'orders.1.cuadra_refunds.0.amount' })]);
    const notAList = await push(sut, storeId, { ...order35(), cuadra_refunds: 'none' });
    expect(notAList.status).toBe(422);
    expectErrorShape(notAList.body, 'INVALID_TYPE', 'orders.0.cuadra_refunds');
    expect(await orderRows(sut, storeId)).toEqual([]);
  });

  it('looks an order up by number among the pushed orders only, and says so when it is not there', async () => {
    const storeId = await createSameSiteStore(sut);
    const pushed = await push(sut, storeId, order26()).expect(200);
    const found = await sut.signed('GET', `/stores/${storeId}/orders/by-number/${order26().number}`, undefined, BOOKKEEPER);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: pushed.body.orders[0].order_id, number: String(order26().number) });
    const missing = await sut.signed('GET', `/stores/${storeId}/orders/by-number/9999`, undefined, BOOKKEEPER);
    expect(missing.status).toBe(404);
    expectErrorShape(missing.body, 'ORDER_NOT_FOUND', 'number');
    expect(missing.body.errors[0].message).toMatch(/reached Cuadra from this site's WooCommerce.*Push all orders again/);
  });
});

describe('same-site store and the poller', () => {
  let sut: ServiceUnderTest;
  let woo: WooCommerceStore;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
    woo = await startWooCommerceStore();
  });
  afterEach(async () => {
    await woo.close();
    await sut.stop();
  });

  it('is never polled, cannot be synced, and its connection test explains the push', async () => {
    // The same-site store names a URL where a WooCommerce REST API does answer: still nobody asks it.
    const id = await createSameSiteStore(sut, { url: woo.url });
    const sync = await sut.signed('POST', `/stores/${id}/sync`, {});
    expect(sync.status).toBe(409);
    expectErrorShape(sync.body, 'SAME_SITE_PUSHED');

    // Even with REST keys forced into its row and a run queued, the poller's job asks nothing.
    const remote = await connectStore(sut, woo);
    const keys = await sut.service.sequelize.models.Store!.findByPk(remote.id);
    await sut.service.sequelize.models.Store!.update(
      {
        consumer_key_enc: keys!.get('consumer_key_enc'),
        consumer_secret_enc: keys!.get('consumer_secret_enc'),
        sync_state: 'queued',
        sync_mode: 'first',
      },
      { where: { id } },
    );
    await sut.signed('DELETE', `/stores/${remote.id}`).expect(204);
    await syncOrdersJob({ sync: sut.service.services.orderSync }).run();
    expect(woo.requests).toEqual([]);
    expect(await orderRows(sut, id)).toEqual([]);

    const test = await sut.signed('POST', `/stores/${id}/test-connection`, {});
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, orders_total: 0, message: expect.stringContaining('pushes its orders') });
    expect(woo.requests).toEqual([]);
  });
});
