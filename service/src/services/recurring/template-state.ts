import type { Transaction } from 'sequelize';
import type { RecurringTemplateRecord } from '../../db/models/recurring.model';
import type { RecurringModels } from './recurring-models';
import { templateMrrAt, type TemplateLine, type TemplateTerms } from '../../domain/billing/recurring-template';
import type { IntervalUnit, RecurrenceSchedule } from '../../domain/billing/recurrence';

/** Why a template's MRR changed; stored on every MRR event. */
export type MrrChangeReason = 'created' | 'updated' | 'started' | 'renewed' | 'discount_expired' | 'paused' | 'resumed' | 'ended';

export function termsOf(
  row: Pick<
    RecurringTemplateRecord,
    | 'kind'
    | 'currency'
    | 'prices_include_tax'
    | 'irpf_percent'
    | 'lines'
    | 'discount_percent'
    | 'discount_cycles'
    | 'interval_unit'
    | 'interval_count'
  >,
): TemplateTerms {
  return {
    kind: row.kind === 'F2' ? 'F2' : 'F1',
    currency: row.currency,
    prices_include_tax: Boolean(row.prices_include_tax),
    irpf_percent: row.irpf_percent,
    lines: JSON.parse(row.lines) as TemplateLine[],
    discount_percent: row.discount_percent,
    discount_cycles: row.discount_cycles,
    interval_unit: row.interval_unit as IntervalUnit,
    interval_count: row.interval_count,
  };
}

export function scheduleOf(
  row: Pick<
    RecurringTemplateRecord,
    'interval_unit' | 'interval_count' | 'anchor_date' | 'anchor_time' | 'end_date' | 'cycles' | 'timezone'
  >,
): RecurrenceSchedule {
  return {
    interval_unit: row.interval_unit as IntervalUnit,
    interval_count: row.interval_count,
    anchor_date: row.anchor_date,
    anchor_time: row.anchor_time,
    end_date: row.end_date,
    cycles: row.cycles,
    timezone: row.timezone,
  };
}

/**
 * A template's MRR by its state: only an active template that has started billing counts, at the
 * value of its current (latest issued) invoice, so a K-cycle discount ends when invoice K+1 is issued.
 */
export function currentMrr(row: Pick<RecurringTemplateRecord, 'status' | 'issued_count'>, terms: TemplateTerms): number {
  if (row.status !== 'active' || row.issued_count === 0) return 0;
  return templateMrrAt(terms, row.issued_count - 1);
}

/**
 * Sets the template's MRR and writes the change as events in the caller's transaction, so the sum
 * of events always equals the stored MRR. A change of customer or currency moves the whole amount:
 * the old one leaves with a negative event, the new one arrives with a positive one.
 */
export async function recordMrrChange(
  models: RecurringModels,
  tx: Transaction,
  before: { template_id: number; customer_id: number; currency: string; mrr: number },
  after: { customer_id: number; currency: string; mrr: number },
  reason: MrrChangeReason,
  occurredOn: string,
): Promise<void> {
  const sameOwner = before.customer_id === after.customer_id && before.currency === after.currency;
  const events = sameOwner
    ? [{ customer_id: after.customer_id, currency: after.currency, delta: after.mrr - before.mrr, mrr_after: after.mrr }]
    : [
        { customer_id: before.customer_id, currency: before.currency, delta: -before.mrr, mrr_after: 0 },
        { customer_id: after.customer_id, currency: after.currency, delta: after.mrr, mrr_after: after.mrr },
      ];
  const rows = events.filter((e) => e.delta !== 0).map((e) => ({ ...e, template_id: before.template_id, reason, occurred_on: occurredOn }));
  if (rows.length) await models.MrrEvent.bulkCreate(rows, { transaction: tx });
}
