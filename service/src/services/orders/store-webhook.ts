// WooCommerce webhooks, forwarded by WordPress (the public endpoint) with the raw body and the
// X-WC-Webhook-* headers. The signature is checked on the exact raw bytes; a valid delivery is only
// a trigger to refetch the order from the API (its payload is kept as provisional when the API does
// not answer); repeats of a delivery id are no-ops; the creation ping gets its 200.
import crypto from 'node:crypto';
import type { Models } from '../../db/models';
import type { StoreOrderRepository } from '../../db/orders/store-order-repository';
import { insertIgnore } from '../../db/transactions';
import type { Sequelize } from 'sequelize';
import { normaliseWooOrder } from '../../domain/orders/woo-order';
import { UnauthorizedError } from '../../errors';
import type { Logger } from '../../logger';
import type { OrderSync } from './order-sync';
import type { StoreService } from './store-service';

export interface WebhookDelivery {
  /** The exact bytes WooCommerce sent. */
  body: Buffer;
  /** Lower-case header names. */
  headers: Record<string, string>;
}

export type WebhookOutcome =
  | { result: 'ping' }
  | { result: 'duplicate'; delivery_id: string }
  | { result: 'ignored'; reason: string }
  | { result: 'stored'; order_id: number; provisional: boolean }
  | { result: 'deleted'; order_id: number | null };

/** base64(HMAC-SHA256(raw body, secret)) compared in constant time. */
export function webhookSignatureValid(body: Buffer, secret: string, signature: string): boolean {
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(body).digest('base64'));
  const given = Buffer.from(signature.trim());
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export function createStoreWebhook(deps: {
  sequelize: Sequelize;
  models: Models;
  stores: StoreService;
  orders: StoreOrderRepository;
  sync: OrderSync;
  now: () => Date;
  logger: Logger;
}) {
  const { models, stores, orders, sync, now, logger } = deps;

  return {
    async receive(storeId: number, delivery: WebhookDelivery): Promise<WebhookOutcome> {
      const store = await stores.findRow(storeId);
      const h = delivery.headers;
      const signature = h['x-wc-webhook-signature'];
      if (!signature) {
        // WooCommerce's ping on creation: a form body "webhook_id=N", unsigned.
        if (/^webhook_id=\d+$/.test(delivery.body.toString('utf8').trim())) {
          await store.update({ webhook_last_ping_at: now() });
          return { result: 'ping' };
        }
        throw new UnauthorizedError('The webhook carries no X-WC-Webhook-Signature.', 'WEBHOOK_SIGNATURE_MISSING');
      }
      const secret = stores.webhookSecretOf(store);
      if (!secret || !webhookSignatureValid(delivery.body, secret, signature)) {
        logger.warn({ store_id: storeId, topic: h['x-wc-webhook-topic'] ?? null }, 'webhook with a bad signature refused');
        throw new UnauthorizedError("The webhook signature does not match the store's webhook secret.", 'WEBHOOK_SIGNATURE_INVALID');
      }
      await store.update({ webhook_last_received_at: now() });

      const topic = (h['x-wc-webhook-topic'] ?? '').slice(0, 40);
      const deliveryId = (h['x-wc-webhook-delivery-id'] ?? '').slice(0, 64);
      if (deliveryId) {
        const before = await models.StoreWebhookDelivery.count({ where: { store_id: storeId, delivery_id: deliveryId } });
        if (before) return { result: 'duplicate', delivery_id: deliveryId };
      }
      if (!topic.startsWith('order.')) return { result: 'ignored', reason: `Topic ${topic || '(none)'} is not about orders.` };
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return { result: 'ignored', reason: 'The payload is not JSON.' };
      }
      const wooId = Number(payload.id);
      if (!Number.isInteger(wooId) || wooId <= 0) return { result: 'ignored', reason: 'The payload names no order id.' };

      let outcome: WebhookOutcome;
      if (topic === 'order.deleted') {
        const row = await models.StoreOrder.findOne({ where: { store_id: storeId, woo_id: wooId } });
        if (row && row.invoice_id === null) await row.update({ status: 'trash' });
        outcome = { result: 'deleted', order_id: row?.id ?? null };
      } else {
        // A trigger: the API's version is the truth; the payload stands in only while the API does not answer.
        const fresh = await sync.fetchOrder(store, wooId);
        const confirmed = fresh.ok ? normaliseWooOrder(fresh.json) : null;
        if (confirmed?.ok) {
          const { row } = await orders.upsertApiOrder(storeId, confirmed.value, 'webhook');
          outcome = { result: 'stored', order_id: row.id, provisional: false };
        } else {
          const fromPayload = normaliseWooOrder(payload);
          if (!fromPayload.ok) return { result: 'ignored', reason: `The payload is not a readable order: ${fromPayload.error.message}` };
          const { row } = await orders.upsertApiOrder(storeId, fromPayload.value, 'webhook', true);
          outcome = { result: 'stored', order_id: row.id, provisional: Boolean(row.provisional) };
        }
      }
      if (deliveryId) {
        await insertIgnore(deps.sequelize, 'cuadra_store_webhook_deliveries', {
          store_id: storeId,
          delivery_id: deliveryId,
          topic,
          received_at: now().toISOString().slice(0, 23).replace('T', ' '),
        });
      }
      return outcome;
    },
  };
}

export type StoreWebhook = ReturnType<typeof createStoreWebhook>;
