// Cuadra → Tickets end to end: WordPress 6.1 + the Cuadra plugin + the service on MariaDB + a real SMTP
// server, driven through Chromium. Tickets arrive the way the plugin's queue delivers them (POST
// /contact-submissions signed as the form's system user); the inbox shows them in their department's
// colour and filters them; a ticket's hostile text stays text; a reply with an attachment reaches
// the SMTP server and its file downloads through WordPress; a note is never sent; status and
// assignee change; the Departments screen names a bad colour at its field and stores a good one with
// the contact user's e-mail; Metrics shows its chart and tables; editors and subscribers get nothing.
// The whole loop by e-mail at the end: a visitor writes through the contact form on the site, staff
// answer from the ticket, the answer reaches the SMTP server, the customer's reply to it lands in a
// real Dovecot support mailbox, and the service's read-support-mailbox job threads it into the ticket
// (quoted history stripped, the waiting ticket reopened), as the ticket view then shows.
// CUADRA_E2E_SCREENSHOTS=<dir> also saves a screenshot of each screen there.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { SignedUser } from '../../service/src/http/auth/request-signature';
import {
  clickButton,
  connectImap,
  fieldMessage,
  fillField,
  launchBrowser,
  loginToWordPress,
  requireAll,
  requirements,
  startDovecot,
  startSmtpServer,
  startStack,
  testWithScreenshots,
  waitForNotice,
  waitForText,
  watchPage,
  type CapturedMail,
  type PageWatcher,
  type RunningDovecot,
  type RunningSmtpServer,
  type RunningStack,
  type TestBrowser,
} from '../harness';
import { FORM_SUBMITTER, submissionBody } from '../service/support/tickets';
import { CONTACT_FORM_MARKUP, installBareTheme, publishPage, resetRateWindow, submissionRows } from './support/contact-form-site';
import { PHP_ERROR_IN_PAGE, callService, saveSnapshot } from './support/admin-page';

const SERVICE_AGENT: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_support'] };
const HOSTILE_SUBJECT = '<script>window.__cuadraXss = 1</script> Presupuesto';
const HOSTILE_MESSAGE =
  'Hola:\n<script>window.__cuadraXss = 2</script><img src=x onerror="window.__cuadraXss = 3"><b>negrita</b>\nGracias.';
const REPLY_TEXT = 'Hola Ana, te adjunto el presupuesto. Un saludo.';
const NOTE_TEXT = 'Cliente importante: revisar el descuento antes de contestar.';
const ATTACHMENT_TEXT = 'Presupuesto: 1.200 € + IVA\n';
// The e-mail loop: a visitor of the site, staff's answer, the customer's reply to it.
const VISITOR = {
  name: 'Marta Gil',
  email: 'marta@example.es',
  subject: 'Cita para revisar la caldera',
  message: '¿Podéis venir esta semana?\nVivo en el centro.',
};
const LOOP_REPLY = 'Hola Marta: ¿te va bien el jueves a las 10?';
const LOOP_ANSWER = 'Sí, el jueves a las 10 me va bien. ¿Dejo el coche fuera? 🚗';
const SUPPORT_MAILBOX = { user: 'soporte', password: 'soporte-pw' };
// The form's time token refuses anything sent within 3 s of showing it.
const HUMAN_DELAY_MS = 3300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.dovecot,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('tickets in the WordPress admin: inbox, thread, reply by e-mail, notes, departments, metrics', () => {
  let stack: RunningStack;
  let smtp: RunningSmtpServer;
  let dovecot: RunningDovecot;
  let browser: TestBrowser;
  let admin: Page;
  let visitor: Page | undefined;
  let watch: PageWatcher;
  let files: string;
  let adminId = 0;
  let adminEmail = '';
  const departments = { ventas: 0, soporte: 0 };
  const tickets = { hostile: 0, invoice: 0, visitor: 0 };
  const step = testWithScreenshots(() => [admin, visitor], { stopAfterFailure: true });

  const adminUrl = (query: string) => `${stack.wordpress.url}/wp-admin/admin.php?${query}`;

  const snapshot = (name: string) => saveSnapshot(admin, name);

  const expectCleanPage = async () => {
    expect(await admin.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    expect(watch.consoleErrors).toEqual([]);
  };

  /** Straight to the service, signed as the plugin would sign it. */
  const service = (method: string, pathWithQuery: string, body?: unknown, user: SignedUser = SERVICE_AGENT) =>
    callService(stack.service!, method, pathWithQuery, body, user);

  const listedTicketIds = async () => {
    await admin.waitForFunction(() => !document.querySelector('.cuadra-ticket-table.is-loading'), { timeout: 10000 });
    return admin.$$eval('.cuadra-ticket-row .row-title', (links) =>
      links.map((link) => Number(new URL((link as HTMLAnchorElement).href).searchParams.get('ticket'))).sort((a, b) => a - b),
    );
  };

  /** Waits until the inbox lists exactly these tickets (filters apply without a reload). */
  const expectListed = async (ids: number[]) => {
    const wanted = [...ids].sort((a, b) => a - b);
    const deadline = Date.now() + 10000;
    let shown: number[] = [];
    while (Date.now() < deadline) {
      shown = await listedTicketIds();
      if (JSON.stringify(shown) === JSON.stringify(wanted)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(shown).toEqual(wanted);
  };

  const waitForMail = async (predicate: (mail: CapturedMail) => boolean, timeoutMs = 30000): Promise<CapturedMail> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = smtp.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such mail; got: ${smtp.messages.map((m) => m.parsed.subject).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    [smtp, dovecot] = await Promise.all([startSmtpServer(), startDovecot({ users: { [SUPPORT_MAILBOX.user]: SUPPORT_MAILBOX.password } })]);
    [stack, browser] = await Promise.all([
      startStack({
        db: 'mariadb',
        connect: 'constants',
        service: {
          env: {
            SMTP_HOST: smtp.host,
            SMTP_PORT: String(smtp.port),
            SMTP_SECURITY: 'none',
            MAIL_FROM: 'Ejemplo <hola@ejemplo.es>',
            SUPPORT_EMAIL: 'soporte@ejemplo.es',
            // The support mailbox the read-support-mailbox job reads, every 2 s here (30 s by default).
            SUPPORT_MAILBOX_SCHEDULE: '*/2 * * * * *',
            SUPPORT_IMAP_HOST: dovecot.host,
            SUPPORT_IMAP_PORT: String(dovecot.port),
            SUPPORT_IMAP_SECURITY: 'none',
            SUPPORT_IMAP_USER: SUPPORT_MAILBOX.user,
            SUPPORT_IMAP_PASSWORD: SUPPORT_MAILBOX.password,
          },
        },
      }),
      launchBrowser(),
    ]);
    files = mkdtempSync(path.join(os.tmpdir(), 'cuadra-tickets-e2e-'));
    admin = await browser.newPage();
    watch = watchPage(admin);
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await Promise.all([smtp?.stop(), dovecot?.stop()]);
  }, 60000);

  step('two departments and two tickets arrive as the contact form delivers them; the administrator logs in', async () => {
    const user = await stack.wordpress.phpJson<{ id: number; email: string }>(
      `$u = get_user_by('login', 'admin'); return array('id' => $u->ID, 'email' => $u->user_email);`,
    );
    adminId = user.id;
    adminEmail = user.email;
    const ventas = await service('POST', '/departments', { name: 'Ventas', colour: '#d63638', contact_email: 'ventas@ejemplo.es' });
    expect(ventas.status).toBe(201);
    departments.ventas = ventas.body.id;
    const soporte = await service('POST', '/departments', { name: 'Soporte técnico', colour: '#2271b1' });
    expect(soporte.status).toBe(201);
    departments.soporte = soporte.body.id;

    const hostile = await service(
      'POST',
      '/contact-submissions',
      submissionBody({ department_id: departments.ventas, fields: { subject: HOSTILE_SUBJECT, message: HOSTILE_MESSAGE } }),
      FORM_SUBMITTER,
    );
    expect(hostile.status).toBe(201);
    tickets.hostile = hostile.body.ticket_id;
    const invoice = await service(
      'POST',
      '/contact-submissions',
      submissionBody({
        department_id: departments.soporte,
        fields: { name: 'Luis Pérez', email: 'luis@example.es', subject: 'Error en la factura', message: 'La factura F-12 no suma bien.' },
      }),
      FORM_SUBMITTER,
    );
    expect(invoice.status).toBe(201);
    tickets.invoice = invoice.body.ticket_id;

    await loginToWordPress(admin, stack.wordpress, stack.wordpress.adminUser, stack.wordpress.adminPassword);
  });

  step('Cuadra → Tickets lists both, each in its department colour; the admin bar counts the new tickets', async () => {
    await admin.goto(adminUrl('page=cuadra'), { waitUntil: 'domcontentloaded' });
    // New tickets are in the admin bar's count, with a way to them for agents.
    expect(await admin.$eval('#wp-admin-bar-cuadra .cuadra-admin-bar-badge', (e) => (e as HTMLElement).innerText.trim())).toBe('2');
    expect(await admin.$eval('#wp-admin-bar-cuadra-tickets a', (a) => (a as HTMLAnchorElement).href)).toContain('page=cuadra-tickets');
    await Promise.all([
      admin.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      admin.locator('#toplevel_page_cuadra .wp-submenu ::-p-text(Tickets)').click(),
    ]);
    await admin.waitForSelector('#cuadra-tickets-root .cuadra-ticket-row');
    await expectListed([tickets.hostile, tickets.invoice]);

    const rows = await admin.$$eval('.cuadra-ticket-row', (trs) =>
      trs.map((tr) => {
        const badge = tr.querySelector('.cuadra-department-badge') as HTMLElement;
        return {
          title: (tr.querySelector('.row-title') as HTMLElement).innerText,
          colour: tr.getAttribute('data-department-colour'),
          stripe: getComputedStyle(tr.querySelector('td') as HTMLElement).boxShadow,
          badge: badge.innerText,
          badgeBackground: getComputedStyle(badge).backgroundColor,
        };
      }),
    );
    const hostileRow = rows.find((row) => row.title.startsWith(`#${tickets.hostile} `))!;
    expect(hostileRow).toMatchObject({ colour: '#d63638', badge: 'Ventas', badgeBackground: 'rgb(214, 54, 56)' });
    expect(hostileRow.stripe).toContain('rgb(214, 54, 56)');
    // The subject's markup is shown as text, in the list too.
    expect(hostileRow.title).toBe(`#${tickets.hostile} ${HOSTILE_SUBJECT}`);
    expect(rows.find((row) => row.title.startsWith(`#${tickets.invoice} `))).toMatchObject({
      colour: '#2271b1',
      badge: 'Soporte técnico',
      badgeBackground: 'rgb(34, 113, 177)',
    });
    // The department filter carries the colours too (its departments load on their own, after the rows may).
    await admin.waitForSelector('.cuadra-department-filter__swatch');
    const swatches = await admin.$$eval('.cuadra-department-filter__link', (links) =>
      links.map((a) => ({
        name: (a as HTMLElement).innerText.trim(),
        colour: (a.querySelector('.cuadra-department-filter__swatch') as HTMLElement | null)?.style.backgroundColor ?? null,
      })),
    );
    expect(swatches).toEqual(
      expect.arrayContaining([
        { name: 'Ventas', colour: 'rgb(214, 54, 56)' },
        { name: 'Soporte técnico', colour: 'rgb(34, 113, 177)' },
      ]),
    );
    expect(await admin.evaluate(() => (window as unknown as { __cuadraXss?: number }).__cuadraXss)).toBeUndefined();
    await snapshot('tickets-inbox');
    await expectCleanPage();
  });

  step('filters: department, status, search by #number; the URL keeps them', async () => {
    await admin.locator('.cuadra-department-filter ::-p-text(Soporte técnico)').click();
    await expectListed([tickets.invoice]);
    expect(new URL(admin.url()).searchParams.get('department')).toBe(String(departments.soporte));

    await admin.locator('.cuadra-department-filter ::-p-text(All departments)').click();
    await expectListed([tickets.hostile, tickets.invoice]);
    await fillField(admin, 'Status', 'closed');
    await waitForText(admin, /^No tickets match these filters\.$/);
    await fillField(admin, 'Status', 'new');
    await expectListed([tickets.hostile, tickets.invoice]);

    await fillField(admin, 'Search tickets', `#${tickets.invoice}`);
    await admin.keyboard.press('Enter');
    await expectListed([tickets.invoice]);
    await clickButton(admin, 'Clear filters');
    await expectListed([tickets.hostile, tickets.invoice]);
    await expectCleanPage();
  });

  step('a ticket opens with its thread; script tags in its subject and message are shown as text', async () => {
    await admin.locator(`.cuadra-ticket-row .row-title ::-p-text(#${tickets.hostile})`).click();
    await admin.waitForSelector('.cuadra-ticket-thread .cuadra-ticket-message--submission');
    expect(await admin.$eval('.cuadra-ticket-screen__title', (h) => (h as HTMLElement).innerText)).toBe(
      `#${tickets.hostile} ${HOSTILE_SUBJECT}`,
    );
    const body = await admin.$eval('.cuadra-ticket-message--submission .cuadra-ticket-message__body', (e) => (e as HTMLElement).innerText);
    expect(body).toBe(HOSTILE_MESSAGE);
    expect(await admin.$$('.cuadra-ticket-screen script, .cuadra-ticket-screen img, .cuadra-ticket-screen b')).toHaveLength(0);
    expect(await admin.evaluate(() => (window as unknown as { __cuadraXss?: number }).__cuadraXss)).toBeUndefined();
    await snapshot('ticket-view');
    await expectCleanPage();
  });

  step('eleven files are refused before sending, with a clear message; one file is fine again', async () => {
    const paths = Array.from({ length: 11 }, (_, index) => {
      const file = path.join(files, `nota-${index + 1}.txt`);
      writeFileSync(file, `nota ${index + 1}\n`);
      return file;
    });
    const input = (await admin.$('.cuadra-reply-box input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(...paths);
    await waitForText(admin, /at most 10 files; 11 are chosen/);
    expect(await fieldMessage(admin, 'Attachments')).toMatch(/^A reply can carry at most 10 files; 11 are chosen\. Remove some\.$/);
    expect(await admin.$eval('.cuadra-reply-box .components-button.is-primary', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    for (let index = 1; index <= 11; index += 1) {
      await clickButton(admin, `Remove nota-${index}.txt`);
    }
    expect(await fieldMessage(admin, 'Attachments')).toMatch(/^Up to 10 files/);
  });

  step('a reply with an attachment reaches the customer through SMTP; the file downloads through WordPress', async () => {
    const attachment = path.join(files, 'presupuesto.txt');
    writeFileSync(attachment, ATTACHMENT_TEXT);
    await fillField(admin, 'Reply', REPLY_TEXT);
    const input = (await admin.$('.cuadra-reply-box input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(attachment);
    await waitForText(admin, /^presupuesto\.txt/);
    await clickButton(admin, 'Send reply');
    await waitForNotice(admin, /^Reply saved; it is being e-mailed to ana@example\.es\.$/);

    const mail = await waitForMail((m) => m.parsed.text?.includes(REPLY_TEXT) ?? false);
    expect(mail.envelope.to).toEqual(['ana@example.es']);
    expect(mail.parsed.subject).toContain(`[#${tickets.hostile}]`);
    expect(mail.parsed.attachments.map((a) => ({ name: a.filename, text: a.content.toString('utf8') }))).toEqual([
      { name: 'presupuesto.txt', text: ATTACHMENT_TEXT },
    ]);

    await admin.waitForSelector('.cuadra-ticket-message--reply.is-staff');
    expect(
      await admin.$eval('.cuadra-ticket-message--reply.is-staff .cuadra-ticket-message__body', (e) => (e as HTMLElement).innerText),
    ).toBe(REPLY_TEXT);
    expect(await admin.$eval('.cuadra-ticket-screen .cuadra-page-header .cuadra-status-badge', (e) => (e as HTMLElement).innerText)).toBe(
      'Waiting for customer',
    );
    // The file goes through admin-post.php (nonce + cuadra_support), always as a download.
    const href = await admin.$eval(
      '.cuadra-ticket-message--reply.is-staff .cuadra-ticket-message__attachments a',
      (a) => (a as HTMLAnchorElement).href,
    );
    expect(href).toContain('/wp-admin/admin-post.php?action=cuadra_ticket_attachment');
    const download = await admin.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return { status: response.status, disposition: response.headers.get('content-disposition'), text: await response.text() };
    }, href);
    expect(download).toEqual({
      status: 200,
      disposition: expect.stringMatching(/^attachment; filename="presupuesto\.txt"/),
      text: ATTACHMENT_TEXT,
    });
    const forged = await admin.evaluate(async (url) => (await fetch(url.replace(/_wpnonce=[^&]+/, '_wpnonce=0000000000'))).status, href);
    expect(forged).toBe(403);
    await snapshot('ticket-replied');
    await expectCleanPage();
  });

  step(
    'an internal note is shown as a note and never e-mailed',
    async () => {
      const before = smtp.messages.length;
      await fillField(admin, 'Note for the team', NOTE_TEXT);
      await clickButton(admin, 'Add note');
      await waitForNotice(admin, /^Note added\. It was not e-mailed to the customer\.$/);
      await admin.waitForSelector('.cuadra-ticket-message--note');
      expect(await admin.$eval('.cuadra-ticket-message--note', (e) => (e as HTMLElement).innerText)).toContain(
        'Only your team sees this note; it was not e-mailed.',
      );
      const stored = await service('GET', `/tickets/${tickets.hostile}`);
      const note = (stored.body.messages as Array<{ kind: string; body_text: string; delivery: unknown }>).find((m) => m.kind === 'note');
      expect(note).toMatchObject({ body_text: NOTE_TEXT, delivery: null });
      // The outbox runs every 15 s: give it a full round.
      await new Promise((resolve) => setTimeout(resolve, 16000));
      expect(smtp.messages.length).toBe(before);
      expect(smtp.messages.some((m) => m.raw.toString('utf8').includes('Cliente importante'))).toBe(false);
    },
    40000,
  );

  step('status and assignee change from the ticket; the inbox filters "me" and "unassigned" follow', async () => {
    await fillField(admin, 'Status', 'open');
    await waitForNotice(admin, /^Status changed to "Open"\.$/);
    await fillField(admin, 'Assignee', String(adminId));
    await waitForNotice(admin, /^Assigned to admin\.$/);
    const stored = await service('GET', `/tickets/${tickets.hostile}`);
    expect(stored.body).toMatchObject({ status: 'open', assignee_id: adminId });

    await admin.goto(adminUrl('page=cuadra-tickets&assignee=me'), { waitUntil: 'domcontentloaded' });
    await expectListed([tickets.hostile]);
    await fillField(admin, 'Assignee', 'none');
    await expectListed([tickets.invoice]);
    await fillField(admin, 'Assignee', '');
    await fillField(admin, 'Awaiting first reply', true);
    await expectListed([tickets.invoice]);
    await expectCleanPage();
  });

  step("Departments: a bad colour is named at its field; fixed, the department is stored with the contact user's e-mail", async () => {
    await admin.locator('.cuadra-tickets__tabs ::-p-text(Departments)').click();
    await admin.waitForSelector('.cuadra-department-table .cuadra-department-row');
    await admin.locator('.page-title-action ::-p-text(Add department)').click();
    await fillField(admin, 'Name', 'Facturación');
    await fillField(admin, 'Colour (hex)', 'rojo');
    await fillField(admin, 'Contact person', String(adminId));
    await clickButton(admin, 'Save department');
    await waitForNotice(admin, /^The department was not saved\. Correct the fields marked below/);
    expect(await fieldMessage(admin, 'Colour (hex)')).toBe('Use a colour such as #2271b1.');
    expect(await admin.$eval('[aria-invalid="true"]', (e) => (e as HTMLInputElement).labels?.[0]?.textContent)).toBe('Colour (hex)');
    await snapshot('department-field-error');

    await fillField(admin, 'Colour (hex)', '#00A32A');
    expect(await fieldMessage(admin, 'Colour (hex)')).not.toMatch(/Use a colour/);
    await clickButton(admin, 'Save department');
    await waitForNotice(admin, /^Department added\.$/);
    const id = Number(new URL(admin.url()).searchParams.get('department'));
    expect(id).toBeGreaterThan(0);
    const stored = await service('GET', `/departments/${id}`);
    expect(stored.body).toMatchObject({
      name: 'Facturación',
      colour: '#00a32a',
      contact_user_id: adminId,
      contact_email: adminEmail,
      is_default: false,
    });

    await admin.locator('.cuadra-back-link ::-p-text(Back to departments)').click();
    await waitForText(admin, /Facturación/);
    const badge = await admin.$$eval('.cuadra-department-row .cuadra-department-badge', (badges) =>
      badges.map((b) => ({ name: (b as HTMLElement).innerText, background: getComputedStyle(b).backgroundColor })),
    );
    expect(badge).toContainEqual({ name: 'Facturación', background: 'rgb(0, 163, 42)' });
    await expectCleanPage();
  });

  step('Metrics: the chart (an image with a title) and the tables per department and agent', async () => {
    await admin.locator('.cuadra-tickets__tabs ::-p-text(Metrics)').click();
    await admin.waitForSelector('.cuadra-metrics-table--departments tbody tr');
    const chart = await admin.$eval('svg.cuadra-metrics-chart', (svg) => ({
      role: svg.getAttribute('role'),
      title: svg.querySelector('title')?.textContent,
      fills: Array.from(svg.querySelectorAll('.cuadra-metrics-chart__bar'))
        .map((bar) => bar.getAttribute('fill'))
        .sort(),
    }));
    expect(chart.role).toBe('img');
    expect(chart.title).toBe('Median first response, business hours, by department');
    // One bar per department with tickets in the period, in the department's colour.
    expect(chart.fills).toEqual(['#2271b1', '#d63638']);

    const rows = await admin.$$eval('.cuadra-metrics-table--departments tbody tr', (trs) =>
      trs.map((tr) => ({
        name: (tr.querySelector('th') as HTMLElement).innerText.trim(),
        volume: (tr.querySelector('.cuadra-metrics-table__volume') as HTMLElement).innerText,
        awaiting: (tr.querySelector('.cuadra-metrics-table__awaiting') as HTMLElement).innerText,
      })),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'Ventas', volume: '1', awaiting: '0' },
        { name: 'Soporte técnico', volume: '1', awaiting: '1' },
        { name: 'All departments', volume: '2', awaiting: '1' },
      ]),
    );
    // The replied ticket has a measured first response: a duration, not a dash.
    const firstResponse = await admin.$$eval('.cuadra-metrics-table--departments tbody tr', (trs) =>
      trs
        .filter((tr) => (tr.querySelector('th') as HTMLElement).innerText.trim() === 'Ventas')
        .map((tr) => (tr.querySelector('.cuadra-metrics-table__first-response-calendar-median') as HTMLElement).innerText),
    );
    expect(firstResponse[0]).toMatch(/^(under 1 min|\d+ min)$/);
    expect(await admin.$$('.cuadra-metrics-table--agents tbody tr')).not.toHaveLength(0);

    await fillField(admin, 'Period', 'last-90');
    await admin.waitForFunction(() => new URL(window.location.href).searchParams.get('period') === 'last-90');
    await admin.waitForSelector('.cuadra-metrics-table--departments tbody tr');
    await snapshot('ticket-metrics');
    await expectCleanPage();
  });

  step('an editor and a subscriber without cuadra_support get no screen, no route and no file', async () => {
    const editor = await stack.wordpress.createUser('editora', 'editor');
    const subscriber = await stack.wordpress.createUser('suscriptor', 'subscriber');
    for (const user of [editor, subscriber]) {
      const session = await stack.wordpress.restSession(user.login, user.password);
      expect((await session.fetch('/wp-json/cuadra/v1/tickets')).status).toBe(403);
      expect((await session.fetch(`/wp-json/cuadra/v1/tickets/${tickets.hostile}`)).status).toBe(403);
      const put = await session.fetch(`/wp-json/cuadra/v1/tickets/${tickets.hostile}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'closed' }),
      });
      expect(put.status).toBe(403);
      expect((await session.fetch('/wp-json/cuadra/v1/tickets/metrics?from=2026-01-01&to=2026-01-31')).status).toBe(403);
      const create = await session.fetch('/wp-json/cuadra/v1/departments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Intrusos', colour: '#000000' }),
      });
      expect(create.status).toBe(403);
      const page = await session.fetch('/wp-admin/admin.php?page=cuadra-tickets');
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain('cuadra-tickets-root');
      const file = await session.fetch('/wp-admin/admin-post.php?action=cuadra_ticket_attachment&ticket=1&attachment=1');
      expect(file.status).toBe(403);
    }
    // Editors still read the departments for the contact-form block.
    const editorSession = await stack.wordpress.restSession(editor.login, editor.password);
    expect((await editorSession.fetch('/wp-json/cuadra/v1/departments')).status).toBe(200);

    const context = await browser.newContext();
    const editorPage = await context.newPage();
    await loginToWordPress(editorPage, stack.wordpress, editor.login, editor.password);
    await editorPage.goto(adminUrl('page=cuadra-tickets'), { waitUntil: 'domcontentloaded' });
    expect(await editorPage.$('#cuadra-tickets-root')).toBeNull();
    expect(await editorPage.$('#wp-admin-bar-cuadra-tickets')).toBeNull();
    await context.close();

    const stored = await service('GET', `/tickets/${tickets.hostile}`);
    expect(stored.body.status).toBe('open');
    expect(stack.wordpress.pluginProblems()).toEqual([]);
  });
  step('a new ticket reaches the admin bar without a reload (Heartbeat), its title shown as text', async () => {
    await admin.goto(adminUrl('page=cuadra'), { waitUntil: 'load' });
    const created = await service(
      'POST',
      '/contact-submissions',
      submissionBody({ fields: { name: 'Eva', email: 'eva@example.es', subject: 'Aviso <b>urgente</b>', message: 'Hola' } }),
      FORM_SUBMITTER,
    );
    expect(created.status).toBe(201);
    const title = `#${created.body.ticket_id} Aviso <b>urgente</b>`;
    // The page was drawn before the ticket existed; only a Heartbeat can bring it. Ask for one (again every
    // 2 s, in case the page's Heartbeat had not started yet) until the new ticket is listed.
    await admin.waitForFunction(
      (text) => {
        const listed = Array.from(document.querySelectorAll('#wp-admin-bar-cuadra .cuadra-admin-bar-item a')).some(
          (a) => a.textContent === text,
        );
        if (!listed) (window as unknown as { wp?: { heartbeat?: { connectNow(): void } } }).wp?.heartbeat?.connectNow();
        return listed;
      },
      { timeout: 30_000, polling: 2000 },
      title,
    );
    const summary = await service('GET', '/notifications/summary');
    expect(await admin.$eval('#wp-admin-bar-cuadra .cuadra-admin-bar-badge', (e) => e.textContent)).toBe(String(summary.body.count));
    const first = await admin.$eval('#wp-admin-bar-cuadra .cuadra-admin-bar-item a', (a) => ({
      html: a.innerHTML,
      href: (a as HTMLAnchorElement).href,
    }));
    expect(first).toEqual({
      html: expect.stringContaining('&lt;b&gt;'),
      href: expect.stringContaining('/wp-admin/admin.php?page=cuadra-tickets'),
    });
    expect(await admin.$('#wp-admin-bar-cuadra .cuadra-admin-bar-item b')).toBeNull();
    expect(stack.wordpress.pluginProblems()).toEqual([]);
  });

  step(
    'the e-mail loop, 1: a visitor writes through the contact form on the site; staff find the ticket in Cuadra → Tickets',
    async () => {
      const wp = stack.wordpress;
      await installBareTheme(wp);
      const formId = 'a1c2e3';
      const page = await publishPage(wp, 'Contacto', CONTACT_FORM_MARKUP(formId));
      await resetRateWindow(wp);
      const context = await browser.newContext();
      visitor = await context.newPage();
      const visitorWatch = watchPage(visitor);
      await visitor.goto(page.url, { waitUntil: 'networkidle0' });
      await sleep(HUMAN_DELAY_MS);
      await visitor.type(`#cuadra-${formId}-name`, VISITOR.name);
      await visitor.type(`#cuadra-${formId}-email`, VISITOR.email);
      await visitor.type(`#cuadra-${formId}-subject`, VISITOR.subject);
      await visitor.type(`#cuadra-${formId}-message`, VISITOR.message);
      await visitor.click(`#cuadra-${formId}-privacy`);
      await visitor.click('.cuadra-form__submit');
      await visitor.waitForSelector('.cuadra-form__done');
      expect(visitorWatch.consoleErrors).toEqual([]);
      await context.close();
      visitor = undefined;

      // Stored first, then delivered to the service (at once, or by the WP-Cron run the plugin spawns).
      const ours = async () =>
        (await submissionRows(wp)).find((row) => (JSON.parse(row.payload) as { fields: { email: string } }).fields.email === VISITOR.email);
      const deadline = Date.now() + 20000;
      let row = await ours();
      for (let ranCron = false; !row?.ticket_id && Date.now() < deadline; row = await ours()) {
        if (!ranCron && Date.now() > deadline - 12000) {
          // No loopback cron on this server within 8 s: run the delivery event as wp-cron.php would.
          await wp.phpEval(
            'global $wpdb; $wpdb->query("UPDATE {$wpdb->prefix}cuadra_submissions SET next_attempt_at = UTC_TIMESTAMP() WHERE status = \'queued\'");',
          );
          await wp.phpEval("do_action('cuadra_deliver_submissions');");
          ranCron = true;
        }
        await sleep(500);
      }
      expect(row).toMatchObject({ status: 'delivered', ticket_id: expect.any(Number) });
      tickets.visitor = row!.ticket_id!;

      await admin.goto(adminUrl('page=cuadra-tickets'), { waitUntil: 'domcontentloaded' });
      await admin.waitForSelector('#cuadra-tickets-root .cuadra-ticket-row');
      await admin.locator(`.cuadra-ticket-row .row-title ::-p-text(#${tickets.visitor} ${VISITOR.subject})`).click();
      await admin.waitForSelector('.cuadra-ticket-thread .cuadra-ticket-message--submission');
      expect(
        await admin.$eval('.cuadra-ticket-message--submission .cuadra-ticket-message__body', (e) => (e as HTMLElement).innerText),
      ).toBe(VISITOR.message);
      await expectCleanPage();
    },
    60000,
  );

  step(
    'the e-mail loop, 2: staff reply from the ticket; the customer answers that e-mail into the Dovecot support mailbox and the answer is threaded',
    async () => {
      await fillField(admin, 'Reply', LOOP_REPLY);
      await clickButton(admin, 'Send reply');
      await waitForNotice(admin, /^Reply saved; it is being e-mailed to marta@example\.es\.$/);
      const received = await waitForMail((m) => m.envelope.to.includes(VISITOR.email) && (m.parsed.text?.includes(LOOP_REPLY) ?? false));
      expect(received.parsed.subject).toBe(`[#${tickets.visitor}] ${VISITOR.subject}`);
      // Answers go to the support mailbox the service reads.
      expect(received.parsed.replyTo?.value[0]?.address).toBe('soporte@ejemplo.es');
      const ourMessageId = received.parsed.messageId!;
      expect(ourMessageId).toMatch(/^<.+@.+>$/);
      const waiting = await service('GET', `/tickets/${tickets.visitor}`);
      expect(waiting.body.status).toBe('waiting');
      const messagesBefore = (waiting.body.messages as unknown[]).length;
      const ticketsBefore = (await service('GET', '/tickets?per_page=100')).body.total;

      // The customer's mail client: "Re:", In-Reply-To and References to our message, the whole mail quoted below.
      const references = [
        ...(Array.isArray(received.parsed.references)
          ? received.parsed.references
          : received.parsed.references
            ? [received.parsed.references]
            : []),
        ourMessageId,
      ];
      const quoted = (received.parsed.text ?? '')
        .replace(/\r?\n$/, '')
        .split(/\r?\n/)
        .map((line) => `> ${line}`);
      const answer = [
        `From: ${VISITOR.name} <${VISITOR.email}>`,
        `To: ${received.parsed.replyTo!.text}`,
        `Subject: Re: ${received.parsed.subject}`,
        `Date: ${new Date().toUTCString()}`,
        'Message-ID: <loop-answer-1@mail.example.es>',
        `In-Reply-To: ${ourMessageId}`,
        `References: ${references.join(' ')}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        LOOP_ANSWER,
        '',
        `El ${new Date().toLocaleDateString('es-ES')}, Ejemplo <soporte@ejemplo.es> escribió:`,
        ...quoted,
        '',
      ].join('\r\n');
      const imap = await connectImap(dovecot.host, dovecot.port);
      try {
        await imap.login(SUPPORT_MAILBOX.user, SUPPORT_MAILBOX.password);
        await imap.append('INBOX', answer);
      } finally {
        await imap.close();
      }

      // The service's read-support-mailbox job runs every 2 s here: wait for it to thread the answer.
      const deadline = Date.now() + 50000;
      let threaded = waiting;
      while ((threaded.body.messages as unknown[]).length === messagesBefore && Date.now() < deadline) {
        await sleep(1000);
        threaded = await service('GET', `/tickets/${tickets.visitor}`);
      }
      expect(threaded.body.status).toBe('open');
      expect(threaded.body.messages.at(-1)).toMatchObject({
        kind: 'reply',
        author: 'customer',
        author_email: VISITOR.email,
        body_text: LOOP_ANSWER,
        message_id: '<loop-answer-1@mail.example.es>',
        in_reply_to: ourMessageId,
      });
      // Threaded into the ticket, not a new one.
      expect((await service('GET', '/tickets?per_page=100')).body.total).toBe(ticketsBefore);

      // What staff see: the answer under their reply, without the quoted history; the ticket open again.
      await admin.reload({ waitUntil: 'domcontentloaded' });
      await admin.waitForSelector('.cuadra-ticket-message--reply.is-customer');
      // WordPress's emoji script shows emoji as <img class="emoji" alt="🚗">: read them back as the characters.
      const thread = await admin.$$eval('.cuadra-ticket-thread .cuadra-ticket-message', (items) =>
        items.map((item) => {
          const body = item.querySelector('.cuadra-ticket-message__body') as HTMLElement | null;
          body?.querySelectorAll('img.emoji').forEach((img) => img.replaceWith(img.getAttribute('alt') ?? ''));
          return [Array.from(item.classList).find((name) => name.startsWith('is-')), body?.innerText ?? ''];
        }),
      );
      // The automatic acknowledgement (author system) sits in the thread too; the conversation is this:
      expect(thread.filter(([author]) => author !== 'is-system')).toEqual([
        ['is-customer', VISITOR.message],
        ['is-staff', LOOP_REPLY],
        ['is-customer', LOOP_ANSWER],
      ]);
      expect(await admin.$eval('.cuadra-ticket-screen .cuadra-page-header .cuadra-status-badge', (e) => (e as HTMLElement).innerText)).toBe(
        'Open',
      );
      await snapshot('ticket-answer-threaded');
      await expectCleanPage();
      expect(stack.wordpress.pluginProblems()).toEqual([]);
    },
    90000,
  );
});
