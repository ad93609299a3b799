import { DateTime } from 'luxon';
import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';
import type { CustomerRepository } from '../../db/customer-repository';
import type { RecurringTemplateRecord, TemplateStatus } from '../../db/models/recurring.model';
import type { InvoiceModels } from '../../db/invoice-repository';
import { inTransaction } from '../../db/transactions';
import { computeInvoiceTotals } from '../../domain/billing/invoice-totals';
import type { BillingProblem } from '../../domain/billing/invoice-rules';
import {
  firstPeriodOnOrAfter,
  periodDate,
  periodInstant,
  upcomingDates,
  type IntervalUnit,
  type RecurrenceSchedule,
} from '../../domain/billing/recurrence';
import {
  checkTemplateTerms,
  periodLines,
  templateMrrAt,
  type TemplateLine,
  type TemplateTerms,
} from '../../domain/billing/recurring-template';
import type { Customer } from '../../domain/customers/customer';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { InvoiceService } from '../invoices/invoice-service';
import type { RecurringModels } from './recurring-models';
import { currentMrr, recordMrrChange, scheduleOf, termsOf, type MrrChangeReason } from './template-state';

export interface TemplateInput {
  kind: 'F1' | 'F2';
  customer_id: number;
  series_code: string | null;
  currency: string;
  language: 'es' | 'en';
  prices_include_tax: boolean;
  irpf_percent: string;
  payment_method: string;
  notes: string;
  lines: TemplateLine[];
  discount_percent: string;
  discount_cycles: number | null;
  interval_unit: IntervalUnit;
  interval_count: number;
  anchor_date: string;
  anchor_time: string;
  end_date: string | null;
  cycles: number | null;
  auto_send: boolean;
}

export interface TemplateFilter {
  status?: TemplateStatus;
  customer_id?: number;
  search?: string;
  page: number;
  per_page: number;
}

export interface RecurringTemplateServiceDeps {
  sequelize: Sequelize;
  models: RecurringModels & Pick<InvoiceModels, 'Invoice' | 'InvoiceSeries'>;
  invoices: Pick<InvoiceService, 'resolveSeries'>;
  customers: CustomerRepository;
  companySettings: CompanySettingsRepository;
  now: () => Date;
  defaultTimezone: string;
  /** Called after a change that may have made periods due, to issue them without waiting for the next tick. */
  onScheduleChanged?: () => void;
}

const SCHEDULE_FIELDS = ['interval_unit', 'interval_count', 'anchor_date', 'anchor_time'] as const;

function invalid(problems: BillingProblem[]): ValidationError {
  return new ValidationError(problems);
}

function recipientOf(customer: Customer) {
  return {
    legal_name: customer.legal_name,
    tax_id: customer.tax_id,
    address_line: customer.address_line,
    postal_code: customer.postal_code,
    city: customer.city,
    country_code: customer.country_code,
  };
}

export function createRecurringTemplateService(deps: RecurringTemplateServiceDeps) {
  const { sequelize, models, customers, now } = deps;

  async function timezone(): Promise<string> {
    return (await deps.companySettings.find())?.timezone || deps.defaultTimezone;
  }

  function todayIn(zone: string): string {
    return DateTime.fromJSDate(now()).setZone(zone).toISODate()!;
  }

  /** Everything wrong with a template before it is stored; customer data problems are returned, not thrown. */
  async function check(input: TemplateInput): Promise<{ customer: Customer; customerProblems: BillingProblem[] }> {
    const customer = await customers.findById(input.customer_id);
    if (!customer) throw invalid([{ property: 'customer_id', code: 'UNKNOWN_CUSTOMER', message: 'There is no customer with this id.' }]);
    await deps.invoices.resolveSeries(input.kind, input.series_code ?? undefined);
    const { invalid: problems, customer: customerProblems } = checkTemplateTerms(termsFromInput(input), recipientOf(customer));
    if (problems.length) throw invalid(problems);
    return { customer, customerProblems };
  }

  function termsFromInput(input: TemplateInput): TemplateTerms {
    return {
      kind: input.kind,
      currency: input.currency,
      prices_include_tax: input.prices_include_tax,
      irpf_percent: input.irpf_percent,
      lines: input.lines,
      discount_percent: input.discount_percent,
      discount_cycles: input.discount_cycles,
      interval_unit: input.interval_unit,
      interval_count: input.interval_count,
    };
  }

  function columnsOf(input: TemplateInput) {
    return {
      kind: input.kind,
      customer_id: input.customer_id,
      series_code: input.series_code,
      currency: input.currency,
      language: input.language,
      prices_include_tax: input.prices_include_tax,
      irpf_percent: input.irpf_percent,
      payment_method: input.payment_method,
      notes: input.notes,
      lines: JSON.stringify(input.lines),
      discount_percent: input.discount_percent,
      discount_cycles: input.discount_cycles,
      interval_unit: input.interval_unit,
      interval_count: input.interval_count,
      anchor_date: input.anchor_date,
      anchor_time: input.anchor_time,
      end_date: input.end_date,
      cycles: input.cycles,
      auto_send: input.auto_send,
    };
  }

  /** The next invoice's total (with taxes), for the upcoming list. */
  function nextInvoiceTotal(row: RecurringTemplateRecord): number {
    const terms = termsOf(row);
    return computeInvoiceTotals({ ...terms, lines: periodLines(terms, row.issued_count) }).total;
  }

  async function view(row: RecurringTemplateRecord, customer?: Customer | null) {
    const schedule = scheduleOf(row);
    const terms = termsOf(row);
    const owner = customer === undefined ? await customers.findById(row.customer_id) : customer;
    const problems = owner ? checkTemplateTerms(terms, recipientOf(owner)).customer : [];
    if (!owner)
      problems.push({ property: 'customer_id', code: 'UNKNOWN_CUSTOMER', message: 'The customer of this template no longer exists.' });
    const active = row.status === 'active';
    const nextDates = row.status === 'ended' ? [] : upcomingDates(schedule, row.next_period_index, row.issued_count, 12);
    return {
      id: row.id,
      kind: row.kind,
      customer_id: row.customer_id,
      customer: owner ? { id: owner.id, legal_name: owner.legal_name, email: owner.email } : null,
      series_code: row.series_code,
      currency: row.currency,
      language: row.language,
      prices_include_tax: Boolean(row.prices_include_tax),
      irpf_percent: row.irpf_percent,
      payment_method: row.payment_method,
      notes: row.notes,
      lines: terms.lines,
      discount_percent: row.discount_percent,
      discount_cycles: row.discount_cycles,
      interval_unit: row.interval_unit,
      interval_count: row.interval_count,
      anchor_date: row.anchor_date,
      anchor_time: row.anchor_time,
      timezone: row.timezone,
      end_date: row.end_date,
      cycles: row.cycles,
      auto_send: Boolean(row.auto_send),
      status: row.status,
      issued_count: row.issued_count,
      next_issue_date: nextDates[0] ?? null,
      next_issue_at: active && nextDates.length ? periodInstant(schedule, row.next_period_index).toISOString() : null,
      next_dates: nextDates,
      mrr: Number(row.mrr),
      period_amount: row.status === 'ended' ? 0 : templateBaseOfNext(terms, row.issued_count),
      problems,
      created_at: new Date(row.created_at).toISOString(),
      updated_at: new Date(row.updated_at).toISOString(),
    };
  }

  function templateBaseOfNext(terms: TemplateTerms, invoiceIndex: number): number {
    return computeInvoiceTotals({ ...terms, lines: periodLines(terms, invoiceIndex) }).base_total;
  }

  async function history(templateId: number) {
    const periods = await models.RecurringPeriod.findAll({
      where: { template_id: templateId },
      order: [['period_index', 'DESC']],
      limit: 500,
    });
    const invoices = await models.Invoice.findAll({ where: { id: periods.map((p) => p.invoice_id) } });
    const byId = new Map(invoices.map((i) => [i.id, i]));
    return periods.map((p) => {
      const invoice = byId.get(p.invoice_id);
      return {
        period_index: p.period_index,
        period_start: p.period_start,
        period_end: p.period_end,
        invoice_id: p.invoice_id,
        full_number: invoice?.full_number ?? null,
        status: invoice?.status ?? null,
        issue_date: invoice?.issue_date ?? null,
        total: invoice ? Number(invoice.total) : null,
      };
    });
  }

  async function lockedRow(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], id: number): Promise<RecurringTemplateRecord> {
    const row = await models.RecurringTemplate.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE });
    if (!row) throw new NotFoundError('There is no recurring template with this id.', 'NOT_FOUND');
    return row;
  }

  /** Applies a state change to a locked template and records its MRR change in the same transaction. */
  async function saveWithMrr(
    tx: Parameters<Parameters<typeof inTransaction>[1]>[0],
    row: RecurringTemplateRecord,
    changes: Partial<ReturnType<typeof columnsOf>> &
      Partial<Pick<RecurringTemplateRecord, 'status' | 'next_period_index' | 'next_issue_at'>>,
    reason: MrrChangeReason,
  ): Promise<RecurringTemplateRecord> {
    const before = { template_id: row.id, customer_id: row.customer_id, currency: row.currency, mrr: Number(row.mrr) };
    row.set(changes);
    const mrr = currentMrr(row, termsOf(row));
    row.set({ mrr });
    await row.save({ transaction: tx });
    await recordMrrChange(models, tx, before, { customer_id: row.customer_id, currency: row.currency, mrr }, reason, todayIn(row.timezone));
    return row;
  }

  async function transition(id: number, allowed: TemplateStatus[], to: TemplateStatus, reason: MrrChangeReason) {
    const row = await inTransaction(sequelize, async (tx) => {
      const row = await lockedRow(tx, id);
      if (!allowed.includes(row.status)) {
        throw new ConflictError(
          `This template is ${row.status}; it cannot be ${to === 'active' ? 'resumed' : to}.`,
          'TEMPLATE_STATUS_CONFLICT',
        );
      }
      const schedule = scheduleOf(row);
      if (to === 'active') {
        // Periods that passed while paused are skipped, never billed late: billing continues from today.
        const next = Math.max(row.next_period_index, firstPeriodOnOrAfter(schedule, todayIn(row.timezone)));
        return saveWithMrr(tx, row, { status: 'active', next_period_index: next, next_issue_at: periodInstant(schedule, next) }, reason);
      }
      return saveWithMrr(tx, row, { status: to, next_issue_at: null }, reason);
    });
    if (to === 'active') deps.onScheduleChanged?.();
    return view(row);
  }

  return {
    async create(input: TemplateInput) {
      const { customer } = await check(input);
      const zone = await timezone();
      const schedule: RecurrenceSchedule = { ...input, timezone: zone };
      const row = await inTransaction(sequelize, async (tx) => {
        const created = await models.RecurringTemplate.create(
          { ...columnsOf(input), timezone: zone, status: 'active', next_issue_at: periodInstant(schedule, 0) },
          { transaction: tx },
        );
        // Nothing is billed yet: MRR starts with the first invoice. The event still marks the creation.
        await recordMrrChange(
          models,
          tx,
          { template_id: created.id, customer_id: created.customer_id, currency: created.currency, mrr: 0 },
          { customer_id: created.customer_id, currency: created.currency, mrr: 0 },
          'created',
          todayIn(zone),
        );
        return created;
      });
      deps.onScheduleChanged?.();
      return view(row, customer);
    },

    async update(id: number, input: TemplateInput) {
      const { customer } = await check(input);
      const row = await inTransaction(sequelize, async (tx) => {
        const row = await lockedRow(tx, id);
        if (row.status === 'ended') throw new ConflictError('This template has ended; create a new one instead.', 'TEMPLATE_ENDED');
        const problems: BillingProblem[] = [];
        if (row.issued_count > 0) {
          for (const field of SCHEDULE_FIELDS) {
            if (String(row[field]) !== String(input[field])) {
              problems.push({
                property: field,
                code: 'SCHEDULE_LOCKED',
                message: 'The schedule cannot change once invoices were issued; end this template and create a new one.',
              });
            }
          }
          if (input.cycles !== null && input.cycles < row.issued_count) {
            problems.push({
              property: 'cycles',
              code: 'CYCLES_BELOW_ISSUED',
              message: `${row.issued_count} invoices were already issued; the number of cycles cannot be lower.`,
            });
          }
        }
        if (problems.length) throw invalid(problems);
        const schedule = scheduleOf({ ...row.get({ plain: true }), ...columnsOf(input) });
        const nextIssueAt = row.status === 'active' ? periodInstant(schedule, row.next_period_index) : null;
        return saveWithMrr(tx, row, { ...columnsOf(input), next_issue_at: nextIssueAt }, 'updated');
      });
      deps.onScheduleChanged?.();
      return view(row, customer);
    },

    async get(id: number) {
      const row = await models.RecurringTemplate.findByPk(id);
      if (!row) throw new NotFoundError('There is no recurring template with this id.', 'NOT_FOUND');
      return { ...(await view(row)), history: await history(id) };
    },

    async list(filter: TemplateFilter) {
      const where: WhereOptions<RecurringTemplateRecord>[] = [];
      if (filter.status) where.push({ status: filter.status });
      if (filter.customer_id) where.push({ customer_id: filter.customer_id });
      if (filter.search) {
        const found = await customers.search({ search: filter.search, page: 1, per_page: 100 });
        where.push({ customer_id: { [Op.in]: found.items.map((c) => c.id) } });
      }
      const { rows, count } = await models.RecurringTemplate.findAndCountAll({
        where: { [Op.and]: where },
        order: [['id', 'DESC']],
        offset: (filter.page - 1) * filter.per_page,
        limit: filter.per_page,
      });
      const owners = new Map<number, Customer | null>();
      for (const id of new Set(rows.map((r) => r.customer_id))) owners.set(id, await customers.findById(id));
      return { templates: await Promise.all(rows.map((r) => view(r, owners.get(r.customer_id) ?? null))), total: count };
    },

    pause: (id: number) => transition(id, ['active'], 'paused', 'paused'),
    resume: (id: number) => transition(id, ['paused'], 'active', 'resumed'),
    end: (id: number) => transition(id, ['active', 'paused'], 'ended', 'ended'),

    /** What a template would do, without storing it: next dates, MRR once billing, customer problems. */
    async preview(input: TemplateInput) {
      const { customerProblems } = await check(input);
      const schedule: RecurrenceSchedule = { ...input, timezone: await timezone() };
      const terms = termsFromInput(input);
      return {
        next_dates: upcomingDates(schedule, 0, 0, 12),
        mrr: templateMrrAt(terms, 0),
        period_amount: templateBaseOfNext(terms, 0),
        currency: input.currency,
        problems: customerProblems.map((p) => ({ ...p, property: p.property })),
      };
    },

    async upcoming(limit: number) {
      const rows = await models.RecurringTemplate.findAll({
        where: { status: 'active', next_issue_at: { [Op.ne]: null } },
        order: [['next_issue_at', 'ASC']],
        limit,
      });
      const out = [];
      for (const row of rows) {
        const schedule = scheduleOf(row);
        const customer = await customers.findById(row.customer_id);
        out.push({
          template_id: row.id,
          customer_id: row.customer_id,
          customer_name: customer?.legal_name ?? '',
          date: periodDate(schedule, row.next_period_index),
          amount: nextInvoiceTotal(row),
          currency: row.currency,
        });
      }
      return { upcoming: out };
    },
  };
}

export type RecurringTemplateService = ReturnType<typeof createRecurringTemplateService>;
