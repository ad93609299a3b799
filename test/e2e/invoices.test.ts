// Invoicing end to end: WordPress 6.1 + the Cuadra plugin + the service on MariaDB, driven through
// Chromium the way a bookkeeper would — a customer, a draft with two IVA rates, issuing with its
// number and VERI*FACTU fingerprint, a field error on a bad line, and the chain check.
// CUADRA_E2E_SCREENSHOTS=<dir> also saves a screenshot of each screen there.
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  clickButton,
  fieldByLabel,
  fieldMessage,
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
import { PHP_ERROR_IN_PAGE, saveSnapshot } from './support/admin-page';

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

// 12345678 mod 23 = 14 → Z: a valid NIF.
const CUSTOMER = {
  'Legal name': 'Librería Cervantes SL',
  'Tax ID': '12345678Z',
  Address: 'Calle de Atocha 12',
  'Postal code': '28012',
  City: 'Madrid',
  Province: 'Madrid',
  'E-mail': 'compras@cervantes.example',
} as const;

// 2 × 100,00 € at 21 % and 3 × 9,99 € at 10 %: bases 200,00 + 29,97; IVA 42,00 + 3,00 (2,997 rounded per rate).
const EXPECTED_TOTALS = { base: 22997, vat: 4500, total: 27497 };

/** The year of "today" in the company's time zone, which numbers the invoice. */
function companyYear(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY.timezone, year: 'numeric' }).format(new Date());
}

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('invoices: customers, drafts, issuing and the VERI*FACTU chain in the admin', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let admin: Page;
  let watch: PageWatcher;
  let logMark = 0;
  let draftId = 0;
  const step = testWithScreenshots(() => [admin], { stopAfterFailure: true });

  const adminUrl = (query: string) => `${stack.wordpress.url}/wp-admin/admin.php?${query}`;

  const snapshot = (name: string) => saveSnapshot(admin, name);

  const expectCleanPage = async () => {
    expect(await admin.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    expect(watch.consoleErrors).toEqual([]);
  };

  /** What the service itself holds for an invoice, through the plugin's REST proxy. */
  const invoiceFromRest = async (id: number) => {
    const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const response = await session.fetch(`/wp-json/cuadra/v1/invoices/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as {
      status: string;
      number: string | null;
      totals: Record<string, number>;
      lines: Array<{ description: string; quantity: string; unit_price: string; vat: unknown }>;
    };
  };

  /** Picks the first match of the customer picker labelled `label` after typing `text`. */
  const pickCustomer = async (label: string, text: string, expected: string) => {
    await fillField(admin, label, text);
    const option = await admin.waitForFunction(
      (wanted: string) =>
        Array.from(document.querySelectorAll('[role="option"]')).find(
          (o) => o.textContent?.includes(wanted) && o.closest(':not([hidden])'),
        ) ?? false,
      { timeout: 10000 },
      expected,
    );
    await (option as ElementHandle<Element>).click();
    await admin.waitForFunction(
      (wanted: string) => Array.from(document.querySelectorAll<HTMLInputElement>('input[role="combobox"]')).some((i) => i.value === wanted),
      { timeout: 5000 },
      expected,
    );
  };

  const textOf = (selector: string) => admin.$eval(selector, (element) => (element as HTMLElement).innerText.trim());

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ db: 'mariadb', connect: 'constants' }), launchBrowser()]);
    logMark = stack.wordpress.debugLogMark();
    admin = await browser.newPage();
    watch = watchPage(admin);
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60000);

  step('the company is set up through the REST API and the administrator logs in', async () => {
    const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const saved = await session.fetch('/wp-json/cuadra/v1/settings/company', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(COMPANY),
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ configured: true, tax_id: 'B12345674' });
    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
  });

  step('a customer is added under Cuadra → Customers', async () => {
    await admin.goto(adminUrl('page=cuadra'), { waitUntil: 'domcontentloaded' });
    await Promise.all([
      admin.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      admin.locator('#toplevel_page_cuadra .wp-submenu ::-p-text(Customers)').click(),
    ]);
    await admin.waitForSelector('#cuadra-customers-root');
    await waitForText(admin, /No customers yet/);
    await admin.locator('.page-title-action ::-p-text(Add customer)').click();
    for (const [label, value] of Object.entries(CUSTOMER)) await fillField(admin, label, value);
    await fillField(admin, 'Payment terms (days)', '30');
    await snapshot('customer-editor');
    await clickButton(admin, 'Add customer');
    await waitForNotice(admin, /^Customer added\.$/);
    expect(new URL(admin.url()).searchParams.get('customer')).toMatch(/^\d+$/);

    await admin.locator('::-p-text(← Back to customers)').click();
    await admin.waitForSelector('.cuadra-customer-table .row-title');
    expect(await textOf('.cuadra-customer-table tbody')).toContain('12345678Z');
    await snapshot('customer-list');
    await expectCleanPage();
  });

  step('a draft with lines at 21 % and 10 % is saved and shows the service totals', async () => {
    await Promise.all([
      admin.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      admin.locator('#toplevel_page_cuadra .wp-submenu ::-p-text(Invoices)').click(),
    ]);
    await admin.waitForSelector('#cuadra-invoices-root');
    await waitForText(admin, /No invoices yet/);
    await admin.locator('.page-title-action ::-p-text(New invoice)').click();
    await fieldByLabel(admin, 'Description, line 1');

    await pickCustomer('Customer', 'Cervantes', CUSTOMER['Legal name']);
    await fillField(admin, 'Description, line 1', 'Consultoría de facturación');
    await fillField(admin, 'Quantity, line 1', '2');
    await fillField(admin, 'Unit price, line 1', '100,00');
    await clickButton(admin, 'Add line');
    await fillField(admin, 'Description, line 2', 'Manual de VERI*FACTU');
    await fillField(admin, 'Quantity, line 2', '3');
    await fillField(admin, 'Unit price, line 2', '9.99');
    await fillField(admin, 'IVA, line 2', '10');
    // The estimate is there before saving, and labelled as such.
    await waitForText(admin, /^Estimate\. Save the draft/);
    await snapshot('invoice-editor-estimate');

    await clickButton(admin, 'Save draft');
    await waitForNotice(admin, /^Draft saved\.$/);
    draftId = Number(new URL(admin.url()).searchParams.get('invoice'));
    expect(draftId).toBeGreaterThan(0);
    expect(await admin.$('.cuadra-invoice-totals--estimate')).toBeNull();

    const onService = await invoiceFromRest(draftId);
    expect(onService).toMatchObject({ status: 'draft', number: null });
    expect(onService.totals).toMatchObject(EXPECTED_TOTALS);
    // "100,00" and "9.99" both reached the service as minor units.
    expect(onService.lines.map((l) => [l.description, l.quantity, l.unit_price, l.vat])).toEqual([
      ['Consultoría de facturación', '2', '10000', 21],
      ['Manual de VERI*FACTU', '3', '999', 10],
    ]);
    const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    expect(await textOf('.cuadra-totals-base')).toBe(money(EXPECTED_TOTALS.base));
    expect(await textOf('.cuadra-totals-vat')).toBe(money(EXPECTED_TOTALS.vat));
    expect(await textOf('.cuadra-totals-total')).toBe(money(EXPECTED_TOTALS.total));
    await snapshot('invoice-editor-saved');
    await expectCleanPage();
  });

  step('issuing asks first, then shows the number and the VERI*FACTU fingerprint', async () => {
    await clickButton(admin, 'Issue invoice');
    await admin.waitForSelector('.cuadra-confirm-dialog');
    expect(await textOf('.cuadra-confirm-dialog')).toMatch(/cannot be reused/);
    await snapshot('invoice-issue-confirm');
    await clickButton(admin, 'Yes, issue invoice');

    const number = `F${companyYear()}-0001`;
    await waitForText(admin, new RegExp(`^Invoice ${number}$`));
    await waitForNotice(admin, new RegExp(`^Invoice ${number} issued\\.$`));
    expect(await textOf('.cuadra-verifactu__fingerprint')).toMatch(/^[0-9A-F]{64}$/);
    const qr = await admin.$eval('.cuadra-verifactu__qr', (a) => (a as HTMLAnchorElement).href);
    expect(qr).toMatch(/^https:\/\/.+\?.*nif=B12345674/i);
    expect(await textOf('.cuadra-status-badge')).toBe('Issued');
    expect(await textOf('.cuadra-totals-total')).toMatch(/274\.97/);
    expect(await invoiceFromRest(draftId)).toMatchObject({ status: 'issued', number });
    await snapshot('invoice-detail');
    await expectCleanPage();
  });

  step('the issued invoice downloads as a PDF through WordPress, and a forged nonce is refused', async () => {
    const href = await admin.$eval('.cuadra-invoice-delivery a', (a) => (a as HTMLAnchorElement).href);
    expect(href).toMatch(/admin-post\.php\?action=cuadra_invoice_pdf&_wpnonce=\w+&id=\d+$/);
    const pdf = await admin.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
        size: bytes.length,
      };
    }, href);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf', head: '%PDF-' });
    expect(pdf.size).toBeGreaterThan(5000);
    // Without the nonce WordPress refuses.
    const forged = await admin.evaluate(
      async (url) => (await fetch(url, { credentials: 'same-origin' })).status,
      href.replace(/_wpnonce=\w+/, '_wpnonce=0'),
    );
    expect(forged).toBe(403);
  });

  step('a negative quantity on an ordinary invoice is named next to that line', async () => {
    await admin.goto(adminUrl('page=cuadra-invoices&action=new'), { waitUntil: 'domcontentloaded' });
    await fieldByLabel(admin, 'Description, line 1');
    await pickCustomer('Customer', '12345678', CUSTOMER['Legal name']);
    await fillField(admin, 'Description, line 1', 'Consultoría');
    await fillField(admin, 'Unit price, line 1', '50');
    await clickButton(admin, 'Add line');
    await fillField(admin, 'Description, line 2', 'Devolución');
    await fillField(admin, 'Quantity, line 2', '-1');
    await fillField(admin, 'Unit price, line 2', '10');
    await clickButton(admin, 'Save draft');

    await waitForNotice(admin, /^The draft was not saved\. Correct the fields marked below/);
    await admin.waitForFunction(() => document.querySelectorAll('[aria-invalid="true"]').length > 0, { timeout: 10000 });
    expect(await fieldMessage(admin, 'Quantity, line 2')).toMatch(/Negative quantities are only allowed on rectifying invoices/);
    expect(await fieldMessage(admin, 'Quantity, line 1')).toBe('');
    const invalid = await admin.$$eval('[aria-invalid="true"]', (elements) => elements.map((e) => e.getAttribute('aria-label') ?? e.id));
    expect(invalid).toHaveLength(1);
    // Nothing was created.
    expect(new URL(admin.url()).searchParams.get('action')).toBe('new');
    await snapshot('invoice-editor-field-error');
    // The 422 is the expected answer here; the page itself stays clean.
    watch.badResponses.length = 0;
    await expectCleanPage();
  });

  step('the list shows the issued invoice, its totals, and an intact VERI*FACTU chain', async () => {
    await admin.goto(adminUrl('page=cuadra-invoices'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-invoice-table .row-title');
    const rows = await admin.$$eval('.cuadra-invoice-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`F${companyYear()}-0001`);
    expect(rows[0]).toContain(CUSTOMER['Legal name']);
    expect(await textOf('.cuadra-sum-total')).toMatch(/274\.97/);

    await clickButton(admin, 'Verify VERI*FACTU chain');
    await waitForNotice(admin, /^Chain intact \(1 record\)\.$/);
    await snapshot('invoice-list');

    // Filters reach the service: no paid invoices yet.
    await fillField(admin, 'Status', 'paid');
    await clickButton(admin, 'Filter');
    await waitForText(admin, /^No invoices match these filters\.$/);
    expect(new URL(admin.url()).searchParams.get('status')).toBe('paid');
    await expectCleanPage();
  });

  step('in Spanish the screen is translated and money reads "274,97 €"', async () => {
    await stack.wordpress.phpEval("update_user_meta( 1, 'locale', 'es_ES' );");
    await admin.goto(adminUrl('page=cuadra-invoices'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-invoice-table .row-title');
    await waitForText(admin, /^Facturas$/);
    expect(await textOf('.cuadra-sum-total')).toBe('274,97\u00a0€');
    expect(await textOf('.cuadra-status-badge')).toBe('Emitida');
    await snapshot('invoice-list-es');
    await expectCleanPage();
  });

  step('Rectify opens an R1 draft by differences; issuing it marks the original as rectified', async () => {
    await stack.wordpress.phpEval("delete_user_meta( 1, 'locale' );");
    await admin.goto(adminUrl(`page=cuadra-invoices&invoice=${draftId}`), { waitUntil: 'domcontentloaded' });
    await clickButton(admin, 'Rectify');
    await waitForText(admin, /^New invoice$/);
    expect(await admin.$eval('.cuadra-field--kind select', (e) => (e as HTMLSelectElement).value)).toBe('R1');
    expect(await admin.$eval('input[role="combobox"]', (e) => (e as HTMLInputElement).value)).toBe(CUSTOMER['Legal name']);
    await admin.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLInputElement>('input[role="combobox"]')).some((i) => /^F\d{4}-0001$/.test(i.value)),
    );
    expect(await fieldByLabel(admin, 'Quantity, line 1').then((f) => f.evaluate((e) => (e as HTMLInputElement).value))).toBe('-2');
    // Only the books are returned: drop the first line.
    await clickButton(admin, 'Remove line 1');
    await fillField(admin, 'Reason for the rectification', 'Devolución de los manuales');
    await clickButton(admin, 'Save draft');
    await waitForNotice(admin, /^Draft saved\.$/);
    expect(await textOf('.cuadra-totals-total')).toBe('-€32.97');
    await snapshot('invoice-editor-rectifying');

    await clickButton(admin, 'Issue invoice');
    await clickButton(admin, 'Yes, issue invoice');
    await waitForText(admin, new RegExp(`^Invoice R${companyYear()}-0001$`));
    await waitForText(admin, new RegExp(`^Rectifies F${companyYear()}-0001 · By differences · Devolución de los manuales$`));
    expect(await invoiceFromRest(draftId)).toMatchObject({ status: 'rectified' });
    await expectCleanPage();
  });

  step('cancelling asks first and adds a VERI*FACTU cancellation record to the intact chain', async () => {
    await clickButton(admin, 'Cancel invoice');
    await clickButton(admin, 'Yes, cancel invoice');
    await waitForNotice(admin, /^Invoice cancelled\.$/);
    expect(await textOf('.cuadra-status-badge')).toBe('Cancelled');
    await admin.goto(adminUrl('page=cuadra-invoices'), { waitUntil: 'domcontentloaded' });
    await clickButton(admin, 'Verify VERI*FACTU chain');
    await waitForNotice(admin, /^Chain intact \(3 records\)\.$/);
    await expectCleanPage();
  });

  step('the REST proxy passes 204 through, forwards queries and checks cuadra_billing', async () => {
    const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const created = await session.fetch('/wp-json/cuadra/v1/invoices', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'F2', lines: [{ description: 'Café', quantity: '1', unit_price: '150', vat: 10 }] }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const deleted = await session.fetch(`/wp-json/cuadra/v1/invoices/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await session.fetch(`/wp-json/cuadra/v1/invoices/${id}`)).status).toBe(404);

    const drafts = await session.fetch('/wp-json/cuadra/v1/invoices?status=cancelled&per_page=5');
    expect(await drafts.json()).toMatchObject({ total: 1, per_page: 5, items: [{ number: `R${companyYear()}-0001` }] });
    const immutable = await session.fetch(`/wp-json/cuadra/v1/invoices/${draftId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'F1', lines: [{ description: 'Otra cosa', quantity: '1', unit_price: '100', vat: 21 }] }),
    });
    expect(immutable.status).toBe(409);
    expect(await immutable.json()).toMatchObject({ errors: [{ code: 'INVOICE_IMMUTABLE' }] });

    const editor = await stack.wordpress.createUser('redactora', 'editor');
    const other = await stack.wordpress.restSession(editor.login, editor.password);
    for (const route of ['/customers', '/invoices', `/invoices/${draftId}`, '/verifactu/chain']) {
      expect([route, (await other.fetch(`/wp-json/cuadra/v1${route}`)).status]).toEqual([route, 403]);
    }
    expect((await fetch(`${stack.wordpress.url}/wp-json/cuadra/v1/invoices`)).status).toBe(401);
  });

  step('a new invoice series is added under Settings, with its field errors in place', async () => {
    await admin.goto(adminUrl('page=cuadra-settings'), { waitUntil: 'networkidle0' });
    await fillField(admin, 'Code', 'W');
    await fillField(admin, 'Prefix', 'WEB-');
    await clickButton(admin, 'Add series');
    await admin.waitForSelector('.cuadra-series-panel .cuadra-field-error');
    expect(await textOf('.cuadra-series-panel .cuadra-field-error')).toMatch(/\{YYYY\}/);
    await fillField(admin, 'Prefix', 'WEB-{YYYY}-');
    await clickButton(admin, 'Add series');
    await waitForNotice(admin, /^Series W added\.$/);
    expect(await textOf('.cuadra-series-table')).toContain(`WEB-${companyYear()}-0001`);
    await expectCleanPage();
  });

  step('the debug log holds no PHP problem caused while the suite ran', async () => {
    expect(stack.wordpress.pluginProblems()).toEqual([]);
    expect(stack.wordpress.phpProblems({ since: logMark })).toEqual([]);
  });
});
