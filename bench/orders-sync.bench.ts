// Order sync throughput: a first import of 10,000 orders from a WooCommerce-compatible store (the
// test harness's, serving the fixtures' shapes with OAuth 1.0a over plain HTTP) into MariaDB,
// against merely downloading the same pages with the same client in the same run. Then an
// incremental sync with nothing new, which must cost exactly one request. The store runs in a
// process of its own, as a real store is another server; the floor and the sync ask the same one.
import { performance } from 'node:perf_hooks';
import { composeService } from '../service/src/boot';
import { loadConfig } from '../service/src/config';
import { createLogger } from '../service/src/logger';
import { createWooCommerceClientFactory } from '../service/src/adapters/woocommerce/woocommerce-client';
import { createTestDatabase, makeTempDir } from '../test/harness';
import { startWooCommerceStoreProcess } from '../test/harness/woocommerce-store-process';
import type { Benchmark } from './lib/benchmark';
import type { LoadResult } from './lib/load';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);

function throughput(label: string, items: number, seconds: number, requests: number): LoadResult {
  return {
    label,
    url: 'in-process',
    requestsPerSec: Math.round((items / seconds) * 10) / 10,
    latencyP50Ms: 0,
    latencyP99Ms: 0,
    latencyAvgMs: Math.round((seconds * 1000 * 100) / requests) / 100,
    requests,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
    durationSec: Math.round(seconds * 100) / 100,
    connections: 1,
  };
}

const ordersSync: Benchmark = {
  name: 'orders-sync',
  description: `first import of ${ORDERS} WooCommerce orders (OAuth over HTTP) into MariaDB vs downloading the same pages; incremental with nothing new`,
  async run() {
    const db = await createTestDatabase('mariadb');
    const shop = await startWooCommerceStoreProcess({ synthetic: { count: ORDERS, firstId: 1000 } });
    const config = loadConfig({
      DATABASE_URL: db.url,
      CUADRA_SECRET: 'bench-secret-0123456789-abcdefghijklmn',
      CUADRA_DATA_DIR: await makeTempDir('bench'),
      LOG_LEVEL: 'silent',
    });
    const service = composeService(config, createLogger('silent'));
    try {
      await service.prepareDatabase();
      const { perPage, decimals } = service.services.orderSync.options;

      // The floor: the same pages, same parameters, same client (signed per request), bodies read, nothing stored.
      const client = createWooCommerceClientFactory()({
        url: shop.url,
        consumer_key: shop.consumerKey,
        consumer_secret: shop.consumerSecret,
      });
      const download = async () => {
        const started = performance.now();
        let bytes = 0;
        let pages = 0;
        for (let page = 1; ; page++) {
          const res = await client.get('orders', {
            per_page: perPage,
            page,
            orderby: 'id',
            order: 'asc',
            dp: decimals,
            dates_are_gmt: 'true',
          });
          if (res.status !== 200) throw new Error(`download page ${page}: ${res.status}`);
          bytes += res.body.length;
          pages++;
          if ((JSON.parse(res.body) as unknown[]).length < perPage) break;
        }
        return { seconds: (performance.now() - started) / 1000, bytes, pages };
      };
      const warm = await download(); // warms the store and the client; not counted
      const floor = await download();

      const store = await service.services.stores.create({
        name: 'Bench',
        url: shop.url,
        consumer_key: shop.consumerKey,
        consumer_secret: shop.consumerSecret,
        invoice_statuses: ['processing', 'completed'],
      });
      let t = performance.now();
      await service.services.orderSync.requestSync(store.id);
      await service.services.orderSync.runPending();
      const syncSeconds = (performance.now() - t) / 1000;
      const synced = await service.services.stores.get(store.id);
      const n = await service.sequelize.models.StoreOrder!.count();
      if (synced.sync.state !== 'done' || Number(n) !== ORDERS) throw new Error(`sync ended ${synced.sync.state} with ${n} orders`);

      const before = await shop.requestCount();
      t = performance.now();
      await service.services.orderSync.requestSync(store.id);
      await service.services.orderSync.runPending();
      const incrementalMs = performance.now() - t;
      const incrementalRequests = (await shop.requestCount()) - before;
      if (incrementalRequests !== 1) throw new Error(`an incremental sync with nothing new made ${incrementalRequests} requests`);

      return {
        runs: [
          throughput(`download ${floor.pages} pages (orders/s)`, ORDERS, floor.seconds, floor.pages),
          throughput(`sync into MariaDB (orders/s)`, ORDERS, syncSeconds, synced.sync.requests),
        ],
        ratios: {
          'sync time / download time (target ≤ 1.5)': Math.round((syncSeconds / floor.seconds) * 100) / 100,
          'incremental sync with nothing new: requests (must be 1)': incrementalRequests,
          'incremental sync with nothing new: ms': Math.round(incrementalMs),
        },
        context: {
          orders: ORDERS,
          per_page: perPage,
          dp: decimals,
          auth: 'OAuth 1.0a HMAC-SHA256 over HTTP',
          downloaded_mb: Math.round((floor.bytes / 1e6) * 10) / 10,
          warm_download_s: Math.round(warm.seconds * 100) / 100,
          database: 'MariaDB',
          store: 'separate process',
        },
      };
    } finally {
      await service.stop();
      await shop.close();
      await db.drop();
    }
  },
};

export default ordersSync;
