import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../errors';
import type { RecurringTemplateService } from '../../services/recurring/recurring-template-service';
import type { MrrService } from '../../services/recurring/mrr-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { dailySchema, historySchema, templateFilterSchema, templateSchema, upcomingSchema } from './recurring.schema';

const idParam = z.object({ id: z.coerce.number().int().positive() });

function templateId(params: unknown): number {
  const parsed = idParam.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no recurring template with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

export function recurringRoutes({ templates, mrr }: { templates: RecurringTemplateService; mrr: MrrService }): Router {
  const router = Router();
  const billing = requireCapability(CAPABILITIES.billing);

  router.get('/recurring-templates', billing, async (req, res) => {
    res.json(await templates.list(parseInput(templateFilterSchema, req.query)));
  });
  router.post('/recurring-templates', billing, async (req, res) => {
    res.status(201).json(await templates.create(parseInput(templateSchema, req.body ?? {})));
  });
  // Before /:id, which would otherwise take "preview" and "upcoming" for ids.
  router.post('/recurring-templates/preview', billing, async (req, res) => {
    res.json(await templates.preview(parseInput(templateSchema, req.body ?? {})));
  });
  router.get('/recurring-templates/upcoming', billing, async (req, res) => {
    res.json(await templates.upcoming(parseInput(upcomingSchema, req.query).limit));
  });
  router.get('/recurring-templates/:id', billing, async (req, res) => {
    res.json(await templates.get(templateId(req.params)));
  });
  router.put('/recurring-templates/:id', billing, async (req, res) => {
    const id = templateId(req.params);
    res.json(await templates.update(id, parseInput(templateSchema, req.body ?? {})));
  });
  router.post('/recurring-templates/:id/pause', billing, async (req, res) => {
    res.json(await templates.pause(templateId(req.params)));
  });
  router.post('/recurring-templates/:id/resume', billing, async (req, res) => {
    res.json(await templates.resume(templateId(req.params)));
  });
  router.post('/recurring-templates/:id/end', billing, async (req, res) => {
    res.json(await templates.end(templateId(req.params)));
  });

  router.get('/mrr/summary', billing, async (_req, res) => {
    res.json(await mrr.summary());
  });
  router.get('/mrr/history', billing, async (req, res) => {
    res.json(await mrr.history(parseInput(historySchema, req.query).months));
  });
  router.get('/mrr/daily', billing, async (req, res) => {
    const { from, to } = parseInput(dailySchema, req.query);
    res.json(await mrr.daily(from, to));
  });
  return router;
}
