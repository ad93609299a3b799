// Orders WordPress pushes for its own WooCommerce (a same-site store): built in-process in REST v3
// shape, so the sync's normaliser reads them and the sync's upsert stores them, one row per
// (store, order id) whatever else told Cuadra about the order. Each order brings its refunds, kept
// with it (same-site-refunds.ts). A batch is all or nothing.
import type { Models } from '../../db/models';
import type { StoreOrderRepository } from '../../db/orders/store-order-repository';
import { normaliseWooOrder } from '../../domain/orders/woo-order';
import { ConflictError, ValidationError, type ErrorDetail } from '../../errors';
import type { Logger } from '../../logger';
import { keepPushedRefunds, pushedRefundProblem, type PushedOrder } from './same-site-refunds';
import type { StoreService } from './store-service';

export interface PushOutcome {
  received: number;
  orders: { woo_id: number; order_id: number; status: string }[];
}

export function createStorePush(deps: {
  models: Models;
  stores: StoreService;
  orders: StoreOrderRepository;
  now: () => Date;
  logger: Logger;
}) {
  const { models, stores, orders, now, logger } = deps;

  return {
    async receive(storeId: number, pushed: Record<string, unknown>[]): Promise<PushOutcome> {
      const store = await stores.findRow(storeId);
      if (store.kind !== 'same_site') {
        throw new ConflictError(
          'Only the store of this WordPress site takes pushed orders; this one is read through its API.',
          'NOT_SAME_SITE',
        );
      }
      const problems: ErrorDetail[] = [];
      let firstBad: unknown = null;
      // The same order twice in one batch: the later version is what WordPress saw last.
      const byId = new Map<number, PushedOrder>();
      pushed.forEach((json, index) => {
        const normalised = normaliseWooOrder(json);
        if (!normalised.ok) {
          const { code, property, message } = normalised.error;
          problems.push({ message, code, property: `orders.${index}.${property}` });
          firstBad ??= json;
          return;
        }
        const refundProblem = pushedRefundProblem({ json, order: normalised.value }, index);
        if (refundProblem) {
          problems.push(refundProblem);
          firstBad ??= json;
        } else byId.set(normalised.value.id!, { json, order: normalised.value });
      });
      if (problems.length) {
        await stores.recordProblem(storeId, {
          code: 'INVALID_ORDER',
          message: `WordPress pushed an order Cuadra cannot read: ${problems[0]!.property}: ${problems[0]!.message}`,
          raw: JSON.stringify(firstBad).slice(0, 4000),
        });
        throw new ValidationError(problems);
      }
      const list = [...byId.values()].map((p) => p.order);
      await orders.upsertApiOrderPage(storeId, list, 'push', async (tx) => {
        await keepPushedRefunds(models, tx, storeId, [...byId.values()]);
        await models.Store.update({ push_last_received_at: now() }, { where: { id: storeId }, transaction: tx });
      });
      const rows = await models.StoreOrder.findAll({
        attributes: ['id', 'woo_id', 'status'],
        where: { store_id: storeId, woo_id: list.map((o) => o.id!) },
      });
      logger.info({ store_id: storeId, orders: list.length }, 'orders pushed by WordPress stored');
      return {
        received: list.length,
        orders: rows.map((r) => ({ woo_id: Number(r.woo_id), order_id: r.id, status: r.status })).sort((a, b) => a.woo_id - b.woo_id),
      };
    },
  };
}

export type StorePush = ReturnType<typeof createStorePush>;
