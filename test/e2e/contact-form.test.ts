// The contact-form block end to end: inserted in Gutenberg (WordPress 6.1), published, and sent by
// visitors with JavaScript on and off; anti-spam, rate limit, hostile input, and the stored-first
// queue while the service is down. The service runs behind a small TCP-level switch so a test can
// take it "down" (connection refused) and bring it back on the same address.
import { writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { signRequest, type SignedUser } from '../../service/src/http/auth/request-signature';
import {
  freePort,
  launchBrowser,
  loginToWordPress,
  requireAll,
  requirements,
  startStack,
  testWithScreenshots,
  watchPage,
  type PageWatcher,
  type RunningStack,
  type TestBrowser,
} from '../harness';
import {
  CONTACT_FORM_MARKUP,
  formBody,
  formTokens,
  installBareTheme,
  publishPage,
  resetRateWindow,
  spamLogCount,
  submissionRows,
  type ContactFields,
} from './support/contact-form-site';
import { PHP_ERROR_IN_PAGE } from './support/admin-page';

const SUPPORT: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_support'] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// The time token refuses anything sent within 3 s of showing the form.
const HUMAN_DELAY_MS = 3300;

const VALID: ContactFields = {
  name: 'José Ñúñez 😀',
  email: 'jose@example.es',
  subject: 'Presupuesto ¿para mañana? 🚀',
  message: 'Hola, ¿qué tal? Acentos: áéíóú ÁÉÍÓÚ ñÑ ü. Emoji: 👍🏽 🇪🇸 👨‍👩‍👧\nSegunda línea.',
  privacy: true,
};

/** In front of the service: forwards every request unchanged (signatures stay valid) and can refuse connections like a stopped service. */
class ServiceSwitch {
  server: Server | undefined;
  port = 0;
  /** Method and path of every request forwarded, in order. */
  readonly seen: string[] = [];

  constructor(private readonly target: string) {}

  async up(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      this.seen.push(`${req.method} ${req.url}`);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const forward = httpRequest(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Connection refused from now on, as when the service is stopped. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe('contact-form block: editor, visitors with and without JavaScript, spam, queue', () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let serviceSwitch: ServiceSwitch;
  let admin: Page;
  let visitor: Page | undefined;
  let visitorWatch: PageWatcher;
  let page: { id: number; url: string; formId: string };
  const step = testWithScreenshots(() => [admin, visitor], { stopAfterFailure: true });

  const wp = () => stack.wordpress;
  const restSubmit = async (body: FormData) => {
    const response = await fetch(`${wp().url}/wp-json/cuadra/v1/contact-submissions`, { method: 'POST', body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const agedTokens = async () => {
    const tokens = await formTokens(page.url);
    await sleep(HUMAN_DELAY_MS);
    return tokens;
  };
  const payloads = async () => (await submissionRows(wp())).map((row) => JSON.parse(row.payload) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    // The plugin talks to the switch, which forwards to the service.
    const secret = 'contact-form-e2e-secret-0123456789abcdef';
    const port = await freePort();
    serviceSwitch = new ServiceSwitch(`http://127.0.0.1:${port}`);
    await serviceSwitch.up();
    [stack, browser] = await Promise.all([
      startStack({
        db: 'mariadb',
        connect: 'none',
        secret,
        service: { port },
        wordpress: { constants: { CUADRA_SERVICE_URL: `http://127.0.0.1:${serviceSwitch.port}`, CUADRA_SECRET: secret } },
      }),
      launchBrowser(),
    ]);
    await installBareTheme(stack.wordpress);
    admin = await browser.newPage();
  }, 180000);

  afterAll(async () => {
    await browser?.close();
    await serviceSwitch?.down();
    await stack?.stop();
  }, 60000);

  step('an editor inserts the Contact form block from the inserter and publishes the page', async () => {
    await loginToWordPress(admin, wp(), wp().adminUser, wp().adminPassword);
    await admin.goto(`${wp().url}/wp-admin/post-new.php?post_type=page`, { waitUntil: 'domcontentloaded' });
    await admin.waitForFunction(() => Boolean((window as any).wp?.blocks?.getBlockType?.('cuadra/contact-form')), { timeout: 30000 }); // eslint-disable-line @typescript-eslint/no-explicit-any
    await admin.waitForSelector('button[aria-label="Toggle block inserter"], button[aria-label="Block Inserter"]');
    await admin.click('button[aria-label="Toggle block inserter"], button[aria-label="Block Inserter"]');
    await admin.waitForSelector('input[type="search"]');
    await admin.type('input[type="search"]', 'Contact form');
    await admin.locator('button.block-editor-block-types-list__item ::-p-text(Contact form)').click();
    // The block and its default fields, in the editor canvas (an iframe on current releases).
    const canvas = async () => admin.frames().find((f) => f.name() === 'editor-canvas') ?? admin.mainFrame();
    await (await canvas()).waitForSelector('.wp-block-cuadra-contact-form .wp-block-cuadra-field-message', { timeout: 15000 });

    // The block settings are set through the editor's data store, like the sidebar controls do.
    const saved = await admin.evaluate(async () => {
      const wpg = (window as any).wp; // eslint-disable-line @typescript-eslint/no-explicit-any
      const editor = wpg.data.select('core/block-editor');
      const form = editor.getBlocks().find((b: { name: string }) => b.name === 'cuadra/contact-form');
      const choice = wpg.blocks.createBlock('cuadra/field-select', { label: 'Motivo', options: ['Ventas', 'Soporte'], required: true });
      const marketing = wpg.blocks.createBlock('cuadra/field-marketing', { text: 'Acepto recibir novedades.', consentVersion: 'v1' });
      wpg.data.dispatch('core/block-editor').insertBlocks([choice, marketing], 4, form.clientId);
      wpg.data.dispatch('core/block-editor').updateBlockAttributes(form.clientId, { listIds: [1, 2] });
      wpg.data.dispatch('core/editor').editPost({ title: 'Contacto', status: 'publish' });
      await wpg.data.dispatch('core/editor').savePost();
      const post = wpg.data.select('core/editor');
      return { id: post.getCurrentPostId(), link: post.getPermalink(), formId: editor.getBlock(form.clientId).attributes.formId };
    });
    expect(saved.formId).toMatch(/^[0-9a-f]{6}$/);
    const stored = await wp().phpJson<{ status: string; content: string }>(
      `$p = get_post(${Number(saved.id)}); return array('status' => $p->post_status, 'content' => $p->post_content);`,
    );
    expect(stored.status).toBe('publish');
    expect(stored.content).toContain(`<!-- wp:cuadra/contact-form {"formId":"${saved.formId}","listIds":[1,2]} -->`);
    expect(stored.content).toContain('<!-- wp:cuadra/field-select {"label":"Motivo","options":["Ventas","Soporte"],"required":true} /-->');
    page = { id: Number(saved.id), url: String(saved.link), formId: String(saved.formId) };
    expect(wp().pluginProblems()).toEqual([]);
  });

  step('the block settings list the service departments and say "No lists yet" while the service has no lists route', async () => {
    await admin.reload({ waitUntil: 'domcontentloaded' });
    await admin.goto(`${wp().url}/wp-admin/post.php?post=${page.id}&action=edit`, { waitUntil: 'domcontentloaded' });
    const canvas = admin.frames().find((f) => f.name() === 'editor-canvas') ?? admin.mainFrame();
    await canvas.waitForSelector('.wp-block-cuadra-contact-form', { timeout: 30000 });
    await canvas.click('.wp-block-cuadra-contact-form > button.cuadra-form__submit').catch(() => undefined);
    await admin.evaluate(() => {
      const wpg = (window as any).wp; // eslint-disable-line @typescript-eslint/no-explicit-any
      const form = wpg.data
        .select('core/block-editor')
        .getBlocks()
        .find((b: { name: string }) => b.name === 'cuadra/contact-form');
      wpg.data.dispatch('core/block-editor').selectBlock(form.clientId);
      wpg.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    });
    await admin.waitForFunction(() => document.body.innerText.includes('No lists yet.'), { timeout: 15000 });
    // Departments come from the service through GET /wp-json/cuadra/v1/departments (the default one exists at install).
    await admin.waitForFunction(() => Array.from(document.querySelectorAll('select option')).some((o) => o.textContent === 'General'), {
      timeout: 15000,
    });
  });

  step('a visitor with JavaScript sees inline errors (summary focused, fields marked), then sends without a reload', async () => {
    await resetRateWindow(wp());
    const context = await browser.newContext();
    visitor = await context.newPage();
    visitorWatch = watchPage(visitor);
    await visitor.goto(page.url, { waitUntil: 'networkidle0' });
    expect(await visitor.content()).not.toMatch(PHP_ERROR_IN_PAGE);
    await visitor.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await sleep(HUMAN_DELAY_MS);
    await visitor.type('#cuadra-' + page.formId + '-email', 'not-an-address');
    await visitor.click('.cuadra-form__submit');
    await visitor.waitForSelector('.cuadra-form__summary:not([hidden])');
    const afterErrors = await visitor.evaluate(() => ({
      focused: document.activeElement?.className,
      summary: document.querySelector('.cuadra-form__summary')?.textContent,
      nameInvalid: document.querySelector('[data-field="name"] input')?.getAttribute('aria-invalid'),
      nameDescribedBy: document.querySelector('[data-field="name"] input')?.getAttribute('aria-describedby'),
      emailError: document.querySelector('[data-field="email"] .cuadra-form__error')?.textContent,
      emailValue: (document.querySelector('[data-field="email"] input') as HTMLInputElement).value,
    }));
    expect(afterErrors.focused).toBe('cuadra-form__summary');
    expect(afterErrors.summary).toMatch(/problems with 5 fields/);
    expect(afterErrors.nameInvalid).toBe('true');
    expect(afterErrors.nameDescribedBy).toBe(`cuadra-${page.formId}-name-error`);
    expect(afterErrors.emailError).toBe('Enter a valid e-mail address, like name@example.com.');
    expect(afterErrors.emailValue).toBe('not-an-address');

    await visitor.type(`#cuadra-${page.formId}-name`, VALID.name!);
    await visitor.$eval(`#cuadra-${page.formId}-email`, (input) => ((input as HTMLInputElement).value = ''));
    await visitor.type(`#cuadra-${page.formId}-email`, VALID.email!);
    await visitor.type(`#cuadra-${page.formId}-subject`, VALID.subject!);
    await visitor.type(`#cuadra-${page.formId}-message`, VALID.message!);
    await visitor.select(`#cuadra-${page.formId}-select-0`, 'Soporte');
    await visitor.click(`#cuadra-${page.formId}-privacy`);
    await visitor.click(`#cuadra-${page.formId}-marketing`);
    await visitor.click('.cuadra-form__submit');
    await visitor.waitForSelector('.cuadra-form__done');
    const done = await visitor.evaluate(() => ({
      text: document.querySelector('.cuadra-form__done')?.textContent,
      focused: document.activeElement?.className,
      sameDocument: (window as unknown as { __sameDocument?: boolean }).__sameDocument,
    }));
    expect(done).toEqual({
      text: 'Thank you. We have received your message and will answer soon.',
      focused: 'cuadra-form__done',
      sameDocument: true,
    });
    expect(visitorWatch.consoleErrors).toEqual([]);

    // Stored first: one row, queued (the service has no POST /contact-submissions yet, or it is
    // delivered when it has), with the body contract and every character intact.
    const rows = await submissionRows(wp());
    expect(rows).toHaveLength(1);
    const body = JSON.parse(rows[0]!.payload);
    expect(body).toEqual({
      idempotency_key: rows[0]!.uuid,
      submitted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      source: { post_id: page.id, page_url: page.url, form_id: page.formId },
      department_id: null,
      list_ids: [1, 2],
      fields: {
        name: VALID.name,
        email: VALID.email,
        phone: '',
        subject: VALID.subject,
        message: VALID.message,
        selects: { Motivo: 'Soporte' },
        privacy_accepted: true,
        marketing_consent: true,
      },
      consent: { text: 'Acepto recibir novedades.', version: 'v1', ip: '127.0.0.1', user_agent: expect.stringContaining('Chrome') },
      locale: 'en_US',
    });
  });

  step('with JavaScript off the form posts, redirects back (303) and shows errors with the typed values, then the thank-you', async () => {
    await resetRateWindow(wp());
    const context = await browser.newContext();
    visitor = await context.newPage();
    await visitor.setJavaScriptEnabled(false);
    await visitor.goto(page.url, { waitUntil: 'domcontentloaded' });
    await sleep(HUMAN_DELAY_MS);
    await visitor.type(`#cuadra-${page.formId}-name`, 'Ana');
    await visitor.type(`#cuadra-${page.formId}-message`, '<script>document.title="pwned"</script> & <b>negrita</b>');
    const redirects: number[] = [];
    visitor.on('response', (response) => {
      if (response.url().includes('admin-post.php')) redirects.push(response.status());
    });
    await Promise.all([visitor.waitForNavigation({ waitUntil: 'domcontentloaded' }), visitor.click('.cuadra-form__submit')]);
    expect(redirects).toEqual([303]);
    expect(visitor.url()).toMatch(new RegExp(`^${page.url}\\?cuadra_result=[A-Za-z0-9]+#cuadra-form-${page.formId}$`));
    const shown = await visitor.evaluate(() => ({
      summary: document.querySelector('.cuadra-form__summary')?.textContent,
      autofocus: document.querySelector('.cuadra-form__summary')?.hasAttribute('autofocus'),
      name: (document.querySelector('[data-field="name"] input') as HTMLInputElement).value,
      message: (document.querySelector('[data-field="message"] textarea') as HTMLTextAreaElement).value,
      emailInvalid: document.querySelector('[data-field="email"] input')?.getAttribute('aria-invalid'),
      title: document.title,
      scripts: Array.from(document.querySelectorAll('main script')).length,
    }));
    expect(shown.summary).toMatch(/Enter your e-mail address/);
    expect(shown.autofocus).toBe(true);
    expect(shown.name).toBe('Ana');
    expect(shown.message).toBe('<script>document.title="pwned"</script> & <b>negrita</b>');
    expect(shown.emailInvalid).toBe('true');
    expect(shown.scripts).toBe(0);
    expect(await visitor.content()).toContain('&lt;script&gt;document.title=');

    // The outcome is read once: reloading does not show someone's typed values again.
    await visitor.reload({ waitUntil: 'domcontentloaded' });
    expect(await visitor.$eval('[data-field="name"] input', (input) => (input as HTMLInputElement).value)).toBe('');

    await sleep(HUMAN_DELAY_MS);
    await visitor.type(`#cuadra-${page.formId}-name`, 'Ana');
    await visitor.type(`#cuadra-${page.formId}-email`, 'ana@example.es');
    await visitor.type(`#cuadra-${page.formId}-message`, '<script>alert(1)</script>');
    await visitor.select(`#cuadra-${page.formId}-select-0`, 'Ventas');
    await visitor.click(`#cuadra-${page.formId}-privacy`);
    await Promise.all([visitor.waitForNavigation({ waitUntil: 'domcontentloaded' }), visitor.click('.cuadra-form__submit')]);
    expect(await visitor.$eval('.cuadra-form__done', (el) => el.textContent)).toBe(
      'Thank you. We have received your message and will answer soon.',
    );
    const last = (await payloads()).at(-1)!;
    expect(last.fields.message).toBe('<script>alert(1)</script>');
    expect(last.fields.marketing_consent).toBe(false);
    expect(last.list_ids).toEqual([]);
  });

  step('header injection in name or subject is refused at the field, and the values come back escaped', async () => {
    await resetRateWindow(wp());
    const before = (await submissionRows(wp())).length;
    const tokens = await agedTokens();
    const answer = await restSubmit(
      formBody(tokens, {
        ...VALID,
        name: 'Ana\r\nBcc: victim@example.com',
        subject: 'Hola\nContent-Type: text/html',
        select_0: 'Ventas',
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'name', message: 'Write this on a single line, without line breaks or control characters.' },
      { field: 'subject', message: 'Write this on a single line, without line breaks or control characters.' },
    ]);

    // The same through admin-post.php: the page shown again carries the value, escaped.
    const posted = await fetch(`${wp().url}/wp-admin/admin-post.php`, {
      method: 'POST',
      body: formBody(tokens, { ...VALID, name: '"><script>alert(1)</script>\r\nBcc: x@example.com', select_0: 'Ventas' }),
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    const html = await (await fetch(posted.headers.get('location')!)).text();
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('"><script>alert(1)</script>');
    expect(html).toContain('aria-invalid="true" aria-describedby="cuadra-' + page.formId + '-name-error"');
    expect((await submissionRows(wp())).length).toBe(before);
  });

  step('a 20,001-character message is refused at the message field; 20,000 emoji-counted characters are accepted', async () => {
    await resetRateWindow(wp());
    const tokens = await agedTokens();
    const tooLong = await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas', message: 'a'.repeat(20001) }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([
      { field: 'message', message: 'Your message is too long: at most 20,000 characters, and it has 20,001.' },
    ]);
    // An emoji is one character, as for the service.
    const atLimit = await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas', message: '😀'.repeat(20000) }));
    expect(atLimit.status).toBe(200);
    expect((await payloads()).at(-1)!.fields.message).toBe('😀'.repeat(20000));
  });

  step('a filled honeypot and a too-fast submit get the normal thank-you but store nothing except a spam-log row', async () => {
    await resetRateWindow(wp());
    const rowsBefore = (await submissionRows(wp())).length;
    const spamBefore = await spamLogCount(wp());
    const logBefore = wp().debugLogMark();

    const aged = await agedTokens();
    const trapped = await restSubmit(formBody(aged, { ...VALID, select_0: 'Ventas' }, { cuadra_website: 'http://spam.example' }));
    expect(trapped).toEqual({
      status: 200,
      body: { status: 'sent', message: 'Thank you. We have received your message and will answer soon.', errors: [] },
    });
    const fresh = await formTokens(page.url);
    const tooFast = await restSubmit(formBody(fresh, { ...VALID, select_0: 'Ventas' }));
    expect(tooFast).toEqual(trapped);
    // And without JavaScript: the same redirect to the thank-you.
    const plain = await fetch(`${wp().url}/wp-admin/admin-post.php`, {
      method: 'POST',
      body: formBody(await formTokens(page.url), { ...VALID, select_0: 'Ventas' }),
      redirect: 'manual',
    });
    expect(plain.status).toBe(303);
    expect(await (await fetch(plain.headers.get('location')!)).text()).toContain('class="cuadra-form__done"');

    expect((await submissionRows(wp())).length).toBe(rowsBefore);
    expect(await spamLogCount(wp())).toBe(spamBefore + 3);
    const logged = wp().debugLog().slice(logBefore);
    expect(logged).toMatch(/contact form spam \(honeypot\)/);
    expect(logged.match(/contact form spam \(too_fast\)/g)).toHaveLength(2);
  });

  step('a stale form (over 24 h) is shown again with a fresh token and the typed values, not an error page', async () => {
    await resetRateWindow(wp());
    const old = await wp().phpJson<string>(`return \\Cuadra\\Forms\\TimeToken::issue(${page.id}, '${page.formId}', time() - 90000);`);
    const tokens = { postId: String(page.id), formId: page.formId, token: old };
    const answer = await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas' }));
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('expired');
    expect(String(answer.body.token)).toMatch(/^\d+\.[0-9a-f]{64}$/);

    const posted = await fetch(`${wp().url}/wp-admin/admin-post.php`, {
      method: 'POST',
      body: formBody(tokens, { ...VALID, name: 'Ana Stale', select_0: 'Ventas' }),
      redirect: 'manual',
    });
    const html = await (await fetch(posted.headers.get('location')!)).text();
    expect(html).toContain('the form was refreshed');
    expect(html).toContain('value="Ana Stale"');
    expect(/name="cuadra_token" value="(\d+)\./.exec(html)?.[1]).not.toBe(old.split('.')[0]);
  });

  step('the 6th submission from one IP within 10 minutes gets a clear error and is not stored', async () => {
    await resetRateWindow(wp());
    const before = (await submissionRows(wp())).length;
    const tokens = await agedTokens();
    for (let i = 1; i <= 5; i++) {
      const answer = await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas', subject: `Envío ${i}` }));
      expect(answer.status).toBe(200);
    }
    const sixth = await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas', subject: 'Envío 6' }));
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ status: 'rate_limited', message: expect.stringMatching(/wait ten minutes/) });
    expect((await submissionRows(wp())).length).toBe(before + 5);
  });

  step('service down during submissions: the visitor is thanked, every row stays queued, nothing is dropped', async () => {
    await resetRateWindow(wp());
    await serviceSwitch.down();
    const before = (await submissionRows(wp())).length;
    const tokens = await agedTokens();
    for (let i = 1; i <= 3; i++) {
      const answer = await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas', subject: `Caído ${i}` }));
      expect(answer.body.status).toBe('sent');
    }
    const rows = (await submissionRows(wp())).slice(before);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['queued', 1],
      ['queued', 1],
      ['queued', 1],
    ]);
    expect(rows[0]!.last_error).toMatch(/cuadra_service_unreachable/);
    // A retry is scheduled with WP-Cron.
    expect(await wp().phpJson<number | false>("return wp_next_scheduled('cuadra_deliver_submissions');")).toEqual(expect.any(Number));
    await serviceSwitch.up();
  });

  step('after the service returns, one WP-Cron run delivers every queued row as a ticket (none dropped, none twice)', async () => {
    // Make everything due now, then run the cron event as wp-cron.php would.
    await wp().phpEval(
      'global $wpdb; $wpdb->query("UPDATE {$wpdb->prefix}cuadra_submissions SET next_attempt_at = UTC_TIMESTAMP() WHERE status = \'queued\'");',
    );
    await wp().phpEval("do_action('cuadra_deliver_submissions');");
    const rows = await submissionRows(wp());
    expect(rows.filter((row) => row.status !== 'delivered').map((row) => [row.id, row.status, row.last_error])).toEqual([]);
    expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(rows.length);

    const service = stack.service!;
    const ticketsPath = '/tickets?per_page=100';
    const headers = signRequest({ secret: service.secret, method: 'GET', pathWithQuery: ticketsPath, user: SUPPORT });
    const tickets = (await (await fetch(`${service.url}${ticketsPath}`, { headers })).json()) as {
      items: Array<{ id: number; subject: string; contact: { name: string; email: string } }>;
    };
    expect(tickets.items.map((t) => t.id).sort((a, b) => a - b)).toEqual(rows.map((row) => row.ticket_id).sort((a, b) => a! - b!));
    expect(
      tickets.items
        .filter((t) => t.subject.startsWith('Caído'))
        .map((t) => t.subject)
        .sort(),
    ).toEqual(['Caído 1', 'Caído 2', 'Caído 3']);
    // Accents and emoji arrive intact at the service.
    expect(tickets.items.some((t) => t.contact.name === VALID.name && t.subject === VALID.subject)).toBe(true);
    expect(wp().pluginProblems()).toEqual([]);
  });

  step('with WP-Cron off (as in this suite) and the service up, a submission is delivered inline and its ticket id is kept', async () => {
    await resetRateWindow(wp());
    const tokens = await agedTokens();
    await restSubmit(formBody(tokens, { ...VALID, select_0: 'Ventas', subject: 'Ruta real' }));
    const row = (await submissionRows(wp())).at(-1)!;
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, ticket_id: expect.any(Number) });
  });
});

// WordPress's default: WP-Cron on. The visitor is answered once the row is stored; the ticket is
// created by a cron run that the submission spawns itself (no page view, no manual do_action).
requireAll(requirements.php, requirements.wordpress, requirements.mariadb, requirements.serviceBuild, requirements.pluginBuild).describe(
  'contact-form delivery with WP-Cron on: answered when stored, delivered in the background in batches',
  () => {
    let stack: RunningStack;
    let serviceSwitch: ServiceSwitch;
    let page: { id: number; url: string };

    const wp = () => stack.wordpress;
    let tokens: Awaited<ReturnType<typeof formTokens>>;
    const submit = async (fields: ContactFields) => {
      const response = await fetch(`${wp().url}/wp-json/cuadra/v1/contact-submissions`, { method: 'POST', body: formBody(tokens, fields) });
      return (await response.json()) as Record<string, unknown>;
    };
    const waitForRows = async (done: (rows: Awaited<ReturnType<typeof submissionRows>>) => boolean, what: string) => {
      for (let waited = 0; waited < 30000; waited += 250) {
        const rows = await submissionRows(wp());
        if (done(rows)) return rows;
        await sleep(250);
      }
      throw new Error(
        `still waiting for ${what}: ${JSON.stringify((await submissionRows(wp())).map((r) => [r.id, r.status, r.attempts, r.last_error]))}`,
      );
    };

    beforeAll(async () => {
      const secret = 'contact-form-cron-e2e-secret-0123456789ab';
      const port = await freePort();
      serviceSwitch = new ServiceSwitch(`http://127.0.0.1:${port}`);
      await serviceSwitch.up();
      stack = await startStack({
        db: 'mariadb',
        connect: 'none',
        secret,
        service: { port },
        wordpress: {
          constants: { CUADRA_SERVICE_URL: `http://127.0.0.1:${serviceSwitch.port}`, CUADRA_SECRET: secret, DISABLE_WP_CRON: false },
        },
      });
      await installBareTheme(stack.wordpress);
      // Thirty submissions from one address: the rate limit is tested above, not here.
      await writeFile(
        path.join(stack.wordpress.dir, 'wp-content', 'mu-plugins', 'cuadra-test-no-rate-limit.php'),
        "<?php add_filter( 'cuadra_contact_rate_limit', static function () { return PHP_INT_MAX; } );\n",
      );
      page = await publishPage(stack.wordpress, 'Contacto', CONTACT_FORM_MARKUP('c7r0n1'));
      tokens = await formTokens(page.url);
      await sleep(HUMAN_DELAY_MS);
    }, 180000);

    afterAll(async () => {
      await serviceSwitch?.down();
      await stack?.stop();
    }, 60000);

    test('thirty quick submissions are all thanked at once and all become tickets, each exactly once', async () => {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => submit({ ...VALID, email: `cliente${i}@example.es`, subject: `Lote ${i}` })),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill('sent'));
      const rows = await waitForRows((rows) => rows.length === 30 && rows.every((row) => row.status === 'delivered'), 'delivery');
      expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(30);
      expect(rows.map((row) => row.attempts)).toEqual(Array(30).fill(1));
      // Every row went through the batch route, several rows per request.
      const sent = serviceSwitch.seen.filter((line) => line.startsWith('POST /contact-submissions'));
      expect(sent.every((line) => line === 'POST /contact-submissions/batch')).toBe(true);
      expect(sent.length).toBeLessThan(30);
      expect(wp().pluginProblems()).toEqual([]);
    });

    test('with the service down the visitor is still thanked; the row waits with backoff and the next cron run after it returns delivers it', async () => {
      await serviceSwitch.down();
      const before = (await submissionRows(wp())).length;
      const answer = await submit({ ...VALID, subject: 'Mientras caído' });
      expect(answer.status).toBe('sent');
      const [waiting] = (await waitForRows((rows) => rows.length > before && rows.at(-1)!.attempts === 1, 'the first attempt')).slice(-1);
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringMatching(/cuadra_service_unreachable/) });
      expect(await wp().phpJson<number | false>("return wp_next_scheduled('cuadra_deliver_submissions');")).toEqual(expect.any(Number));

      await serviceSwitch.up();
      // The retry comes due (a minute later in real time: moved here), and any page view runs WP-Cron.
      await wp().phpEval(
        'global $wpdb; $wpdb->query("UPDATE {$wpdb->prefix}cuadra_submissions SET next_attempt_at = UTC_TIMESTAMP() WHERE status = \'queued\'");' +
          " wp_clear_scheduled_hook('cuadra_deliver_submissions'); wp_schedule_single_event(time() - 1, 'cuadra_deliver_submissions');",
      );
      await fetch(`${wp().url}/`);
      const rows = await waitForRows((rows) => rows.at(-1)!.status === 'delivered', 'delivery after the service returned');
      expect(rows.at(-1)).toMatchObject({ status: 'delivered', attempts: 2, ticket_id: expect.any(Number) });
    });
  },
);
