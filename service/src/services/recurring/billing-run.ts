import { DateTime } from 'luxon';
import { Op, type Sequelize } from 'sequelize';
import type { InvoiceModels } from '../../db/invoice-repository';
import type { RecurringTemplateRecord } from '../../db/models/recurring.model';
import type { CustomerRepository } from '../../db/customer-repository';
import { inTransaction } from '../../db/transactions';
import { isWithinTerm, periodDate, periodInstant, servicePeriod } from '../../domain/billing/recurrence';
import { discountApplies, periodLines, type TemplateTerms } from '../../domain/billing/recurring-template';
import { AppError, ValidationError } from '../../errors';
import type { Logger } from '../../logger';
import type { Customer } from '../../domain/customers/customer';
import type { DraftInput, InvoiceService } from '../invoices/invoice-service';
import type { RecurringModels } from './recurring-models';
import { currentMrr, recordMrrChange, scheduleOf, termsOf, type MrrChangeReason } from './template-state';

export interface BillingRunDeps {
  sequelize: Sequelize;
  models: RecurringModels & Pick<InvoiceModels, 'Invoice'>;
  invoices: Pick<InvoiceService, 'prepareDraft' | 'insertDraft' | 'issueInvoices'>;
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

const TEMPLATES_PER_QUERY = 500;
// Templates written per transaction: few commits, short enough locks.
const TEMPLATES_PER_TRANSACTION = 100;

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

  function draftFor(row: RecurringTemplateRecord, periodIndex: number, invoiceIndex: number, payTermsDays: number): DraftInput {
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
      lines: periodLines(terms, invoiceIndex).map((line) => ({ ...line })),
      rectification: null,
      external_tax_totals: null,
    };
  }

  /** Why the template's MRR moves when invoice number `issuedIndex` is issued. */
  function reasonFor(terms: TemplateTerms, issuedIndex: number): MrrChangeReason {
    if (issuedIndex === 0) return 'started';
    if (discountApplies(terms, issuedIndex - 1) && !discountApplies(terms, issuedIndex)) return 'discount_expired';
    return 'renewed';
  }

  interface PlannedPeriod {
    index: number;
    prepared: Awaited<ReturnType<InvoiceService['prepareDraft']>>;
  }
  interface TemplatePlan {
    snapshot: RecurringTemplateRecord;
    periods: PlannedPeriod[];
    /** The period index at which the term is over, when that moment has come. */
    endsAt: number | null;
  }

  /**
   * Works out, outside any transaction, what one due template needs: its due periods (at most
   * maxPeriods per run), each checked and priced, and whether its term is over. A template whose
   * invoice cannot be made is put off for retryAfterMs and reported; its problem shows on the template.
   */
  async function planTemplate(
    snapshot: RecurringTemplateRecord,
    at: Date,
    result: BillingRunResult,
    backlogLeft: Set<number>,
    customerCache: Map<number, Customer | null>,
  ): Promise<TemplatePlan | null> {
    if (snapshot.status !== 'active' || !snapshot.next_issue_at || new Date(snapshot.next_issue_at) > at) return null;
    const schedule = scheduleOf(snapshot);
    const plan: TemplatePlan = { snapshot, periods: [], endsAt: null };
    let index = snapshot.next_period_index;
    let issued = snapshot.issued_count;
    while (periodInstant(schedule, index) <= at) {
      if (!isWithinTerm(schedule, index, issued)) {
        plan.endsAt = index; // the template ends when its next period would have started
        break;
      }
      if (plan.periods.length === maxPeriods) {
        backlogLeft.add(snapshot.id); // the rest of the backlog waits for the next run
        break;
      }
      plan.periods.push({ index, prepared: undefined as never });
      index++;
      issued++;
    }
    if (plan.periods.length > unusualBacklog) {
      logger.warn(
        {
          template_id: snapshot.id,
          overdue_periods: backlogLeft.has(snapshot.id) ? `more than ${maxPeriods}` : plan.periods.length,
          per_run: maxPeriods,
        },
        'recurring template has an unusual backlog; catching up',
      );
    }
    if (!customerCache.has(snapshot.customer_id)) customerCache.set(snapshot.customer_id, await customers.findById(snapshot.customer_id));
    const payTerms = customerCache.get(snapshot.customer_id)?.payment_terms_days ?? 0;
    try {
      for (const [n, period] of plan.periods.entries()) {
        const draft = draftFor(snapshot, period.index, snapshot.issued_count + n, payTerms);
        // Checked as for issuing: a draft that could not be issued would only wait as a draft; the period waits instead.
        period.prepared = await invoices.prepareDraft(draft, { issuable: true });
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.failed++;
      const codes = err instanceof ValidationError ? err.fields.map((f) => f.code) : [err.code];
      logger.warn(
        { template_id: snapshot.id, period_index: snapshot.next_period_index, codes },
        'recurring invoice could not be made; retrying later',
      );
      await models.RecurringTemplate.update(
        { next_issue_at: new Date(at.getTime() + retryAfterMs) },
        { where: { id: snapshot.id, next_period_index: snapshot.next_period_index, status: 'active' } },
      );
      backlogLeft.delete(snapshot.id);
      return null;
    }
    return plan;
  }

  /**
   * Writes the plans of a chunk of templates in one transaction: each template locked and checked
   * unchanged since it was planned, then its drafts, its (template, period) rows under the unique
   * key, its next period and its MRR events. A template changed meanwhile (a user, another
   * instance) is left alone and planned again. Returns the drafts made, with whether they are e-mailed.
   */
  async function writePlans(plans: TemplatePlan[], result: BillingRunResult): Promise<{ invoiceId: number; send: boolean }[]> {
    return inTransaction(sequelize, async (tx) => {
      const made: { invoiceId: number; send: boolean }[] = [];
      const rows = await models.RecurringTemplate.findAll({
        where: { id: plans.map((p) => p.snapshot.id) },
        order: [['id', 'ASC']],
        transaction: tx,
        lock: tx.LOCK.UPDATE,
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const periodRows: { template_id: number; period_index: number; period_start: string; period_end: string; invoice_id: number }[] = [];
      for (const plan of plans) {
        const row = byId.get(plan.snapshot.id);
        if (
          !row ||
          row.status !== 'active' ||
          row.next_period_index !== plan.snapshot.next_period_index ||
          new Date(row.updated_at).getTime() !== new Date(plan.snapshot.updated_at).getTime()
        )
          continue; // still due, so the run's next query plans it again from its new state
        const schedule = scheduleOf(row);
        const terms = termsOf(row); // parsed once per template, not per period
        for (const period of plan.periods) {
          const draft = await invoices.insertDraft(tx, period.prepared, null);
          const covered = servicePeriod(schedule, period.index);
          periodRows.push({
            template_id: row.id,
            period_index: period.index,
            period_start: covered.start,
            period_end: covered.end,
            invoice_id: draft.id,
          });
          made.push({ invoiceId: draft.id, send: Boolean(row.auto_send) });
          // MRR moves with the invoice that starts, renews or ends a discount; the event dates from the period.
          const before = { template_id: row.id, customer_id: row.customer_id, currency: row.currency, mrr: Number(row.mrr) };
          const reason = reasonFor(terms, row.issued_count);
          row.set({
            next_period_index: period.index + 1,
            issued_count: row.issued_count + 1,
            next_issue_at: periodInstant(schedule, period.index + 1),
          });
          const mrr = currentMrr(row, terms);
          row.set({ mrr });
          await recordMrrChange(models, tx, before, { customer_id: row.customer_id, currency: row.currency, mrr }, reason, covered.start);
        }
        if (plan.endsAt !== null) {
          const before = { template_id: row.id, customer_id: row.customer_id, currency: row.currency, mrr: Number(row.mrr) };
          row.set({ status: 'ended', next_issue_at: null, mrr: 0 });
          await recordMrrChange(
            models,
            tx,
            before,
            { customer_id: row.customer_id, currency: row.currency, mrr: 0 },
            'ended',
            periodDate(schedule, plan.endsAt),
          );
          result.ended++;
        }
        await row.save({ transaction: tx });
      }
      // The unique (template, period) key is the last word: a second biller would fail here and roll back whole.
      if (periodRows.length) await models.RecurringPeriod.bulkCreate(periodRows, { transaction: tx });
      return made;
    });
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
      logger.debug({ drafts: ids.length, send }, 'issuing recurring drafts');
      const outcome = await invoices.issueInvoices(ids, { sendEmail: send });
      logger.debug({ issued: outcome.issued.length, failed: outcome.failed.length }, 'recurring drafts issued');
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
      const customerCache = new Map<number, Customer | null>();
      for (;;) {
        const due = await models.RecurringTemplate.findAll({
          where: {
            status: 'active',
            next_issue_at: { [Op.lte]: at },
            ...(backlogLeft.size ? { id: { [Op.notIn]: [...backlogLeft] } } : {}),
          },
          order: [['next_issue_at', 'ASC']],
          limit: TEMPLATES_PER_QUERY,
        });
        if (due.length === 0) break;
        const drafts: { invoiceId: number; send: boolean }[] = [];
        for (let i = 0; i < due.length; i += TEMPLATES_PER_TRANSACTION) {
          const plans: TemplatePlan[] = [];
          for (const snapshot of due.slice(i, i + TEMPLATES_PER_TRANSACTION)) {
            const plan = await planTemplate(snapshot, at, result, backlogLeft, customerCache);
            if (plan) plans.push(plan);
          }
          if (plans.length) drafts.push(...(await writePlans(plans, result)));
          logger.debug({ templates: plans.length, drafts: drafts.length }, 'recurring periods written');
        }
        await issue(drafts, result);
      }
      if (result.issued || result.failed || result.ended) logger.info({ ...result }, 'billing run finished');
      return result;
    },
  };
}

export type BillingRun = ReturnType<typeof createBillingRun>;
