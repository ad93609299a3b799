import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { connectImap, startDovecot, type RunningDovecot } from '../harness/mail';
import { startWooCommerceStore, WOOCOMMERCE_FIXTURES_DIR, type WooCommerceStore } from '../harness/woocommerce-store';
import { connectStore, fastRetries, orderRows, WEBHOOK_SECRET } from './support/orders';
import { BOOKKEEPER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

/** The anonymous visitor WordPress forwards a webhook for: the request is signed by the plugin, the user has no capability. */
const VISITOR = { id: 0, login: '', caps: [] };

function deliver(sut: ServiceUnderTest, storeId: number, body: string, headers: Record<string, string>) {
  return sut.signed('POST', `/stores/${storeId}/webhook`, { body_base64: Buffer.from(body, 'utf8').toString('base64'), headers }, VISITOR);
}

function wooHeaders(body: string, deliveryId: string, topic = 'order.updated', secret = WEBHOOK_SECRET) {
  return {
    'X-WC-Webhook-Source': 'https://tienda.example.es/',
    'X-WC-Webhook-Topic': topic,
    'X-WC-Webhook-Resource': 'order',
    'X-WC-Webhook-Event': topic.split('.')[1]!,
    'X-WC-Webhook-ID': '3',
    'X-WC-Webhook-Delivery-ID': deliveryId,
    'X-WC-Webhook-Signature': crypto.createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
  };
}

describe('webhooks: signature on the raw body, ping, trigger to refetch, idempotent', () => {
  let sut: ServiceUnderTest;
  let store: WooCommerceStore;
  let storeId: number;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
    fastRetries(sut);
    store = await startWooCommerceStore();
    storeId = (await connectStore(sut, store)).id;
  });
  afterEach(async () => {
    await store.close();
    await sut.stop();
  });

  it('answers the creation ping with 200 and shows the webhook as seen', async () => {
    const res = await deliver(sut, storeId, 'webhook_id=3', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: 'ping' });
    expect((await sut.signed('GET', `/stores/${storeId}`, undefined, BOOKKEEPER)).body.webhook.last_ping_at).not.toBeNull();
  });

  it('a forged signature gets 401 and nothing is stored', async () => {
    // The exact bytes matter: the same JSON re-serialised (spaces) no longer matches.
    const body = JSON.stringify(store.orders.get(26));
    const headers = wooHeaders(body, 'd-forged');
    const reformatted = JSON.stringify(JSON.parse(body), null, 1);
    for (const [text, h] of [
      [reformatted, headers],
      [body, wooHeaders(body, 'd-forged', 'order.updated', 'another-secret')],
      [body, { ...headers, 'X-WC-Webhook-Signature': undefined as unknown as string }],
    ] as const) {
      const res = await deliver(sut, storeId, text, JSON.parse(JSON.stringify(h)));
      expect(res.status).toBe(401);
      expectErrorShape(res.body, res.body.errors[0].code);
      expect(['WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_SIGNATURE_MISSING']).toContain(res.body.errors[0].code);
    }
    expect(await orderRows(sut, storeId)).toEqual([]);
    const [deliveries] = await sut.service.sequelize.query('SELECT * FROM cuadra_store_webhook_deliveries');
    expect(deliveries).toEqual([]);
    expect((await sut.signed('GET', `/stores/${storeId}`)).body.webhook).toMatchObject({ active: false, last_received_at: null });
  });

  it('a valid delivery refetches the order from the API; a repeat is a no-op; the store shows the webhook active', async () => {
    // The payload is stale on purpose: the API's version is what gets stored.
    const payload = { ...store.orders.get(26)!, status: 'pending' };
    const body = JSON.stringify(payload);
    const first = await deliver(sut, storeId, body, wooHeaders(body, 'delivery-1'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ result: 'stored', provisional: false });
    expect(store.requests.at(-1)).toMatchObject({ path: '/wp-json/wc/v3/orders/26', status: 200 });
    const again = await deliver(sut, storeId, body, wooHeaders(body, 'delivery-1'));
    expect(again.body).toEqual({ result: 'duplicate', delivery_id: 'delivery-1' });
    const rows = await orderRows(sut, storeId);
    expect(rows).toEqual([expect.objectContaining({ woo_id: 26, status: 'processing', sources: 'webhook', provisional: false })]);
    expect((await sut.signed('GET', `/stores/${storeId}`)).body.webhook.active).toBe(true);
  });

  it('with the API down the payload is kept as provisional, and the poller confirms it', async () => {
    store.misbehave({ kind: 'html' }, 1, /orders\/39$/);
    const body = JSON.stringify(store.orders.get(39));
    const res = await deliver(sut, storeId, body, wooHeaders(body, 'delivery-2', 'order.created'));
    expect(res.body).toMatchObject({ result: 'stored', provisional: true });
    const pending = (await sut.signed('GET', '/orders?pending=true', undefined, BOOKKEEPER)).body;
    expect(pending.items).toEqual([expect.objectContaining({ number: '39', provisional: true, sources: ['webhook'] })]);
    await sut.signed('POST', `/stores/${storeId}/sync`, {}).expect(202);
    await sut.service.services.orderSync.runPending();
    const row = (await orderRows(sut, storeId)).find((r) => r.woo_id === 39)!;
    expect(row).toMatchObject({ provisional: false, sources: 'api,webhook' });
    expect((await orderRows(sut, storeId)).length).toBe(25);
  });
});

describe('mailbox fallback against a real Dovecot, and one order whatever the source', () => {
  let sut: ServiceUnderTest;
  let store: WooCommerceStore;
  let dovecot: RunningDovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: { tienda: 'buzon-secreto' } });
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  beforeEach(async () => {
    sut = await startServiceUnderTest();
    fastRetries(sut);
    store = await startWooCommerceStore();
  });
  afterEach(async () => {
    await store.close();
    await sut.stop();
  });

  it('reads new mail by UID into provisional orders, sets aside what is not an order, then reconciles with the API', async () => {
    const imap = await connectImap(dovecot.host, dovecot.port);
    await imap.login('tienda', 'buzon-secreto');
    const mailDir = path.join(WOOCOMMERCE_FIXTURES_DIR, 'mail');
    const files = ['en', 'es'].flatMap((lang) => fs.readdirSync(path.join(mailDir, lang)).map((f) => path.join(mailDir, lang, f)));
    for (const file of files) await imap.append('INBOX', fs.readFileSync(file, 'utf8'));
    await imap.append(
      'INBOX',
      'From: boss@example.es\r\nTo: tienda@example.es\r\nSubject: Lunch?\r\nMessage-ID: <lunch@example.es>\r\n\r\nAre you free at one?\r\n',
    );
    await imap.close();

    const { id } = await connectStore(sut, store, {
      imap: { host: dovecot.host, port: dovecot.port, tls: false, user: 'tienda', password: 'buzon-secreto', folder: 'INBOX' },
    });
    // The API does not answer the reconciliation this time: the orders stay provisional.
    store.misbehave({ kind: 'html' }, 5, /orders\/\d+$/);
    const mailbox = sut.service.services.orderMailbox;
    const first = await mailbox.readStore(id);
    expect(first).toEqual({ read: files.length + 1, orders: files.length, rejected: 1, error: null });
    let rows = await orderRows(sut, id);
    expect(rows.map((r) => [r.woo_id, r.sources, r.provisional])).toEqual([
      [24, 'mail', true],
      [25, 'mail', true],
      [26, 'mail', true],
      [33, 'mail', true],
      [39, 'mail', true],
    ]);
    const listed = (await sut.signed('GET', `/orders?source=mail&store_id=${id}`, undefined, BOOKKEEPER)).body.items;
    expect(listed.find((o: { number: string }) => o.number === '26')).toMatchObject({
      total: 104485,
      provisional: true,
      status: 'unknown',
    });
    const rejects = (await sut.signed('GET', `/stores/${id}/mail-rejects`, undefined, BOOKKEEPER)).body.items;
    expect(rejects).toEqual([
      expect.objectContaining({ subject: 'Lunch?', from: 'boss@example.es', reason: expect.stringContaining('not_recognised') }),
    ]);
    // The list stays light; one message shows the start of its source, as text, for diagnosis.
    expect(rejects[0]).not.toHaveProperty('raw_excerpt');
    const reject = (await sut.signed('GET', `/stores/${id}/mail-rejects/${rejects[0].id}`, undefined, BOOKKEEPER).expect(200)).body;
    expect(reject).toMatchObject({ id: rejects[0].id, subject: 'Lunch?', raw_truncated: false });
    expect(reject.raw_excerpt).toContain('Subject: Lunch?');
    expect(reject.raw_excerpt).toContain('Are you free at one?');
    expect(reject.raw_size).toBe(Buffer.byteLength(reject.raw_excerpt, 'utf8'));
    const other = await connectStore(sut, store, { name: 'Otra tienda' });
    for (const path of [
      `/stores/${other.id}/mail-rejects/${rejects[0].id}`,
      `/stores/${id}/mail-rejects/999999`,
      `/stores/${id}/mail-rejects/x`,
    ]) {
      const missing = await sut.signed('GET', path, undefined, BOOKKEEPER);
      expect(missing.status).toBe(404);
      expectErrorShape(missing.body, 'NOT_FOUND');
    }
    // Dismissed once looked at: off the list (the mailbox keeps the mail); a second dismissal finds nothing.
    await sut.signed('DELETE', `/stores/${other.id}/mail-rejects/${reject.id}`, undefined, BOOKKEEPER).expect(404);
    await sut.signed('DELETE', `/stores/${id}/mail-rejects/${reject.id}`, undefined, BOOKKEEPER).expect(204);
    expect((await sut.signed('GET', `/stores/${id}/mail-rejects`, undefined, BOOKKEEPER)).body.items).toEqual([]);
    expectErrorShape(
      (await sut.signed('DELETE', `/stores/${id}/mail-rejects/${reject.id}`, undefined, BOOKKEEPER).expect(404)).body,
      'NOT_FOUND',
    );
    // A provisional order is invoiced only once the API confirms it.
    store.misbehave({ kind: 'html' }, 1, /orders\/\d+$/);
    const refused = await sut.signed('POST', `/orders/${listed[0].id}/invoice-draft`, { decisions: {} }, BOOKKEEPER);
    expect(refused.status).toBe(409);
    expectErrorShape(refused.body, 'ORDER_PROVISIONAL');

    // Next run: nothing new is read again (UID kept), and the API now confirms every order.
    const second = await mailbox.readStore(id);
    expect(second).toEqual({ read: 0, orders: 0, rejected: 0, error: null });
    rows = await orderRows(sut, id);
    expect(rows.map((r) => [r.woo_id, r.sources, r.provisional, r.status])).toEqual([
      [24, 'mail', false, 'completed'],
      [25, 'mail', false, 'completed'],
      [26, 'mail', false, 'processing'],
      [33, 'mail', false, 'refunded'],
      [39, 'mail', false, 'completed'],
    ]);
    const shown = (await sut.signed('GET', `/stores/${id}`)).body;
    expect(shown.mail.last_uid).toBe(files.length + 1);
  });

  it('the same order by webhook, poll and e-mail is one row', async () => {
    const { id } = await connectStore(sut, store, {
      imap: { host: dovecot.host, port: dovecot.port, tls: false, user: 'tienda', password: 'buzon-secreto', folder: 'INBOX' },
    });
    const body = JSON.stringify(store.orders.get(26));
    expect((await deliver(sut, id, body, wooHeaders(body, 'd-26'))).body.result).toBe('stored');
    await sut.signed('POST', `/stores/${id}/sync`, {}).expect(202);
    await sut.service.services.orderSync.runPending();
    await sut.service.services.orderMailbox.readStore(id); // the mailbox still holds the previous test's messages
    const rows = (await orderRows(sut, id)).filter((r) => r.woo_id === 26);
    expect(rows).toEqual([expect.objectContaining({ sources: 'api,webhook,mail', provisional: false, status: 'processing' })]);
    expect((await orderRows(sut, id)).length).toBe(25);
  });
});
