import WooCommerceRestApiModule from '@woocommerce/woocommerce-rest-api';
import { readWooOrderBody } from '../../../service/src/domain/orders/woo-order';
import { readWooFixture, startWooCommerceStore, syntheticOrders, type WooCommerceStore } from '../../harness/woocommerce-store';

// The package's CommonJS build exports the class as `default`.
const WooCommerceRestApi = ((WooCommerceRestApiModule as unknown as { default?: unknown }).default ??
  WooCommerceRestApiModule) as typeof WooCommerceRestApiModule;

function client(store: WooCommerceStore, secret = store.consumerSecret) {
  return new WooCommerceRestApi({ url: store.url, consumerKey: store.consumerKey, consumerSecret: secret, version: 'wc/v3' });
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; data: unknown; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown; headers: Record<string, string> } }).response;
    if (response) return response;
    throw error;
  }
  throw new Error('The request succeeded.');
}

describe('the fake WooCommerce store against the real REST client', () => {
  let store: WooCommerceStore;
  beforeEach(async () => {
    store = await startWooCommerceStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('answers OAuth 1.0a signed requests over plain HTTP with the fixture orders and WooCommerce headers', async () => {
    const response = await client(store).get('orders', { per_page: 5, page: 2, orderby: 'id', order: 'asc' });
    expect(response.status).toBe(200);
    expect((response.data as { id: number }[]).map((o) => o.id)).toEqual([29, 30, 31, 32, 33]);
    expect(response.headers['x-wp-total']).toBe('25');
    expect(response.headers['x-wp-totalpages']).toBe('5');
    expect(response.headers.link).toContain('rel="next"');
    expect(response.headers.link).toContain('oauth_signature=');
    expect(store.requests.at(-1)!.auth).toBe('oauth');
  });

  it('reads one order, and a missing one gives the real 404 body', async () => {
    const one = await client(store).get('orders/25');
    expect(readWooOrderBody(JSON.stringify(one.data)).ok).toBe(true);
    const missing = await failure(client(store).get('orders/999999'));
    expect(missing.status).toBe(404);
    expect(missing.data).toEqual(readWooFixture('error_404_order.json'));
  });

  it('refuses a wrong secret with the real 401 body, and a reused nonce or old timestamp too', async () => {
    const bad = await failure(client(store, 'cs_wrong').get('orders'));
    expect(bad.status).toBe(401);
    expect(bad.data).toEqual(readWooFixture('error_401_bad_secret.json'));

    const replay = await failure(
      (async () => {
        const first = await client(store).get('orders', { per_page: 1 });
        // Following Link: rel="next" blindly repeats this request's nonce: WooCommerce refuses it.
        const next = /<([^>]+)>; rel="next"/.exec(first.headers.link as string)![1]!;
        const res = await fetch(next);
        if (res.status !== 200) throw { response: { status: res.status, data: await res.json(), headers: {} } };
        return res;
      })(),
    );
    expect(replay.status).toBe(401);
    expect((replay.data as { message: string }).message).toMatch(/nonce has already been used|signature/);

    const none = await fetch(`${store.url}/wp-json/wc/v3/orders`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_view');
  });

  it('filters by status, modified_after (strictly, to the second) and checks per_page', async () => {
    const processing = await client(store).get('orders', { status: 'processing', per_page: 100 });
    expect((processing.data as { status: string }[]).every((o) => o.status === 'processing')).toBe(true);
    const modified = await client(store).get('orders', { modified_after: '2026-11-27T05:13:23', dates_are_gmt: 'true', per_page: 100 });
    expect((modified.data as { id: number }[]).map((o) => o.id).sort()).toEqual([48, 49, 50]);
    const tooMany = await failure(client(store).get('orders', { per_page: 101 }));
    expect(tooMany.status).toBe(400);
    expect((tooMany.data as { code: string }).code).toBe('rest_invalid_param');
  });

  it('misbehaves on demand: HTML, truncated JSON, 429 with Retry-After, 500', async () => {
    store.misbehave({ kind: 'html' });
    const html = await fetch(`${store.url}/wp-json/wc/v3/orders/25`);
    expect(readWooOrderBody(await html.text())).toMatchObject({ ok: false, error: { code: 'NOT_JSON' } });

    store.misbehave({ kind: 'truncated' });
    const truncated = await client(store)
      .get('orders/25', {})
      .catch((e: { response?: { data: unknown } }) => e.response);
    const body = typeof truncated!.data === 'string' ? truncated!.data : JSON.stringify(truncated!.data);
    expect(readWooOrderBody(body)).toMatchObject({ ok: false, error: { code: 'TRUNCATED_JSON' } });

    store.misbehave({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const limited = await failure(client(store).get('orders'));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');

    store.misbehave({ kind: 'status', status: 500 });
    expect((await failure(client(store).get('orders'))).status).toBe(500);
  });

  it('generates N orders and lets orders change between pages', async () => {
    await store.close();
    store = await startWooCommerceStore({ orders: syntheticOrders(250) });
    let changed = false;
    store.onListPage((page) => {
      if (page === 1 && !changed) {
        changed = true;
        store.updateOrder(1001, { status: 'completed' }, '2030-01-01T00:00:00');
        store.addOrder({ ...syntheticOrders(1, { firstId: 5000 })[0]! });
      }
    });
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const res = await client(store).get('orders', { per_page: 100, page, orderby: 'id', order: 'asc' });
      seen.push(...(res.data as { id: number }[]).map((o) => o.id));
      if (page >= Number(res.headers['x-wp-totalpages'])) break;
    }
    expect(seen.length).toBe(251);
    expect(new Set(seen).size).toBe(251);
    expect(seen.at(-1)).toBe(5000);
  });
});
