import { DateTime } from 'luxon';
import {
  ADMIN,
  BOOKKEEPER,
  SUBSCRIBER,
  expectErrorShape,
  startServiceUnderTest,
  type ServiceUnderTest,
} from './support/service-under-test';

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

const madrid = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Madrid' }).toJSDate();

describe('recurring templates', () => {
  let sut: ServiceUnderTest;
  let clock: Date;
  let customerId: number;

  beforeEach(async () => {
    clock = madrid('2026-01-01T10:00');
    sut = await startServiceUnderTest({ now: () => clock });
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    customerId = (await sut.signed('POST', '/customers', CUSTOMER, BOOKKEEPER).expect(201)).body.id;
  });
  afterEach(async () => {
    await sut.stop();
  });

  const template = (over: object = {}) => ({
    customer_id: customerId,
    lines: [{ description: 'Mantenimiento web', quantity: '1', unit_price: '10000', vat: 21 }],
    interval_unit: 'month',
    interval_count: 1,
    anchor_date: '2026-01-01',
    anchor_time: '09:00',
    ...over,
  });
  const create = async (over: object = {}) =>
    (await sut.signed('POST', '/recurring-templates', template(over), BOOKKEEPER).expect(201)).body;
  const run = () => sut.service.services.billingRun.run();
  const get = async (id: number) => (await sut.signed('GET', `/recurring-templates/${id}`, undefined, BOOKKEEPER).expect(200)).body;
  const query = async <T>(sql: string) => (await sut.service.sequelize.query(sql))[0] as T[];
  const eventSum = async () => Number((await query<{ s: number }>('SELECT COALESCE(SUM(delta), 0) AS s FROM cuadra_mrr_events'))[0]!.s);
  const templateSum = async () =>
    Number((await query<{ s: number }>('SELECT COALESCE(SUM(mrr), 0) AS s FROM cuadra_recurring_templates'))[0]!.s);

  it('creates a template with its next twelve dates and no MRR until it bills', async () => {
    clock = madrid('2025-12-15T10:00');
    const t = await create({ anchor_date: '2026-01-31' });
    expect(t).toMatchObject({
      status: 'active',
      issued_count: 0,
      mrr: 0,
      period_amount: 10000,
      next_issue_date: '2026-01-31',
      problems: [],
    });
    expect(t.next_dates.slice(0, 4)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(t.next_dates).toHaveLength(12);
    expect(t.next_issue_at).toBe('2026-01-31T08:00:00.000Z');
  });

  it('issues due periods on schedule, catches up after downtime exactly once, and keeps the anchor', async () => {
    const t = await create();
    expect(await run()).toMatchObject({ issued: 1 });
    clock = madrid('2026-02-01T09:30');
    expect(await run()).toMatchObject({ issued: 1 });
    // Down from 28 February to 5 April: March and April are due, once each.
    clock = madrid('2026-04-05T12:00');
    expect(await run()).toMatchObject({ issued: 2 });
    expect(await run()).toMatchObject({ issued: 0, failed: 0 });

    const detail = await get(t.id);
    expect(detail.next_issue_date).toBe('2026-05-01');
    expect(detail.issued_count).toBe(4);
    expect(detail.history.map((h: { period_start: string }) => h.period_start)).toEqual([
      '2026-04-01',
      '2026-03-01',
      '2026-02-01',
      '2026-01-01',
    ]);
    const invoices = await query<{
      issue_date: string;
      service_period_start: string;
      service_period_end: string;
      status: string;
      full_number: string;
    }>('SELECT issue_date, service_period_start, service_period_end, status, full_number FROM cuadra_invoices ORDER BY id');
    expect(invoices.map((i) => [i.status, i.full_number, i.issue_date, i.service_period_start, i.service_period_end])).toEqual([
      ['issued', 'F2026-0001', '2026-01-01', '2026-01-01', '2026-01-31'],
      ['issued', 'F2026-0002', '2026-02-01', '2026-02-01', '2026-02-28'],
      // Issue date is the real day; the service period is the scheduled one.
      ['issued', 'F2026-0003', '2026-04-05', '2026-03-01', '2026-03-31'],
      ['issued', 'F2026-0004', '2026-04-05', '2026-04-01', '2026-04-30'],
    ]);
    const pdf = await sut.signed('GET', `/invoices/${detail.history[0].invoice_id}`, undefined, BOOKKEEPER).expect(200);
    expect(pdf.body.service_period).toEqual({ start: '2026-04-01', end: '2026-04-30' });
  });

  it('issues not before the anchor time of the day', async () => {
    clock = madrid('2026-01-01T08:59');
    await create();
    expect(await run()).toMatchObject({ issued: 0 });
    clock = madrid('2026-01-01T09:00');
    expect(await run()).toMatchObject({ issued: 1 });
  });

  it('stops after exactly K invoices when the cycles are limited, and MRR goes back to zero', async () => {
    const t = await create({ cycles: 3 });
    clock = madrid('2026-12-01T10:00');
    expect(await run()).toMatchObject({ issued: 3, ended: 1 });
    expect(await run()).toMatchObject({ issued: 0, ended: 0 });
    expect(await get(t.id)).toMatchObject({ status: 'ended', issued_count: 3, mrr: 0, next_issue_date: null });
    const reasons = await query<{ reason: string; delta: number; occurred_on: string }>(
      'SELECT reason, delta, occurred_on FROM cuadra_mrr_events ORDER BY id',
    );
    expect(reasons.map((r) => [r.reason, Number(r.delta), r.occurred_on])).toEqual([
      ['started', 10000, '2026-01-01'],
      ['ended', -10000, '2026-04-01'],
    ]);
  });

  it('bills one-off lines once and a K-invoice discount K times, with the MRR expansion when it ends', async () => {
    const t = await create({
      lines: [
        { description: 'Cuota mensual', quantity: '1', unit_price: '10000', vat: 21 },
        { description: 'Alta', quantity: '1', unit_price: '5000', vat: 21, one_off: true },
      ],
      discount_percent: '50',
      discount_cycles: 2,
    });
    clock = madrid('2026-03-02T10:00');
    expect(await run()).toMatchObject({ issued: 3 });
    const bases = await query<{ base_total: number }>('SELECT base_total FROM cuadra_invoices ORDER BY id');
    expect(bases.map((b) => Number(b.base_total))).toEqual([7500, 5000, 10000]);
    expect((await get(t.id)).mrr).toBe(10000);
    const events = await query<{ reason: string; delta: number }>('SELECT reason, delta FROM cuadra_mrr_events ORDER BY id');
    expect(events.map((e) => [e.reason, Number(e.delta)])).toEqual([
      ['started', 5000],
      ['discount_expired', 5000],
    ]);
  });

  it('e-mails each invoice through the outbox only when the template says so', async () => {
    await create({ auto_send: true });
    await create({ auto_send: false });
    await run();
    const mails = await query<{ dedupe_key: string }>('SELECT dedupe_key FROM cuadra_outbox');
    expect(mails).toHaveLength(1);
  });

  it('pauses (MRR to zero, no billing), resumes on the next date without billing the paused months, and ends', async () => {
    const t = await create();
    await run();
    expect((await sut.signed('POST', `/recurring-templates/${t.id}/pause`, {}, BOOKKEEPER).expect(200)).body).toMatchObject({
      status: 'paused',
      mrr: 0,
    });
    clock = madrid('2026-03-15T10:00');
    expect(await run()).toMatchObject({ issued: 0 });
    const resumed = (await sut.signed('POST', `/recurring-templates/${t.id}/resume`, {}, BOOKKEEPER).expect(200)).body;
    expect(resumed).toMatchObject({ status: 'active', mrr: 10000, next_issue_date: '2026-04-01' });
    expect(await run()).toMatchObject({ issued: 0 });
    clock = madrid('2026-04-01T10:00');
    expect(await run()).toMatchObject({ issued: 1 });
    await sut.signed('POST', `/recurring-templates/${t.id}/resume`, {}, BOOKKEEPER).expect(409);
    expect((await sut.signed('POST', `/recurring-templates/${t.id}/end`, {}, BOOKKEEPER).expect(200)).body).toMatchObject({
      status: 'ended',
      mrr: 0,
    });
    const edit = await sut.signed('PUT', `/recurring-templates/${t.id}`, template(), BOOKKEEPER).expect(409);
    expectErrorShape(edit.body, 'TEMPLATE_ENDED');
    expect(await eventSum()).toBe(0);
  });

  describe('bad input gets 422 naming the field and stores nothing', () => {
    it.each([
      ['interval_count', { interval_count: 0 }, 'TOO_SMALL'],
      ['interval_count', { interval_count: -2 }, 'TOO_SMALL'],
      ['end_date', { end_date: '2025-12-31' }, 'END_BEFORE_START'],
      ['interval_unit', { interval_unit: 'fortnight' }, 'INVALID_VALUE'],
      ['interval_count', { interval_count: 'monthly' }, 'INVALID_TYPE'],
      ['interval_count', { interval_count: undefined }, 'REQUIRED'],
      ['anchor_date', { anchor_date: '2026-02-30' }, 'INVALID_DATE'],
      ['anchor_time', { anchor_time: '25:00' }, 'INVALID_FORMAT'],
      ['lines', { lines: [] }, 'TOO_SMALL'],
      ['lines.0.vat', { lines: [{ description: 'x', quantity: '1', unit_price: '100', vat: 7 }] }, 'UNKNOWN_TAX_RATE'],
      ['lines', { lines: [{ description: 'x', quantity: '1', unit_price: '100', vat: 21, one_off: true }] }, 'NO_RECURRING_LINE'],
      ['series_code', { series_code: 'NOPE' }, 'UNKNOWN_SERIES'],
    ])('%s: %j', async (property, over, code) => {
      const res = await sut.signed('POST', '/recurring-templates', template(over), BOOKKEEPER).expect(422);
      expectErrorShape(res.body, code, property);
      expect(await query('SELECT id FROM cuadra_recurring_templates')).toHaveLength(0);
    });

    it('an unknown customer', async () => {
      const res = await sut.signed('POST', '/recurring-templates', template({ customer_id: 999 }), BOOKKEEPER).expect(422);
      expectErrorShape(res.body, 'UNKNOWN_CUSTOMER', 'customer_id');
    });

    it('a paused template edited into an invalid state', async () => {
      const t = await create();
      await sut.signed('POST', `/recurring-templates/${t.id}/pause`, {}, BOOKKEEPER).expect(200);
      const res = await sut.signed('PUT', `/recurring-templates/${t.id}`, template({ end_date: '2025-01-01' }), BOOKKEEPER).expect(422);
      expectErrorShape(res.body, 'END_BEFORE_START', 'end_date');
      const noLines = await sut.signed('PUT', `/recurring-templates/${t.id}`, template({ lines: [] }), BOOKKEEPER).expect(422);
      expectErrorShape(noLines.body, 'TOO_SMALL', 'lines');
      expect(await get(t.id)).toMatchObject({
        status: 'paused',
        end_date: null,
        lines: [expect.objectContaining({ description: 'Mantenimiento web' })],
      });
    });

    it('schedule changes once billing started, and fewer cycles than issued', async () => {
      const t = await create();
      await run();
      const res = await sut.signed('PUT', `/recurring-templates/${t.id}`, template({ anchor_date: '2026-01-05' }), BOOKKEEPER).expect(422);
      expectErrorShape(res.body, 'SCHEDULE_LOCKED', 'anchor_date');
      clock = madrid('2026-02-02T10:00');
      await run();
      const cycles = await sut.signed('PUT', `/recurring-templates/${t.id}`, template({ cycles: 1 }), BOOKKEEPER).expect(422);
      expectErrorShape(cycles.body, 'CYCLES_BELOW_ISSUED', 'cycles');
    });

    it('routes need the billing capability', async () => {
      await sut.signed('GET', '/recurring-templates', undefined, SUBSCRIBER).expect(403);
      await sut.signed('GET', '/mrr/summary', undefined, SUBSCRIBER).expect(403);
    });
  });

  it('flags a customer without the data a full invoice needs before the date, and does not bill until fixed', async () => {
    const bare = (
      await sut.signed('POST', '/customers', { legal_name: 'Sin NIF SL', country_code: 'ES', email: 'a@b.es' }, BOOKKEEPER).expect(201)
    ).body;
    clock = madrid('2025-12-20T10:00');
    const t = await create({ customer_id: bare.id });
    expect(t.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'MISSING_RECIPIENT_TAX_ID', property: 'customer.tax_id' }),
        expect.objectContaining({ code: 'MISSING_RECIPIENT_ADDRESS', property: 'customer.address_line' }),
      ]),
    );
    const list = (await sut.signed('GET', '/recurring-templates', undefined, BOOKKEEPER).expect(200)).body;
    expect(list.templates[0].problems.length).toBeGreaterThan(0);
    clock = madrid('2026-01-01T10:00');
    expect(await run()).toMatchObject({ issued: 0, failed: 1 });
    expect(await query('SELECT id FROM cuadra_invoices')).toHaveLength(0);
    // Fixed; the retry comes an hour later and bills the period that was due.
    await sut
      .signed('PUT', `/customers/${bare.id}`, { ...CUSTOMER, tax_id: 'B87654323', legal_name: 'Sin NIF SL' }, BOOKKEEPER)
      .expect(200);
    clock = madrid('2026-01-01T11:01');
    expect(await run()).toMatchObject({ issued: 1 });
    expect((await get(t.id)).problems).toEqual([]);
  });

  it('previews dates and MRR without storing, and lists upcoming issues', async () => {
    const preview = (
      await sut
        .signed(
          'POST',
          '/recurring-templates/preview',
          template({
            interval_unit: 'week',
            anchor_date: '2026-03-23',
            lines: [{ description: 'x', quantity: '1', unit_price: '1000', vat: 21 }],
          }),
          BOOKKEEPER,
        )
        .expect(200)
    ).body;
    expect(preview.next_dates.slice(0, 2)).toEqual(['2026-03-23', '2026-03-30']);
    expect(preview.mrr).toBe(4333);
    await create({ anchor_date: '2026-02-10' });
    await create({ anchor_date: '2026-01-20' });
    const upcoming = (await sut.signed('GET', '/recurring-templates/upcoming?limit=5', undefined, BOOKKEEPER).expect(200)).body.upcoming;
    expect(upcoming.map((u: { date: string }) => u.date)).toEqual(['2026-01-20', '2026-02-10']);
    expect(upcoming[0]).toMatchObject({ customer_name: CUSTOMER.legal_name, amount: 12100, currency: 'EUR' });
  });

  it('reports MRR, ARR, ARPA, the change against last month and the monthly movements', async () => {
    const second = (
      await sut.signed('POST', '/customers', { ...CUSTOMER, tax_id: 'B87654323', legal_name: 'Beta SL' }, BOOKKEEPER).expect(201)
    ).body.id;
    const a = await create(); // 100 €/month
    await create({
      customer_id: second,
      interval_unit: 'year',
      lines: [{ description: 'Licencia', quantity: '1', unit_price: '60000', vat: 21 }],
    }); // 50 €/month
    await run();
    clock = madrid('2026-02-10T10:00');
    await run();
    await sut
      .signed(
        'PUT',
        `/recurring-templates/${a.id}`,
        template({ lines: [{ description: 'Mantenimiento web', quantity: '2', unit_price: '10000', vat: 21 }] }),
        BOOKKEEPER,
      )
      .expect(200);
    const summary = (await sut.signed('GET', '/mrr/summary', undefined, BOOKKEEPER).expect(200)).body;
    expect(summary).toMatchObject({
      currency: 'EUR',
      as_of: '2026-02-10',
      mrr: 25000,
      previous_month_mrr: 15000,
      change: 10000,
      change_percent: '66.67',
      arr: 300000,
      arpa: 12500,
      paying_customers: 2,
      by_currency: [{ currency: 'EUR', mrr: 25000 }],
      gross_mrr_churn_percent: '0.00',
      net_mrr_churn_percent: '-66.67',
    });
    const history = (await sut.signed('GET', '/mrr/history?months=3', undefined, BOOKKEEPER).expect(200)).body;
    expect(history.months).toEqual([
      expect.objectContaining({ month: '2025-12', mrr: 0, new: 0 }),
      expect.objectContaining({ month: '2026-01', mrr: 15000, new: 15000, expansion: 0 }),
      expect.objectContaining({ month: '2026-02', mrr: 25000, new: 0, expansion: 10000 }),
    ]);
    const daily = (await sut.signed('GET', '/mrr/daily?from=2025-12-31&to=2026-01-02', undefined, BOOKKEEPER).expect(200)).body;
    expect(daily.days).toEqual([
      { date: '2025-12-31', mrr: 0 },
      { date: '2026-01-01', mrr: 15000 },
      { date: '2026-01-02', mrr: 15000 },
    ]);
    await sut.signed('GET', '/mrr/daily?from=2026-01-02&to=2025-01-01', undefined, BOOKKEEPER).expect(422);
  });

  it('after random operations the events always rebuild every template MRR and the total', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const ids: number[] = [];
    for (let step = 0; step < 40; step++) {
      const op = ids.length === 0 ? 'create' : pick(['create', 'edit', 'pause', 'resume', 'end', 'time', 'time']);
      if (op === 'create') {
        const t = await create({
          interval_unit: pick(['day', 'week', 'month', 'year']),
          interval_count: 1 + Math.floor(random() * 3),
          anchor_date: DateTime.fromJSDate(clock)
            .setZone('Europe/Madrid')
            .plus({ days: Math.floor(random() * 20) - 10 })
            .toISODate(),
          discount_percent: pick(['0', '10', '50']),
          discount_cycles: pick([null, 1, 2]),
          cycles: pick([null, 2, 5]),
        });
        ids.push(t.id);
      } else if (op === 'time') {
        clock = DateTime.fromJSDate(clock)
          .plus({ days: Math.floor(random() * 40) })
          .toJSDate();
        await run();
      } else {
        const id = pick(ids);
        if (op === 'edit') {
          const current = await get(id);
          await sut.signed(
            'PUT',
            `/recurring-templates/${id}`,
            {
              ...template(),
              ...pick([{}, { lines: [{ description: 'x', quantity: String(1 + Math.floor(random() * 4)), unit_price: '2500', vat: 21 }] }]),
              interval_unit: current.interval_unit,
              interval_count: current.interval_count,
              anchor_date: current.anchor_date,
              cycles: current.cycles === null ? null : Math.max(current.cycles, current.issued_count),
              discount_percent: current.discount_percent,
              discount_cycles: current.discount_cycles,
            },
            BOOKKEEPER,
          );
        } else {
          await sut.signed('POST', `/recurring-templates/${id}/${op}`, {}, BOOKKEEPER);
        }
      }
      expect(await eventSum()).toBe(await templateSum());
      const perTemplate = await query<{ id: number; mrr: number; events: number }>(
        'SELECT t.id, t.mrr, COALESCE((SELECT SUM(delta) FROM cuadra_mrr_events e WHERE e.template_id = t.id), 0) AS events FROM cuadra_recurring_templates t',
      );
      for (const row of perTemplate) expect(Number(row.events)).toBe(Number(row.mrr));
    }
    const summary = (await sut.signed('GET', '/mrr/summary', undefined, BOOKKEEPER).expect(200)).body;
    expect(summary.mrr).toBe(await templateSum());
    const history = (await sut.signed('GET', '/mrr/history?months=36', undefined, BOOKKEEPER).expect(200)).body;
    expect(history.months.at(-1).mrr).toBe(summary.mrr);
    // The card's month-to-date churn (from the customers that moved) agrees with the full rebuild.
    expect(summary.gross_mrr_churn_percent).toBe(history.months.at(-1).gross_mrr_churn_percent);
    expect(summary.net_mrr_churn_percent).toBe(history.months.at(-1).net_mrr_churn_percent);
  });
});
