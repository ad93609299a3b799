import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureOrders, startWooCommerceStore, syntheticOrders, type WooCommerceStore } from '../harness/woocommerce-store';
import { connectStore, fastRetries, orderRows } from './support/orders';
import { BOOKKEEPER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

const listRequests = (store: WooCommerceStore) => store.requests.filter((r) => r.path === '/wp-json/wc/v3/orders');

describe('stores: settings with encrypted credentials and a connection test that explains failures', () => {
  let sut: ServiceUnderTest;
  let store: WooCommerceStore;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
    store = await startWooCommerceStore();
  });
  afterEach(async () => {
    await store.close();
    await sut.stop();
  });

  it('never returns, stores in clear or logs the credentials', async () => {
    const created = await connectStore(sut, store, {
      imap: { host: '127.0.0.1', port: 1143, tls: false, user: 'tienda', password: 'imap-pass-secret', folder: 'INBOX' },
    });
    expect(created).toMatchObject({
      consumer_key_set: true,
      consumer_secret_set: true,
      webhook_secret_set: true,
      imap: { password_set: true },
    });
    const text = JSON.stringify((await sut.signed('GET', `/stores/${created.id}`)).body);
    for (const secret of [store.consumerKey, store.consumerSecret, 'imap-pass-secret', 'whsec-test']) expect(text).not.toContain(secret);
    const [row] = await sut.service.sequelize.query('SELECT * FROM cuadra_stores');
    const rowText = JSON.stringify(row);
    for (const secret of [store.consumerKey, store.consumerSecret, 'imap-pass-secret', 'whsec-test']) expect(rowText).not.toContain(secret);
    expect(rowText).toContain('v1:');
    // Using them works (they decrypt), and nothing logged carries them.
    expect((await sut.signed('POST', `/stores/${created.id}/test-connection`)).body).toMatchObject({ ok: true, orders_total: 25 });
    await sut.service.services.orderSync.requestSync(created.id);
    await sut.service.services.orderSync.runPending();
    for (const secret of [store.consumerKey, store.consumerSecret, 'imap-pass-secret', 'whsec-test'])
      expect(sut.logs()).not.toContain(secret);
  });

  it('keeps a secret when an update leaves it out, and only managers change stores', async () => {
    const created = await connectStore(sut, store);
    const {
      consumer_key: _k,
      consumer_secret: _s,
      ...rest
    } = { name: 'Renombrada', url: store.url, consumer_key: 'x', consumer_secret: 'y' };
    const updated = await sut.signed('PUT', `/stores/${created.id}`, rest);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Renombrada', consumer_key_set: true });
    expect((await sut.signed('POST', `/stores/${created.id}/test-connection`)).body.ok).toBe(true);
    const denied = await sut.signed('POST', '/stores', { name: 'x', url: store.url }, BOOKKEEPER);
    expect(denied.status).toBe(403);
    expect((await sut.signed('GET', '/stores', undefined, BOOKKEEPER)).status).toBe(200);
  });

  it('a URL without scheme is refused with the fix in the message', async () => {
    const res = await sut.signed('POST', '/stores', { name: 'x', url: 'tienda.example.com' });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 'URL_WITHOUT_SCHEME', 'url');
    expect(res.body.errors[0].message).toContain('https://tienda.example.com');
    const created = await connectStore(sut, store);
    const tested = await sut.signed('POST', `/stores/${created.id}/test-connection`, { url: 'tienda.example.com' });
    expect(tested.body).toMatchObject({ ok: false, code: 'URL_WITHOUT_SCHEME' });
  });

  it("wrong keys → WRONG_KEYS with the store's answer kept on the store", async () => {
    const created = await connectStore(sut, store, { consumer_secret: 'cs_wrong' });
    const res = await sut.signed('POST', `/stores/${created.id}/test-connection`);
    expect(res.body).toMatchObject({ ok: false, code: 'WRONG_KEYS', status: 401 });
    expect(res.body.message).toMatch(/consumer key and secret/);
    const shown = (await sut.signed('GET', `/stores/${created.id}`)).body;
    expect(shown.last_error).toMatchObject({ code: 'WRONG_KEYS' });
    expect(shown.last_error.raw).toContain('woocommerce_rest_authentication_error');
    // The same store answers a wrong key with its own message.
    const wrongKey = await sut.signed('POST', `/stores/${created.id}/test-connection`, { consumer_key: 'ck_wrong', consumer_secret: 'x' });
    expect(wrongKey.body).toMatchObject({ ok: false, code: 'WRONG_KEYS' });
  });

  it('unreachable, HTML instead of JSON, truncated JSON, no /wp-json, and HTTP redirected to HTTPS each get their code', async () => {
    const created = await connectStore(sut, store);
    const test = async (body?: unknown) => (await sut.signed('POST', `/stores/${created.id}/test-connection`, body)).body;

    store.misbehave({ kind: 'html' });
    const html = await test();
    expect(html).toMatchObject({ ok: false, code: 'HTML_INSTEAD_OF_JSON' });
    expect(html.raw).toContain('Just a moment');
    store.misbehave({ kind: 'truncated' });
    expect(await test()).toMatchObject({ ok: false, code: 'TRUNCATED_JSON' });
    const stored = (await sut.signed('GET', `/stores/${created.id}`)).body.last_error;
    expect(stored.code).toBe('TRUNCATED_JSON');
    expect(stored.raw).toMatch(/^HTTP 200/);

    // A WordPress without pretty permalinks (or not WordPress): /wp-json is an HTML 404.
    const plain = http.createServer((req, res) => {
      if (req.url?.startsWith('/redirect')) {
        res.writeHead(301, { Location: 'https://127.0.0.1/wp-json/wc/v3/orders' }).end();
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><title>Not found</title></html>');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    try {
      expect(await test({ url: base })).toMatchObject({ ok: false, code: 'NOT_WOOCOMMERCE' });
      expect((await test({ url: base })).message).toMatch(/permalinks/);
      expect(await test({ url: `${base}/redirect` })).toMatchObject({ ok: false, code: 'HTTPS_REQUIRED' });
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
    const closedPort = base; // the server is gone now: nothing listens there
    expect(await test({ url: closedPort })).toMatchObject({ ok: false, code: 'UNREACHABLE' });
  });
});

describe('sync: first import, incremental by watermark, paging by id, resumable, cancellable, backing off', () => {
  let sut: ServiceUnderTest;
  let store: WooCommerceStore;
  afterEach(async () => {
    await store?.close();
    await sut?.stop();
  });

  async function syncNow(id: number, body: Record<string, unknown> = {}) {
    const res = await sut.signed('POST', `/stores/${id}/sync`, body);
    expect(res.status).toBe(202);
    await sut.service.services.orderSync.runPending();
    return (await sut.signed('GET', `/stores/${id}`)).body;
  }

  it('imports every fixture order once, exactly, and an incremental sync with nothing new costs one request', async () => {
    sut = await startServiceUnderTest();
    store = await startWooCommerceStore();
    const { id } = await connectStore(sut, store);
    const shown = await syncNow(id);
    expect(shown.sync).toMatchObject({ state: 'done', done: 25, total: 25 });
    expect(shown.sync.watermark).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const rows = await orderRows(sut, id);
    expect(rows.map((r) => r.woo_id)).toEqual(fixtureOrders().map((o) => o.id));
    // Every request was signed anew with WooCommerce's paging and GMT dates, never a followed Link.
    const first = listRequests(store)[0]!;
    expect(first).toMatchObject({
      auth: 'oauth',
      query: expect.objectContaining({ orderby: 'id', order: 'asc', per_page: '100', dp: '6', dates_are_gmt: 'true' }),
    });

    const before = store.requests.length;
    const again = await syncNow(id);
    expect(store.requests.length - before).toBe(1);
    expect(store.requests.at(-1)!.query.modified_after).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(again.sync).toMatchObject({ state: 'done', mode: null, done: 0, requests: 1 });

    // A later change is picked up by the next incremental run, on the same row.
    store.updateOrder(25, { status: 'completed' }, new Date(Date.now() + 1000).toISOString().slice(0, 19));
    await syncNow(id);
    const order25 = (await orderRows(sut, id)).filter((r) => r.woo_id === 25);
    expect(order25).toEqual([expect.objectContaining({ status: 'completed' })]);
  });

  it('orders that change or disappear between pages are neither missed nor doubled', async () => {
    sut = await startServiceUnderTest();
    store = await startWooCommerceStore({ orders: syntheticOrders(350, { firstId: 1000 }) });
    const { id } = await connectStore(sut, store);
    store.onListPage((page) => {
      if (page === 2) {
        store.deleteOrder(1005); // shifts every later order one place left
        store.deleteOrder(1010);
        store.updateOrder(1250, { status: 'completed' });
        store.addOrder({ ...syntheticOrders(1, { firstId: 5000 })[0]! });
      }
    });
    const shown = await syncNow(id);
    expect(shown.sync.state).toBe('done');
    const ids = (await orderRows(sut, id)).map((r) => r.woo_id);
    const expected = [...store.orders.keys()].sort((a, b) => a - b);
    // Every order the store still has is in Cuadra exactly once (1005 and 1010 came before the deletion).
    expect(ids.filter((x) => x !== 1005 && x !== 1010)).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a first import stopped mid-way resumes at its page with no duplicate, and can be cancelled and resumed', async () => {
    sut = await startServiceUnderTest();
    fastRetries(sut);
    store = await startWooCommerceStore({ orders: syntheticOrders(450, { firstId: 1 }) });
    const { id } = await connectStore(sut, store);
    // Page 3 fails every attempt (a store down for a while): the run stops, interrupted, with the store's answer kept.
    store.misbehave({ kind: 'status', status: 503, retryAfterSeconds: 0 }, 5, /orders$/, 3);
    const stopped = await syncNow(id);
    expect(stopped.sync).toMatchObject({ state: 'interrupted', done: 200 });
    expect(stopped.last_error).toMatchObject({ code: 'STORE_ERROR' });
    expect(stopped.last_error.raw).toContain('critical error');
    expect((await orderRows(sut, id)).length).toBe(200);

    // The next tick resumes at page 3, without asking for pages 1 and 2 again.
    const pagesBefore = listRequests(store).length;
    await sut.service.services.orderSync.runPending();
    const pages = listRequests(store)
      .slice(pagesBefore)
      .map((r) => r.query.page);
    // Pages ahead are asked for while one is read, so they may arrive in any order.
    expect(pages.sort()).toEqual(['3', '4', '5']);
    const rows = await orderRows(sut, id);
    expect(rows.length).toBe(450);
    expect((await sut.signed('GET', `/stores/${id}/sync`)).body).toMatchObject({ state: 'done', done: 450, total: 450 });

    // Cancelled during a restart from a date, then resumed where it stopped.
    store.misbehave({ kind: 'delay', ms: 300 }, 10, /orders$/);
    await sut.signed('POST', `/stores/${id}/sync`, { restart: true });
    const run = sut.service.services.orderSync.runPending();
    await new Promise((resolve) => setTimeout(resolve, 450));
    const cancelled = await sut.signed('POST', `/stores/${id}/sync/cancel`);
    expect(cancelled.status).toBe(200);
    await run;
    const afterCancel = (await sut.signed('GET', `/stores/${id}/sync`)).body;
    expect(afterCancel.state).toBe('cancelled');
    expect(afterCancel.done).toBeLessThan(450);
    const resumed = await syncNow(id);
    expect(resumed.sync).toMatchObject({ state: 'done', done: 450 });
    expect((await orderRows(sut, id)).length).toBe(450);
  });

  it('waits as a 429 Retry-After asks and then continues', async () => {
    sut = await startServiceUnderTest();
    store = await startWooCommerceStore();
    const { id } = await connectStore(sut, store);
    store.misbehave({ kind: 'status', status: 429, retryAfterSeconds: 1 }, 1, /orders$/);
    const started = Date.now();
    const shown = await syncNow(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(shown.sync).toMatchObject({ state: 'done', done: 25, requests: 2 });
    expect(listRequests(store).map((r) => r.status)).toEqual([429, 200]);
  });

  it('HTML instead of JSON and a body cut off every time leave a clear status, the raw answer and no order', async () => {
    sut = await startServiceUnderTest();
    fastRetries(sut);
    store = await startWooCommerceStore();
    const { id } = await connectStore(sut, store);
    store.misbehave({ kind: 'html' }, 1, /orders$/);
    const html = await syncNow(id);
    expect(html.sync.state).toBe('failed');
    expect(html.last_error).toMatchObject({ code: 'HTML_INSTEAD_OF_JSON' });
    expect(html.last_error.raw).toContain('<title>Just a moment...</title>');
    store.misbehave({ kind: 'truncated' }, 5, /orders$/);
    const cut = await syncNow(id);
    expect(cut.sync.state).toBe('interrupted');
    expect(cut.last_error.code).toBe('TRUNCATED_JSON');
    expect(await orderRows(sut, id)).toEqual([]);
    // Once the store behaves, the same run completes.
    await sut.service.services.orderSync.runPending();
    expect((await orderRows(sut, id)).length).toBe(25);
    expect((await sut.signed('GET', `/stores/${id}`)).body.last_error).toBeNull();
  });
});
