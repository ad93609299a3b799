import { Router } from 'express';
import { NotFoundError } from '../../errors';
import type { SupportMailboxService } from '../../services/tickets/support-mailbox-service';
import type { TicketService } from '../../services/tickets/ticket-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import {
  attachmentParamSchema,
  idParamSchema,
  metricsQuerySchema,
  noteSchema,
  replySchema,
  ticketChangeSchema,
  ticketSearchSchema,
} from './tickets.schema';

function ticketId(params: unknown): number {
  const parsed = idParamSchema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no ticket with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

// RFC 6266: an ASCII fallback plus the exact UTF-8 name.
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function ticketsRoutes({ tickets, mailbox }: { tickets: TicketService; mailbox: SupportMailboxService }): Router {
  const router = Router();
  const support = requireCapability(CAPABILITIES.support);
  const staff = (req: { user?: { id: number; login: string } }) => ({ id: req.user!.id, name: req.user!.login });

  router.get('/tickets', support, async (req, res) => {
    res.json(await tickets.list(parseInput(ticketSearchSchema, req.query)));
  });
  router.get('/tickets/metrics', support, async (req, res) => {
    const { from, to } = parseInput(metricsQuerySchema, req.query);
    res.json(await tickets.metricsBetween(from, to));
  });
  router.get('/tickets/inbound-failures', support, async (_req, res) => {
    res.json({ items: await mailbox.keptAside() });
  });
  router.get('/tickets/:id', support, async (req, res) => {
    res.json(await tickets.get(ticketId(req.params)));
  });
  router.put('/tickets/:id', support, async (req, res) => {
    const id = ticketId(req.params);
    res.json(await tickets.update(id, parseInput(ticketChangeSchema, req.body ?? {})));
  });
  router.post('/tickets/:id/replies', support, async (req, res) => {
    const id = ticketId(req.params);
    const input = parseInput(replySchema, req.body ?? {});
    const attachments = input.attachments.map((file) => ({
      name: file.name,
      type: file.type,
      content: Buffer.from(file.content_base64, 'base64'),
    }));
    res.status(201).json(await tickets.reply(id, { body: input.body, attachments, status: input.status }, staff(req)));
  });
  router.post('/tickets/:id/notes', support, async (req, res) => {
    const id = ticketId(req.params);
    res.status(201).json(await tickets.note(id, parseInput(noteSchema, req.body ?? {}), staff(req)));
  });
  router.get('/tickets/:id/attachments/:attachmentId', support, async (req, res) => {
    const parsed = attachmentParamSchema.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError('There is no attachment with this id on this ticket.', 'NOT_FOUND');
    const file = await tickets.attachment(parsed.data.id, parsed.data.attachmentId);
    res.set('Content-Type', file.type);
    res.set('Content-Disposition', contentDisposition(file.name));
    res.set('X-Content-Type-Options', 'nosniff');
    res.send(file.content);
  });
  return router;
}
