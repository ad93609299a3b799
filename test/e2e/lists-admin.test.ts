// Cuadra → Tickets → Lists end to end: WordPress 6.1 + the Cuadra plugin + the service on MariaDB,
// driven through Chromium. A list is created (a missing name is named at its field), a contact is
// added with the consent they gave and shows as pending (double opt-in), the CSV export downloads
// through admin-post.php (nonce + cuadra_support) with the consent data, the contact is unsubscribed
// after a confirm dialog and cannot be added back (409 explained); editors and subscribers get nothing.
// CUADRA_E2E_SCREENSHOTS=<dir> also saves a screenshot of each screen there.
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
import { PHP_ERROR_IN_PAGE, callService, saveSnapshot } from './support/admin-page';

const SERVICE_AGENT: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_support'] };
const CONSENT_TEXT = 'Acepto recibir novedades de Ejemplo por correo electrónico (dicho por teléfono).';

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('marketing lists in the WordPress admin: lists, members with consent, CSV export, unsubscribe', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let admin: Page;
  let watch: PageWatcher;
  let listId = 0;
  let contactId = 0;
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

  const memberRows = async () => {
    await admin.waitForFunction(() => !document.querySelector('.cuadra-member-table.is-loading'), { timeout: 10000 });
    return admin.$$eval('.cuadra-member-row', (trs) =>
      trs.map((tr) => ({
        contact: (tr.querySelector('.column-primary') as HTMLElement).innerText.trim(),
        status: (tr.querySelector('.cuadra-status-badge') as HTMLElement).innerText.trim(),
      })),
    );
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startStack({ db: 'mariadb', connect: 'constants', service: { env: { MAIL_FROM: 'Ejemplo <hola@ejemplo.es>' } } }),
      launchBrowser(),
    ]);
    admin = await browser.newPage();
    watch = watchPage(admin);
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60000);

  step('the Lists tab of Cuadra → Tickets creates a list; a missing name is named at its field', async () => {
    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
    await admin.goto(adminUrl('page=cuadra-tickets'), { waitUntil: 'domcontentloaded' });
    await admin.locator('.cuadra-tickets__tabs ::-p-text(Lists)').click();
    await waitForText(admin, /^No lists yet\./);
    expect(new URL(admin.url()).searchParams.get('view')).toBe('lists');

    await admin.locator('.page-title-action ::-p-text(Add list)').click();
    await clickButton(admin, 'Save list');
    await waitForNotice(admin, /^The list was not saved\. Correct the fields marked below/);
    expect(await fieldMessage(admin, 'Name')).toBe('This field is required.');

    await fillField(admin, 'Name', 'Novedades');
    await fillField(admin, 'Description', 'Ofertas y novedades, una vez al mes.');
    await clickButton(admin, 'Save list');
    await waitForNotice(admin, /^List added\.$/);
    listId = Number(new URL(admin.url()).searchParams.get('list'));
    expect(listId).toBeGreaterThan(0);
    const stored = await service('GET', `/lists/${listId}`);
    expect(stored.body).toMatchObject({ name: 'Novedades', double_opt_in: true, counts: { pending: 0, subscribed: 0, unsubscribed: 0 } });
    await waitForText(admin, /^This list has no members yet\.$/);
    await snapshot('list-new');
    await expectCleanPage();
  });

  step('a contact added with their consent is pending (double opt-in); a missing consent text is refused at its field', async () => {
    await fillField(admin, 'E-mail', 'ana@example.es');
    await fillField(admin, 'Name', 'Ana García');
    await clickButton(admin, 'Add to list');
    await waitForNotice(admin, /^The contact was not added\. Correct the fields marked below/);
    expect(await fieldMessage(admin, 'Consent text')).toBe('This field is required.');

    await fillField(admin, 'Consent text', CONSENT_TEXT);
    await fillField(admin, 'Text version', 'tel-v2');
    await clickButton(admin, 'Add to list');
    await waitForNotice(admin, /^ana@example\.es was added and must confirm/);
    await admin.waitForFunction(() => document.querySelectorAll('.cuadra-member-row').length === 1, { timeout: 10000 });
    expect(await memberRows()).toEqual([{ contact: 'Ana García <ana@example.es>', status: 'Pending confirmation' }]);
    await waitForText(admin, /^1 Pending confirmation$/);

    const members = await service('GET', `/lists/${listId}/members`);
    expect(members.body.items).toHaveLength(1);
    expect(members.body.items[0]).toMatchObject({
      status: 'pending',
      consent: { text: CONSENT_TEXT, version: 'tel-v2', source: 'admin:admin' },
    });
    contactId = members.body.items[0].contact.id;

    // The same contact again: already on the list, nothing changes.
    await fillField(admin, 'E-mail', 'ana@example.es');
    await clickButton(admin, 'Add to list');
    await waitForNotice(admin, /^ana@example\.es was already on the list \(Pending confirmation\); nothing was changed/);

    // The status filter lives in the URL.
    await fillField(admin, 'Status', 'subscribed');
    await admin.waitForFunction(() => new URL(window.location.href).searchParams.get('status') === 'subscribed');
    await waitForText(admin, /^No members with this status\.$/);
    await fillField(admin, 'Status', 'pending');
    await admin.waitForFunction(() => document.querySelectorAll('.cuadra-member-row').length === 1, { timeout: 10000 });
    await snapshot('list-member-pending');
    await expectCleanPage();
  });

  step('Export CSV downloads through admin-post.php with the consent data; a forged nonce is refused', async () => {
    const href = await admin.$eval('a.cuadra-list-export', (a) => (a as HTMLAnchorElement).href);
    expect(href).toContain('/wp-admin/admin-post.php?action=cuadra_list_export');
    expect(href).toContain(`list=${listId}`);
    const download = await admin.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        disposition: response.headers.get('content-disposition'),
        text: await response.text(),
      };
    }, href);
    expect(download.status).toBe(200);
    expect(download.type).toMatch(/^text\/csv; charset=utf-8/i);
    expect(download.disposition).toMatch(new RegExp(`^attachment; filename="list-${listId}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const lines = download.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '"name","email","status","consent_text","consent_version","consent_ip","consent_user_agent","consent_source","consented_at","confirmed_at","unsubscribed_at","unsubscribe_source"',
    );
    expect(lines[1]).toContain('"Ana García","ana@example.es","pending"');
    expect(lines[1]).toContain(`"${CONSENT_TEXT}","tel-v2"`);
    expect(lines[1]).toContain('"admin:admin"');

    const forged = await admin.evaluate(async (url) => (await fetch(url.replace(/_wpnonce=[^&]+/, '_wpnonce=0000000000'))).status, href);
    expect(forged).toBe(403);
    await expectCleanPage();
  });

  step('unsubscribing asks first; the contact then cannot be added back (409 explained)', async () => {
    await admin.locator('.cuadra-member-row ::-p-text(Unsubscribe)').click();
    await admin.waitForSelector('.cuadra-confirm-dialog');
    await waitForText(admin, /^This cannot be undone/);
    await snapshot('list-unsubscribe-confirm');
    await admin.locator('.cuadra-confirm-dialog__actions button.is-destructive').click();
    await waitForNotice(admin, /^ana@example\.es was unsubscribed from the list\.$/);
    expect(await admin.$('.cuadra-confirm-dialog')).toBeNull();

    const member = (await service('GET', `/lists/${listId}/members?status=unsubscribed`)).body.items[0];
    expect(member).toMatchObject({ contact: { id: contactId }, status: 'unsubscribed', unsubscribe_source: 'admin:admin' });

    await fillField(admin, 'Status', 'unsubscribed');
    await admin.waitForFunction(() => document.querySelectorAll('.cuadra-member-row.is-unsubscribed').length === 1, { timeout: 10000 });
    expect(await admin.$('.cuadra-member-row .components-button')).toBeNull();

    await fillField(admin, 'E-mail', 'ana@example.es');
    await clickButton(admin, 'Add to list');
    await waitForNotice(admin, /^This contact unsubscribed from this list, and an unsubscription is final/);
    expect((await service('GET', `/lists/${listId}/members?status=unsubscribed`)).body.total).toBe(1);

    await admin.locator('.cuadra-back-link ::-p-text(Back to lists)').click();
    await admin.waitForSelector('.cuadra-list-row');
    expect(
      await admin.$eval('.cuadra-list-row', (tr) => ({
        name: (tr.querySelector('.row-title') as HTMLElement).innerText,
        pending: (tr.querySelector('.cuadra-list-row__pending') as HTMLElement).innerText,
        unsubscribed: (tr.querySelector('.cuadra-list-row__unsubscribed') as HTMLElement).innerText,
      })),
    ).toEqual({ name: 'Novedades', pending: '0', unsubscribed: '1' });
    await snapshot('lists');
    await expectCleanPage();
  });

  step('an editor and a subscriber without cuadra_support get no members, no changes and no export', async () => {
    const editor = await stack.wordpress.createUser('editora', 'editor');
    const subscriber = await stack.wordpress.createUser('suscriptor', 'subscriber');
    for (const user of [editor, subscriber]) {
      const session = await stack.wordpress.restSession(user.login, user.password);
      expect((await session.fetch(`/wp-json/cuadra/v1/lists/${listId}/members`)).status).toBe(403);
      const json = { method: 'POST', headers: { 'Content-Type': 'application/json' } };
      expect((await session.fetch('/wp-json/cuadra/v1/lists', { ...json, body: JSON.stringify({ name: 'Intrusos' }) })).status).toBe(403);
      const add = await session.fetch(`/wp-json/cuadra/v1/lists/${listId}/members`, {
        ...json,
        body: JSON.stringify({ email: 'x@example.es', consent_text: 'sí' }),
      });
      expect(add.status).toBe(403);
      const unsubscribe = await session.fetch(`/wp-json/cuadra/v1/lists/${listId}/members/${contactId}/unsubscribe`, { method: 'POST' });
      expect(unsubscribe.status).toBe(403);
      expect((await session.fetch(`/wp-json/cuadra/v1/lists/${listId}`, { method: 'DELETE' })).status).toBe(403);
      const file = await session.fetch(`/wp-admin/admin-post.php?action=cuadra_list_export&list=${listId}`);
      expect(file.status).toBe(403);
      expect(await file.text()).not.toContain('ana@example.es');
    }
    // Editors still read the lists (names only) for the contact-form block; subscribers do not.
    const editorSession = await stack.wordpress.restSession(editor.login, editor.password);
    expect((await editorSession.fetch('/wp-json/cuadra/v1/lists')).status).toBe(200);
    const subscriberSession = await stack.wordpress.restSession(subscriber.login, subscriber.password);
    expect((await subscriberSession.fetch('/wp-json/cuadra/v1/lists')).status).toBe(403);

    expect((await service('GET', `/lists/${listId}`)).body.counts).toEqual({ pending: 0, subscribed: 0, unsubscribed: 1 });
    expect(stack.wordpress.pluginProblems()).toEqual([]);
  });
});
