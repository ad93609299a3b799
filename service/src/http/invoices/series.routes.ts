import { Router } from 'express';
import { z } from 'zod';
import type { InvoiceService } from '../../services/invoices/invoice-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';

const seriesSchema = z.object({
  code: z.string({ error: 'This field is required.' }).trim(),
  prefix: z.string({ error: 'This field is required.' }),
  reset: z.enum(['yearly', 'never'], { error: 'A series restarts yearly or never.' }).default('yearly'),
  padding: z.number({ error: 'Pad numbers to 1–12 digits.' }).int().default(4),
  kind: z.enum(['ordinary', 'rectifying', 'simplified'], { error: 'A series is ordinary, rectifying or simplified.' }).default('ordinary'),
});

export type SeriesInput = z.infer<typeof seriesSchema>;

export function seriesRoutes({ invoices }: { invoices: InvoiceService }): Router {
  const router = Router();
  router.get('/invoice-series', requireCapability(CAPABILITIES.billing), async (_req, res) => {
    res.json({ items: await invoices.listSeries() });
  });
  // Numbering rules are company configuration: managers only.
  router.post('/invoice-series', requireCapability(CAPABILITIES.manage), async (req, res) => {
    res.status(201).json(await invoices.createSeries(parseInput(seriesSchema, req.body ?? {})));
  });
  return router;
}
