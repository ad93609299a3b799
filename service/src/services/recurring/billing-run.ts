import { DateTime } from 'luxon';
import { Op, type Sequelize } from 'sequelize';
import type { InvoiceModels } from '../../db/invoice-repository';
import type { RecurringTemplateRecord } from '../../db/models/recurring.model';
import type { CustomerRepository } from '../../db/customer-repository';
import { inTransaction } from '../../db/transactions';
import { isWithinTerm, periodDate, periodInstant, servicePeriod } from '../../domain/billing/recurrence';
import { discountApplies, periodLines } from '../../domain/billing/recurring-template';
import { AppError, ValidationError } from '../../errors';
import type { Logger } from '../../logger';
import type { DraftInput, InvoiceService } from '../invoices/invoice-service';
import type { RecurringModels } from './recurring-models';
import { currentMrr, recordMrrChange, scheduleOf, termsOf, type MrrChangeReason } from './template-state';

export interface BillingRunDeps {
  sequelize: Sequelize;
  models: RecurringModels & Pick<InvoiceModels, 'Invoice'>;
  invoices: Pick<InvoiceService, 'prepareDraft' | 'insertDraft' | 'issueInvoices' | 'issueProblems'>;
  customers: CustomerRepository;
  now: () => Date;
  logger: Logger;
  /** Periods one template may catch up in one run; the rest follow in the next runs. */
  maxPeriodsPerRun?: number;
  /** A backlog longer than this is logged as unusual (the service was down for long). */
  unusualBacklog?: number;
  /** How long a template whose invoice cannot be made (bad customer data) waits before the next try. */
  retryAfterMs?: number;
}

export interface BillingRunResult {
  issued: number;
  failed: number;
  ended: number;
}

const TEMPLATES_PER_QUERY = 200;

/**
 * The scheduler's work: every active template whose next period is due gets one invoice per due
 * period. Each period is written in one transaction — the (template, period) row under a unique key,
 * the draft with its service period, the template's next period and its MRR event — so a crash or a
 * second scheduler can never bill a period twice or skip one. The drafts are then issued in batches
 * through the one issuing path; drafts a crash left behind are issued by the next run.
 */
export function createBillingRun(deps: BillingRunDeps) {
  const { sequelize, models, invoices, customers, now, logger } = deps;
  const maxPeriods = deps.maxPeriodsPerRun ?? 24;
  const unusualBacklog = deps.unusualBacklog ?? 3;
  const retryAfterMs = deps.retryAfterMs ?? 60 * 60 * 1000;

  function draftFor(row: RecurringTemplateRecord, periodIndex: number, payTermsDays: number): DraftInput {
    const schedule = scheduleOf(row);
    const terms = termsOf(row);
    const today = DateTime.fromJSDate(now()).setZone(row.timezone);
    return {
      kind: terms.kind,
      series_code: row.series_code ?? undefined,
      customer_id: row.customer_id,
      recipient: null,
      currency: row.currency,
      prices_include_tax: terms.prices_include_tax,
      irpf_percent: terms.irpf_percent,
      simplified_limit_extended: false,
      language: row.language === 'en' ? 'en' : 'es',
      operation_date: null,
      service_period: servicePeriod(schedule, periodIndex),
      due_date: payTermsDays > 0 ? today.plus({ days: payTermsDays }).toISODate() : null,
      notes: row.notes,
      payment_method: row.payment_method,
      lines: periodLines(terms, row.issued_count).map((line) => ({ ...line })),
      rectification: null,
      external_tax_totals: null,
    };
  }

  /** Why the template's MRR moves when invoice number `issuedIndex` is issued. */
  function reasonFor(row: RecurringTemplateRecord, issuedIndex: number): MrrChangeReason {
    if (issuedIndex === 0) return 'started';
    const terms = termsOf(row);
    if (discountApplies(terms, issuedIndex - 1) && !discountApplies(terms, issuedIndex)) return 'discount_expired';
    return 'renewed';
  }

  /**
   * Issues (as drafts) the due periods of one template, one transaction each. Returns the drafts
   * made, with whether they are e-mailed.
   */
  async function billTemplate(
    templateId: number,
    at: Date,
    result: BillingRunResult,
    backlogLeft: Set<number>,
  ): Promise<{ invoiceId: number; send: boolean }[]> {
    const made: { invoiceId: number; send: boolean }[] = [];
    for (let n = 0; ; n++) {
      if (n === maxPeriods) {
        backlogLeft.add(templateId); // the rest of the backlog waits for the next run
        break;
      }
      const snapshot = await models.RecurringTemplate.findByPk(templateId);
      if (!snapshot || snapshot.status !== 'active' || !snapshot.next_issue_at || new Date(snapshot.next_issue_at) > at) break;
      const schedule = scheduleOf(snapshot);
      const index = snapshot.next_period_index;
      if (n === 0) {
        let backlog = 0;
        while (
          backlog <= maxPeriods &&
          isWithinTerm(schedule, index + backlog, snapshot.issued_count + backlog) &&
          periodInstant(schedule, index + backlog) <= at
        )
          backlog++;
        if (backlog > unusualBacklog) {
          logger.warn(
            { template_id: templateId, overdue_periods: backlog > maxPeriods ? `more than ${maxPeriods}` : backlog, per_run: maxPeriods },
            'recurring template has an unusual backlog; catching up',
          );
        }
      }

      // The term is over: the template ends when its next period would have started.
      if (!isWithinTerm(schedule, index, snapshot.issued_count)) {
        await inTransaction(sequelize, async (tx) => {
          const row = await models.RecurringTemplate.findByPk(templateId, { transaction: tx, lock: tx.LOCK.UPDATE });
          if (!row || row.status !== 'active' || row.next_period_index !== index) return;
          const before = { template_id: row.id, customer_id: row.customer_id, currency: row.currency, mrr: Number(row.mrr) };
          row.set({ status: 'ended', next_issue_at: null, mrr: 0 });
          await row.save({ transaction: tx });
          await recordMrrChange(
            models,
            tx,
            before,
            { customer_id: row.customer_id, currency: row.currency, mrr: 0 },
            'ended',
            periodDate(schedule, index),
          );
          result.ended++;
        });
        break;
      }

      // Checked and priced before the transaction (reads only); a template whose invoice cannot be
      // made is retried later, and its problem is on the template for the user to see.
      const customer = await customers.findById(snapshot.customer_id);
      let prepared;
      try {
        const draft = draftFor(snapshot, index, customer?.payment_terms_days ?? 0);
        // A draft that could not be issued would only wait as a draft: leave the period for when the data is fixed.
        const problems = await invoices.issueProblems(draft);
        if (problems.length) throw new ValidationError(problems.map((p) => ({ message: p.message, code: p.code, property: p.property })));
        prepared = await invoices.prepareDraft(draft);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.failed++;
        const codes = err instanceof ValidationError ? err.fields.map((f) => f.code) : [err.code];
        logger.warn({ template_id: templateId, period_index: index, codes }, 'recurring invoice could not be made; retrying later');
        await models.RecurringTemplate.update(
          { next_issue_at: new Date(at.getTime() + retryAfterMs) },
          { where: { id: templateId, next_period_index: index, status: 'active' } },
        );
        break;
      }

      const invoiceId = await inTransaction(sequelize, async (tx) => {
        const row = await models.RecurringTemplate.findByPk(templateId, { transaction: tx, lock: tx.LOCK.UPDATE });
        // Someone else (another instance, a user) moved the template on since the snapshot: look again.
        if (
          !row ||
          row.status !== 'active' ||
          row.next_period_index !== index ||
          row.updated_at.getTime() !== snapshot.updated_at.getTime()
        )
          return null;
        const draft = await invoices.insertDraft(tx, prepared, null);
        const period = servicePeriod(schedule, index);
        await models.RecurringPeriod.create(
          { template_id: row.id, period_index: index, period_start: period.start, period_end: period.end, invoice_id: draft.id },
          { transaction: tx },
        );
        const before = { template_id: row.id, customer_id: row.customer_id, currency: row.currency, mrr: Number(row.mrr) };
        const reason = reasonFor(row, row.issued_count);
        row.set({ next_period_index: index + 1, issued_count: row.issued_count + 1, next_issue_at: periodInstant(schedule, index + 1) });
        const mrr = currentMrr(row, termsOf(row));
        row.set({ mrr });
        await row.save({ transaction: tx });
        await recordMrrChange(models, tx, before, { customer_id: row.customer_id, currency: row.currency, mrr }, reason, period.start);
        return draft.id;
      });
      if (invoiceId === null) continue;
      made.push({ invoiceId, send: Boolean(snapshot.auto_send) });
    }
    return made;
  }

  /** Drafts made by earlier runs that were not issued (a crash, the company not configured yet). */
  async function unissuedDrafts(): Promise<{ invoiceId: number; send: boolean }[]> {
    const drafts = await models.Invoice.findAll({
      where: { status: 'draft', service_period_start: { [Op.ne]: null } },
      attributes: ['id'],
    });
    if (drafts.length === 0) return [];
    const periods = await models.RecurringPeriod.findAll({ where: { invoice_id: drafts.map((d) => d.id) } });
    const templates = await models.RecurringTemplate.findAll({
      where: { id: [...new Set(periods.map((p) => p.template_id))] },
      attributes: ['id', 'auto_send'],
    });
    const sends = new Map(templates.map((t) => [t.id, Boolean(t.auto_send)]));
    return periods.map((p) => ({ invoiceId: p.invoice_id, send: sends.get(p.template_id) ?? false }));
  }

  async function issue(drafts: { invoiceId: number; send: boolean }[], result: BillingRunResult): Promise<void> {
    for (const send of [true, false]) {
      const ids = drafts.filter((d) => d.send === send).map((d) => d.invoiceId);
      if (ids.length === 0) continue;
      const outcome = await invoices.issueInvoices(ids, { sendEmail: send });
      result.issued += outcome.issued.length;
      result.failed += outcome.failed.length;
      for (const f of outcome.failed)
        logger.warn({ invoice_id: f.id, code: f.error.code }, 'recurring invoice stays a draft; retrying next run');
    }
  }

  return {
    /** One scheduler run; safe to run concurrently on several instances and to repeat after a crash. */
    async run(): Promise<BillingRunResult> {
      const at = now();
      const result: BillingRunResult = { issued: 0, failed: 0, ended: 0 };
      await issue(await unissuedDrafts(), result);
      // A billed template is no longer due; only one with more backlog than a run takes must be skipped.
      const backlogLeft = new Set<number>();
      for (;;) {
        const due = await models.RecurringTemplate.findAll({
          where: {
            status: 'active',
            next_issue_at: { [Op.lte]: at },
            ...(backlogLeft.size ? { id: { [Op.notIn]: [...backlogLeft] } } : {}),
          },
          attributes: ['id'],
          order: [['next_issue_at', 'ASC']],
          limit: TEMPLATES_PER_QUERY,
        });
        if (due.length === 0) break;
        const drafts: { invoiceId: number; send: boolean }[] = [];
        for (const { id } of due) drafts.push(...(await billTemplate(id, at, result, backlogLeft)));
        await issue(drafts, result);
      }
      if (result.issued || result.failed || result.ended) logger.info({ ...result }, 'billing run finished');
      return result;
    },
  };
}

export type BillingRun = ReturnType<typeof createBillingRun>;
