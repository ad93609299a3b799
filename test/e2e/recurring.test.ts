// Recurring invoices and MRR end to end: WordPress 6.1 + the Cuadra plugin + the service on MariaDB,
// driven through Chromium — a monthly template with a field error first, its next-dates preview,
// the first invoice issued by the service's job, pause and resume with the MRR following, a missing
// tax ID flagged before the date, the Home's MRR card and chart (in Spanish, with the table
// alternative), the Dashboard widget, which only people with cuadra_billing get, and both staying
// readable with the service down.
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
  legal_name: 'Librería Cervantes SL',
  tax_id: '12345678Z',
  address_line: 'Calle de Atocha 12',
  postal_code: '28012',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'compras@cervantes.example',
  additional_emails: [],
  phone: '',
  payment_terms_days: 30,
  notes: '',
};

/** A date in the company's time zone, `days` from today, as YYYY-MM-DD. */
function companyDate(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('recurring invoices and MRR in the admin and on the Dashboard', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let admin: Page;
  let watch: PageWatcher;
  let logMark = 0;
  let templateId = 0;
  const step = testWithScreenshots(() => [admin], { stopAfterFailure: true });

  const adminUrl = (query: string) => `${stack.wordpress.url}/wp-admin/admin.php?${query}`;
  const euros = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100);

  const snapshot = (name: string) => saveSnapshot(admin, name);

  const expectCleanPage = async () => {
    expect(await admin.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    expect(watch.consoleErrors).toEqual([]);
  };

  const textOf = (selector: string) => admin.$eval(selector, (element) => (element as HTMLElement).innerText.trim());

  /** Date and time inputs take typed text in the browser's own format; set them the way React hears it. */
  const setInputValue = async (label: string, value: string) => {
    const field = await fieldByLabel(admin, label);
    await field.evaluate((element, next) => {
      const input = element as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, next);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  };

  /** Picks the first match of the customer picker after typing `text`. */
  const pickCustomer = async (text: string, expected: string) => {
    await fillField(admin, 'Customer', text);
    const option = await admin.waitForFunction(
      (wanted: string) =>
        Array.from(document.querySelectorAll('[role="option"]')).find(
          (o) => o.textContent?.includes(wanted) && o.closest(':not([hidden])'),
        ) ?? false,
      { timeout: 10000 },
      expected,
    );
    await (option as ElementHandle<Element>).click();
  };

  /** The list row of the template, once its MRR cell reads `mrr` (the service issues the first invoice in the background). */
  const waitForListedMrr = async (mrr: string) => {
    const deadline = Date.now() + 20000;
    for (;;) {
      await admin.goto(adminUrl('page=cuadra-recurring'), { waitUntil: 'domcontentloaded' });
      await admin.waitForSelector('.cuadra-template-table .row-title');
      const shown = await textOf('.cuadra-template-row__mrr');
      if (shown === mrr) return;
      if (Date.now() > deadline) throw new Error(`the list shows MRR ${shown}, not ${mrr}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

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

  step('the company and a customer are set up through the REST API and the administrator logs in', async () => {
    const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const json = { 'Content-Type': 'application/json' };
    const company = await session.fetch('/wp-json/cuadra/v1/settings/company', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(COMPANY),
    });
    expect(company.status).toBe(200);
    const customer = await session.fetch('/wp-json/cuadra/v1/customers', { method: 'POST', headers: json, body: JSON.stringify(CUSTOMER) });
    expect(customer.status).toBe(201);
    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
  });

  step('Cuadra → Recurring opens an empty list', async () => {
    await admin.goto(adminUrl('page=cuadra'), { waitUntil: 'domcontentloaded' });
    await Promise.all([
      admin.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      admin.locator('#toplevel_page_cuadra .wp-submenu ::-p-text(Recurring)').click(),
    ]);
    await admin.waitForSelector('#cuadra-recurring-root');
    await waitForText(admin, /^No recurring invoices yet/);
    await expectCleanPage();
  });

  step('an interval of 0 is named at its field; fixed, the next 12 dates are previewed', async () => {
    await admin.locator('.page-title-action ::-p-text(New recurring invoice)').click();
    await fieldByLabel(admin, 'Description, line 1');
    await pickCustomer('Cervantes', CUSTOMER.legal_name);
    await fillField(admin, 'Description, line 1', 'Mantenimiento web');
    await fillField(admin, 'Unit price, line 1', '25,00');
    await clickButton(admin, 'Add line');
    await fillField(admin, 'Description, line 2', 'Alta del servicio');
    await fillField(admin, 'Unit price, line 2', '50');
    await fillField(admin, 'First invoice only, line 2', true);
    await fillField(admin, 'Send each invoice by e-mail', false);
    // Started yesterday: the service issues the first period at once, so it counts towards MRR.
    await setInputValue('First issue date', companyDate(-1));
    await fillField(admin, 'Repeat every', '0');
    await clickButton(admin, 'Save recurring invoice');

    await waitForNotice(admin, /^The recurring invoice was not saved\. Correct the fields marked below/);
    expect(await fieldMessage(admin, 'Repeat every')).toMatch(/at least 1/);
    const invalid = await admin.$$eval('[aria-invalid="true"]', (elements) =>
      elements.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent ?? e.id),
    );
    expect(invalid).toEqual(['Repeat every']);
    expect(new URL(admin.url()).searchParams.get('action')).toBe('new');
    await snapshot('recurring-editor-field-error');

    await fillField(admin, 'Repeat every', '1');
    expect(await fieldMessage(admin, 'Repeat every')).toBe('');
    await admin.waitForFunction(() => document.querySelectorAll('.cuadra-next-dates__list li').length === 12, { timeout: 10000 });
    const dates = await admin.$$eval('.cuadra-next-dates__list time', (times) => times.map((t) => t.getAttribute('datetime')));
    expect(dates[0]).toBe(companyDate(-1));
    expect(dates[1]?.slice(5, 7)).not.toBe(dates[0]?.slice(5, 7));
    // The one-off line is not part of MRR.
    expect(await textOf('.cuadra-next-dates__mrr')).toBe(`Adds ${euros(2500)} to monthly recurring revenue.`);
    await snapshot('recurring-editor-preview');
    watch.badResponses.length = 0;
    await expectCleanPage();
  });

  step('saving stores the template, and the list shows it with its MRR once the first invoice is issued', async () => {
    await clickButton(admin, 'Save recurring invoice');
    await waitForNotice(admin, /^Recurring invoice saved\.$/);
    templateId = Number(new URL(admin.url()).searchParams.get('template'));
    expect(templateId).toBeGreaterThan(0);

    await waitForListedMrr(euros(2500));
    const row = await textOf('.cuadra-template-table tbody tr');
    expect(row).toContain(CUSTOMER.legal_name);
    expect(row).toContain('Monthly');
    expect(row).toContain('Active');
    await snapshot('recurring-list');
    await expectCleanPage();
  });

  step('the editor lists the issued invoice, linked to its invoice screen', async () => {
    await admin.goto(adminUrl(`page=cuadra-recurring&template=${templateId}`), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-template-history a');
    const link = await admin.$eval('.cuadra-template-history a', (a) => ({
      text: (a as HTMLAnchorElement).innerText,
      href: (a as HTMLAnchorElement).href,
    }));
    expect(link.text).toMatch(/^F\d{4}-0001$/);
    expect(link.href).toMatch(/page=cuadra-invoices&invoice=\d+$/);
    expect(await textOf('.cuadra-template-summary__mrr')).toBe(euros(2500));
    await admin.waitForFunction(() => document.querySelectorAll('.cuadra-next-dates__list li').length === 12, { timeout: 10000 });
    await snapshot('recurring-editor-saved');
    await expectCleanPage();
  });

  step('pausing takes its MRR to 0; resuming brings it back', async () => {
    await clickButton(admin, 'Pause');
    await waitForNotice(admin, /^Paused: no invoices are issued/);
    expect(await textOf('.cuadra-template-summary__mrr')).toBe(euros(0));
    await waitForListedMrr(euros(0));
    expect(await textOf('.cuadra-template-table tbody tr')).toContain('Paused');

    await admin.goto(adminUrl(`page=cuadra-recurring&template=${templateId}`), { waitUntil: 'domcontentloaded' });
    await clickButton(admin, 'Resume');
    await waitForNotice(admin, /^Resumed: the next invoice is issued on its date\.$/);
    expect(await textOf('.cuadra-template-summary__mrr')).toBe(euros(2500));
    await waitForListedMrr(euros(2500));
    await expectCleanPage();
  });

  step('a customer without a tax ID is flagged on the list and in the editor before the first date', async () => {
    const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const json = { 'Content-Type': 'application/json' };
    const customer = await session.fetch('/wp-json/cuadra/v1/customers', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...CUSTOMER, legal_name: 'Papelería Sin NIF', tax_id: null, email: 'hola@papeleria.example' }),
    });
    expect(customer.status).toBe(201);
    const { id: customerId } = (await customer.json()) as { id: number };
    const created = await session.fetch('/wp-json/cuadra/v1/recurring-templates', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        customer_id: customerId,
        lines: [{ description: 'Cuota anual', quantity: '1', unit_price: '12000', vat: 21, one_off: false }],
        interval_unit: 'year',
        interval_count: 1,
        anchor_date: companyDate(10),
        anchor_time: '09:00',
        auto_send: false,
      }),
    });
    expect(created.status).toBe(201);
    const { id, problems } = (await created.json()) as { id: number; problems: Array<{ code: string }> };
    expect(problems.length).toBeGreaterThan(0);

    await admin.goto(adminUrl('page=cuadra-recurring&s=Papeler%C3%ADa'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-template-row__problems');
    expect(await textOf('.cuadra-template-row__problems')).toMatch(/tax ID/);
    expect(await textOf('.cuadra-template-table tbody tr')).toContain('Yearly');

    await admin.goto(adminUrl(`page=cuadra-recurring&template=${id}`), { waitUntil: 'domcontentloaded' });
    const warning = await waitForNotice(admin, /^Fix before .+, or the next invoice cannot be issued:/);
    expect(warning).toMatch(/tax ID/);
    await snapshot('recurring-editor-problems');
    await expectCleanPage();
  });

  step('in Spanish, the Home shows the MRR card and the 12-month chart with its table', async () => {
    await stack.wordpress.phpEval("update_user_meta( 1, 'locale', 'es_ES' );");
    await admin.goto(adminUrl('page=cuadra'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-mrr-card__value');
    expect(await textOf('.cuadra-mrr-card__value')).toBe('25,00\u00a0€');
    expect(await textOf('.cuadra-mrr-card__fact--arr dd')).toBe('300,00\u00a0€');
    expect(await textOf('.cuadra-mrr-card__fact--customers dd')).toBe('1');
    expect(await textOf('.cuadra-mrr-card__change')).toMatch(/25,00\u00a0€.*mes pasado/);

    await admin.waitForSelector('.cuadra-mrr-chart__svg');
    const chart = await admin.$eval('.cuadra-mrr-chart__svg', (svg) => ({
      role: svg.getAttribute('role'),
      title: svg.querySelector('title')?.textContent,
      points: svg.querySelectorAll('.cuadra-mrr-chart__point').length,
    }));
    expect(chart.role).toBe('img');
    expect(chart.title).toBeTruthy();
    expect(chart.points).toBe(12);
    // The table is there for screen readers all along, and shown on request.
    expect(await admin.$$eval('.cuadra-mrr-chart__table tbody tr', (rows) => rows.length)).toBe(12);
    await snapshot('home-mrr-chart-es');
    await clickButton(admin, 'Mostrar como tabla');
    await admin.waitForSelector('.cuadra-mrr-chart__table-wrap:not(.screen-reader-text)');
    const lastRow = await admin.$$eval('.cuadra-mrr-chart__table tbody tr', (rows) => (rows[rows.length - 1] as HTMLElement).innerText);
    expect(lastRow).toContain('25,00\u00a0€');
    expect(await textOf('.cuadra-upcoming')).toContain(CUSTOMER.legal_name);
    await snapshot('home-mrr-es');
    await expectCleanPage();
  });

  step('the Dashboard widget shows the MRR to the administrator and not to a subscriber', async () => {
    await admin.goto(`${stack.wordpress.url}/wp-admin/index.php`, { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('#cuadra_mrr');
    expect(await textOf('#cuadra_mrr .cuadra-mrr-widget__value')).toMatch(/25,00\u00a0€$/);
    expect(await textOf('#cuadra_mrr')).toContain('300,00\u00a0€');
    expect(await admin.$eval('#cuadra_mrr .cuadra-mrr-widget__link a', (a) => (a as HTMLAnchorElement).href)).toMatch(
      /admin\.php\?page=cuadra$/,
    );
    await snapshot('dashboard-widget');
    await expectCleanPage();

    const subscriber = await stack.wordpress.createUser('suscriptora', 'subscriber');
    const context = await browser.newContext();
    const page = await context.newPage();
    await loginToWordPress(page, stack.wordpress, subscriber.login, subscriber.password);
    await page.goto(`${stack.wordpress.url}/wp-admin/index.php`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#dashboard-widgets');
    expect(await page.$('#cuadra_mrr')).toBeNull();
    await context.close();
  });

  step('the REST proxy checks cuadra_billing on the recurring and MRR routes', async () => {
    const editor = await stack.wordpress.createUser('redactora', 'editor');
    const other = await stack.wordpress.restSession(editor.login, editor.password);
    for (const route of [
      '/recurring-templates',
      `/recurring-templates/${templateId}`,
      '/recurring-templates/upcoming',
      '/mrr/summary',
      '/mrr/history',
    ]) {
      expect([route, (await other.fetch(`/wp-json/cuadra/v1${route}`)).status]).toEqual([route, 403]);
    }
    const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const history = await session.fetch('/wp-json/cuadra/v1/mrr/history?months=3');
    expect(history.status).toBe(200);
    expect(((await history.json()) as { months: unknown[] }).months).toHaveLength(3);
  });

  step('with the service stopped, the widget and the Home say so instead of failing', async () => {
    await stack.service!.stop();
    await admin.goto(`${stack.wordpress.url}/wp-admin/index.php`, { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('#cuadra_mrr .cuadra-mrr-widget__unavailable');
    expect(await textOf('#cuadra_mrr .cuadra-mrr-widget__unavailable')).toMatch(/servicio de Cuadra/);
    await admin.goto(adminUrl('page=cuadra'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-mrr-card .components-notice');
    await admin.waitForSelector('.cuadra-mrr-chart .components-notice');
    await snapshot('home-service-down');
    await expectCleanPage();
  });

  step('the debug log holds no PHP problem caused while the suite ran', async () => {
    expect(stack.wordpress.pluginProblems()).toEqual([]);
    expect(stack.wordpress.phpProblems({ since: logMark })).toEqual([]);
  });
});
