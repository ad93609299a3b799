// Refunds of a same-site store's orders. The service has no REST keys to ask this WordPress site, so
// WordPress pushes each order's refunds with it (REST v3 refund shape, under `cuadra_refunds`) and the
// service keeps them with the stored order: listing and rectifying refunds read that copy.
import type { Transaction } from 'sequelize';
import type { Models } from '../../db/models';
import type { StoreOrderRecord } from '../../db/models/store.model';
import type { StoreOrder } from '../../domain/orders/store-order';
import { normaliseWooRefund } from '../../domain/orders/woo-order';
import type { ErrorDetail } from '../../errors';

/** Where WordPress puts an order's refunds in the pushed order (wp-plugin OrderPayload::REFUNDS_KEY). */
export const PUSHED_REFUNDS_KEY = 'cuadra_refunds';

export interface PushedOrder {
  json: Record<string, unknown>;
  order: StoreOrder;
}

/** The first problem with the refunds pushed with one order (index: its place in the batch), if any. */
export function pushedRefundProblem({ json, order }: PushedOrder, index: number): ErrorDetail | null {
  const refunds = json[PUSHED_REFUNDS_KEY];
  const at = `orders.${index}.${PUSHED_REFUNDS_KEY}`;
  if (refunds === undefined) return null;
  if (!Array.isArray(refunds)) return { message: "The order's refunds must be a list.", code: 'INVALID_TYPE', property: at };
  for (const [i, refund] of refunds.entries()) {
    const read = normaliseWooRefund(refund, order.currency, order.id);
    if (!read.ok) return { message: read.error.message, code: read.error.code, property: `${at}.${i}.${read.error.property}` };
  }
  return null;
}

/**
 * Keeps each pushed order's refunds with the stored order, only where the stored order is the version
 * pushed: a newer version already stored keeps the refunds that came with it.
 */
export async function keepPushedRefunds(models: Models, tx: Transaction, storeId: number, pushed: PushedOrder[]): Promise<void> {
  // An older plugin sends no refunds: what is stored stays.
  const withRefunds = pushed.filter((p) => Array.isArray(p.json[PUSHED_REFUNDS_KEY]) && p.order.id !== null);
  if (!withRefunds.length) return;
  const rows = await models.StoreOrder.findAll({
    attributes: ['id', 'woo_id', 'order_modified_at'],
    where: { store_id: storeId, woo_id: withRefunds.map((p) => p.order.id!) },
    transaction: tx,
  });
  const timeOf = (date: Date | string | null) => (date === null ? null : new Date(date).getTime());
  for (const { json, order } of withRefunds) {
    const row = rows.find((r) => Number(r.woo_id) === order.id);
    if (!row || timeOf(row.order_modified_at) !== timeOf(order.modified_at)) continue;
    await models.StoreOrder.update(
      { pushed_refunds_json: JSON.stringify(json[PUSHED_REFUNDS_KEY]) },
      { where: { id: row.id }, transaction: tx },
    );
  }
}

export type PushedRefundsAnswer =
  { ok: true; json: unknown[]; headers: Record<string, string> } | { ok: false; problem: { code: string; message: string } };

/** The refunds WordPress pushed with the order, as a store's GET /orders/{id}/refunds would answer; a problem while none came. */
export function pushedRefundsOf(row: Pick<StoreOrderRecord, 'pushed_refunds_json'>): PushedRefundsAnswer {
  if (row.pushed_refunds_json === null) {
    return {
      ok: false,
      problem: {
        code: 'REFUNDS_NOT_PUSHED',
        message:
          'WordPress has not sent the refunds of this order yet (they come with its next change, or with "Push all orders again" on the store).',
      },
    };
  }
  return { ok: true, json: JSON.parse(row.pushed_refunds_json) as unknown[], headers: {} };
}
