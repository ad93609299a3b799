import { DateTime } from 'luxon';
import { Op, QueryTypes, type Sequelize } from 'sequelize';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';
import { monthlyMovements, mrrMovement, percentText, type MonthMovements } from '../../domain/billing/mrr';
import type { RecurringModels } from './recurring-models';

/** Current MRR per currency: one aggregate the (currency, mrr) index answers alone. */
export const CURRENT_MRR_SQL = 'SELECT currency, SUM(mrr) AS mrr FROM cuadra_recurring_templates GROUP BY currency';

export interface MrrServiceDeps {
  sequelize: Sequelize;
  models: RecurringModels;
  companySettings: CompanySettingsRepository;
  now: () => Date;
  defaultTimezone: string;
  /** The headline currency (the company's). */
  currency?: string;
}

/** Churn of a month as percentages of the MRR it started with (billing.md). */
function churnRates(startMrr: number, m: Pick<MonthMovements, 'expansion' | 'contraction' | 'churn' | 'reactivation'>) {
  const lost = -(m.contraction + m.churn);
  return {
    gross_mrr_churn_percent: percentText(lost, startMrr),
    net_mrr_churn_percent: percentText(lost - m.expansion - m.reactivation, startMrr),
  };
}

/**
 * MRR figures. Current MRR is the sum of the templates' stored MRR (one indexed aggregate); history
 * and movements are rebuilt from the MRR events, whose sum always equals the current MRR.
 */
export function createMrrService(deps: MrrServiceDeps) {
  const { sequelize, models } = deps;
  const headline = deps.currency ?? 'EUR';

  async function today(): Promise<DateTime> {
    const zone = (await deps.companySettings.find())?.timezone || deps.defaultTimezone;
    return DateTime.fromJSDate(deps.now()).setZone(zone).startOf('day');
  }

  async function currentByCurrency(): Promise<{ currency: string; mrr: number }[]> {
    const rows = await sequelize.query<{ currency: string; mrr: string | number | null }>(CURRENT_MRR_SQL, { type: QueryTypes.SELECT });
    return rows.map((r) => ({ currency: r.currency, mrr: Number(r.mrr ?? 0) })).filter((r) => r.mrr !== 0);
  }

  /** Net MRR change per customer per month, all months, for one currency. */
  async function monthlyChanges(currency: string): Promise<{ customer_id: number; month: string; delta: number }[]> {
    const rows = await sequelize.query<{ customer_id: number; month: string; delta: string | number }>(
      `SELECT customer_id, SUBSTR(occurred_on, 1, 7) AS month, SUM(delta) AS delta
         FROM cuadra_mrr_events WHERE currency = ? GROUP BY customer_id, SUBSTR(occurred_on, 1, 7)`,
      { replacements: [currency], type: QueryTypes.SELECT },
    );
    return rows.map((r) => ({ customer_id: Number(r.customer_id), month: r.month, delta: Number(r.delta) }));
  }

  /**
   * This month's movements in one pass over the (currency, customer) index: each customer's MRR
   * before the 1st and its change since, so the card does not rebuild every month of history.
   */
  async function monthToDate(currency: string, monthStart: string): Promise<Omit<MonthMovements, 'month' | 'mrr'>> {
    const totals = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
    const moved = await sequelize.query<{ before_mrr: string | number; moved: string | number; before_events: string | number }>(
      `SELECT SUM(CASE WHEN occurred_on < ? THEN delta ELSE 0 END) AS before_mrr,
              SUM(CASE WHEN occurred_on >= ? THEN delta ELSE 0 END) AS moved,
              SUM(CASE WHEN occurred_on < ? THEN 1 ELSE 0 END) AS before_events
         FROM cuadra_mrr_events WHERE currency = ?
        GROUP BY customer_id
       HAVING SUM(CASE WHEN occurred_on >= ? THEN 1 ELSE 0 END) > 0`,
      { replacements: [monthStart, monthStart, monthStart, currency, monthStart], type: QueryTypes.SELECT },
    );
    for (const c of moved) {
      const start = Number(c.before_mrr);
      const end = start + Number(c.moved);
      // MRR only ever starts from 0 with a positive event, so any earlier event means the customer paid before.
      const kind = mrrMovement(start, end, Number(c.before_events) > 0);
      if (kind) totals[kind] += end - start;
    }
    return totals;
  }

  function monthsBack(end: DateTime, count: number): string[] {
    return Array.from({ length: count }, (_, i) => end.minus({ months: count - 1 - i }).toFormat('yyyy-MM'));
  }

  return {
    async summary() {
      const day = await today();
      const byCurrency = await currentByCurrency();
      const mrr = byCurrency.find((c) => c.currency === headline)?.mrr ?? 0;
      const [previous] = await sequelize.query<{ mrr: string | number | null }>(
        'SELECT SUM(delta) AS mrr FROM cuadra_mrr_events WHERE currency = ? AND occurred_on < ?',
        { replacements: [headline, day.startOf('month').toISODate()], type: QueryTypes.SELECT },
      );
      const previousMrr = Number(previous?.mrr ?? 0);
      const [paying] = await sequelize.query<{ customers: string | number }>(
        'SELECT COUNT(DISTINCT customer_id) AS customers FROM cuadra_recurring_templates WHERE currency = ? AND mrr > 0',
        { replacements: [headline], type: QueryTypes.SELECT },
      );
      const payingCustomers = Number(paying?.customers ?? 0);
      const thisMonth = await monthToDate(headline, day.startOf('month').toISODate()!);
      return {
        currency: headline,
        as_of: day.toISODate(),
        mrr,
        previous_month_mrr: previousMrr,
        change: mrr - previousMrr,
        change_percent: percentText(mrr - previousMrr, previousMrr),
        arr: mrr * 12,
        arpa: payingCustomers ? Math.round(mrr / payingCustomers) : 0,
        paying_customers: payingCustomers,
        by_currency: byCurrency,
        ...churnRates(previousMrr, thisMonth!),
      };
    },

    /** The last `months` months (this one included): MRR at each month's end and its movements. */
    async history(months: number) {
      const day = await today();
      const wanted = monthsBack(day, months);
      const rows = monthlyMovements(await monthlyChanges(headline), wanted);
      let start = 0;
      const withRates = rows.map((row, i) => {
        start = i === 0 ? row.mrr - row.new - row.expansion - row.contraction - row.churn - row.reactivation : rows[i - 1]!.mrr;
        return { ...row, ...churnRates(start, row) };
      });
      return { currency: headline, months: withRates };
    },

    /** MRR at the end of each day from `from` to `to` (inclusive). */
    async daily(from: string, to: string) {
      const [before] = await sequelize.query<{ mrr: string | number | null }>(
        'SELECT SUM(delta) AS mrr FROM cuadra_mrr_events WHERE currency = ? AND occurred_on < ?',
        { replacements: [headline, from], type: QueryTypes.SELECT },
      );
      const changes = await models.MrrEvent.findAll({
        attributes: ['occurred_on', [sequelize.fn('SUM', sequelize.col('delta')), 'delta']],
        where: { currency: headline, occurred_on: { [Op.between]: [from, to] } },
        group: ['occurred_on'],
        raw: true,
      });
      const byDay = new Map(changes.map((c) => [c.occurred_on, Number(c.delta)]));
      const days: { date: string; mrr: number }[] = [];
      let mrr = Number(before?.mrr ?? 0);
      for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) {
        mrr += byDay.get(d.toISODate()!) ?? 0;
        days.push({ date: d.toISODate()!, mrr });
      }
      return { currency: headline, days };
    },
  };
}

export type MrrService = ReturnType<typeof createMrrService>;
