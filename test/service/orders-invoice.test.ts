import { readWooFixture, startWooCommerceStore, type WooCommerceStore, type WooJson } from '../harness/woocommerce-store';
import { apiOrders } from '../unit/orders/fixtures';
import { connectStore, fastRetries } from './support/orders';
import { ADMIN, BOOKKEEPER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

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

const ALL_DECISIONS = {
  accept_other_currency: true,
  accept_fully_refunded: true,
  accept_unpaid: true,
  accept_no_tax_id: true,
  accept_invalid_tax_id: true,
  untaxed_vat: 0,
};

/** The order's own figures, read from its JSON, not through Cuadra's code. */
function orderFigures(json: Record<string, unknown>) {
  const cents = (v: unknown) => Math.round(Number(v) * 100);
  const vatByRate = new Map<number, number>();
  for (const t of json.tax_lines as { tax_total: string; shipping_tax_total: string; rate_percent: number }[]) {
    vatByRate.set(Number(t.rate_percent), (vatByRate.get(Number(t.rate_percent)) ?? 0) + cents(t.tax_total) + cents(t.shipping_tax_total));
  }
  return { total: cents(json.total), tax: cents(json.total_tax), vatByRate };
}

// Distinct fixture orders (the same order appears in several list fixtures).
const fixtures = [...new Map(apiOrders().map((o) => [JSON.stringify(o.json), o])).values()];

describe('every WooCommerce order in the fixtures becomes, through the HTTP API, an invoice draft equal to the order', () => {
  let sut: ServiceUnderTest;
  const shops: WooCommerceStore[] = [];
  beforeAll(async () => {
    sut = await startServiceUnderTest();
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
  });
  afterAll(async () => {
    await Promise.all(shops.map((s) => s.close()));
    await sut.stop();
  });

  it('has fixtures to import', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  it.each(fixtures.map((f) => [f.label, f.json] as const))('%s', async (_label, json) => {
    const shop = await startWooCommerceStore({ orders: [json as WooJson] });
    shops.push(shop);
    const { id: storeId } = await connectStore(sut, shop);
    // The invoice editor's "Import from WooCommerce": display number → order, fetched from the store.
    const found = await sut.signed(
      'GET',
      `/stores/${storeId}/orders/by-number/${encodeURIComponent(String(json.number))}`,
      undefined,
      BOOKKEEPER,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ woo_id: json.id, number: String(json.number), sources: ['api'], provisional: false });

    const res = await sut.signed('POST', `/orders/${found.body.id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER);
    if (json.currency !== 'EUR' && res.status === 422) {
      // The REST docs' example charges 7.5 % US sales tax: no Spanish invoice can carry it.
      expectErrorShape(res.body, 'UNSUPPORTED_TAX_RATE', 'tax_lines.0.rate_percent');
      return;
    }
    expect(res.status).toBe(201);
    const invoice = (await sut.signed('GET', `/invoices/${res.body.invoice.id}`, undefined, BOOKKEEPER).expect(200)).body;
    const figures = orderFigures(json);
    expect(invoice.status).toBe('draft');
    expect(invoice.totals.total).toBe(figures.total);
    expect(invoice.totals.tax).toBe(figures.tax);
    expect(invoice.totals.base).toBe(figures.total - figures.tax);
    for (const [rate, vat] of figures.vatByRate) {
      const row = invoice.tax_summary.find((r: { vat: unknown }) => r.vat === rate);
      expect({ rate, vat: row?.vat_amount ?? 0 }).toEqual({ rate, vat });
    }
    const summedBases = invoice.tax_summary.reduce((acc: number, r: { base: number }) => acc + r.base, 0);
    expect(summedBases).toBe(figures.total - figures.tax);
    // Linked both ways, and a second import is refused.
    expect((await sut.signed('GET', `/orders/${found.body.id}`, undefined, BOOKKEEPER)).body.invoice_id).toBe(invoice.id);
    const again = await sut.signed('POST', `/orders/${found.body.id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER);
    expect(again.status).toBe(409);
    expectErrorShape(again.body, 'ORDER_ALREADY_INVOICED');
  });
});

describe('order → invoice: decisions, customers, refunds, pending list', () => {
  let sut: ServiceUnderTest;
  let shop: WooCommerceStore;
  let storeId: number;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    shop = await startWooCommerceStore({ refunds: { 35: readWooFixture<WooJson[]>('order_35_refunds.json') } });
    storeId = (await connectStore(sut, shop)).id;
    await sut.signed('POST', `/stores/${storeId}/sync`, {}).expect(202);
    await sut.service.services.orderSync.runPending();
  });
  afterEach(async () => {
    await shop.close();
    await sut.stop();
  });

  const orderIdOf = async (number: string) =>
    (await sut.signed('GET', `/stores/${storeId}/orders/by-number/${number}`, undefined, BOOKKEEPER).expect(200)).body.id as number;

  it('refuses without the decisions the order needs, listing each, and creates nothing', async () => {
    const id = await orderIdOf('33'); // fully refunded
    const res = await sut.signed('POST', `/orders/${id}/invoice-draft`, {}, BOOKKEEPER);
    expect(res.status).toBe(409);
    expectErrorShape(res.body, 'DECISION_REQUIRED', 'decisions.accept_fully_refunded');
    const invoices = (await sut.signed('GET', '/invoices', undefined, BOOKKEEPER)).body;
    expect(invoices.total).toBe(0);
    const preview = (await sut.signed('POST', `/orders/${id}/invoice-preview`, {}, BOOKKEEPER).expect(200)).body;
    expect(preview.missing_decisions).toContain('FULLY_REFUNDED');
  });

  it('finds the customer by NIF, then e-mail, and creates it once from the billing data', async () => {
    const importOrder = async (number: string) =>
      (await sut.signed('POST', `/orders/${await orderIdOf(number)}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER).expect(201))
        .body.customer_id as number;
    // Orders 24 and 35: the same buyer with NIF 12345678Z in _billing_nif.
    const byNif = await importOrder('24');
    expect(await importOrder('35')).toBe(byNif);
    const customer = (await sut.signed('GET', `/customers/${byNif}`, undefined, BOOKKEEPER).expect(200)).body;
    expect(customer).toMatchObject({ tax_id: '12345678Z', email: 'maria.garcia@example.es', city: 'Madrid', country_code: 'ES' });
    // Orders 29 and 45: no NIF, the same e-mail.
    const byEmail = await importOrder('29');
    expect(byEmail).not.toBe(byNif);
    expect(await importOrder('45')).toBe(byEmail);
    expect((await sut.signed('GET', '/customers', undefined, BOOKKEEPER)).body.total).toBe(2);
  });

  it('a refund of an issued order invoice becomes a rectifying draft (R1 by differences) equal to the refund', async () => {
    const id = await orderIdOf('35');
    const notYet = await sut.signed('POST', `/orders/${id}/refund-drafts`, {}, BOOKKEEPER);
    expectErrorShape(notYet.body, 'ORDER_NOT_INVOICED');
    const draft = await sut.signed('POST', `/orders/${id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER).expect(201);
    await sut.signed('POST', `/invoices/${draft.body.invoice.id}/issue`, {}, BOOKKEEPER).expect(200);
    const res = await sut.signed('POST', `/orders/${id}/refund-drafts`, {}, BOOKKEEPER);
    expect(res.status).toBe(201);
    expect(res.body.created).toEqual([{ refund_id: 36, invoice_id: expect.any(Number), total: -2995 }]);
    const rectifying = (await sut.signed('GET', `/invoices/${res.body.created[0].invoice_id}`, undefined, BOOKKEEPER).expect(200)).body;
    expect(rectifying).toMatchObject({ kind: 'R1', rectification: { invoice_id: draft.body.invoice.id, method: 'differences' } });
    expect(rectifying.totals).toMatchObject({ total: -2995, vat: -520 });
    // Asked again: nothing new.
    expect((await sut.signed('POST', `/orders/${id}/refund-drafts`, {}, BOOKKEEPER).expect(201)).body).toMatchObject({
      created: [],
      already: 1,
    });
  });

  it("an invoiced order's refunds: listed with date, amount, reason and rectifying invoice; rectified one at a time", async () => {
    const id = await orderIdOf('35');
    const listedRefunds = async () => (await sut.signed('GET', `/orders/${id}/refunds`, undefined, BOOKKEEPER).expect(200)).body;
    const inList = async () =>
      (await sut.signed('GET', `/orders?store_id=${storeId}&per_page=100`, undefined, BOOKKEEPER).expect(200)).body.items.find(
        (o: { id: number }) => o.id === id,
      );
    const refund36 = { id: 36, reason: 'Cojín llegó dañado', amount: 2995 };
    // The store's refund (fixture order_35_refunds.json), with its date in UTC.
    expect(await listedRefunds()).toEqual({
      items: [{ ...refund36, created_at: '2026-11-08T22:51:22Z', invoice_id: null }],
      problem: null,
    });
    // Not invoiced yet: nothing to rectify.
    expect(await inList()).toMatchObject({ refunds: [{ ...refund36, invoice_id: null }], refunds_to_rectify: 0 });

    const draft = await sut.signed('POST', `/orders/${id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER).expect(201);
    await sut.signed('POST', `/invoices/${draft.body.invoice.id}/issue`, {}, BOOKKEEPER).expect(200);
    expect(await inList()).toMatchObject({ refunds_to_rectify: 1 });

    const unknown = await sut.signed('POST', `/orders/${id}/refund-drafts`, { refund_id: 999 }, BOOKKEEPER);
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body, 'REFUND_NOT_FOUND', 'refund_id');
    const badId = await sut.signed('POST', `/orders/${id}/refund-drafts`, { refund_id: 'first' }, BOOKKEEPER);
    expect(badId.status).toBe(422);
    expectErrorShape(badId.body, 'INVALID_TYPE', 'refund_id');

    const made = await sut.signed('POST', `/orders/${id}/refund-drafts`, { refund_id: 36 }, BOOKKEEPER).expect(201);
    expect(made.body.created).toEqual([{ refund_id: 36, invoice_id: expect.any(Number), total: -2995 }]);
    const rectifyingId = made.body.created[0].invoice_id as number;
    expect(await listedRefunds()).toMatchObject({ items: [{ id: 36, invoice_id: rectifyingId }] });
    expect(await inList()).toMatchObject({ refunds: [{ id: 36, invoice_id: rectifyingId }], refunds_to_rectify: 0 });

    const again = await sut.signed('POST', `/orders/${id}/refund-drafts`, { refund_id: 36 }, BOOKKEEPER);
    expect(again.status).toBe(409);
    expectErrorShape(again.body, 'REFUND_ALREADY_RECTIFIED', 'refund_id');

    // The rectifying draft is deleted: the refund is to rectify again, and can be.
    await sut.signed('DELETE', `/invoices/${rectifyingId}`, undefined, BOOKKEEPER).expect(204);
    expect(await listedRefunds()).toMatchObject({ items: [{ id: 36, invoice_id: null }] });
    expect(await inList()).toMatchObject({ refunds_to_rectify: 1 });
    const remade = await sut.signed('POST', `/orders/${id}/refund-drafts`, { refund_id: 36 }, BOOKKEEPER).expect(201);
    expect(remade.body.created).toEqual([{ refund_id: 36, invoice_id: expect.any(Number), total: -2995 }]);
    expect(remade.body.created[0].invoice_id).not.toBe(rectifyingId);
  });

  it('two requests rectifying the same refund at once (a double click) make one rectifying draft', async () => {
    const id = await orderIdOf('35');
    const draft = await sut.signed('POST', `/orders/${id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER).expect(201);
    await sut.signed('POST', `/invoices/${draft.body.invoice.id}/issue`, {}, BOOKKEEPER).expect(200);
    const answers = await Promise.all(
      [1, 2, 3].map(() => sut.signed('POST', `/orders/${id}/refund-drafts`, { refund_id: 36 }, BOOKKEEPER)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.body.created[0].invoice_id as number;
    const refunds = (await sut.signed('GET', `/orders/${id}/refunds`, undefined, BOOKKEEPER).expect(200)).body;
    expect(refunds.items).toMatchObject([{ id: 36, invoice_id: winner }]);
    // The losers' drafts were removed: one rectifying invoice exists for the order's invoice.
    const rectifying = (await sut.service.sequelize.query('SELECT id FROM cuadra_invoices WHERE rectifies_invoice_id = :original', {
      replacements: { original: draft.body.invoice.id },
      type: 'SELECT',
    })) as Array<{ id: number }>;
    expect(rectifying.map((r) => r.id)).toEqual([winner]);
  });

  it("an order's refunds when the store does not answer: as last synced, without dates, and why", async () => {
    const id = await orderIdOf('35');
    fastRetries(sut);
    shop.misbehave({ kind: 'html' }, 20, /refunds$/);
    const res = (await sut.signed('GET', `/orders/${id}/refunds`, undefined, BOOKKEEPER).expect(200)).body;
    expect(res.items).toEqual([{ id: 36, reason: 'Cojín llegó dañado', amount: 2995, created_at: null, invoice_id: null }]);
    expect(res.problem).toEqual({ code: expect.any(String), message: expect.stringContaining('as last synced') });
    expect((await sut.signed('GET', '/orders/999999/refunds', undefined, BOOKKEEPER)).status).toBe(404);
  });

  it('lists pending orders ("to invoice" statuses, not invoiced or ignored), filters, ignores, flags changes after invoicing', async () => {
    const pending = (await sut.signed('GET', '/orders?pending=true&per_page=100', undefined, BOOKKEEPER).expect(200)).body;
    expect(pending.total).toBeGreaterThan(0);
    expect(
      pending.items.every((o: { status: string; pending: boolean }) => ['processing', 'completed'].includes(o.status) && o.pending),
    ).toBe(true);
    const id = await orderIdOf('26');
    await sut.signed('POST', `/orders/${id}/ignore`, {}, BOOKKEEPER).expect(200);
    const after = (await sut.signed('GET', '/orders?pending=true&per_page=100', undefined, BOOKKEEPER)).body;
    expect(after.total).toBe(pending.total - 1);
    expectErrorShape(
      (await sut.signed('POST', `/orders/${id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER)).body,
      'ORDER_IGNORED',
    );
    await sut.signed('POST', `/orders/${id}/unignore`, {}, BOOKKEEPER).expect(200);
    const searched = (await sut.signed('GET', '/orders?search=Garc%C3%ADa&per_page=100', undefined, BOOKKEEPER)).body;
    expect(searched.items.length).toBeGreaterThan(0);
    expect(
      (await sut.signed('GET', '/orders?status=refunded', undefined, BOOKKEEPER)).body.items.every(
        (o: { status: string }) => o.status === 'refunded',
      ),
    ).toBe(true);

    // The summary for the admin bar counts them.
    const summary = (await sut.signed('GET', '/notifications/summary', undefined, BOOKKEEPER).expect(200)).body;
    expect(summary.count).toBeGreaterThanOrEqual(pending.total);
    expect(summary.items[0]).toMatchObject({ type: 'order', url: expect.stringContaining('page=cuadra-orders') });

    // Invoiced, then changed in the store: flagged with what changed; the invoice stays as it was.
    const invoiced = await sut.signed('POST', `/orders/${id}/invoice-draft`, { decisions: ALL_DECISIONS }, BOOKKEEPER).expect(201);
    const wooId = (await sut.signed('GET', `/orders/${id}`, undefined, BOOKKEEPER)).body.woo_id;
    shop.updateOrder(
      wooId,
      { total: '999.99', billing: { ...(shop.orders.get(wooId)!.billing as object), city: 'Sevilla' } },
      new Date(Date.now() + 2000).toISOString().slice(0, 19),
    );
    await sut.service.services.orderSync.requestSync(storeId);
    await sut.service.services.orderSync.runPending();
    const flagged = (await sut.signed('GET', `/orders/${id}`, undefined, BOOKKEEPER)).body;
    expect(flagged.changed_after_invoice).toBe(true);
    expect(flagged.changes.at(-1).fields).toEqual(expect.arrayContaining(['total', 'billing']));
    const invoice = (await sut.signed('GET', `/invoices/${invoiced.body.invoice.id}`, undefined, BOOKKEEPER)).body;
    expect(invoice.totals.total).toBe(invoiced.body.invoice.totals.total);
  });
});
