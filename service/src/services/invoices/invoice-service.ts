import { DateTime } from 'luxon';
import type { Sequelize, Transaction } from 'sequelize';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';
import type { CustomerRepository } from '../../db/customer-repository';
import { allocateInvoiceNumbers, ensureCounter } from '../../db/invoice-numbering';
import { lineRows, toInvoiceView, type InvoiceFilter, type InvoiceModels, type InvoiceRepository } from '../../db/invoice-repository';
import type { InvoiceRecord } from '../../db/models/invoice.model';
import { inTransaction } from '../../db/transactions';
import { appendChainRecords, ensureChainHead, loadChain } from '../../db/verifactu-chain';
import {
  assertTransition,
  isRectifying,
  validateInvoiceDraft,
  type BillingProblem,
  type InvoiceDraft,
  type InvoiceKind,
  type InvoiceStatus,
  type RectificationMethod,
} from '../../domain/billing/invoice-rules';
import {
  computeInvoiceTotals,
  externalTotalsAcceptable,
  matchExternalTaxTotals,
  type InvoiceTotals,
} from '../../domain/billing/invoice-totals';
import {
  decodeLineVat,
  type InvoiceLineView,
  type InvoiceParty,
  type InvoiceView,
  type LineVat,
  type TaxSummaryRow,
  type ExternalTaxTotalView,
} from '../../domain/billing/invoice-view';
import { money } from '../../domain/billing/money';
import {
  formatInvoiceNumber,
  nextNumberKey,
  seriesKindFor,
  validateSeries,
  type InvoiceSeries,
  type SeriesKind,
} from '../../domain/billing/numbering';
import { formatScaledDecimal } from '../../domain/billing/decimal';
import { buildCancellationRecord, buildRegistrationRecord, verifyChain, type ChainCheck } from '../../domain/billing/verifactu';
import { buildVerifactuQrUrl, type VerifactuEnvironment } from '../../domain/billing/verifactu-qr';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { InvoiceLineRecord } from '../../db/models/invoice-line.model';
import { insertIgnore } from '../../db/transactions';

export interface DraftLineInput {
  description: string;
  sku: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  vat: LineVat;
  recargo: boolean;
  irpf: boolean;
  currency?: string;
}

export interface DraftInput {
  kind: InvoiceKind;
  series_code?: string;
  customer_id: number | null;
  recipient: InvoiceParty | null;
  currency: string;
  prices_include_tax: boolean;
  irpf_percent: string;
  simplified_limit_extended: boolean;
  language: 'es' | 'en';
  operation_date: string | null;
  /** The period a recurring invoice bills. */
  service_period?: { start: string; end: string } | null;
  due_date: string | null;
  notes: string;
  payment_method: string;
  lines: DraftLineInput[];
  rectification: { invoice_id: number; method: RectificationMethod; reason: string } | null;
  /** Per-rate totals the invoice must equal (an imported order), or null. */
  external_tax_totals?: ExternalTaxTotalView[] | null;
}

export interface InvoiceServiceDeps {
  sequelize: Sequelize;
  models: InvoiceModels;
  invoices: InvoiceRepository;
  customers: CustomerRepository;
  companySettings: CompanySettingsRepository;
  now: () => Date;
  defaultTimezone: string;
  verifactuEnvironment: VerifactuEnvironment;
  /** Where "send the invoice" is recorded, in the issuing transaction (absent: nothing is sent). */
  outbox?: { enqueue(tx: Transaction | undefined, kind: string, dedupeKey: string, payload: unknown): Promise<void> };
  /** Called after a commit that enqueued mail, to send without waiting for the next tick. */
  onMailQueued?: () => void;
}

const ISSUE_BATCH = 1000;
const ISSUE_COLUMNS = [
  'status',
  'year',
  'number',
  'full_number',
  'issue_date',
  'recipient',
  'issuer',
  'base_total',
  'vat_total',
  'recargo_total',
  'irpf_total',
  'total',
  'tax_summary',
  'issued_at',
  'updated_at',
] as const;

const DEFAULT_SERIES: Record<SeriesKind, { code: string; prefix: string }> = {
  ordinary: { code: 'F', prefix: 'F{YYYY}-' },
  simplified: { code: 'S', prefix: 'S{YYYY}-' },
  rectifying: { code: 'R', prefix: 'R{YYYY}-' },
};

function invalid(problems: BillingProblem[]): ValidationError {
  return new ValidationError(problems); // a billing problem is already an error detail
}

function percentLabel(basisPoints: number): string {
  return formatScaledDecimal(BigInt(basisPoints), 2, { trimZeros: true });
}

function summaryRows(totals: InvoiceTotals): TaxSummaryRow[] {
  return totals.taxes.map((group) => ({
    vat: group.vat.kind === 'rate' ? group.vat.rate : { exempt: group.vat.reason },
    vat_rate: percentLabel(group.vat_basis_points),
    recargo_rate: percentLabel(group.recargo_basis_points),
    base: group.base,
    vat_amount: group.vat_amount,
    recargo_amount: group.recargo_amount,
  }));
}

function domainLines(
  lines: Pick<DraftLineInput, 'description' | 'quantity' | 'unit_price' | 'discount_percent' | 'vat' | 'recargo' | 'irpf' | 'currency'>[],
) {
  return lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unit_price: line.unit_price,
    discount_percent: line.discount_percent,
    vat: typeof line.vat === 'number' ? line.vat : { exempt: line.vat.exempt },
    recargo: line.recargo,
    irpf: line.irpf,
    currency: line.currency,
  }));
}

/** Problems a draft may still have while being written: recipient data can come later. */
function isIssueOnlyProblem(problem: BillingProblem): boolean {
  return problem.code.startsWith('MISSING_RECIPIENT');
}

export function createInvoiceService(deps: InvoiceServiceDeps) {
  const { sequelize, models, invoices, customers, companySettings, now } = deps;

  async function seriesFor(kind: InvoiceKind, code: string | undefined) {
    const wanted = seriesKindFor(kind);
    if (code) {
      const series = await models.InvoiceSeries.findOne({ where: { code } });
      if (!series) throw invalid([{ property: 'series_code', code: 'UNKNOWN_SERIES', message: `There is no series "${code}".` }]);
      if (series.kind !== wanted) {
        throw invalid([
          {
            property: 'series_code',
            code: 'SERIES_KIND_MISMATCH',
            message: `Series "${code}" is for ${series.kind} invoices; this one needs a ${wanted} series.`,
          },
        ]);
      }
      return series;
    }
    // Without a choice, each kind has its default series (F, S, R), created on first use; other
    // series are only used when asked for by code.
    const defaults = DEFAULT_SERIES[wanted];
    const existing = await models.InvoiceSeries.findOne({ where: { code: defaults.code } });
    if (existing && existing.kind === wanted) return existing;
    if (existing) {
      throw invalid([
        {
          property: 'series_code',
          code: 'SERIES_KIND_MISMATCH',
          message: `Series "${defaults.code}" is not a ${wanted} series; choose a series.`,
        },
      ]);
    }
    await insertIgnore(sequelize, 'cuadra_invoice_series', {
      code: defaults.code,
      prefix: defaults.prefix,
      reset: 'yearly',
      padding: 4,
      kind: wanted,
      created_at: now().toISOString().slice(0, 23).replace('T', ' '),
      updated_at: now().toISOString().slice(0, 23).replace('T', ' '),
    });
    return models.InvoiceSeries.findOne({ where: { code: defaults.code }, rejectOnEmpty: true });
  }

  async function rectifiedOriginal(input: DraftInput) {
    if (!input.rectification) return null;
    const original = await models.Invoice.findByPk(input.rectification.invoice_id);
    if (!original || original.status === 'draft') {
      throw invalid([
        { property: 'rectification.invoice_id', code: 'UNKNOWN_RECTIFIED_INVOICE', message: 'Choose an issued invoice to rectify.' },
      ]);
    }
    return original;
  }

  function draftForRules(input: DraftInput, recipient: InvoiceParty | null, original: InvoiceRecord | null): InvoiceDraft {
    return {
      kind: input.kind,
      currency: input.currency,
      lines: domainLines(input.lines),
      irpf_percent: input.irpf_percent,
      prices_include_tax: input.prices_include_tax,
      simplified_limit_extended: input.simplified_limit_extended,
      recipient,
      rectification:
        input.rectification || isRectifying(input.kind)
          ? {
              method: input.rectification?.method ?? null,
              original: original
                ? { invoice_number: original.full_number, issue_date: original.issue_date, kind: original.kind as InvoiceKind }
                : null,
            }
          : null,
    };
  }

  async function recipientFor(input: Pick<DraftInput, 'recipient' | 'customer_id'>): Promise<InvoiceParty | null> {
    if (input.recipient) return input.recipient;
    if (input.customer_id === null) return null;
    const customer = await customers.findById(input.customer_id);
    if (!customer) throw invalid([{ property: 'customer_id', code: 'UNKNOWN_CUSTOMER', message: 'There is no customer with this id.' }]);
    return {
      legal_name: customer.legal_name,
      tax_id: customer.tax_id,
      address_line: customer.address_line,
      postal_code: customer.postal_code,
      city: customer.city,
      province: customer.province,
      country_code: customer.country_code,
      email: customer.email,
    };
  }

  async function view(row: InvoiceRecord): Promise<InvoiceView> {
    const [lines, series, record] = await Promise.all([
      invoices.linesOf(row.id),
      invoices.seriesById(row.series_id),
      row.status === 'draft' ? null : models.VerifactuRecord.findOne({ where: { invoice_id: row.id, record_type: 'registration' } }),
    ]);
    let verifactu: InvoiceView['verifactu'] = null;
    if (record && row.issuer && row.full_number && row.issue_date) {
      const issuer = JSON.parse(row.issuer) as { tax_id: string };
      verifactu = {
        fingerprint: record.fingerprint,
        qr_url: buildVerifactuQrUrl({
          issuer_tax_id: issuer.tax_id,
          invoice_number: row.full_number,
          issue_date: row.issue_date,
          total_amount: money(Number(row.total) + Number(row.irpf_total), 'EUR'),
          environment: deps.verifactuEnvironment,
        }),
      };
    }
    return toInvoiceView(row, lines, series!, verifactu);
  }

  /**
   * The totals of a draft: computed from its lines, or, when per-rate totals were given from outside
   * (a copied order), exactly those, provided they are within 2 cents per figure of the computed ones.
   */
  function priceDraft(rules: InvoiceDraft, external: ExternalTaxTotalView[] | null | undefined): InvoiceTotals {
    const computed = computeInvoiceTotals(rules);
    if (!external || external.length === 0) return computed;
    const match = matchExternalTaxTotals(computed, external);
    if (!externalTotalsAcceptable(match, 2)) {
      throw invalid([
        {
          property: 'external_tax_totals',
          code: 'EXTERNAL_TOTALS_MISMATCH',
          message: `The given per-rate totals differ from the lines by up to ${match.largest_difference} cents; at most 2 are accepted as rounding.`,
        },
      ]);
    }
    return match.totals;
  }

  /** Checks and prices a draft and gives the rows to store; reads only, so it runs before the transaction. */
  async function prepareDraft(input: DraftInput, options: { issuable?: boolean } = {}) {
    const series = await seriesFor(input.kind, input.series_code);
    const original = await rectifiedOriginal(input);
    const recipient = input.recipient ?? (input.customer_id !== null ? await recipientFor(input) : null);
    // A draft being written may still lack recipient data; one made to be issued at once (a recurring period) may not.
    const problems = validateInvoiceDraft(draftForRules(input, recipient, original)).filter(
      (p) => options.issuable || !isIssueOnlyProblem(p),
    );
    if (problems.length) throw invalid(problems);
    const totals = priceDraft(draftForRules(input, recipient, original), input.external_tax_totals);
    const lines: InvoiceLineView[] = input.lines.map((line, index) => ({
      position: index + 1,
      description: line.description,
      sku: line.sku,
      quantity: line.quantity,
      unit_price: line.unit_price,
      discount_percent: line.discount_percent,
      vat: line.vat,
      recargo: line.recargo,
      irpf: line.irpf,
      base: totals.lines[index]!.base,
    }));
    const values = {
      status: 'draft',
      kind: input.kind,
      series_id: series.id,
      customer_id: input.customer_id,
      recipient: input.recipient ? JSON.stringify(input.recipient) : null,
      currency: input.currency,
      prices_include_tax: input.prices_include_tax,
      irpf_percent: input.irpf_percent,
      simplified_limit_extended: input.simplified_limit_extended,
      language: input.language,
      operation_date: input.operation_date,
      service_period_start: input.service_period?.start ?? null,
      service_period_end: input.service_period?.end ?? null,
      due_date: input.due_date,
      notes: input.notes,
      payment_method: input.payment_method,
      base_total: totals.base_total,
      vat_total: totals.vat_total,
      recargo_total: totals.recargo_total,
      irpf_total: totals.irpf_amount,
      total: totals.total,
      tax_summary: JSON.stringify(summaryRows(totals)),
      external_tax_totals: input.external_tax_totals?.length ? JSON.stringify(input.external_tax_totals) : null,
      rectifies_invoice_id: input.rectification?.invoice_id ?? null,
      rectification_method: input.rectification?.method ?? null,
      rectification_reason: input.rectification?.reason ?? null,
    };
    return { values, lines };
  }
  type PreparedDraft = Awaited<ReturnType<typeof prepareDraft>>;

  /** Stores a prepared draft as a new invoice inside the caller's transaction. */
  async function insertDraft(tx: Transaction, prepared: PreparedDraft, userId: number | null): Promise<InvoiceRecord> {
    const row = await models.Invoice.create(
      {
        ...prepared.values,
        year: null,
        number: null,
        full_number: null,
        issue_date: null,
        issuer: null,
        issued_at: null,
        paid_at: null,
        cancelled_at: null,
        created_by: userId,
      },
      { transaction: tx },
    );
    await invoices.replaceLines(row.id, lineRows(prepared.lines), tx);
    return row;
  }

  /** Saves a draft (new or existing) with its lines and preview totals, all or nothing. */
  async function saveDraft(id: number | null, input: DraftInput, userId: number | null): Promise<InvoiceView> {
    const prepared = await prepareDraft(input);
    const saved = await inTransaction(sequelize, async (tx) => {
      if (id === null) return insertDraft(tx, prepared, userId);
      const row = await models.Invoice.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE });
      if (!row) throw new NotFoundError('There is no invoice with this id.', 'NOT_FOUND');
      if (row.status !== 'draft') throw immutable(row);
      await row.update(prepared.values, { transaction: tx });
      await invoices.replaceLines(row.id, lineRows(prepared.lines), tx);
      return row;
    });
    return view(saved);
  }

  function immutable(row: InvoiceRecord): ConflictError {
    return new ConflictError(
      `Invoice ${row.full_number ?? row.id} is ${row.status}: issued invoices cannot be changed. Correct it with a rectifying invoice.`,
      'INVOICE_IMMUTABLE',
    );
  }

  async function findRow(id: number): Promise<InvoiceRecord> {
    const row = await models.Invoice.findByPk(id);
    if (!row) throw new NotFoundError('There is no invoice with this id.', 'NOT_FOUND');
    return row;
  }

  function todayIn(timezone: string): string {
    return DateTime.fromJSDate(now()).setZone(timezone).toISODate()!;
  }

  type IssueResult = { ok: true; row: InvoiceRecord } | { ok: false; id: number; error: AppError };

  /** Everything one draft needs to be checked and priced, read from its stored rows. */
  function storedDraft(row: InvoiceRecord, lines: InvoiceLineRecord[]): DraftInput {
    return {
      kind: row.kind as InvoiceKind,
      customer_id: row.customer_id,
      recipient: row.recipient ? JSON.parse(row.recipient) : null,
      currency: row.currency,
      prices_include_tax: Boolean(row.prices_include_tax),
      irpf_percent: row.irpf_percent,
      simplified_limit_extended: Boolean(row.simplified_limit_extended),
      language: row.language === 'en' ? 'en' : 'es',
      operation_date: row.operation_date,
      service_period:
        row.service_period_start && row.service_period_end ? { start: row.service_period_start, end: row.service_period_end } : null,
      due_date: row.due_date,
      notes: row.notes,
      payment_method: row.payment_method,
      lines: lines
        .sort((a, b) => a.position - b.position)
        .map((l) => ({
          description: l.description,
          sku: l.sku,
          quantity: l.quantity,
          unit_price: l.unit_price,
          discount_percent: l.discount_percent,
          vat: decodeLineVat(l.vat),
          recargo: Boolean(l.recargo),
          irpf: Boolean(l.irpf),
        })),
      rectification:
        row.rectifies_invoice_id !== null
          ? {
              invoice_id: row.rectifies_invoice_id,
              method: row.rectification_method as RectificationMethod,
              reason: row.rectification_reason ?? '',
            }
          : null,
      external_tax_totals: row.external_tax_totals ? (JSON.parse(row.external_tax_totals) as ExternalTaxTotalView[]) : null,
    };
  }

  /**
   * The one issuing path. In one transaction: lock the drafts, check and price each, draw their
   * numbers from the locked counters, chain their VERI*FACTU records, record their e-mails and
   * write them back. A draft that cannot be issued is reported and takes no number.
   */
  async function issueDrafts(ids: number[], options: { sendEmail: boolean } = { sendEmail: true }): Promise<IssueResult[]> {
    if (ids.length === 0) return [];
    const company = await companySettings.find();
    if (!company) {
      const error = invalid([
        {
          property: 'company',
          code: 'COMPANY_NOT_CONFIGURED',
          message: 'Fill in the company settings (Cuadra → Settings) before issuing invoices.',
        },
      ]);
      return ids.map((id) => ({ ok: false, id, error }));
    }
    const timezone = company.timezone || deps.defaultTimezone;
    const issueDate = todayIn(timezone);
    const year = Number(issueDate.slice(0, 4));
    // Only the series these drafts are numbered in need their counter row for this year.
    const seriesIds = [
      ...new Set((await models.Invoice.findAll({ where: { id: ids }, attributes: ['series_id'] })).map((r) => r.series_id)),
    ];
    const allSeries = await models.InvoiceSeries.findAll({ where: { id: seriesIds } });
    const counterYear = new Map(
      allSeries.map((s) => [s.id, nextNumberKey({ code: s.code, reset: s.reset as 'yearly' | 'never' }, issueDate).year]),
    );
    for (const s of allSeries) await ensureCounter(sequelize, s.id, counterYear.get(s.id)!);
    await ensureChainHead(sequelize, company.tax_id);
    // The issuer as printed on every invoice of this run; the logo stays in the settings (not copied per invoice).
    const issuerJson = JSON.stringify({
      legal_name: company.legal_name,
      trade_name: company.trade_name,
      tax_id: company.tax_id,
      address_line: company.address_line,
      postal_code: company.postal_code,
      city: company.city,
      province: company.province,
      country_code: company.country_code,
      email: company.email,
      phone: company.phone,
      // How to pay is part of what was issued: a later change of bank account does not rewrite old invoices.
      iban: company.iban,
      payment_terms: company.payment_terms,
    });

    const results = await inTransaction(sequelize, async (tx) => {
      const rows = await models.Invoice.findAll({ where: { id: ids }, transaction: tx, lock: tx.LOCK.UPDATE, order: [['id', 'ASC']] });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const lineRowsAll = await models.InvoiceLine.findAll({ where: { invoice_id: rows.map((r) => r.id) }, transaction: tx });
      const linesByInvoice = new Map<number, InvoiceLineRecord[]>();
      for (const line of lineRowsAll) linesByInvoice.set(line.invoice_id, [...(linesByInvoice.get(line.invoice_id) ?? []), line]);

      const out: IssueResult[] = [];
      const accepted: {
        row: InvoiceRecord;
        input: DraftInput;
        recipient: InvoiceParty | null;
        totals: InvoiceTotals;
        original: InvoiceRecord | null;
      }[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) {
          out.push({ ok: false, id, error: new NotFoundError('There is no invoice with this id.', 'NOT_FOUND') });
          continue;
        }
        if (row.status !== 'draft') {
          out.push({ ok: false, id, error: immutable(row) });
          continue;
        }
        try {
          const input = storedDraft(row, linesByInvoice.get(id) ?? []);
          const recipient = await recipientFor(input);
          const original = input.rectification
            ? await models.Invoice.findByPk(input.rectification.invoice_id, { transaction: tx, lock: tx.LOCK.UPDATE })
            : null;
          const rules = draftForRules(input, recipient, original);
          const problems = validateInvoiceDraft(rules);
          if (row.currency !== 'EUR') {
            problems.push({
              property: 'currency',
              code: 'CURRENCY_NOT_SUPPORTED',
              message: 'Only invoices in EUR can be issued for now (VERI*FACTU records are in euros).',
            });
          }
          if (original && !['issued', 'paid'].includes(original.status)) {
            problems.push({
              property: 'rectification.invoice_id',
              code: 'ORIGINAL_NOT_RECTIFIABLE',
              message: `Invoice ${original.full_number} is ${original.status} and cannot be rectified again.`,
            });
          }
          if (problems.length) throw invalid(problems);
          accepted.push({ row, input, recipient, totals: priceDraft(rules, input.external_tax_totals), original });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          out.push({ ok: false, id, error: err });
        }
      }
      if (accepted.length === 0) return out;

      // Numbers: one counter bump per series for the whole batch, handed out in draft order.
      const perSeries = new Map<number, typeof accepted>();
      // Drafts are numbered and chained in id order, so numbers and records follow the same sequence.
      const ordered = [...accepted].sort((x, y) => x.row.id - y.row.id);
      for (const a of ordered) perSeries.set(a.row.series_id, [...(perSeries.get(a.row.series_id) ?? []), a]);
      const numberOf = new Map<number, { n: number; full: string; year: number }>();
      for (const [seriesId, group] of perSeries) {
        const series = allSeries.find((s) => s.id === seriesId)!;
        const cy = counterYear.get(seriesId)!;
        const last = await allocateInvoiceNumbers(sequelize, tx, seriesId, cy, group.length);
        group.forEach((a, i) => {
          const n = last - group.length + 1 + i;
          numberOf.set(a.row.id, { n, full: formatInvoiceNumber(series, year, n), year: cy });
        });
      }

      // VERI*FACTU: the records chain in the order the numbers were given.
      await appendChainRecords(
        sequelize,
        models.VerifactuRecord,
        tx,
        company.tax_id,
        ordered.map((a) => ({
          invoiceId: a.row.id,
          build: (previous: string | null) =>
            buildRegistrationRecord({
              issuer_tax_id: company.tax_id,
              invoice_number: numberOf.get(a.row.id)!.full,
              issue_date: issueDate,
              invoice_kind: a.row.kind as InvoiceKind,
              total_tax: money(a.totals.tax_total, 'EUR'),
              // ImporteTotal is bases plus taxes; the IRPF retention is not part of it.
              total_amount: money(a.totals.base_total + a.totals.tax_total, 'EUR'),
              previous_fingerprint: previous,
              generated_at: now(),
              timezone,
            }),
        })),
      );

      for (const a of ordered) {
        if (deps.outbox && options.sendEmail && a.recipient?.email) {
          await deps.outbox.enqueue(tx, 'invoice_email', `invoice:${a.row.id}:issued`, { invoice_id: a.row.id, to: [a.recipient.email] });
        }
        if (a.original) {
          assertTransition(a.original.status as InvoiceStatus, 'rectified');
          await a.original.update({ status: 'rectified' }, { transaction: tx });
        }
      }

      const issuedAt = now();
      const updated = ordered.map((a) => {
        const num = numberOf.get(a.row.id)!;
        a.row.set({
          status: 'issued',
          year: num.year,
          number: num.n,
          full_number: num.full,
          issue_date: issueDate,
          recipient: a.recipient ? JSON.stringify(a.recipient) : null,
          issuer: issuerJson,
          base_total: a.totals.base_total,
          vat_total: a.totals.vat_total,
          recargo_total: a.totals.recargo_total,
          irpf_total: a.totals.irpf_amount,
          total: a.totals.total,
          tax_summary: JSON.stringify(summaryRows(a.totals)),
          issued_at: issuedAt,
          updated_at: issuedAt,
        });
        return a.row.get({ plain: true });
      });
      // One multi-row upsert instead of one UPDATE per invoice.
      await models.Invoice.bulkCreate(updated, { transaction: tx, updateOnDuplicate: [...ISSUE_COLUMNS] });
      for (const a of ordered) out.push({ ok: true, row: a.row });
      return out;
    });
    if (
      deps.outbox &&
      options.sendEmail &&
      results.some((r) => r.ok && r.row.recipient && (JSON.parse(r.row.recipient) as InvoiceParty).email)
    )
      deps.onMailQueued?.();
    return results;
  }

  return {
    createDraft: (input: DraftInput, userId: number | null) => saveDraft(null, input, userId),
    /** For callers that store a draft together with their own rows (a recurring period): check first, then write in their transaction. */
    prepareDraft,
    insertDraft,
    /** The series a draft of this kind would be numbered in (422 naming series_code when unknown or of another kind). */
    resolveSeries: seriesFor,
    updateDraft: (id: number, input: DraftInput) => saveDraft(id, input, null),

    async deleteDraft(id: number): Promise<void> {
      await inTransaction(sequelize, async (tx) => {
        const row = await models.Invoice.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE });
        if (!row) throw new NotFoundError('There is no invoice with this id.', 'NOT_FOUND');
        if (row.status !== 'draft') throw immutable(row);
        await models.InvoiceLine.destroy({ where: { invoice_id: id }, transaction: tx });
        await row.destroy({ transaction: tx });
      });
    },

    async getInvoice(id: number): Promise<InvoiceView> {
      return view(await findRow(id));
    },

    async listInvoices(filter: InvoiceFilter) {
      const result = await invoices.search(filter);
      const items = result.rows.map((row) => {
        const { lines: _lines, ...rest } = toInvoiceView(row, [], result.seriesById.get(row.series_id)!, null);
        return rest;
      });
      return { items, total: result.total, page: filter.page, per_page: filter.per_page, sums: result.sums };
    },

    /**
     * Issues a draft: number, frozen issuer and recipient, totals and the VERI*FACTU record, all in
     * one transaction. Either all of it happens or none of it.
     */
    async issueInvoice(id: number): Promise<InvoiceView> {
      const [result] = await issueDrafts([id]);
      if (!result) throw new NotFoundError('There is no invoice with this id.', 'NOT_FOUND');
      if (!result.ok) throw result.error;
      return view(result.row);
    },

    /**
     * Issues many drafts at once (a billing run, a benchmark): numbers, records and rows are written
     * in bulk, a few hundred invoices per transaction. Each draft either is issued or reports why not.
     */
    async issueInvoices(
      ids: number[],
      options: { sendEmail: boolean } = { sendEmail: true },
    ): Promise<{ issued: { id: number; number: string }[]; failed: { id: number; error: AppError }[] }> {
      const issued: { id: number; number: string }[] = [];
      const failed: { id: number; error: AppError }[] = [];
      for (let i = 0; i < ids.length; i += ISSUE_BATCH) {
        for (const result of await issueDrafts(ids.slice(i, i + ISSUE_BATCH), options)) {
          if (result.ok) issued.push({ id: result.row.id, number: result.row.full_number! });
          else failed.push({ id: result.id, error: result.error });
        }
      }
      return { issued, failed };
    },

    async listSeries() {
      const rows = await models.InvoiceSeries.findAll({
        order: [
          ['kind', 'ASC'],
          ['code', 'ASC'],
        ],
      });
      return rows.map((r) => ({ id: r.id, code: r.code, prefix: r.prefix, reset: r.reset, padding: r.padding, kind: r.kind }));
    },

    /** A new series; its rules are fixed once created, since issued numbers depend on them. */
    async createSeries(input: InvoiceSeries) {
      const problems = validateSeries(input);
      if (problems.length) throw invalid(problems);
      if (await models.InvoiceSeries.findOne({ where: { code: input.code } })) {
        throw new ConflictError(`There is already a series "${input.code}".`, 'DUPLICATE_SERIES', 'code');
      }
      const row = await models.InvoiceSeries.create({ ...input });
      return { id: row.id, code: row.code, prefix: row.prefix, reset: row.reset, padding: row.padding, kind: row.kind };
    },

    /** Sends an issued invoice (again), to the given addresses or the recipient's. */
    async sendInvoice(id: number, to: string[] | undefined): Promise<void> {
      const row = await findRow(id);
      if (row.status === 'draft') throw new ConflictError('Issue the invoice before sending it.', 'INVOICE_NOT_ISSUED');
      const recipients = to && to.length ? to : row.recipient ? [(JSON.parse(row.recipient) as InvoiceParty).email].filter(Boolean) : [];
      if (!recipients.length)
        throw invalid([{ property: 'to', code: 'NO_RECIPIENT_EMAIL', message: 'Give an e-mail address to send the invoice to.' }]);
      if (!deps.outbox) throw new ConflictError('E-mail is not configured.', 'MAIL_NOT_CONFIGURED');
      await deps.outbox.enqueue(undefined, 'invoice_email', `invoice:${id}:send:${now().getTime()}`, { invoice_id: id, to: recipients });
      deps.onMailQueued?.();
    },

    async markPaid(id: number): Promise<InvoiceView> {
      const row = await inTransaction(sequelize, async (tx) => {
        const r = await models.Invoice.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE });
        if (!r) throw new NotFoundError('There is no invoice with this id.', 'NOT_FOUND');
        if (r.status !== 'issued')
          throw new ConflictError(
            `Invoice ${r.full_number ?? r.id} is ${r.status}; only issued invoices can be marked as paid.`,
            'INVALID_TRANSITION',
          );
        await r.update({ status: 'paid', paid_at: now() }, { transaction: tx });
        return r;
      });
      return view(row);
    },

    /** VERI*FACTU anulación: for an invoice issued by mistake. The number stays used. */
    async cancelInvoice(id: number): Promise<InvoiceView> {
      const row = await findRow(id);
      if (row.status !== 'issued') {
        throw new ConflictError(
          `Invoice ${row.full_number ?? row.id} is ${row.status}; only issued, unpaid invoices can be cancelled.`,
          'INVALID_TRANSITION',
        );
      }
      const issuer = JSON.parse(row.issuer!) as { tax_id: string };
      const company = await companySettings.find();
      await ensureChainHead(sequelize, issuer.tax_id);
      const cancelled = await inTransaction(sequelize, async (tx) => {
        const r = (await models.Invoice.findByPk(id, { transaction: tx, lock: tx.LOCK.UPDATE }))!;
        if (r.status !== 'issued') throw new ConflictError(`Invoice ${r.full_number} is ${r.status}.`, 'INVALID_TRANSITION');
        await appendChainRecords(sequelize, models.VerifactuRecord, tx, issuer.tax_id, [
          {
            invoiceId: r.id,
            build: (previous) =>
              buildCancellationRecord({
                issuer_tax_id: issuer.tax_id,
                invoice_number: r.full_number!,
                issue_date: r.issue_date!,
                previous_fingerprint: previous,
                generated_at: now(),
                timezone: company?.timezone || deps.defaultTimezone,
              }),
          },
        ]);
        await r.update({ status: 'cancelled', cancelled_at: now() }, { transaction: tx });
        return r;
      });
      return view(cancelled);
    },

    /** Checks the whole chain of the company's records: "intact" or the first broken record. */
    async verifyVerifactuChain(): Promise<ChainCheck & { records: number; first_broken_invoice_id?: number }> {
      const company = await companySettings.find();
      if (!company) return { intact: true, records: 0 };
      const chain = await loadChain(models.VerifactuRecord, company.tax_id);
      const check = verifyChain(chain);
      if (check.intact) return { ...check, records: chain.length };
      const rows = await models.VerifactuRecord.findAll({ where: { issuer_tax_id: company.tax_id }, order: [['sequence', 'ASC']] });
      return { ...check, records: chain.length, first_broken_invoice_id: rows[check.first_broken_index]?.invoice_id };
    },
  };
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;
