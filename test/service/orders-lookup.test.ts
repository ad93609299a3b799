// The invoice editor's "Import from WooCommerce" looks an order up by its display number, which a
// sequential-numbers plugin makes differ from the id (faked WooCommerce: the harness store searches
// as WooCommerce does — LIKE '%term%' in addresses, item names and the plugin's meta, plus the id).
import {
  fixtureOrders,
  sequentialNumber,
  startWooCommerceStore,
  syntheticOrders,
  withSequentialNumber,
  type WooCommerceStore,
  type WooJson,
} from '../harness/woocommerce-store';
import { connectStore, orderRows } from './support/orders';
import { BOOKKEEPER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

const ORDERS = '/wp-json/wc/v3/orders';

/**
 * A shop that installed a numbering plugin after its first 40 orders: ids 1001–1040 are numbered by
 * their ids ("1001" …), ids 1041–1200 "2026-0042", "2026-0043", … — except id 1042, whose number
 * is "1041": the id of another order (1041, numbered "2026-0042").
 */
function numberedShop(): WooJson[] {
  const before = syntheticOrders(40, { firstId: 1001, start: '2025-06-01T00:00:00' });
  const after = syntheticOrders(160, {
    firstId: 1041,
    start: '2026-01-01T00:00:00',
    numberOf: (_id, index) => sequentialNumber(index + 42),
  });
  // The order with id 1042 carries number "1041": the id of the oldest plugin-numbered order (1041, "2026-0042").
  withSequentialNumber(after[1]!, '1041');
  return [...before, ...after];
}

describe('look-up by display number when it differs from the id (faked WooCommerce with a numbering plugin)', () => {
  let sut: ServiceUnderTest;
  let shop: WooCommerceStore;
  let storeId: number;
  const lookUp = (number: string) =>
    sut.signed('GET', `/stores/${storeId}/orders/by-number/${encodeURIComponent(number)}`, undefined, BOOKKEEPER);

  beforeEach(async () => {
    sut = await startServiceUnderTest();
    shop = await startWooCommerceStore({ orders: numberedShop() });
    storeId = (await connectStore(sut, shop)).id;
  });
  afterEach(async () => {
    await shop.close();
    await sut.stop();
  });

  it('the fake store is set up as described: the numbers and the search behave as WooCommerce with the plugin', () => {
    expect(shop.orders.get(1041)).toMatchObject({ number: '2026-0042' });
    expect(shop.orders.get(1042)).toMatchObject({ number: '1041' });
    expect(shop.orders.get(1040)).toMatchObject({ number: '1040' });
    expect(
      (shop.orders.get(1041)!.meta_data as { key: string; value: unknown }[]).find((m) => m.key === '_order_number_formatted'),
    ).toEqual(expect.objectContaining({ value: '2026-0042' }));
  });

  it('finds an order by a number that is not an id ("2026-0042" → id 1041)', async () => {
    const res = await lookUp('2026-0042');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ woo_id: 1041, number: '2026-0042', sources: ['api'], provisional: false });
    expect((await orderRows(sut, storeId)).map((r) => r.woo_id)).toEqual([1041]);
  });

  it('a number that is the id of another order gives the order with that number, not the one with that id', async () => {
    // "1041" is order 1042's number and order 1041's id (whose number is "2026-0042").
    const res = await lookUp('1041');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ woo_id: 1042, number: '1041' });
    expect((await orderRows(sut, storeId)).map((r) => r.woo_id)).toEqual([1042]);
    // The store was asked for id 1041 first (what a vanilla store numbers "1041"), then searched.
    const asked = shop.requests
      .filter((r) => r.path.startsWith(ORDERS))
      .map((r) => r.path + (r.query.search ? `?search=${r.query.search}` : ''));
    expect(asked).toEqual([`${ORDERS}/1041`, `${ORDERS}?search=1041`]);

    // Once stored, both are told apart without asking the store again.
    expect((await lookUp('2026-0042')).body).toMatchObject({ woo_id: 1041 });
    const before = shop.requests.length;
    expect((await lookUp('1041')).body).toMatchObject({ woo_id: 1042 });
    expect((await lookUp('2026-0042')).body).toMatchObject({ woo_id: 1041 });
    expect(shop.requests.length).toBe(before);
  });

  it('an order numbered by its id before the plugin is still found by one request', async () => {
    const res = await lookUp('1007');
    expect(res.body).toMatchObject({ woo_id: 1007, number: '1007' });
    expect(shop.requests.filter((r) => r.path.startsWith(ORDERS))).toHaveLength(1);
  });

  it('reads on through the search pages when the term also matches many other orders', async () => {
    // "4" is in the numbers of many plugin-numbered orders ("2026-0042", "2026-0104", …); the one
    // numbered "4" (id 1004) is among the oldest, so on the last page of the search, newest first.
    sut.service.services.orderSync.options.perPage = 20;
    withSequentialNumber(shop.orders.get(1004)!, '4');
    const res = await lookUp('4');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ woo_id: 1004, number: '4' });
    const searches = shop.requests.filter((r) => r.query.search === '4');
    expect(searches.length).toBeGreaterThan(1);
    expect(searches.map((r) => r.query.page)).toEqual(searches.map((_, i) => String(i + 1)));
    expect(searches.every((r) => r.query.per_page === '20')).toBe(true);
  });

  it('a number no order has → 404 ORDER_NOT_FOUND on the number field, and nothing stored', async () => {
    for (const number of ['2026-9999', '1042', '#2026-0999']) {
      const res = await lookUp(number);
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'ORDER_NOT_FOUND', 'number');
      expect(res.body.errors[0].message).toContain(number.replace(/^#/, ''));
    }
    // "1042" is an id (of the order numbered "1041") but no order's number: not confused either.
    expect(await orderRows(sut, storeId)).toEqual([]);
  });

  it('a leading "#" as people write order numbers is ignored', async () => {
    expect((await lookUp('#2026-0042')).body).toMatchObject({ woo_id: 1041 });
  });

  it('a store that cannot be asked → 503 with its problem, not "no such order"', async () => {
    shop.misbehave({ kind: 'html' }, 5);
    const res = await lookUp('2026-0042');
    expect(res.status).toBe(503);
    expectErrorShape(res.body, 'HTML_INSTEAD_OF_JSON');
  });

  it('uses the real fixture orders too: each found by its own number', async () => {
    for (const order of fixtureOrders().slice(0, 3)) {
      shop.addOrder(withSequentialNumber({ ...structuredClone(order), id: order.id + 5000 }, `F-${order.number}`));
      expect((await lookUp(`F-${order.number}`)).body).toMatchObject({ woo_id: order.id + 5000, number: `F-${order.number}` });
    }
  });
});
