import { DateTime } from 'luxon';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize } from '../../service/src/db/database';
import { createTestDatabase, type TestDatabase } from '../harness/database';
import { delay } from '../harness/cleanup';
import { startService, type RunningService } from '../harness/service-process';
import { BOOKKEEPER, ADMIN, TEST_SECRET, startServiceUnderTest } from './support/service-under-test';

// Real service processes running the scheduler against one database: the exactly-once guarantees
// must hold across instances and across a SIGKILL in the middle of a catch-up.

const COMPANY = {
  legal_name: 'Ejemplo Servicios Digitales SL',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'facturas@ejemplo.es',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
};
const CUSTOMER = {
  legal_name: 'Acme Distribuciones SL',
  tax_id: 'A58818501',
  address_line: 'Avenida de la Constitución 10',
  postal_code: '41001',
  city: 'Sevilla',
  country_code: 'ES',
  email: 'compras@acme.es',
};

// Enough templates for several billing transactions (100 templates each), so a kill can land between them.
const TEMPLATES = 240;
const WEEKS_BACK = 2; // periods 0..2 are due: 3 per template

/** A database holding TEMPLATES weekly templates whose first 20 periods are already due. */
async function seed(db: TestDatabase): Promise<number> {
  const sut = await startServiceUnderTest({ db });
  try {
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    const customer = (await sut.signed('POST', '/customers', CUSTOMER, BOOKKEEPER).expect(201)).body.id;
    const today = DateTime.now().setZone('Europe/Madrid');
    // 00:00 so that today's period is due whatever the hour the test runs at.
    const anchor = today.minus({ weeks: WEEKS_BACK }).toISODate();
    for (let i = 0; i < TEMPLATES; i++) {
      await sut
        .signed(
          'POST',
          '/recurring-templates',
          {
            customer_id: customer,
            lines: [{ description: `Servicio ${i}`, quantity: '1', unit_price: String(1000 + i), vat: 21 }],
            interval_unit: 'week',
            interval_count: 1,
            anchor_date: anchor,
            anchor_time: '00:00',
          },
          BOOKKEEPER,
        )
        .expect(201);
    }
  } finally {
    await sut.service.stop();
  }
  return TEMPLATES * (WEEKS_BACK + 1);
}

async function count(sequelize: Sequelize, sql: string): Promise<number> {
  const [row] = await sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT });
  return Number(row!.n);
}

async function waitForAllIssued(sequelize: Sequelize, expected: number, timeoutMs: number, logs: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const issued = await count(sequelize, "SELECT COUNT(*) AS n FROM cuadra_invoices WHERE status = 'issued'");
    if (issued >= expected) return;
    if (Date.now() > deadline)
      throw new Error(`only ${issued} of ${expected} recurring invoices issued in time; service log:\n${logs().slice(-3000)}`);
    await delay(250);
  }
}

/** No duplicate, no gap: every (template, period) once, numbers 1..n, every invoice issued and chained once. */
async function expectExactlyOnce(sequelize: Sequelize, expected: number): Promise<void> {
  expect(await count(sequelize, 'SELECT COUNT(*) AS n FROM cuadra_recurring_periods')).toBe(expected);
  expect(await count(sequelize, 'SELECT COUNT(*) AS n FROM cuadra_invoices')).toBe(expected);
  expect(await count(sequelize, "SELECT COUNT(*) AS n FROM cuadra_invoices WHERE status = 'issued'")).toBe(expected);
  const periods = await sequelize.query<{ template_id: number; n: number; lo: number; hi: number }>(
    'SELECT template_id, COUNT(*) AS n, MIN(period_index) AS lo, MAX(period_index) AS hi FROM cuadra_recurring_periods GROUP BY template_id',
    { type: QueryTypes.SELECT },
  );
  expect(periods).toHaveLength(TEMPLATES);
  for (const p of periods) expect([Number(p.n), Number(p.lo), Number(p.hi)]).toEqual([WEEKS_BACK + 1, 0, WEEKS_BACK]);
  const numbers = await sequelize.query<{ number: number }>("SELECT number FROM cuadra_invoices WHERE status = 'issued' ORDER BY number", {
    type: QueryTypes.SELECT,
  });
  expect(numbers.map((r) => Number(r.number))).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
  expect(await count(sequelize, "SELECT COUNT(*) AS n FROM cuadra_verifactu_records WHERE record_type = 'registration'")).toBe(expected);
  expect(await count(sequelize, 'SELECT COUNT(DISTINCT dedupe_key) AS n FROM cuadra_outbox')).toBe(expected);
  expect(await count(sequelize, 'SELECT COUNT(*) AS n FROM cuadra_outbox')).toBe(expected);
  // The stored MRR equals the sum of its events, and every template bills.
  expect(await count(sequelize, 'SELECT COALESCE(SUM(delta), 0) AS n FROM cuadra_mrr_events')).toBe(
    await count(sequelize, 'SELECT COALESCE(SUM(mrr), 0) AS n FROM cuadra_recurring_templates'),
  );
  expect(await count(sequelize, 'SELECT COUNT(*) AS n FROM cuadra_recurring_templates WHERE mrr > 0')).toBe(TEMPLATES);
}

describe('the recurring scheduler across service processes', () => {
  const processes: RunningService[] = [];
  let db: TestDatabase;
  let sequelize: Sequelize;
  const env = { CUADRA_BILLING_SCHEDULE: '* * * * * *', LOG_LEVEL: 'warn' };

  beforeEach(async () => {
    db = await createTestDatabase();
    sequelize = createSequelize(db.url);
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop().catch(() => undefined)));
    await sequelize.close();
    await db.drop();
  });

  it('two processes running the scheduler at the same time bill every period once, with no gap in the numbers', async () => {
    const expected = await seed(db);
    processes.push(
      ...(await Promise.all([
        startService({ databaseUrl: db.url, secret: TEST_SECRET, env }),
        startService({ databaseUrl: db.url, secret: TEST_SECRET, env }),
      ])),
    );
    await waitForAllIssued(sequelize, expected, 120_000);
    await delay(2500); // more ticks of both schedulers: nothing more may happen
    await expectExactlyOnce(sequelize, expected);
  }, 180_000);

  it('a process killed in the middle of a catch-up leaves nothing duplicated or missed after a restart', async () => {
    const expected = await seed(db);
    const first = await startService({ databaseUrl: db.url, secret: TEST_SECRET, env });
    processes.push(first);
    const deadline = Date.now() + 60_000;
    while ((await count(sequelize, 'SELECT COUNT(*) AS n FROM cuadra_recurring_periods')) === 0) {
      if (Date.now() > deadline) throw new Error('the first process never started billing');
      await delay(20);
    }
    await first.kill();
    const billedBeforeKill = await count(sequelize, 'SELECT COUNT(*) AS n FROM cuadra_recurring_periods');
    expect(billedBeforeKill).toBeLessThan(expected);

    const second = await startService({ databaseUrl: db.url, secret: TEST_SECRET, env: { ...env, LOG_LEVEL: 'debug' }, logLevel: 'debug' }); // the billing run's steps are logged at debug
    processes.push(second);
    // The dead process's lease expires (20 s at most), then the new one finishes the catch-up.
    await waitForAllIssued(sequelize, expected, 120_000, () =>
      second
        .logs()
        .split('\n')
        .filter((line) => !line.includes('outbox delivery failed'))
        .join('\n'),
    );
    await delay(1500);
    await expectExactlyOnce(sequelize, expected);
  }, 180_000);
});
