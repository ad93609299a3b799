// Shop orders in the admin end to end: WordPress + the Cuadra plugin + the service on MariaDB, driven
// through Chromium, against a fake WooCommerce store (test/harness/woocommerce-store.ts: the real
// fixtures' orders behind real OAuth 1.0a checks). A store is added in Cuadra → Orders → Stores, its
// connection tested and synced; the pending orders appear in the list; one becomes an invoice whose
// total equals the order's (answering the decisions the service asks for); another is imported by its
// number from the invoice editor.
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
import { startWooCommerceStore, type WooCommerceStore } from '../harness/woocommerce-store';

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

const PHP_ERROR_IN_PAGE = /(Fatal error|Parse error|Warning|Notice|Deprecated)<\/b>:|There has been a critical error/;

interface OrderRow {
  id: number;
  number: string;
  total: number;
  currency: string;
  invoice_id: number | null;
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
      startWooCommerceStore({ host: '127.0.0.1' }),
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
});
