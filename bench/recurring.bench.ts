// Recurring billing and MRR on MariaDB:
//  - with TEMPLATES active templates and 12 months of MRR events, the current-MRR query and the
//    12-month movements against a bare SELECT SUM(mrr) over the same table, in the same run;
//  - a billing run issuing DUE due invoices (no PDF, no e-mail) against merely issuing the same
//    number of ready drafts through the same issuing path.
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Sequelize } from 'sequelize';
import { composeService } from '../service/src/boot';
import { loadConfig } from '../service/src/config';
import { createLogger } from '../service/src/logger';
import { CURRENT_MRR_SQL } from '../service/src/services/recurring/mrr-service';
import { createTestDatabase, makeTempDir } from '../test/harness';
import type { Benchmark } from './lib/benchmark';
import type { LoadResult } from './lib/load';

const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);
const REPEATS = 15;

const COMPANY = {
  legal_name: 'Ejemplo Servicios SL',
  trade_name: 'Ejemplo',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'facturas@example.es',
  phone: '',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
  logo: null,
  iban: '',
  payment_terms: '',
};
const CUSTOMER = {
  legal_name: 'Acme Distribuciones SL',
  tax_id: 'A58818501',
  address_line: 'Av. de la Constitución 10',
  postal_code: '41001',
  city: 'Sevilla',
  province: 'Sevilla',
  country_code: 'ES',
  email: '',
  additional_emails: [],
  phone: '',
  payment_terms_days: 30,
  notes: '',
};
const LINES = JSON.stringify([
  {
    description: 'Cuota mensual',
    sku: 'PLAN',
    quantity: '1',
    unit_price: '4900',
    discount_percent: '0',
    vat: 21,
    recargo: false,
    irpf: true,
    one_off: false,
  },
]);

function row(label: string, items: number, seconds: number, unit = 'per s'): LoadResult {
  return {
    label: `${label} (${unit})`,
    url: 'in-process',
    requestsPerSec: Math.round((items / seconds) * 10) / 10,
    latencyP50Ms: Math.round((seconds * 1000 * 1000) / items) / 1000,
    latencyP99Ms: 0,
    latencyAvgMs: Math.round((seconds * 1000 * 1000) / items) / 1000,
    requests: items,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
    durationSec: Math.round(seconds * 1000) / 1000,
    connections: 1,
  };
}

/** INSERTs rows in batches, naming the table when the database refuses them. */
async function bulkInsert(seq: Sequelize, table: string, cols: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    const values = batch.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
    try {
      await seq.query(`INSERT INTO ${table} (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES ${values}`, { replacements: batch.flat() });
    } catch (err) {
      throw new Error(`seeding ${table} failed: ${(err as { parent?: { sqlMessage?: string } }).parent?.sqlMessage ?? String(err)}`);
    }
  }
}

/** Median wall time of `work` over REPEATS runs, after one warm-up, in seconds. */
async function medianSeconds(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await work();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function service() {
  const db = await createTestDatabase('mariadb');
  const config = loadConfig({
    DATABASE_URL: db.url,
    CUADRA_SECRET: 'bench-secret-0123456789-abcdefghijklmn',
    CUADRA_DATA_DIR: await makeTempDir('bench'),
    LOG_LEVEL: 'silent',
  });
  const svc = composeService(config, createLogger('silent'));
  await svc.prepareDatabase();
  await svc.services.companySettings.updateCompanySettings({ ...COMPANY }, 1);
  const customer = await svc.services.customers.createCustomer({ ...CUSTOMER });
  return { db, svc, customerId: customer.id };
}

const recurring: Benchmark = {
  name: 'recurring',
  description: `current MRR and 12-month movements over ${TEMPLATES} templates vs a bare SUM; a billing run of ${DUE} due invoices vs issuing ready drafts`,
  async run() {
    const runs: LoadResult[] = [];
    const ratios: Record<string, number> = {};

    // 1. MRR queries over a large book of templates and a year of events.
    {
      const { db, svc } = await service();
      try {
        const seq = svc.sequelize;
        const today = DateTime.now().setZone('Europe/Madrid').startOf('day');
        const templateCols = [
          'customer_id',
          'kind',
          'currency',
          'language',
          'notes',
          'lines',
          'interval_unit',
          'interval_count',
          'anchor_date',
          'anchor_time',
          'timezone',
          'status',
          'next_period_index',
          'issued_count',
          'next_issue_at',
          'mrr',
          'created_at',
          'updated_at',
        ];
        const eventCols = ['template_id', 'customer_id', 'currency', 'delta', 'mrr_after', 'reason', 'occurred_on', 'created_at'];
        const insert = (table: string, cols: string[], rows: unknown[][]) => bulkInsert(seq, table, cols, rows);
        const now = new Date();
        const templates: unknown[][] = [];
        const events: unknown[][] = [];
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let id = 1; id <= TEMPLATES; id++) {
          const customer = 1 + Math.floor(random() * (TEMPLATES / 1.5));
          const start = today.minus({ days: Math.floor(random() * 365) });
          let mrr = 1000 + Math.floor(random() * 20_000);
          events.push([id, customer, 'EUR', mrr, mrr, 'started', start.toISODate(), now]);
          if (random() < 0.15) {
            const change = Math.floor(random() * 4000) - 2000;
            mrr += change;
            events.push([id, customer, 'EUR', change, mrr, 'updated', start.plus({ days: Math.floor(random() * 60) }).toISODate(), now]);
          }
          let status = 'active';
          if (random() < 0.05) {
            events.push([id, customer, 'EUR', -mrr, 0, 'ended', start.plus({ days: 30 }).toISODate(), now]);
            mrr = 0;
            status = 'ended';
          }
          templates.push([
            customer,
            'F1',
            'EUR',
            'es',
            '',
            LINES,
            'month',
            1,
            start.toISODate(),
            '09:00',
            'Europe/Madrid',
            status,
            1,
            1,
            status === 'active' ? today.plus({ days: 20 }).toJSDate() : null,
            mrr,
            now,
            now,
          ]);
        }
        await insert('cuadra_recurring_templates', templateCols, templates);
        await insert('cuadra_mrr_events', eventCols, events);
        await seq.query('ANALYZE TABLE cuadra_recurring_templates, cuadra_mrr_events');

        const bare = await medianSeconds(() => seq.query('SELECT SUM(mrr) AS mrr FROM cuadra_recurring_templates'));
        const current = await medianSeconds(() => seq.query(CURRENT_MRR_SQL));
        const summary = await medianSeconds(() => svc.services.mrr.summary());
        const history = await medianSeconds(() => svc.services.mrr.history(12));
        const check = await svc.services.mrr.summary();
        const [sum] = (await seq.query('SELECT SUM(delta) AS s FROM cuadra_mrr_events'))[0] as { s: string }[];
        if (Number(sum!.s) !== check.mrr) throw new Error('events do not rebuild the current MRR in the benchmark data');
        runs.push(row('bare SELECT SUM(mrr)', 1, bare, 'queries/s'));
        runs.push(row('current MRR query (per currency)', 1, current, 'queries/s'));
        runs.push(row('MRR summary (MRR, previous month, ARPA, churn)', 1, summary, 'calls/s'));
        runs.push(row('12-month movements per customer', 1, history, 'calls/s'));
        ratios['current MRR query time / bare SUM time (target ≤ 1.5)'] = Math.round((current / bare) * 100) / 100;
        ratios['12-month movements time / bare SUM time'] = Math.round((history / bare) * 100) / 100;
        ratios['summary time / bare SUM time'] = Math.round((summary / bare) * 100) / 100;
        ratios.events = events.length;
      } finally {
        await svc.stop();
        await db.drop();
      }
    }

    // 2. A billing run: DUE templates due today, against issuing the same number of ready drafts.
    {
      const { db, svc, customerId } = await service();
      try {
        const today = DateTime.now().setZone('Europe/Madrid').toISODate()!;
        const now = new Date();
        const rows: unknown[][] = [];
        for (let i = 0; i < DUE; i++) {
          rows.push([
            customerId,
            'F1',
            'EUR',
            'es',
            '',
            LINES,
            'month',
            1,
            today,
            '00:00',
            'Europe/Madrid',
            'active',
            0,
            0,
            DateTime.fromISO(today, { zone: 'Europe/Madrid' }).toJSDate(),
            0,
            0,
            now,
            now,
          ]);
        }
        const cols = [
          'customer_id',
          'kind',
          'currency',
          'language',
          'notes',
          'lines',
          'interval_unit',
          'interval_count',
          'anchor_date',
          'anchor_time',
          'timezone',
          'status',
          'next_period_index',
          'issued_count',
          'next_issue_at',
          'mrr',
          'auto_send',
          'created_at',
          'updated_at',
        ];
        await bulkInsert(svc.sequelize, 'cuadra_recurring_templates', cols, rows);
        let t = performance.now();
        const result = await svc.services.billingRun.run();
        const runSeconds = (performance.now() - t) / 1000;
        if (result.issued !== DUE || result.failed)
          throw new Error(`billing run issued ${result.issued} of ${DUE} (${result.failed} failed)`);

        const drafts: number[] = [];
        const input = {
          kind: 'F1' as const,
          customer_id: customerId,
          recipient: null,
          currency: 'EUR',
          prices_include_tax: false,
          irpf_percent: '0',
          simplified_limit_extended: false,
          language: 'es' as const,
          operation_date: null,
          due_date: null,
          notes: '',
          payment_method: '',
          rectification: null,
          lines: [
            {
              description: 'Cuota mensual',
              sku: 'PLAN',
              quantity: '1',
              unit_price: '4900',
              discount_percent: '0',
              vat: 21,
              recargo: false,
              irpf: true,
            },
          ],
        };
        for (let i = 0; i < DUE; i++) drafts.push((await svc.services.invoices.createDraft(input, 1)).id);
        t = performance.now();
        await svc.services.invoices.issueInvoices(drafts, { sendEmail: false });
        const issueSeconds = (performance.now() - t) / 1000;
        runs.push(row(`billing run: ${DUE} due templates → issued invoices`, DUE, runSeconds, 'invoices/s'));
        runs.push(row(`issuing ${DUE} ready drafts (same issuing path)`, DUE, issueSeconds, 'invoices/s'));
        ratios['billing run time / issuing ready drafts time'] = Math.round((runSeconds / issueSeconds) * 100) / 100;
      } finally {
        await svc.stop();
        await db.drop();
      }
    }
    return { runs, ratios, context: { templates: TEMPLATES, due: DUE, database: 'MariaDB', repeats: REPEATS } };
  },
};

export default recurring;
