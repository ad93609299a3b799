import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../errors';
import type { OrderService } from '../../services/orders/order-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { decisionsSchema, orderFilterSchema } from './orders.schema';

const idParam = z.object({ id: z.coerce.number().int().positive() });
/** POST /orders/:id/refund-drafts: every refund not rectified yet, or only `refund_id`. */
const refundDraftsSchema = decisionsSchema.extend({ refund_id: z.number().int().positive().optional() });

function orderId(params: unknown): number {
  const parsed = idParam.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no order with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

export function ordersRoutes({ orders }: { orders: OrderService }): Router {
  const router = Router();
  const billing = requireCapability(CAPABILITIES.billing);

  router.get('/orders', billing, async (req, res) => {
    res.json(await orders.list(parseInput(orderFilterSchema, req.query)));
  });
  router.get('/orders/:id', billing, async (req, res) => {
    res.json(await orders.get(orderId(req.params)));
  });
  router.post('/orders/:id/ignore', billing, async (req, res) => {
    res.json(await orders.setIgnored(orderId(req.params), true));
  });
  router.post('/orders/:id/unignore', billing, async (req, res) => {
    res.json(await orders.setIgnored(orderId(req.params), false));
  });
  router.post('/orders/:id/invoice-preview', billing, async (req, res) => {
    res.json(await orders.preview(orderId(req.params), parseInput(decisionsSchema, req.body ?? {}).decisions));
  });
  router.post('/orders/:id/invoice-draft', billing, async (req, res) => {
    const { decisions } = parseInput(decisionsSchema, req.body ?? {});
    res.status(201).json(await orders.createInvoiceDraft(orderId(req.params), decisions, req.user?.id ?? null));
  });
  router.get('/orders/:id/refunds', billing, async (req, res) => {
    res.json(await orders.refunds(orderId(req.params)));
  });
  router.post('/orders/:id/refund-drafts', billing, async (req, res) => {
    const { decisions, refund_id } = parseInput(refundDraftsSchema, req.body ?? {});
    res.status(201).json(await orders.createRefundDrafts(orderId(req.params), decisions, req.user?.id ?? null, refund_id));
  });
  return router;
}
