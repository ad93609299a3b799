// The walking skeleton end to end: WordPress 6.1 + the Cuadra plugin + the service on MariaDB,
// driven through Chromium the way an administrator would.
import type { Page } from 'puppeteer-core';
import { signRequest } from '../../service/src/http/auth/request-signature';
import {
  clickButton,
  fieldByLabel,
  fieldMessage,
  fieldValue,
  fillField,
  launchBrowser,
  loginToWordPress,
  requireAll,
  requirements,
  startStack,
  testWithScreenshots,
  waitForNotice,
  watchPage,
  type PageWatcher,
  type RunningStack,
  type TestBrowser,
} from '../harness';
import { PHP_ERROR_IN_PAGE } from './support/admin-page';

// A valid CIF: B + 1234567 + control digit 4 (even positions 2+4+6 = 12; odd positions doubled
// with digits summed 2+6+1+5 = 14; 26 → (10 - 6) % 10 = 4).
const COMPANY = {
  'Legal name': 'Ejemplo Servicios SL',
  'Trade name': 'Ejemplo',
  'Tax ID (NIF/CIF/NIE)': 'B12345674',
  Address: 'Calle Mayor 1',
  'Postal code': '28013',
  City: 'Madrid',
  Province: 'Madrid',
  Country: 'ES',
  'E-mail': 'facturas@example.es',
  Phone: '+34 910 000 000',
  'Default currency': 'EUR',
  // Not the default, so the test proves a changed select is saved.
  'Time zone': 'Atlantic/Canary',
} as const;
const INVALID_CIF = 'B12345670';

// Text that means a PHP problem reached the page, whatever WP_DEBUG_DISPLAY says.
// What "plain words" must not look like: transport jargon or internals.
const JARGON = /cURL error|WP_Error|Stack trace|Exception|ECONNREFUSED|errno/i;

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('walking skeleton: WordPress + plugin + service', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let admin: Page;
  let adminWatch: PageWatcher;
  let subscriberPage: Page | undefined;
  let logMark = 0;
  // Each step builds on the previous one: after a failure the rest fail at once, pointing at the first.
  const step = testWithScreenshots(() => [admin, subscriberPage], { stopAfterFailure: true });

  const adminUrl = (query: string) => `${stack.wordpress.url}/wp-admin/admin.php?${query}`;

  /** The company settings as the service itself holds them (the source of truth). */
  const companyOnService = async (): Promise<Record<string, unknown>> => {
    const service = stack.service!;
    const headers = signRequest({
      secret: service.secret,
      method: 'GET',
      pathWithQuery: '/settings/company',
      user: { id: 1, login: 'admin', caps: ['cuadra_manage'] },
    });
    const response = await fetch(`${service.url}/settings/company`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  const expectCleanPage = async (page: Page, watcher: PageWatcher) => {
    expect(await page.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    expect(watcher.consoleErrors).toEqual([]);
  };

  const openSettings = async () => {
    await admin.goto(adminUrl('page=cuadra-settings'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('#cuadra-settings-root');
  };

  beforeAll(async () => {
    // The plugin starts unconfigured: this suite connects it through the Settings screen.
    // CUADRA_E2E_SERVICE_DB=sqlite only for local debugging; the suite is about MariaDB.
    const db = process.env.CUADRA_E2E_SERVICE_DB === 'sqlite' ? 'sqlite' : 'mariadb';
    [stack, browser] = await Promise.all([startStack({ db, connect: 'none' }), launchBrowser()]);
    logMark = stack.wordpress.debugLogMark();
    admin = await browser.newPage();
    adminWatch = watchPage(admin);
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60000);

  step('the administrator logs in and sees the Cuadra node in the admin bar', async () => {
    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
    expect(await admin.$('#wp-admin-bar-cuadra')).not.toBeNull();
  });

  step('Cuadra → Settings is reached through the admin menu', async () => {
    await Promise.all([admin.waitForNavigation({ waitUntil: 'domcontentloaded' }), admin.click('#toplevel_page_cuadra > a')]);
    await admin.waitForSelector('#cuadra-home-root');
    expect(await admin.$('#wp-admin-bar-cuadra')).not.toBeNull();
    await Promise.all([
      admin.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      admin.locator('#toplevel_page_cuadra .wp-submenu ::-p-text(Settings)').click(),
    ]);
    expect(new URL(admin.url()).searchParams.get('page')).toBe('cuadra-settings');
    await admin.waitForSelector('#cuadra-settings-root');
    await fieldByLabel(admin, 'Service URL');
    await expectCleanPage(admin, adminWatch);
  });

  step('the connection is saved and checked: "Connected…"', async () => {
    await fillField(admin, 'Service URL', stack.service!.url);
    await fillField(admin, 'Shared secret', stack.service!.secret);
    await clickButton(admin, 'Save connection');
    await waitForNotice(admin, /^Connection settings saved/);
    await clickButton(admin, 'Check connection');
    await waitForNotice(admin, /^Connected/);
    await expectCleanPage(admin, adminWatch);
  });

  step('a valid Spanish company is saved and shown again after a reload', async () => {
    // The Company panel loaded before the connection existed; it offers to load again.
    const retry = await admin.$('::-p-aria([name="Try again"][role="button"])');
    if (retry) await retry.click();
    for (const [label, value] of Object.entries(COMPANY)) await fillField(admin, label, value);
    await clickButton(admin, 'Save company settings');
    await waitForNotice(admin, /^Company settings saved\.$/);

    await admin.reload({ waitUntil: 'domcontentloaded' });
    await fieldByLabel(admin, 'Legal name');
    for (const [label, value] of Object.entries(COMPANY)) expect([label, await fieldValue(admin, label)]).toEqual([label, value]);

    expect(await companyOnService()).toMatchObject({
      configured: true,
      legal_name: 'Ejemplo Servicios SL',
      tax_id: 'B12345674',
      postal_code: '28013',
      country_code: 'ES',
      timezone: 'Atlantic/Canary',
    });
    await expectCleanPage(admin, adminWatch);
  });

  step('an invalid NIF shows a message at the field and nothing is saved', async () => {
    const before = await companyOnService();
    const helpBefore = await fieldMessage(admin, 'Tax ID (NIF/CIF/NIE)');
    await fillField(admin, 'Tax ID (NIF/CIF/NIE)', INVALID_CIF);
    await fillField(admin, 'Legal name', 'Otro Nombre SL');
    await clickButton(admin, 'Save company settings');

    await admin.waitForFunction(
      (label: string) => {
        const control = Array.from(document.querySelectorAll('label')).find((l) => l.textContent?.trim() === label)?.control;
        return control?.getAttribute('aria-invalid') === 'true';
      },
      { timeout: 15000 },
      'Tax ID (NIF/CIF/NIE)',
    );
    const message = await fieldMessage(admin, 'Tax ID (NIF/CIF/NIE)');
    expect(message).not.toBe(helpBefore);
    expect(message).toMatch(/valid/i);
    expect(await admin.evaluate(() => document.body.innerText)).not.toContain('Company settings saved.');

    const after = await companyOnService();
    expect(after).toEqual(before);
    await admin.reload({ waitUntil: 'domcontentloaded' });
    expect(await fieldValue(admin, 'Tax ID (NIF/CIF/NIE)')).toBe('B12345674');
    expect(await fieldValue(admin, 'Legal name')).toBe('Ejemplo Servicios SL');
    await expectCleanPage(admin, adminWatch);
  });

  step('a subscriber gets 403 from the company settings route', async () => {
    const subscriber = await stack.wordpress.createUser('suscriptora', 'subscriber');
    const context = await browser.newContext();
    subscriberPage = await context.newPage();
    await loginToWordPress(subscriberPage, stack.wordpress, subscriber.login, subscriber.password);
    await subscriberPage.goto(`${stack.wordpress.url}/wp-admin/admin-ajax.php?action=rest-nonce`);
    const nonce = (await subscriberPage.evaluate(() => document.body.innerText)).trim();
    expect(nonce).toMatch(/^[0-9a-f]{10}$/);
    const status = await subscriberPage.evaluate(async (n: string) => {
      const response = await fetch('/wp-json/cuadra/v1/settings/company', { headers: { 'X-WP-Nonce': n } });
      return response.status;
    }, nonce);
    expect(status).toBe(403);
    // And nobody at all: 401.
    expect((await fetch(`${stack.wordpress.url}/wp-json/cuadra/v1/settings/company`)).status).toBe(401);
    await context.close();
    subscriberPage = undefined;
  });

  step('a wrong secret makes Check connection explain the secret', async () => {
    await openSettings();
    await fieldByLabel(admin, 'Service URL');
    await fillField(admin, 'Shared secret', 'not-the-secret-the-service-uses-0123456789abcdef');
    await clickButton(admin, 'Save connection');
    await waitForNotice(admin, /^Connection settings saved/);
    await clickButton(admin, 'Check connection');
    const explanation = await waitForNotice(admin, /secret/i);
    expect(explanation).not.toMatch(/^Connected/);
    expect(explanation).not.toMatch(JARGON);

    // Put the right secret back; saving forgets the cached health, so the next page asks the service again.
    await fillField(admin, 'Shared secret', stack.service!.secret);
    await clickButton(admin, 'Save connection');
    await waitForNotice(admin, /^Connection settings saved/);
    await expectCleanPage(admin, adminWatch);
  });

  step('with the service stopped, Cuadra pages say so in plain words, without PHP errors', async () => {
    await stack.service!.stop();
    for (const query of ['page=cuadra', 'page=cuadra-settings']) {
      await admin.goto(adminUrl(query), { waitUntil: 'domcontentloaded' });
      const notice = await admin.waitForSelector('.notice-error', { timeout: 15000 });
      const text = ((await notice!.evaluate((e) => (e as HTMLElement).innerText)) ?? '').trim();
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(JARGON);
      expect(await admin.content()).not.toMatch(PHP_ERROR_IN_PAGE);
      expect(await admin.$('#wp-admin-bar-cuadra')).not.toBeNull();
    }
    expect(adminWatch.consoleErrors).toEqual([]);
  });

  step('the debug log holds no PHP problem caused while the suite ran', async () => {
    expect(stack.wordpress.pluginProblems()).toEqual([]);
    expect(stack.wordpress.phpProblems({ since: logMark })).toEqual([]);
  });
});
