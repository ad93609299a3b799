import { Op, type ModelStatic, type Transaction, type WhereOptions } from 'sequelize';
import type { InvoiceLineView, InvoiceView, TaxSummaryRow } from '../domain/billing/invoice-view';
import { decodeLineVat, encodeLineVat } from '../domain/billing/invoice-view';
import type { InvoiceKind, InvoiceStatus, RectificationMethod } from '../domain/billing/invoice-rules';
import type { InvoiceLineRecord } from './models/invoice-line.model';
import type { InvoiceSeriesRecord } from './models/invoice-series.model';
import type { InvoiceRecord } from './models/invoice.model';
import type { VerifactuRecordRecord } from './models/verifactu-record.model';

export interface InvoiceModels {
  Invoice: ModelStatic<InvoiceRecord>;
  InvoiceLine: ModelStatic<InvoiceLineRecord>;
  InvoiceSeries: ModelStatic<InvoiceSeriesRecord>;
  VerifactuRecord: ModelStatic<VerifactuRecordRecord>;
}

export interface InvoiceFilter {
  status?: InvoiceStatus;
  series_code?: string;
  customer_id?: number;
  from?: string;
  to?: string;
  search?: string;
  page: number;
  per_page: number;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Row + lines → the API's invoice. `qrUrl` is derived from the stored record, never stored twice. */
export function toInvoiceView(
  row: InvoiceRecord,
  lines: InvoiceLineRecord[],
  series: Pick<InvoiceSeriesRecord, 'id' | 'code'>,
  verifactu: { fingerprint: string; qr_url: string } | null,
): InvoiceView {
  const vat = Number(row.vat_total);
  const recargo = Number(row.recargo_total);
  return {
    id: row.id,
    status: row.status as InvoiceStatus,
    kind: row.kind as InvoiceKind,
    series: { id: series.id, code: series.code },
    number: row.full_number,
    issue_date: row.issue_date,
    operation_date: row.operation_date,
    service_period:
      row.service_period_start && row.service_period_end ? { start: row.service_period_start, end: row.service_period_end } : null,
    due_date: row.due_date,
    customer_id: row.customer_id,
    recipient: row.recipient ? JSON.parse(row.recipient) : null,
    issuer: row.issuer ? JSON.parse(row.issuer) : null,
    currency: row.currency,
    prices_include_tax: Boolean(row.prices_include_tax),
    irpf_percent: row.irpf_percent,
    simplified_limit_extended: Boolean(row.simplified_limit_extended),
    language: row.language === 'en' ? 'en' : 'es',
    notes: row.notes,
    payment_method: row.payment_method,
    lines: lines
      .sort((a, b) => a.position - b.position)
      .map((line): InvoiceLineView => ({
        position: line.position,
        description: line.description,
        sku: line.sku,
        quantity: line.quantity,
        unit_price: line.unit_price,
        discount_percent: line.discount_percent,
        vat: decodeLineVat(line.vat),
        recargo: Boolean(line.recargo),
        irpf: Boolean(line.irpf),
        base: Number(line.base),
      })),
    totals: { base: Number(row.base_total), vat, recargo, irpf: Number(row.irpf_total), tax: vat + recargo, total: Number(row.total) },
    tax_summary: JSON.parse(row.tax_summary) as TaxSummaryRow[],
    external_tax_totals: row.external_tax_totals ? JSON.parse(row.external_tax_totals) : null,
    rectification:
      row.rectifies_invoice_id !== null
        ? {
            invoice_id: row.rectifies_invoice_id,
            method: row.rectification_method as RectificationMethod,
            reason: row.rectification_reason ?? '',
          }
        : null,
    verifactu,
    issued_at: iso(row.issued_at),
    paid_at: iso(row.paid_at),
    cancelled_at: iso(row.cancelled_at),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export type LineRow = Omit<InvoiceLineView, 'vat'> & { vat: string };

export function lineRows(lines: InvoiceLineView[]): LineRow[] {
  return lines.map((line) => ({ ...line, vat: encodeLineVat(line.vat) }));
}

export function createInvoiceRepository(models: InvoiceModels) {
  const { Invoice, InvoiceLine, InvoiceSeries } = models;

  async function replaceLines(invoiceId: number, lines: LineRow[], tx: Transaction): Promise<void> {
    await InvoiceLine.destroy({ where: { invoice_id: invoiceId }, transaction: tx });
    await InvoiceLine.bulkCreate(
      lines.map((line) => ({ ...line, invoice_id: invoiceId })),
      { transaction: tx },
    );
  }

  return {
    replaceLines,
    async linesOf(invoiceId: number, tx?: Transaction) {
      return InvoiceLine.findAll({ where: { invoice_id: invoiceId }, transaction: tx });
    },
    async seriesById(id: number, tx?: Transaction) {
      return InvoiceSeries.findByPk(id, { transaction: tx });
    },
    async search(filter: InvoiceFilter) {
      const where: WhereOptions<InvoiceRecord> = {};
      const and: WhereOptions<InvoiceRecord>[] = [];
      if (filter.status) and.push({ status: filter.status });
      if (filter.customer_id) and.push({ customer_id: filter.customer_id });
      if (filter.from) and.push({ issue_date: { [Op.gte]: filter.from } });
      if (filter.to) and.push({ issue_date: { [Op.lte]: filter.to } });
      if (filter.series_code) {
        const series = await InvoiceSeries.findOne({ where: { code: filter.series_code } });
        and.push({ series_id: series?.id ?? -1 });
      }
      const term = filter.search?.trim().replace(/[\\%_]/g, '');
      if (term) {
        and.push({ [Op.or]: [{ full_number: { [Op.like]: `%${term}%` } }, { recipient: { [Op.like]: `%${term}%` } }] });
      }
      if (and.length) Object.assign(where, { [Op.and]: and });
      const [page, sums] = await Promise.all([
        Invoice.findAndCountAll({
          where,
          order: [
            ['created_at', 'DESC'],
            ['id', 'DESC'],
          ],
          limit: filter.per_page,
          offset: (filter.page - 1) * filter.per_page,
        }),
        Invoice.findOne({
          where,
          attributes: [
            [Invoice.sequelize!.fn('COALESCE', Invoice.sequelize!.fn('SUM', Invoice.sequelize!.col('base_total')), 0), 'base'],
            [
              Invoice.sequelize!.fn('COALESCE', Invoice.sequelize!.fn('SUM', Invoice.sequelize!.literal('vat_total + recargo_total')), 0),
              'tax',
            ],
            [Invoice.sequelize!.fn('COALESCE', Invoice.sequelize!.fn('SUM', Invoice.sequelize!.col('total')), 0), 'total'],
          ],
          raw: true,
        }) as Promise<{ base: number | string; tax: number | string; total: number | string } | null>,
      ]);
      const seriesRows = await InvoiceSeries.findAll();
      const seriesById = new Map(seriesRows.map((s) => [s.id, s]));
      return {
        rows: page.rows,
        total: page.count,
        seriesById,
        sums: { base: Number(sums?.base ?? 0), tax: Number(sums?.tax ?? 0), total: Number(sums?.total ?? 0) },
      };
    },
  };
}

export type InvoiceRepository = ReturnType<typeof createInvoiceRepository>;
