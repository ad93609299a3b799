// Shared steps of the orders suites: a store in Cuadra pointing at the fake WooCommerce store.
import type { WooCommerceStore } from '../../harness/woocommerce-store';
import type { ServiceUnderTest } from './service-under-test';

export const WEBHOOK_SECRET = 'whsec-test-0123456789';

export async function connectStore(
  sut: ServiceUnderTest,
  store: WooCommerceStore,
  extra: Record<string, unknown> = {},
): Promise<{ id: number } & Record<string, unknown>> {
  const res = await sut.signed('POST', '/stores', {
    name: 'Tienda de prueba',
    url: store.url,
    consumer_key: store.consumerKey,
    consumer_secret: store.consumerSecret,
    webhook_secret: WEBHOOK_SECRET,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`POST /stores answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: number };
}

/** Retries after 429/5xx without real waiting in tests that are not about the waiting itself. */
export function fastRetries(sut: ServiceUnderTest): void {
  Object.assign(sut.service.services.orderSync.options, { baseDelayMs: 5, maxDelayMs: 5_000 });
}

export async function orderRows(sut: ServiceUnderTest, storeId: number) {
  const rows = await sut.service.sequelize.models.StoreOrder!.findAll({ where: { store_id: storeId }, order: [['woo_id', 'ASC']] });
  return rows.map((r) => r.get({ plain: true }) as { id: number; woo_id: number; sources: string; provisional: boolean; status: string });
}
