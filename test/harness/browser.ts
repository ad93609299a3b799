import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { makeTrackedTempDir, removeDirSync, track } from './cleanup';
import { CHROMIUM_PATH } from './paths';

export interface BrowserOptions {
  /** Set CUADRA_HEADFUL=1 (with a display) to watch a run. */
  headless?: boolean;
  slowMo?: number;
}

export interface TestBrowser {
  browser: Browser;
  /** A page in the default context. */
  newPage(): Promise<Page>;
  /** An isolated context (own cookies): a second user logged in at the same time. */
  newContext(): Promise<BrowserContext>;
  /** Closes Chromium, then deletes its profile (deleting first would crash it). */
  close(): Promise<void>;
}

// From ENVIRONMENT.md: the flags that keep Chromium quiet and offline-friendly in a container.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--window-size=1280,900',
];

/** Chromium with a fresh profile and private XDG dirs: cookies are not isolated by port, so never reuse a profile. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const { dir: root, release: releaseRoot } = await makeTrackedTempDir('chromium');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    userDataDir: path.join(root, 'profile'),
    headless: options.headless ?? process.env.CUADRA_HEADFUL !== '1',
    slowMo: options.slowMo,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 1280, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_CACHE_HOME: path.join(root, 'cache') },
  });
  // puppeteer starts Chromium detached: its pid is the group of all its helper processes.
  const chromiumPid = browser.process()?.pid;
  const releaseProcess = chromiumPid ? track({ kind: 'process-group', pgid: chromiumPid, signal: 'SIGKILL' }) : () => undefined;
  let closed = false;
  return {
    browser,
    newPage: () => browser.newPage(),
    newContext: () => browser.createBrowserContext(),
    async close() {
      if (closed) return;
      closed = true;
      const timer = setTimeout(() => browser.process()?.kill('SIGKILL'), 10000);
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      clearTimeout(timer);
      releaseProcess();
      removeDirSync(root);
      releaseRoot();
    },
  };
}

/**
 * Logs in through wp-login.php like a person would, and fails with WordPress's own message if it
 * does not work. Values are set directly because wp-login.php re-focuses the user field after
 * 200 ms, which can split typed text between the two fields.
 */
export async function loginToWordPress(page: Page, wp: { url: string }, user: string, password: string): Promise<void> {
  await page.goto(`${wp.url}/wp-login.php`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#user_login');
  await page.evaluate(
    (u, p) => {
      (document.getElementById('user_login') as HTMLInputElement).value = u;
      (document.getElementById('user_pass') as HTMLInputElement).value = p;
    },
    user,
    password,
  );
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('#wp-submit')]);
  if (page.url().includes('wp-login.php')) {
    const message = await page.$eval('#login_error', (e) => e.textContent?.trim()).catch(() => 'no error shown');
    throw new Error(`could not log in to WordPress as ${user}: ${message}`);
  }
}

/** What went wrong in a page while a test drove it. */
export interface PageWatcher {
  /** console.error() calls and uncaught exceptions, excluding network lines (those are in badResponses). */
  consoleErrors: string[];
  consoleWarnings: string[];
  /** Requests that never got an answer (DNS, refused, aborted). */
  failedRequests: string[];
  /** Answers with status >= 400 ("METHOD status url"). */
  badResponses: string[];
  /** Forget what was seen so far (e.g. after an intentionally failing step). */
  reset(): void;
}

export function watchPage(page: Page): PageWatcher {
  const watcher: PageWatcher = {
    consoleErrors: [],
    consoleWarnings: [],
    failedRequests: [],
    badResponses: [],
    reset() {
      for (const list of [watcher.consoleErrors, watcher.consoleWarnings, watcher.failedRequests, watcher.badResponses]) list.length = 0;
    },
  };
  page.on('console', (message) => {
    const text = `${message.text()} (${message.location().url ?? page.url()})`;
    // Chromium logs every 4xx/5xx as "Failed to load resource"; those are tracked as responses instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) watcher.consoleErrors.push(text);
    if (message.type() === 'warn') watcher.consoleWarnings.push(text);
  });
  page.on('pageerror', (error) =>
    watcher.consoleErrors.push(`uncaught: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  page.on('requestfailed', (request) => {
    watcher.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) watcher.badResponses.push(`${response.request().method()} ${response.status()} ${response.url()}`);
  });
  return watcher;
}

// ------------------------------------------------------------------------------------------
// Finding form controls the way a user does: by their visible label.
// ------------------------------------------------------------------------------------------

/**
 * The form control labelled `label` (exact text first, then a label that starts with it, e.g.
 * "Legal name *"), then aria-label. Waits for it to appear.
 */
export async function fieldByLabel(page: Page, label: string, timeoutMs = 10000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (wanted: string) => {
      const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
      const labels = Array.from(document.querySelectorAll('label'));
      const match =
        labels.find((l) => normalise(l.textContent) === wanted && l.control) ??
        labels.find((l) => normalise(l.textContent).startsWith(`${wanted} `) && l.control);
      if (match?.control) return match.control;
      return Array.from(document.querySelectorAll('[aria-label]')).find((e) => e.getAttribute('aria-label') === wanted) ?? null;
    },
    { timeout: timeoutMs },
    label,
  );
  const element = handle.asElement() as ElementHandle<Element> | null;
  if (!element) throw new Error(`no form control labelled "${label}"`);
  return element;
}

/** Replaces the value of the control labelled `label` through real key presses (so React sees the change). */
export async function fillField(page: Page, label: string, value: string | boolean): Promise<void> {
  const field = await fieldByLabel(page, label);
  const kind = await field.evaluate((e) =>
    e instanceof HTMLSelectElement ? 'select' : e instanceof HTMLInputElement ? e.type : e.tagName.toLowerCase(),
  );
  if (kind === 'select') {
    const optionValue = await field.evaluate((e, wanted) => {
      const options = Array.from((e as HTMLSelectElement).options);
      return (options.find((o) => o.value === wanted) ?? options.find((o) => o.text.trim() === wanted))?.value ?? null;
    }, String(value));
    if (optionValue === null) throw new Error(`"${label}" has no option "${value}"`);
    await (field as ElementHandle<HTMLSelectElement>).select(optionValue);
    return;
  }
  if (kind === 'checkbox' || kind === 'radio') {
    const checked = await field.evaluate((e) => (e as HTMLInputElement).checked);
    if (checked !== Boolean(value)) await field.click();
    return;
  }
  await field.focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  if (String(value) !== '') await page.keyboard.type(String(value));
}

/** The current value of the control labelled `label`. */
export async function fieldValue(page: Page, label: string): Promise<string> {
  const field = await fieldByLabel(page, label);
  return field.evaluate((e) => (e as HTMLInputElement).value ?? '');
}

/**
 * Text shown with a field besides its label: help or error message, from aria-describedby /
 * aria-errormessage or from the field's own wrapper. Empty string when there is none.
 */
export async function fieldMessage(page: Page, label: string): Promise<string> {
  const field = await fieldByLabel(page, label);
  return field.evaluate((control, wanted) => {
    const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const parts = new Set<string>();
    for (const attribute of ['aria-describedby', 'aria-errormessage']) {
      for (const id of (control.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)) {
        const text = normalise(document.getElementById(id)?.textContent);
        if (text) parts.add(text);
      }
    }
    if (parts.size > 0) return [...parts].join(' | ');
    // Otherwise the widest ancestor that still holds only this one label is the field's own wrapper.
    const labelElement = (control as HTMLInputElement).labels?.[0];
    let wrapper: HTMLElement | null = labelElement?.parentElement ?? control.parentElement;
    while (
      wrapper?.parentElement &&
      wrapper.parentElement.querySelectorAll('label').length <= 1 &&
      wrapper.parentElement !== document.body
    ) {
      wrapper = wrapper.parentElement;
    }
    // textContent, not innerText: CSS text-transform (WordPress upper-cases labels) must not hide the label.
    const labelText = normalise(labelElement?.textContent) || wanted;
    return normalise(wrapper?.textContent).replace(labelText, '').trim();
  }, label);
}

/** Clicks the button whose accessible name is `name`. */
export async function clickButton(page: Page, name: string, timeoutMs = 10000): Promise<void> {
  await page.locator(`::-p-aria([name="${name}"][role="button"])`).setTimeout(timeoutMs).click();
}

/** Waits until a line of the page's visible text matches `pattern`; returns that line. */
export async function waitForText(page: Page, pattern: RegExp, timeoutMs = 15000): Promise<string> {
  const handle = await page.waitForFunction(
    (source: string, flags: string) => {
      const regex = new RegExp(source, flags.includes('m') ? flags : `${flags}m`);
      const lines = document.body.innerText.split('\n').map((l) => l.trim());
      return lines.find((line) => regex.test(line)) ?? false;
    },
    { timeout: timeoutMs },
    pattern.source,
    pattern.flags,
  );
  return (await handle.jsonValue()) as string;
}

// WordPress's own notice markup: admin notices (PHP) and the components' <Notice> (React).
const NOTICE_SELECTOR = '.notice, .components-notice';

/** The visible texts of all notices on the page. */
export async function noticeTexts(page: Page): Promise<string[]> {
  return page.$$eval(NOTICE_SELECTOR, (elements) =>
    elements.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()).filter(Boolean),
  );
}

/**
 * Waits for a notice (admin notice or components Notice) whose text matches `pattern` and returns
 * that text; on timeout the error lists the notices that were there instead.
 */
export async function waitForNotice(page: Page, pattern: RegExp, timeoutMs = 15000): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      (selector: string, source: string, flags: string) => {
        const regex = new RegExp(source, flags);
        const texts = Array.from(document.querySelectorAll(selector)).map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
        return texts.find((text) => regex.test(text)) ?? false;
      },
      { timeout: timeoutMs },
      NOTICE_SELECTOR,
      pattern.source,
      pattern.flags,
    );
    return (await handle.jsonValue()) as string;
  } catch (error) {
    const seen = await noticeTexts(page).catch(() => []);
    throw new Error(`no notice matching ${pattern} within ${timeoutMs} ms; notices on the page: ${JSON.stringify(seen)}`, { cause: error });
  }
}

// ------------------------------------------------------------------------------------------
// Screenshots of every open page when a test fails.
// ------------------------------------------------------------------------------------------

let screenshotDir: string | undefined;

// Created on the first failure only, and kept: it is what a person looks at after a red run.
function failureDir(): string {
  if (process.env.CUADRA_E2E_ARTIFACTS) {
    mkdirSync(process.env.CUADRA_E2E_ARTIFACTS, { recursive: true });
    return process.env.CUADRA_E2E_ARTIFACTS;
  }
  screenshotDir ??= mkdtempSync(path.join(os.tmpdir(), 'cuadra-e2e-failures-'));
  return screenshotDir;
}

/** Saves a full-page screenshot of each page; returns the file paths. */
export async function screenshotPages(pages: Page[], name: string): Promise<string[]> {
  const dir = failureDir();
  const slug = name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  const paths: string[] = [];
  for (const [index, page] of pages.entries()) {
    if (page.isClosed()) continue;
    const file = path.join(dir, `${slug}-${index}.png`) as `${string}.png`;
    try {
      await page.screenshot({ path: file, fullPage: true });
      paths.push(file);
    } catch {
      // a crashed page cannot be captured; the error itself still reaches the report
    }
  }
  return paths;
}

/**
 * `test` that screenshots the given pages when the body fails and adds the paths to the error,
 * e.g. `const step = testWithScreenshots(() => [adminPage]); step('saves', async () => …)`.
 * With `stopAfterFailure`, steps of a story that builds on itself fail at once after the first
 * failure instead of each waiting for its own timeouts.
 */
export function testWithScreenshots(pages: () => Array<Page | undefined>, { stopAfterFailure = false } = {}) {
  let firstFailure: string | undefined;
  return (name: string, body: () => Promise<void>, timeoutMs?: number) =>
    test(
      name,
      async () => {
        if (stopAfterFailure && firstFailure) throw new Error(`not run: an earlier step failed ("${firstFailure}")`);
        try {
          await body();
        } catch (error) {
          firstFailure ??= name;
          const shots = await screenshotPages(
            pages().filter((p): p is Page => p !== undefined),
            name,
          );
          if (shots.length) {
            console.error(`Screenshots of "${name}":\n  ${shots.join('\n  ')}`);
            if (error instanceof Error) error.message += `\nScreenshots:\n  ${shots.join('\n  ')}`;
          }
          throw error;
        }
      },
      timeoutMs,
    );
}
