import { Router } from 'express';
import { z } from 'zod';
import type { InvoiceService } from '../../services/invoices/invoice-service';
import type { OutboxService } from '../../services/outbox/outbox-service';
import type { InvoiceView } from '../../domain/billing/invoice-view';
import { ConflictError } from '../../errors';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { NotFoundError } from '../../errors';
import { idParamSchema } from '../customers/customer.schema';
import { parseInput } from '../validation';
import { invoiceDraftSchema, invoiceFilterSchema } from './invoice.schema';

function invoiceId(params: unknown): number {
  const parsed = idParamSchema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no invoice with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

const sendSchema = z.object({
  to: z
    .array(z.email({ error: 'Enter a valid e-mail address.' }))
    .max(10)
    .optional(),
});

export function invoicesRoutes({
  invoices,
  outbox,
  invoicePdf,
}: {
  invoices: InvoiceService;
  outbox: OutboxService;
  invoicePdf: (invoice: InvoiceView) => Promise<Buffer>;
}): Router {
  const router = Router();
  const billing = requireCapability(CAPABILITIES.billing);

  router.get('/invoices', billing, async (req, res) => {
    res.json(await invoices.listInvoices(parseInput(invoiceFilterSchema, req.query)));
  });
  router.post('/invoices', billing, async (req, res) => {
    res.status(201).json(await invoices.createDraft(parseInput(invoiceDraftSchema, req.body ?? {}), req.user?.id ?? null));
  });
  router.get('/invoices/:id', billing, async (req, res) => {
    res.json(await invoices.getInvoice(invoiceId(req.params)));
  });
  router.put('/invoices/:id', billing, async (req, res) => {
    const id = invoiceId(req.params);
    res.json(await invoices.updateDraft(id, parseInput(invoiceDraftSchema, req.body ?? {})));
  });
  router.delete('/invoices/:id', billing, async (req, res) => {
    await invoices.deleteDraft(invoiceId(req.params));
    res.status(204).end();
  });
  router.post('/invoices/:id/issue', billing, async (req, res) => {
    res.json(await invoices.issueInvoice(invoiceId(req.params)));
  });
  router.post('/invoices/:id/mark-paid', billing, async (req, res) => {
    res.json(await invoices.markPaid(invoiceId(req.params)));
  });
  router.post('/invoices/:id/cancel', billing, async (req, res) => {
    res.json(await invoices.cancelInvoice(invoiceId(req.params)));
  });
  router.post('/invoices/:id/send', billing, async (req, res) => {
    const id = invoiceId(req.params);
    await invoices.sendInvoice(id, parseInput(sendSchema, req.body ?? {}).to);
    res.status(202).json({ queued: true, emails: await outbox.entriesFor(`invoice:${id}:`) });
  });
  // Regenerated from the stored invoice every time: nothing depends on a file on one instance's disk.
  router.get('/invoices/:id/pdf', billing, async (req, res) => {
    const invoice = await invoices.getInvoice(invoiceId(req.params));
    if (invoice.status === 'draft') throw new ConflictError('Drafts have no PDF yet: issue the invoice first.', 'INVOICE_NOT_ISSUED');
    const pdf = await invoicePdf(invoice);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${invoice.number}.pdf"`);
    res.send(pdf);
  });
  router.get('/invoices/:id/emails', billing, async (req, res) => {
    const id = invoiceId(req.params);
    await invoices.getInvoice(id);
    res.json({ emails: await outbox.entriesFor(`invoice:${id}:`) });
  });
  router.get('/verifactu/chain', billing, async (_req, res) => {
    res.json(await invoices.verifyVerifactuChain());
  });
  return router;
}
