import { Router } from 'express';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors';
import type { OrderMailbox } from '../../services/orders/order-mailbox';
import type { OrderService } from '../../services/orders/order-service';
import type { OrderSync } from '../../services/orders/order-sync';
import type { StorePush } from '../../services/orders/store-push';
import type { StoreService } from '../../services/orders/store-service';
import type { StoreWebhook } from '../../services/orders/store-webhook';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { connectionOverrideSchema, pushedOrdersSchema, storeSchema, syncRequestSchema, webhookEnvelopeSchema } from './orders.schema';

const idParam = z.object({ id: z.coerce.number().int().positive() });

export function storeId(params: unknown): number {
  const parsed = idParam.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no store with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

export function storesRoutes(deps: {
  stores: StoreService;
  sync: OrderSync;
  orders: OrderService;
  webhook: StoreWebhook;
  mailbox: OrderMailbox;
  push: StorePush;
}): Router {
  const { stores, sync, orders, webhook, mailbox, push } = deps;
  const router = Router();
  const manage = requireCapability(CAPABILITIES.manage);
  const billing = requireCapability(CAPABILITIES.billing, CAPABILITIES.manage);

  router.get('/stores', billing, async (_req, res) => {
    res.json({ items: await stores.list() });
  });
  router.post('/stores', manage, async (req, res) => {
    // 200 with the existing store when this site's WooCommerce is connected already (a repeated connect).
    const { store, created } = await stores.createOrAdopt(parseInput(storeSchema, req.body ?? {}));
    res.status(created ? 201 : 200).json(store);
  });
  router.get('/stores/:id', billing, async (req, res) => {
    res.json(await stores.get(storeId(req.params)));
  });
  router.put('/stores/:id', manage, async (req, res) => {
    res.json(await stores.update(storeId(req.params), parseInput(storeSchema, req.body ?? {})));
  });
  router.delete('/stores/:id', manage, async (req, res) => {
    await stores.remove(storeId(req.params));
    res.status(204).end();
  });
  router.post('/stores/:id/test-connection', manage, async (req, res) => {
    res.json(await stores.testConnection(storeId(req.params), parseInput(connectionOverrideSchema, req.body ?? {})));
  });
  router.post('/stores/:id/webhook-secret', manage, async (req, res) => {
    res.json(await stores.rotateWebhookSecret(storeId(req.params)));
  });

  router.get('/stores/:id/sync', billing, async (req, res) => {
    res.json((await stores.get(storeId(req.params))).sync);
  });
  router.post('/stores/:id/sync', manage, async (req, res) => {
    const id = storeId(req.params);
    const input = parseInput(syncRequestSchema, req.body ?? {});
    if ((await stores.findRow(id)).kind === 'same_site') {
      throw new ConflictError(
        'This store is this WordPress site: WordPress pushes its orders, there is nothing to sync.',
        'SAME_SITE_PUSHED',
      );
    }
    await sync.requestSync(id, input);
    res.status(202).json(await stores.get(id));
  });
  router.post('/stores/:id/sync/cancel', manage, async (req, res) => {
    const id = storeId(req.params);
    await sync.cancel(id);
    res.json(await stores.get(id));
  });

  router.get('/stores/:id/orders/by-number/:number', billing, async (req, res) => {
    const number = String(req.params.number ?? '').trim();
    if (!number || number.length > 40) throw new NotFoundError('Give the order number as the store shows it.', 'ORDER_NOT_FOUND', 'number');
    res.json(await orders.byNumber(storeId(req.params), number));
  });
  router.get('/stores/:id/mail-rejects', billing, async (req, res) => {
    const id = storeId(req.params);
    await stores.findRow(id);
    res.json({ items: await mailbox.rejects(id) });
  });
  const rejectId = (params: { rejectId?: string }) => {
    const parsed = z.coerce.number().int().positive().safeParse(params.rejectId);
    if (!parsed.success) throw new NotFoundError('This store has no set-aside message with this id.', 'NOT_FOUND');
    return parsed.data;
  };
  router.get('/stores/:id/mail-rejects/:rejectId', billing, async (req, res) => {
    res.json(await mailbox.reject(storeId(req.params), rejectId(req.params)));
  });
  router.delete('/stores/:id/mail-rejects/:rejectId', billing, async (req, res) => {
    await mailbox.dismissReject(storeId(req.params), rejectId(req.params));
    res.status(204).end();
  });

  // WordPress pushing its own WooCommerce's orders (REST v3 shape, built in-process), signed as its system user.
  router.post('/stores/:id/orders/push', billing, async (req, res) => {
    const id = storeId(req.params);
    res.json(await push.receive(id, parseInput(pushedOrdersSchema, req.body ?? {}).orders));
  });

  // Forwarded by WordPress for the public: the signed request proves it came through the plugin,
  // the WooCommerce signature inside proves it came from the store. No capability: visitors have none.
  router.post('/stores/:id/webhook', async (req, res) => {
    const envelope = parseInput(webhookEnvelopeSchema, req.body ?? {});
    const headers = Object.fromEntries(Object.entries(envelope.headers).map(([k, v]) => [k.toLowerCase().replace(/_/g, '-'), v]));
    const outcome = await webhook.receive(storeId(req.params), { body: Buffer.from(envelope.body_base64, 'base64'), headers });
    res.json(outcome);
  });
  return router;
}
