// Shop orders in the admin end to end: WordPress + the Cuadra plugin + the service on MariaDB, driven
// through Chromium, against a fake WooCommerce store (test/harness/woocommerce-store.ts: the real
// fixtures' orders behind real OAuth 1.0a checks). A store is added in Cuadra → Orders → Stores, its
// connection tested and synced; the pending orders appear in the list; one becomes an invoice whose
// total equals the order's (answering the decisions the service asks for); another is imported by its
// number from the invoice editor. An invoiced order that the store then refunds gets its rectifying
// draft from the order screen; a store's set-aside mailbox messages show with their raw source.
import mysql from 'mysql2/promise';
import type { Page } from 'puppeteer-core';
import {
  clickButton,
  fillField,
  launchBrowser,
  loginToWordPress,
  requireAll,
  requirements,
  startStack,
  testWithScreenshots,
  waitForNotice,
  waitForText,
  watchPage,
  type PageWatcher,
  type RunningStack,
  type TestBrowser,
} from '../harness';
import { startWooCommerceStore, type WooCommerceStore, type WooJson } from '../harness/woocommerce-store';
import { PHP_ERROR_IN_PAGE } from './support/admin-page';

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
  phone: '+34 910 000 000',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
  logo: null,
};

interface OrderRow {
  id: number;
  number: string;
  total: number;
  currency: string;
  invoice_id: number | null;
}

const ALL_DECISIONS = {
  accept_other_currency: true,
  accept_fully_refunded: true,
  accept_unpaid: true,
  accept_no_tax_id: true,
  accept_invalid_tax_id: true,
  untaxed_vat: 0,
};

/** Order 27 of the fixtures: one line of 65.29 + 13.71 IVA (21 %); the refund gives the whole line back. */
const REFUNDED_ORDER = 27;
const REFUND_CENTS = 7900;
const REFUND_REASON = 'Llegó roto';

/** A refund of the first line of a fixture order, as WooCommerce's /orders/:id/refunds lists it. */
function lineRefund(order: WooJson, id: number): WooJson {
  const line = (order.line_items as Record<string, unknown>[])[0]!;
  return {
    id,
    date_created: '2026-11-20T11:00:00',
    date_created_gmt: '2026-11-20T10:00:00',
    amount: '79.00',
    reason: REFUND_REASON,
    refunded_by: 1,
    refunded_payment: false,
    meta_data: [],
    line_items: [
      {
        id: id + 1,
        name: line.name,
        product_id: line.product_id,
        variation_id: 0,
        quantity: -1,
        tax_class: '',
        subtotal: '-65.29',
        subtotal_tax: '-13.71',
        total: '-65.29',
        total_tax: '-13.71',
        taxes: [{ id: 1, total: '-13.71', subtotal: '-13.71' }],
        meta_data: [
          {
            id: id + 2,
            key: '_refunded_item_id',
            value: String(line.id),
            display_key: '_refunded_item_id',
            display_value: String(line.id),
          },
        ],
        sku: line.sku,
        price: 65.29,
        image: { id: '', src: '' },
        parent_name: null,
      },
    ],
    shipping_lines: [],
    tax_lines: [
      {
        id: id + 3,
        rate_code: 'ES-IVA-1',
        rate_id: 1,
        label: 'IVA',
        compound: false,
        tax_total: '-13.71',
        shipping_tax_total: '0.00',
        rate_percent: 21,
        meta_data: [],
      },
    ],
    fee_lines: [],
  };
}

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('shop orders in the admin: stores, sync, pending list, order → invoice, import by number', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let woo: WooCommerceStore;
  let admin: Page;
  let watch: PageWatcher;
  let session: Awaited<ReturnType<RunningStack['wordpress']['restSession']>>;
  let pending: OrderRow[] = [];
  // The fake store lists refunds from this array (kept by reference), so the test can add one after the sync.
  const refundsOfOrder: WooJson[] = [];
  const step = testWithScreenshots(() => [admin], { stopAfterFailure: true });

  const adminUrl = (query: string) => `${stack.wordpress.url}/wp-admin/admin.php?${query}`;
  const json = { 'Content-Type': 'application/json' };
  const restGet = async <T>(path: string): Promise<T> => {
    const res = await session.fetch(`/wp-json/cuadra/v1${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  const expectCleanPage = async () => {
    expect(await admin.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    expect(watch.consoleErrors).toEqual([]);
  };

  /** The decisions the service will ask for before invoicing this order (a preview saves nothing). */
  const decisionsNeeded = async (orderId: number): Promise<number> => {
    const res = await session.fetch(`/wp-json/cuadra/v1/orders/${orderId}/invoice-preview`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ decisions: {} }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { missing_decisions: unknown[] }).missing_decisions.length;
  };

  /**
   * Presses the button; when the service asks for decisions, agrees to each one shown and presses it again.
   * Returns how many decisions were shown.
   */
  const createWithDecisions = async (button: string): Promise<number> => {
    await clickButton(admin, button);
    const outcome = await admin.waitForFunction(
      () =>
        new URL(window.location.href).searchParams.get('invoice') ??
        (document.querySelector('.cuadra-order-decisions') ? 'decisions' : false),
      { timeout: 20000 },
    );
    if ((await outcome.jsonValue()) !== 'decisions') return 0;
    const shown = await admin.$$eval('.cuadra-order-decision', (items) => items.length);
    const checkboxes = await admin.$$('.cuadra-order-decisions input[type="checkbox"]');
    for (const box of checkboxes) await box.click();
    const select = await admin.$('.cuadra-order-decisions select');
    if (select) await select.select('0');
    await clickButton(admin, button);
    return shown;
  };

  const openedInvoiceId = async () => {
    const handle = await admin.waitForFunction(() => new URL(window.location.href).searchParams.get('invoice') ?? false, {
      timeout: 20000,
    });
    return Number(await handle.jsonValue());
  };

  beforeAll(async () => {
    [stack, browser, woo] = await Promise.all([
      startStack({ db: 'mariadb', connect: 'constants' }),
      launchBrowser(),
      startWooCommerceStore({ host: '127.0.0.1', refunds: { [REFUNDED_ORDER]: refundsOfOrder } }),
    ]);
    admin = await browser.newPage();
    watch = watchPage(admin);
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await woo?.close();
    await stack?.stop();
  }, 60000);

  step('the company is set up through the REST API and the administrator logs in', async () => {
    session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const company = await session.fetch('/wp-json/cuadra/v1/settings/company', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(COMPANY),
    });
    expect(company.status).toBe(200);
    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
  });

  step('Cuadra → Orders → Stores: a store is added with its keys, which then show as set', async () => {
    await admin.goto(adminUrl('page=cuadra-orders'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('#cuadra-orders-root .cuadra-orders');
    await admin.locator('.page-title-action ::-p-text(Stores)').click();
    await waitForText(admin, /^No stores yet\./);
    await admin.locator('.page-title-action ::-p-text(Add store)').click();
    await fillField(admin, 'Name', 'Tienda de pruebas');
    await fillField(admin, 'Store URL', woo.url);
    await fillField(admin, 'Consumer key', woo.consumerKey);
    await fillField(admin, 'Consumer secret', woo.consumerSecret);
    await clickButton(admin, 'Add store');
    await waitForNotice(admin, /^Store saved\.$/);
    await admin.waitForSelector('.cuadra-store-card');

    const { items } = await restGet<{ items: { consumer_key_set: boolean; consumer_secret_set: boolean }[] }>('/stores');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ consumer_key_set: true, consumer_secret_set: true });
    expect(JSON.stringify(items)).not.toContain(woo.consumerSecret);
    await expectCleanPage();
  });

  step('"Test connection" reports the orders of the store; "Sync now" imports them with progress', async () => {
    await clickButton(admin, 'Test connection');
    await waitForNotice(admin, /^Connected: the store has 25 orders\.$/);
    await clickButton(admin, 'Sync now');
    // The screen polls the store every 2 s while it syncs.
    await admin.waitForFunction(() => document.querySelector('.cuadra-sync--done'), { timeout: 60000 });
    expect(await admin.$eval('.cuadra-sync', (e) => (e as HTMLElement).innerText)).toMatch(/Up to date[\s\S]*25 of 25 orders/);
    await expectCleanPage();
  });

  step('the pending list shows the orders to invoice with their number, customer and total', async () => {
    const page = await restGet<{ items: OrderRow[]; total: number }>('/orders?pending=true&per_page=100');
    pending = page.items;
    expect(page.total).toBeGreaterThan(1);

    await admin.goto(adminUrl('page=cuadra-orders'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-order-table .row-title');
    const rows = await admin.$$eval('.cuadra-order-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
    expect(rows).toHaveLength(Math.min(page.total, 25));
    const first = pending[0]!;
    const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: first.currency }).format(first.total / 100);
    expect(rows.find((row) => row.startsWith(first.number))).toContain(euros);
    expect(rows[0]).toContain('Tienda de pruebas');
    expect(rows[0]).toContain('API');
    await expectCleanPage();
  });

  step('an opened order becomes an invoice draft whose total equals the order total', async () => {
    const order = pending[0]!;
    await admin.goto(adminUrl(`page=cuadra-orders&order=${order.id}`), { waitUntil: 'domcontentloaded' });
    await waitForText(admin, new RegExp(`^Order ${order.number}$`));
    await admin.waitForSelector('.cuadra-order-lines tbody tr');
    const needed = await decisionsNeeded(order.id);
    expect(await createWithDecisions('Create invoice')).toBe(needed);
    const invoiceId = await openedInvoiceId();
    expect(new URL(admin.url()).searchParams.get('page')).toBe('cuadra-invoices');
    const invoice = await restGet<{ totals: { total: number }; currency: string }>(`/invoices/${invoiceId}`);
    expect(invoice.totals.total).toBe(order.total);
    expect((await restGet<OrderRow>(`/orders/${order.id}`)).invoice_id).toBe(invoiceId);
    await expectCleanPage();
  });

  step('"Import from WooCommerce" in a new invoice finds an order by its number and opens the draft made from it', async () => {
    const order = pending[1]!;
    await admin.goto(adminUrl('page=cuadra-invoices&action=new'), { waitUntil: 'domcontentloaded' });
    await clickButton(admin, 'Import an order');
    await fillField(admin, 'Order number', order.number);
    await clickButton(admin, 'Find order');
    await admin.waitForSelector('.cuadra-woo-import__order .cuadra-order-facts__number');
    expect(await admin.$eval('.cuadra-woo-import__order .cuadra-order-facts__number', (e) => e.textContent)).toBe(order.number);
    const needed = await decisionsNeeded(order.id);
    expect(await createWithDecisions('Create the invoice from this order')).toBe(needed);
    const invoiceId = await openedInvoiceId();
    await waitForText(admin, new RegExp(`^Draft invoice #${invoiceId}`));
    await waitForNotice(admin, /^Draft created from the order/);
    const invoice = await restGet<{ totals: { total: number } }>(`/invoices/${invoiceId}`);
    expect(invoice.totals.total).toBe(order.total);
    await expectCleanPage();
  });
  step(
    'an invoiced order that the store then refunds is flagged, and its rectifying draft opens in the invoice editor equal to the refund',
    async () => {
      const [store] = (await restGet<{ items: { id: number }[] }>('/stores')).items;
      const order = await restGet<OrderRow & { refunds_to_rectify: number }>(`/stores/${store!.id}/orders/by-number/${REFUNDED_ORDER}`);
      const post = (path: string, body: unknown) =>
        session.fetch(`/wp-json/cuadra/v1${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
      let invoiceId = order.invoice_id;
      if (invoiceId === null) {
        const draft = await post(`/orders/${order.id}/invoice-draft`, { decisions: ALL_DECISIONS });
        expect(draft.status).toBe(201);
        invoiceId = ((await draft.json()) as { invoice: { id: number } }).invoice.id;
      }
      expect((await post(`/invoices/${invoiceId}/issue`, {})).status).toBe(200);

      // The store refunds the line afterwards; the next sync brings the change (never applied to the issued invoice).
      const wooOrder = woo.orders.get(REFUNDED_ORDER)!;
      refundsOfOrder.push(lineRefund(wooOrder, 9001));
      woo.updateOrder(REFUNDED_ORDER, { refunds: [{ id: 9001, reason: REFUND_REASON, total: '-79.00' }] });
      const requested = Date.now();
      expect((await post(`/stores/${store!.id}/sync`, {})).status).toBe(202);
      const deadline = Date.now() + 60000;
      for (;;) {
        const sync = await restGet<{ state: string; finished_at: string | null }>(`/stores/${store!.id}/sync`);
        if (sync.state === 'done' && sync.finished_at && Date.parse(sync.finished_at) >= requested - 1000) break;
        if (Date.now() > deadline) throw new Error(`The sync did not finish: ${JSON.stringify(sync)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await restGet<{ refunds_to_rectify: number }>(`/orders/${order.id}`)).toMatchObject({ refunds_to_rectify: 1 });

      // The list (all orders, not only those to invoice) flags it.
      await admin.goto(adminUrl(`page=cuadra-orders&show=all&s=${REFUNDED_ORDER}`), { waitUntil: 'domcontentloaded' });
      await admin.waitForSelector('.cuadra-order-table .cuadra-order-refunded');
      const row = await admin.$eval('.cuadra-order-table tbody tr:has(.cuadra-order-refunded)', (tr) => (tr as HTMLElement).innerText);
      expect(row.startsWith(String(REFUNDED_ORDER))).toBe(true);
      expect(row).toContain('Refunded: 1 to rectify');

      // The order shows the refund with its date, amount and reason, and makes the rectifying draft.
      const euros = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100);
      await admin.goto(adminUrl(`page=cuadra-orders&order=${order.id}`), { waitUntil: 'domcontentloaded' });
      await admin.waitForSelector('.cuadra-order-refund[data-refund-id="9001"]');
      const refundRow = await admin.$eval('.cuadra-order-refund[data-refund-id="9001"]', (tr) => (tr as HTMLElement).innerText);
      expect(refundRow).toContain(REFUND_REASON);
      expect(refundRow).toContain(euros(-REFUND_CENTS));
      expect(refundRow).toMatch(/2026/);
      await createWithDecisions('Create rectifying invoice');
      const rectifyingId = await openedInvoiceId();
      expect(rectifyingId).not.toBe(invoiceId);
      expect(new URL(admin.url()).searchParams.get('page')).toBe('cuadra-invoices');
      await admin.waitForSelector('.cuadra-totals-total');
      await admin.waitForFunction(
        (expected: string) => document.querySelector('.cuadra-totals-total')?.textContent?.trim() === expected,
        { timeout: 15000 },
        euros(-REFUND_CENTS),
      );
      const rectifying = await restGet<{
        kind: string;
        status: string;
        totals: { total: number; vat: number };
        rectification: { invoice_id: number } | null;
      }>(`/invoices/${rectifyingId}`);
      expect(rectifying).toMatchObject({ kind: 'R1', status: 'draft', rectification: { invoice_id: invoiceId } });
      expect(rectifying.totals).toMatchObject({ total: -REFUND_CENTS, vat: -1371 });

      // Back on the order: the refund links to its rectifying invoice, and nothing is left to rectify.
      await admin.goto(adminUrl(`page=cuadra-orders&order=${order.id}`), { waitUntil: 'domcontentloaded' });
      await admin.waitForSelector(`.cuadra-order-refund[data-refund-id="9001"] a[href*="invoice=${rectifyingId}"]`);
      expect(await admin.$$('.cuadra-order-refund button')).toHaveLength(0);
      expect(await restGet<{ refunds_to_rectify: number }>(`/orders/${order.id}`)).toMatchObject({ refunds_to_rectify: 0 });
      await expectCleanPage();
    },
  );

  step(
    'a message set aside by the mailbox fallback shows on its store, with its raw source as text (reject seeded in the database)',
    async () => {
      const [store] = (await restGet<{ items: { id: number }[] }>('/stores')).items;
      const raw = [
        'From: Jefa <boss@example.es>',
        'To: tienda@example.es',
        'Subject: ¿Comemos?',
        'Message-ID: <lunch@example.es>',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>¿Libre a la una?</p><img src=x onerror="window.__cuadraInjected = 1"><script>window.__cuadraInjected = 2</script>',
        '',
      ].join('\r\n');
      const db = await mysql.createConnection({ uri: stack.serviceDatabase!.url, charset: 'utf8mb4' });
      try {
        await db.execute(
          `INSERT INTO cuadra_store_mail_rejects
           (store_id, uid_validity, uid, reason, subject, from_address, message_id, raw_size, raw_excerpt, created_at)
         VALUES (?, 1, 1, ?, ?, ?, ?, ?, ?, NOW(3))`,
          [
            store!.id,
            'not_recognised: "¿Comemos?" is not a WooCommerce order e-mail (no order number and items table).',
            '¿Comemos?',
            'Jefa <boss@example.es>',
            '<lunch@example.es>',
            Buffer.byteLength(raw, 'utf8'),
            raw,
          ],
        );
      } finally {
        await db.end();
      }

      await admin.goto(adminUrl('page=cuadra-orders&view=stores'), { waitUntil: 'domcontentloaded' });
      await clickButton(admin, 'Mail not read (1)', 15000);
      await admin.waitForSelector('.cuadra-mail-reject');
      const reject = await admin.$eval('.cuadra-mail-reject', (tr) => (tr as HTMLElement).innerText);
      expect(reject).toContain('Jefa <boss@example.es>');
      expect(reject).toContain('¿Comemos?');
      expect(reject).toContain('Not an order e-mail');
      await clickButton(admin, 'View message');
      await admin.waitForSelector('.cuadra-mail-rejects__raw');
      const shown = await admin.$eval('.cuadra-mail-rejects__raw', (pre) => (pre as HTMLElement).innerText);
      expect(shown).toContain('Subject: ¿Comemos?');
      expect(shown).toContain('<script>window.__cuadraInjected = 2</script>');
      expect(await admin.$$('.cuadra-mail-rejects__raw img, .cuadra-mail-rejects__raw script')).toHaveLength(0);
      expect(await admin.evaluate(() => (window as unknown as { __cuadraInjected?: number }).__cuadraInjected)).toBeUndefined();

      // Dismissed once looked at: off the store's list (this store reads no mailbox, so the section goes).
      await clickButton(admin, 'Dismiss');
      await admin.waitForSelector('.cuadra-mail-rejects', { hidden: true });
      expect((await restGet<{ items: unknown[] }>(`/stores/${store!.id}/mail-rejects`)).items).toEqual([]);
      await expectCleanPage();
    },
  );
});
