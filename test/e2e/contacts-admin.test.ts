// Cuadra → Tickets → Contacts end to end: WordPress 6.1 + the Cuadra plugin + the service on MariaDB,
// driven through Chromium. Two people write through the contact form (delivered as the plugin's queue
// delivers them, signed as the form's system user), one with marketing consent for a list; billing
// staff later enter her as a customer, and she stays one contact. Support staff find her with the
// search, open her and see her ticket (in its department's colour, linked to the ticket) and the
// consent she gave; the other person, a lead, gets her phone corrected (a bad one is named at its
// field), her personal data exported as a file, then erased after a dialog that says invoices are
// kept by law. Support staff without WordPress's own privacy capabilities (export_others_personal_data,
// erase_others_personal_data) see neither button and get 403 from both routes. Staff with only
// cuadra_billing, and subscribers, get nothing from the contact routes.
// CUADRA_E2E_SCREENSHOTS=<dir> also saves a screenshot of each screen there.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { SignedUser } from '../../service/src/http/auth/request-signature';
import {
  clickButton,
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
import { FORM_SUBMITTER, submissionBody } from '../service/support/tickets';
import { PHP_ERROR_IN_PAGE, callService, saveSnapshot } from './support/admin-page';

const SERVICE_AGENT: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_support'] };
const BILLING_AGENT: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_billing'] };
const CONSENT_TEXT = 'Acepto recibir novedades de Ejemplo por correo electrónico.';
const CUSTOMER = {
  legal_name: 'Ana García Estudio SL',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'ana@example.es',
  additional_emails: [],
  phone: '910 000 000',
  payment_terms_days: 30,
};

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('contacts in the WordPress admin: search, one contact with tickets and consent, lead edits, export and erasure', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let admin: Page;
  let watch: PageWatcher;
  let listId = 0;
  let departmentId = 0;
  const ana = { contact: 0, ticket: 0 };
  const bea = { contact: 0, ticket: 0 };
  const step = testWithScreenshots(() => [admin], { stopAfterFailure: true });

  const adminUrl = (query: string) => `${stack.wordpress.url}/wp-admin/admin.php?${query}`;

  const snapshot = (name: string) => saveSnapshot(admin, name);

  const expectCleanPage = async () => {
    expect(await admin.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    expect(watch.consoleErrors).toEqual([]);
  };

  /** Straight to the service, signed as the plugin would sign it. */
  const service = (method: string, pathWithQuery: string, body?: unknown, user: SignedUser = SERVICE_AGENT) =>
    callService(stack.service!, method, pathWithQuery, body, user);

  const listedContacts = async () => {
    await admin.waitForFunction(() => !document.querySelector('.cuadra-contact-table.is-loading'), { timeout: 10000 });
    return admin.$$eval('.cuadra-contact-row', (trs) =>
      trs.map((tr) => ({
        name: (tr.querySelector('.row-title') as HTMLElement).innerText.trim(),
        kind: (tr.querySelector('.cuadra-status-badge') as HTMLElement).innerText.trim(),
      })),
    );
  };

  /** Waits until the list shows exactly these contacts, in this order. */
  const expectListed = async (names: string[]) => {
    const deadline = Date.now() + 10000;
    let shown: string[] = [];
    while (Date.now() < deadline) {
      shown = (await listedContacts()).map((row) => row.name);
      if (JSON.stringify(shown) === JSON.stringify(names)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(shown).toEqual(names);
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startStack({ db: 'mariadb', connect: 'constants', service: { env: { MAIL_FROM: 'Ejemplo <hola@ejemplo.es>' } } }),
      launchBrowser(),
    ]);
    admin = await browser.newPage();
    watch = watchPage(admin);

    listId = (await service('POST', '/lists', { name: 'Novedades', double_opt_in: false })).body.id;
    departmentId = (await service('POST', '/departments', { name: 'Ventas', colour: '#00a32a', contact_user_id: 1, is_default: false }))
      .body.id;
    const deliver = async (email: string, name: string, subject: string, marketing: boolean) => {
      const body = submissionBody({
        department_id: departmentId,
        list_ids: marketing ? [listId] : [],
        fields: { email, name, subject, marketing_consent: marketing },
        consent: { text: CONSENT_TEXT, version: 'web-v3', ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (e2e)' },
      });
      const created = await service('POST', '/contact-submissions', body, FORM_SUBMITTER);
      expect(created.status).toBe(201);
      return { contact: created.body.contact_id as number, ticket: created.body.ticket_id as number };
    };
    Object.assign(ana, await deliver('ana@example.es', 'Ana García', 'Presupuesto para la web', true));
    Object.assign(bea, await deliver('bea@example.es', 'Bea Torres', 'Horario de la tienda', false));
    // Billing staff enter Ana as a customer: the form contact is adopted, not duplicated.
    const customer = await service('POST', '/customers', CUSTOMER, BILLING_AGENT);
    expect(customer).toMatchObject({ status: 201, body: { id: ana.contact } });
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60000);

  step('the Contacts tab of Cuadra → Tickets lists every person once, most recently active first, and searches', async () => {
    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
    await admin.goto(adminUrl('page=cuadra-tickets'), { waitUntil: 'domcontentloaded' });
    await admin.locator('.cuadra-tickets__tabs ::-p-text(Contacts)').click();
    await admin.waitForFunction(() => new URL(window.location.href).searchParams.get('view') === 'contacts');
    await expectListed(['Ana García Estudio SL', 'Bea Torres']);
    expect(await listedContacts()).toEqual([
      { name: 'Ana García Estudio SL', kind: 'Customer' },
      { name: 'Bea Torres', kind: 'Lead' },
    ]);
    await waitForText(admin, /^2 items$/);

    await admin.type('#cuadra-contact-search', 'ana@');
    await clickButton(admin, 'Search contacts');
    await admin.waitForFunction(() => new URL(window.location.href).searchParams.get('s') === 'ana@');
    await expectListed(['Ana García Estudio SL']);

    // The filter lives in the URL too: Ana is a customer, not a lead.
    await fillField(admin, 'Show', 'leads');
    await admin.waitForFunction(() => new URL(window.location.href).searchParams.get('filter') === 'leads');
    await waitForText(admin, /^No contacts match this search\.$/);
    await fillField(admin, 'Show', 'subscribers');
    await expectListed(['Ana García Estudio SL']);
    await snapshot('contacts-search');
    await expectCleanPage();
  });

  step('a contact shows its ticket in its department colour (linked to the ticket) and the consent it gave', async () => {
    await admin.locator('.cuadra-contact-row .row-title').click();
    await admin.waitForSelector('.cuadra-contact');
    expect(new URL(admin.url()).searchParams.get('contact')).toBe(String(ana.contact));
    await waitForText(admin, /^Ana García Estudio SL/);
    expect(await admin.$eval('.cuadra-contact__email', (dd) => (dd as HTMLElement).innerText.trim())).toBe('ana@example.es');
    await waitForText(admin, /^This contact is a customer: its name, phone and billing data are changed in Cuadra → Customers/);
    expect(await admin.$('.cuadra-lead-editor')).toBeNull();

    const ticketRow = await admin.$eval('.cuadra-contact-ticket', (tr) => ({
      title: (tr.querySelector('.row-title') as HTMLAnchorElement).innerText.trim(),
      href: (tr.querySelector('.row-title') as HTMLAnchorElement).href,
      department: (tr.querySelector('.cuadra-department-badge') as HTMLElement).innerText.trim(),
      colour: (tr.querySelector('.cuadra-department-badge') as HTMLElement).dataset.colour,
      status: (tr.querySelector('.cuadra-status-badge') as HTMLElement).innerText.trim(),
    }));
    expect(ticketRow).toMatchObject({
      title: `#${ana.ticket} Presupuesto para la web`,
      department: 'Ventas',
      colour: '#00a32a',
      status: 'New',
    });
    expect(new URL(ticketRow.href).searchParams.get('ticket')).toBe(String(ana.ticket));

    const membership = await admin.$eval('.cuadra-contact-membership', (tr) => (tr as HTMLElement).innerText);
    expect(membership).toContain('Novedades');
    expect(membership).toContain('Subscribed');
    expect(membership).toContain(CONSENT_TEXT);
    expect(membership).toContain('Text version: web-v3');
    expect(membership).toContain('Contact form (post 12)');
    expect(membership).toContain('IP: 203.0.113.7');
    expect(membership).toMatch(/Confirmed /);
    await snapshot('contact-customer');
    await expectCleanPage();

    await admin.locator('.cuadra-contact-ticket .row-title').click();
    await admin.waitForSelector('.cuadra-ticket-screen__title');
    expect(await admin.$eval('.cuadra-ticket-screen__title', (h1) => (h1 as HTMLElement).innerText.trim())).toBe(
      `#${ana.ticket} Presupuesto para la web`,
    );
    await admin.goBack();
    await admin.waitForSelector('.cuadra-contact');
  });

  step('a lead’s phone is corrected by support staff; a bad phone is named at its field', async () => {
    await admin.goto(adminUrl(`page=cuadra-tickets&view=contacts&contact=${bea.contact}`), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-lead-editor');
    await fillField(admin, 'Phone', 'llámame');
    await clickButton(admin, 'Save contact');
    await waitForNotice(admin, /^The contact was not saved\. Correct the fields marked below/);
    expect(await fieldMessage(admin, 'Phone')).toBe('Use digits, spaces and + ( ) . - only.');

    await fillField(admin, 'Phone', '+34 600 111 222');
    await clickButton(admin, 'Save contact');
    await waitForNotice(admin, /^Contact saved\.$/);
    expect((await service('GET', `/contacts/${bea.contact}`)).body).toMatchObject({ phone: '+34 600 111 222', kind: 'lead' });
    expect(await admin.$eval('.cuadra-contact__phone', (dd) => (dd as HTMLElement).innerText.trim())).toBe('+34 600 111 222');
    await expectCleanPage();
  });

  step('support staff without WordPress’s privacy capabilities neither see nor reach export and erasure', async () => {
    // An editor with cuadra_support: a support agent, but not allowed to use WordPress's privacy tools.
    const agent = await stack.wordpress.createUser('agente', 'editor');
    await stack.wordpress.phpEval(`(new WP_User(${agent.id}))->add_cap('cuadra_support');`);
    expect(
      await stack.wordpress.phpJson(
        `$u = new WP_User(${agent.id}); return array($u->has_cap('cuadra_support'), $u->has_cap('export_others_personal_data'), $u->has_cap('erase_others_personal_data'));`,
      ),
    ).toEqual([true, false, false]);

    const session = await stack.wordpress.restSession(agent.login, agent.password);
    expect((await session.fetch(`/wp-json/cuadra/v1/contacts/${bea.contact}`)).status).toBe(200);
    const exported = await session.fetch(`/wp-json/cuadra/v1/contacts/${bea.contact}/personal-data`);
    expect(exported.status).toBe(403);
    expect(await exported.text()).not.toContain('bea@example.es');
    const erase = await session.fetch('/wp-json/cuadra/v1/contacts/erase', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bea@example.es' }),
    });
    expect(erase.status).toBe(403);
    expect((await service('GET', `/contacts/${bea.contact}`)).body).toMatchObject({ email: 'bea@example.es' });

    const context = await browser.newContext();
    try {
      const agentPage = await context.newPage();
      const agentWatch = watchPage(agentPage);
      await loginToWordPress(agentPage, stack.wordpress, agent.login, agent.password);
      await agentPage.goto(adminUrl(`page=cuadra-tickets&view=contacts&contact=${bea.contact}`), { waitUntil: 'domcontentloaded' });
      await agentPage.waitForSelector('.cuadra-contact__privacy');
      // The rest of the contact is there for the agent (the lead editor), only the two buttons are not.
      await agentPage.waitForSelector('.cuadra-lead-editor');
      await waitForText(agentPage, /^Exporting or erasing a person’s personal data is for users allowed to use WordPress’s privacy tools/);
      const buttons = await agentPage.$$eval('.cuadra-contact button', (all) => all.map((b) => (b as HTMLElement).innerText.trim()));
      expect(buttons).not.toContain('Export personal data');
      expect(buttons).not.toContain('Erase personal data');
      expect(agentWatch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }

    // The admin, who has both capabilities, still sees both buttons.
    await admin.reload({ waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-contact__privacy');
    const adminButtons = await admin.$$eval('.cuadra-contact__privacy button', (all) =>
      all.map((b) => (b as HTMLElement).innerText.trim()),
    );
    expect(adminButtons).toEqual(['Export personal data', 'Erase personal data']);
  });

  step('“Export personal data” downloads everything stored about the address as a JSON file', async () => {
    const downloads = mkdtempSync(path.join(os.tmpdir(), 'cuadra-contact-export-'));
    const cdp = await admin.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await clickButton(admin, 'Export personal data');
    const file = path.join(downloads, `contact-${bea.contact}-personal-data.json`);
    const deadline = Date.now() + 15000;
    while (!existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readdirSync(downloads)).toContain(`contact-${bea.contact}-personal-data.json`);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(exported.email).toBe('bea@example.es');
    expect(exported.contacts).toEqual([expect.objectContaining({ id: bea.contact, phone: '+34 600 111 222' })]);
    expect(exported.tickets).toEqual([expect.objectContaining({ id: bea.ticket, subject: 'Horario de la tienda' })]);
    expect(JSON.stringify(exported)).not.toContain('ana@example.es');
    await cdp.detach();
    await expectCleanPage();
  });

  step('erasing asks first and says invoices are kept by law; the lead is then gone and its ticket anonymised', async () => {
    await clickButton(admin, 'Erase personal data');
    await admin.waitForSelector('.cuadra-confirm-dialog');
    await waitForText(admin, /^Invoices are kept, with the customer they name: Spanish law requires keeping them/);
    await snapshot('contact-erase-confirm');
    await admin.locator('.cuadra-confirm-dialog__actions button.is-destructive').click();
    await waitForNotice(admin, /^The personal data of bea@example\.es was erased\.$/);
    expect(new URL(admin.url()).searchParams.get('contact')).toBeNull();
    await expectListed(['Ana García Estudio SL']);

    expect((await service('GET', `/contacts/${bea.contact}`)).status).toBe(404);
    expect((await service('GET', `/tickets/${bea.ticket}`)).body).toMatchObject({ subject: '[erased]', contact: { email: '' } });
    expect((await service('GET', `/contacts/${ana.contact}`)).body.tickets).toHaveLength(1);
    await expectCleanPage();
  });

  step('staff with only cuadra_billing, editors and subscribers get nothing from the contact routes', async () => {
    const bookkeeper = await stack.wordpress.createUser('contable', 'editor');
    await stack.wordpress.phpEval(`(new WP_User(${bookkeeper.id}))->add_cap('cuadra_billing');`);
    const subscriber = await stack.wordpress.createUser('suscriptor', 'subscriber');
    for (const user of [bookkeeper, subscriber]) {
      const session = await stack.wordpress.restSession(user.login, user.password);
      expect((await session.fetch('/wp-json/cuadra/v1/contacts')).status).toBe(403);
      expect((await session.fetch(`/wp-json/cuadra/v1/contacts/${ana.contact}`)).status).toBe(403);
      expect((await session.fetch(`/wp-json/cuadra/v1/contacts/${ana.contact}/personal-data`)).status).toBe(403);
      const json = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };
      expect(
        (await session.fetch(`/wp-json/cuadra/v1/contacts/${ana.contact}`, { ...json, body: JSON.stringify({ name: 'X' }) })).status,
      ).toBe(403);
      const erase = await session.fetch('/wp-json/cuadra/v1/contacts/erase', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ana@example.es' }),
      });
      expect(erase.status).toBe(403);
    }
    // The bookkeeper still has Customers, where Ana's billing data lives.
    const books = await stack.wordpress.restSession(bookkeeper.login, bookkeeper.password);
    expect((await books.fetch(`/wp-json/cuadra/v1/customers/${ana.contact}`)).status).toBe(200);
    // And support staff through WordPress do get the contacts.
    const adminSession = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
    const page = await adminSession.fetch('/wp-json/cuadra/v1/contacts?search=ana');
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ total: 1, items: [{ id: ana.contact, kind: 'customer' }] });
    expect(stack.wordpress.pluginProblems()).toEqual([]);
  });
});
