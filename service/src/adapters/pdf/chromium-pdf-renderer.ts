// PdfRenderer on Debian's Chromium through puppeteer-core: one long-lived browser, started on the
// first render, and a small pool of reused tabs. Reusing a tab (setContent + pdf) costs a fraction
// of opening one, and more tabs than cores only adds memory. Renders beyond the pool wait in a
// bounded FIFO queue. If Chromium dies, the renders in flight fail with a retryable
// PdfRenderError and the next render starts a fresh browser.
//
// Chromium runs as ONE process (--single-process): in its usual process model every print starts
// and stops a print compositor utility process (~16 ms of the ~29 ms of CPU an empty page costs),
// and the tab's renderer, the network service and the browser talk over IPC. In one process the
// compositor is a thread and the helpers are gone: an invoice costs ~40 % less CPU, with half the
// RSS and ~15 % less PSS. The tabs share one renderer thread (two still pay: one lays out while
// the other prints), so a page past its deadline would hold the other tab up: a timeout restarts
// the browser. Chromium calls this mode unsupported; a crash takes the whole browser down, which
// the pool survives (retryable PDF_BROWSER_CRASHED, then a new browser); `singleProcess: false`
// restores the usual model.
//
// Invoices must never reach the network: every request that is not data: or about: is aborted by
// request interception. That alone is not enough: Chromium preconnects (DNS + TCP) to hosts it
// finds in the markup before any request exists, so it also gets a dead proxy (loopback included)
// and a resolver that resolves nothing. The tests count connections, not only requests.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type CDPSession, type HTTPRequest, type Page } from 'puppeteer-core';
import type { Logger } from '../../logger';
import { PdfRenderError, type PdfRenderer, type PdfRenderOptions } from './pdf-renderer';

export type PdfLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface ChromiumPdfRendererOptions {
  /** Debian's wrapper; `/usr/lib/chromium/chromium` skips the wrapper's shell start-up. */
  executablePath?: string;
  /** Tabs rendering at the same time; 2 is the sweet spot on 2 cores (3 is slower in one process). */
  poolSize?: number;
  /** Renders allowed to wait for a tab before new ones are refused with PDF_QUEUE_FULL. */
  maxQueue?: number;
  /** A tab is replaced after this many renders: a renderer reused forever slowly grows (~25 kB per render). */
  maxRendersPerTab?: number;
  /** Default per-render timeout (setContent + print), overridable per call. */
  renderTimeoutMs?: number;
  launchTimeoutMs?: number;
  /**
   * Tagged (accessible) PDF structure. Off by default: it costs ~10 % throughput and ~50 % file
   * size, and the invoice text is extractable without it.
   */
  taggedPdf?: boolean;
  /**
   * Chromium in one process (default): no print compositor process started per PDF, fewer
   * processes. `false` is Chromium's usual multi-process model, should a Chromium update break
   * the single-process mode.
   */
  singleProcess?: boolean;
  /**
   * A single-process browser is replaced by a fresh one after this many renders: memory a closed
   * tab used is not handed back as a killed renderer process's is (~6 kB per render measured).
   */
  maxRendersPerBrowser?: number;
  /** Where the browser's throw-away profile and XDG folders are created. */
  tempDir?: string;
  logger?: PdfLogger;
}

export interface ChromiumPdfRendererStats {
  /** The browser's process id while one runs (its process group holds all of Chromium's helpers). */
  browser_pid: number | null;
  launches: number;
  /** Tabs opened over the renderer's life (start-up tab, pool growth, recycling, crashes). */
  tabs_opened: number;
  renders: number;
  failures: number;
  busy: number;
  queued: number;
}

export interface ChromiumPdfRenderer extends PdfRenderer {
  stats(): ChromiumPdfRendererStats;
}

// ENVIRONMENT.md's flags, then the network fence (dead proxy, no DNS) and fewer background services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-domain-reliability',
  // Memory: no spare renderer kept warm for navigations that never come (~75 MB RSS), and the
  // software compositor inside the browser process instead of a GPU process of its own (~80 MB).
  '--disable-features=SpareRendererForSitePerProcess',
  '--in-process-gpu',
  // The discard port: nothing listens, every connection is refused. "<-loopback>" removes the
  // implicit bypass for 127.0.0.1/localhost, so local services are out of reach too.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  // Unhinted glyph metrics: the same line breaks on every machine, as on paper.
  '--font-render-hinting=none',
];

// Renderer, utilities (print compositor, network, storage) and GPU as threads of the browser
// process; with no renderer process to fork, the zygotes (~130 MB RSS) are not needed either.
const SINGLE_PROCESS_ARGS = ['--single-process', '--no-zygote'];

const ALLOWED_URL = /^(?:data|about):/i;
/** What page.pdf() calls "A4". */
const A4_INCHES = { width: 8.27, height: 11.7 };
const CLOSE_GRACE_MS = 5_000;

interface PooledPage {
  page: Page;
  /** The tab's own DevTools session, for printing (see printPdf). */
  cdp: CDPSession;
  renders: number;
  /** The tab's renderer crashed or the tab was closed: it goes back to no pool. */
  broken: boolean;
}

interface BrowserSession {
  browser: Browser;
  pid: number | null;
  /** Profile and XDG folders, deleted once the process has exited. */
  dir: string;
  idle: PooledPage[];
  alive: boolean;
  /** Resolves when Chromium disconnects (exit, crash or close). */
  disconnected: Promise<void>;
  /** Resolves when the process has exited (or immediately without a process). */
  exited: Promise<void>;
  /** Renders done and renders in progress on this browser. */
  renders: number;
  active: number;
  /** Replaced by a fresh browser: takes no new renders and closes once its last one is done. */
  draining: boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Kills Chromium's whole process group (puppeteer starts it detached, so the pid is the group). */
function killGroup(pid: number | null): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export function createChromiumPdfRenderer(options: ChromiumPdfRendererOptions = {}): ChromiumPdfRenderer {
  const {
    executablePath = '/usr/bin/chromium',
    poolSize = 2,
    maxQueue = 1_000,
    maxRendersPerTab = 500,
    renderTimeoutMs = 30_000,
    launchTimeoutMs = 30_000,
    taggedPdf = false,
    singleProcess = true,
    maxRendersPerBrowser = 2_000,
    tempDir = os.tmpdir(),
    logger,
  } = options;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a positive integer, got ${poolSize}`);

  let session: BrowserSession | null = null;
  let launching: Promise<BrowserSession> | null = null;
  let busy = 0;
  const waiters: Waiter[] = [];
  const inFlight = new Set<Promise<unknown>>();
  /** Profiles of browsers that died or were retired, still being deleted: close() waits for them. */
  const profileRemovals = new Set<Promise<void>>();
  let closing: Promise<void> | null = null;
  const counters = { launches: 0, tabs_opened: 0, renders: 0, failures: 0 };

  // ---- slots: at most poolSize renders use a tab at once; the rest wait in FIFO order ----

  function acquireSlot(): Promise<void> {
    if (busy < poolSize) {
      busy++;
      return Promise.resolve();
    }
    if (waiters.length >= maxQueue) {
      return Promise.reject(
        new PdfRenderError('PDF_QUEUE_FULL', `${waiters.length} PDF renders are already waiting.`, { retryable: true }),
      );
    }
    return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
  }

  function releaseSlot(): void {
    const next = waiters.shift();
    if (next)
      next.resolve(); // the slot passes straight to the next waiter
    else busy--;
  }

  // ---- the browser ----

  async function launch(): Promise<BrowserSession> {
    const dir = await mkdtemp(path.join(tempDir, 'cuadra-pdf-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true, // DevTools over stdio: no debugging port that other local processes could use
        userDataDir: path.join(dir, 'profile'),
        args: singleProcess ? [...CHROMIUM_ARGS, ...SINGLE_PROCESS_ARGS] : CHROMIUM_ARGS,
        env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_CACHE_HOME: path.join(dir, 'cache') },
        timeout: launchTimeoutMs,
        protocolTimeout: Math.max(renderTimeoutMs, 30_000) * 2,
        // The service's own shutdown closes the renderer; puppeteer must not exit the process.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      throw new PdfRenderError('PDF_BROWSER_LAUNCH_FAILED', `Chromium (${executablePath}) did not start: ${describe(error)}`, {
        retryable: true,
        cause: error,
      });
    }
    counters.launches++;
    const child = browser.process();
    const pid = child?.pid ?? null;
    const exited = new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    let markDisconnected!: () => void;
    const disconnected = new Promise<void>((resolve) => (markDisconnected = resolve));
    const created: BrowserSession = {
      browser,
      pid,
      dir,
      idle: [],
      alive: true,
      disconnected,
      exited,
      renders: 0,
      active: 0,
      draining: false,
    };
    browser.once('disconnected', () => {
      created.alive = false;
      markDisconnected();
      if (session === created) session = null;
      if (!closing && !created.draining) logger?.warn({ pid }, 'Chromium disconnected; the next PDF render starts a new browser');
      // Helpers (zygote, renderers) must not outlive the browser; then the profile can go.
      killGroup(pid);
      const removal = exited
        .then(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }))
        .catch((error: unknown) => logger?.warn({ dir, err: describe(error) }, 'could not delete a Chromium profile'));
      profileRemovals.add(removal);
      void removal.then(() => profileRemovals.delete(removal));
    });
    // The tab Chromium opens at start-up becomes the first pooled tab.
    try {
      const [first] = await browser.pages();
      if (first) created.idle.push(await preparePage(first));
    } catch (error) {
      logger?.debug({ err: describe(error) }, 'the start-up tab could not be pooled');
    }
    logger?.info({ pid, pool_size: poolSize }, 'Chromium started for PDF rendering');
    return created;
  }

  /** Kills a browser at once; its renders in flight fail as crashed and the next render starts a new one. */
  function retire(old: BrowserSession): void {
    old.alive = false;
    if (session === old) session = null;
    killGroup(old.pid);
  }

  function currentSession(): Promise<BrowserSession> {
    if (session?.alive) return Promise.resolve(session);
    launching ??= launch().then(
      (created) => {
        launching = null;
        session = created;
        return created;
      },
      (error: unknown) => {
        launching = null;
        throw error;
      },
    );
    return launching;
  }

  async function preparePage(page: Page): Promise<PooledPage> {
    counters.tabs_opened++;
    const pooled: PooledPage = { page, cdp: await page.createCDPSession(), renders: 0, broken: false };
    page.on('error', () => {
      pooled.broken = true;
    });
    // Invoices carry no script: turning it off means markup that slipped escaping still cannot run.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      if (ALLOWED_URL.test(url)) {
        request.continue().catch(() => undefined);
      } else {
        logger?.warn({ url: url.slice(0, 200), resource_type: request.resourceType() }, 'blocked a network request from a PDF');
        request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    return pooled;
  }

  async function takePage(current: BrowserSession): Promise<PooledPage> {
    const pooled = current.idle.pop();
    if (pooled) return pooled;
    return preparePage(await current.browser.newPage());
  }

  /**
   * Rejects when the tab's renderer crashes during this render, so a render never waits on a dead
   * tab until its timeout. One per render and removed after it: a promise raced on every render
   * would keep every PDF it ever resolved reachable.
   */
  function crashOf(pooled: PooledPage): { crashed: Promise<never>; dispose(): void } {
    let listener: ((error: Error) => void) | undefined;
    const crashed = new Promise<never>((_, reject) => {
      listener = (error: Error) => reject(error);
      pooled.page.on('error', listener);
    });
    crashed.catch(() => undefined);
    return { crashed, dispose: () => listener && pooled.page.off('error', listener) };
  }

  /**
   * page.pdf() without its stream: Page.printToPDF answers with the whole PDF in one message
   * instead of a stream read in chunks (fewer round trips: ~5 % more PDFs/s on 2 cores). Same
   * defaults as page.pdf(): A4 unless the CSS says otherwise, no margins of its own, after the
   * document's fonts are ready.
   */
  async function printPdf(tab: PooledPage): Promise<Buffer> {
    await tab.cdp.send('Runtime.evaluate', {
      expression: 'document.fonts.ready.then(() => true)',
      awaitPromise: true,
      returnByValue: true,
    });
    const { data } = await tab.cdp.send('Page.printToPDF', {
      paperWidth: A4_INCHES.width,
      paperHeight: A4_INCHES.height,
      marginTop: 0,
      marginBottom: 0,
      marginLeft: 0,
      marginRight: 0,
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: taggedPdf,
      generateDocumentOutline: false,
      transferMode: 'ReturnAsBase64',
    });
    return Buffer.from(data, 'base64');
  }

  function discardPage(pooled: PooledPage): void {
    pooled.broken = true;
    if (!pooled.page.isClosed()) pooled.page.close().catch(() => undefined);
  }

  // ---- one render ----

  async function renderOnce(html: string, timeoutMs: number): Promise<Buffer> {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PdfRenderError('PDF_RENDER_TIMEOUT', `The PDF was not ready after ${timeoutMs} ms.`, { retryable: true }));
      }, timeoutMs);
    });
    let current: BrowserSession | null = null;
    let pooled: PooledPage | null = null;
    try {
      current = await Promise.race([currentSession(), timeout]);
      const active = current;
      active.active++;
      const taking = takePage(active);
      // A tab that arrives after the deadline belongs to nobody: close it.
      taking.then((late) => timedOut && discardPage(late)).catch(() => undefined);
      pooled = await Promise.race([taking, timeout]);
      const tab = pooled;
      const work = (async () => {
        await tab.page.setContent(html, { waitUntil: 'load', timeout: 0 });
        return printPdf(tab);
      })();
      work.catch(() => undefined); // when the timeout wins, the abandoned work must not be unhandled
      const crash = crashOf(tab);
      let pdf: Buffer;
      try {
        pdf = await Promise.race([work, crash.crashed, timeout]);
      } finally {
        crash.dispose();
      }
      tab.renders++;
      active.renders++;
      if (singleProcess && active.renders >= maxRendersPerBrowser && session === active) {
        // New renders go to a fresh browser; this one closes when its last render is done.
        active.draining = true;
        session = null;
        logger?.info({ pid: active.pid, renders: active.renders }, 'Chromium is replaced by a fresh browser after its render quota');
      }
      if (active.alive && !active.draining && !tab.broken && tab.renders < maxRendersPerTab) active.idle.push(tab);
      else discardPage(tab);
      return pdf;
    } catch (error) {
      if (pooled) discardPage(pooled);
      if (timedOut && current?.alive && pooled) {
        if (singleProcess) {
          // Closing the tab does not stop its layout: the one renderer thread would keep every other
          // tab waiting (seconds to minutes for a pathological page). A new browser is the only cure.
          logger?.warn({ timeout_ms: timeoutMs, pid: current.pid }, 'a PDF render timed out; Chromium is restarted');
          retire(current);
        } else {
          // A tab that ignores its deadline may mean a wedged renderer; closing the tab frees it.
          logger?.warn({ timeout_ms: timeoutMs }, 'a PDF render timed out; its tab was closed');
        }
      }
      throw await classify(error, current);
    } finally {
      clearTimeout(timer);
      if (current) {
        current.active--;
        if (current.draining && current.active === 0 && current.alive) {
          current.alive = false;
          current.browser.close().catch(() => killGroup(current!.pid));
        }
      }
    }
  }

  /** The typed error for whatever a render threw. */
  async function classify(error: unknown, current: BrowserSession | null): Promise<PdfRenderError> {
    if (error instanceof PdfRenderError) return error;
    // The "target closed" error of a page can arrive just before the browser's disconnect event.
    if (current) await Promise.race([current.disconnected, delay(150)]);
    if (closing)
      return new PdfRenderError('PDF_RENDERER_CLOSED', 'The PDF renderer was closed during the render.', {
        retryable: false,
        cause: error,
      });
    if (current && !current.alive) {
      return new PdfRenderError('PDF_BROWSER_CRASHED', `Chromium stopped during the render: ${describe(error)}`, {
        retryable: true,
        cause: error,
      });
    }
    return new PdfRenderError('PDF_RENDER_FAILED', `The PDF could not be rendered: ${describe(error)}`, { retryable: true, cause: error });
  }

  function render(html: string, renderOptions: PdfRenderOptions = {}): Promise<Buffer> {
    if (closing) return Promise.reject(new PdfRenderError('PDF_RENDERER_CLOSED', 'The PDF renderer is closed.', { retryable: false }));
    if (typeof html !== 'string') return Promise.reject(new TypeError('render() takes an HTML string'));
    const timeoutMs = renderOptions.timeoutMs ?? renderTimeoutMs;
    // Registered at once, so close() waits for every render it has accepted.
    const job = (async () => {
      await acquireSlot(); // rejects when the queue is full or close() empties it; no slot is held then
      try {
        const pdf = await renderOnce(html, timeoutMs);
        counters.renders++;
        return pdf;
      } catch (error) {
        counters.failures++;
        throw error;
      } finally {
        releaseSlot();
      }
    })();
    inFlight.add(job);
    const forget = () => inFlight.delete(job);
    job.then(forget, forget);
    return job;
  }

  async function shutDown(): Promise<void> {
    for (const waiter of waiters.splice(0)) {
      waiter.reject(
        new PdfRenderError('PDF_RENDERER_CLOSED', 'The PDF renderer was closed before this render started.', { retryable: false }),
      );
    }
    // Renders already on a tab may finish, within their own timeouts.
    await Promise.allSettled([...inFlight]);
    const pending = launching ? await launching.catch(() => null) : null;
    const current = session ?? pending;
    session = null;
    await Promise.race([Promise.allSettled([...profileRemovals]), delay(CLOSE_GRACE_MS)]);
    if (!current) return;
    const { browser, pid, exited, dir } = current;
    const closed = browser.close().catch(() => undefined);
    await Promise.race([closed, delay(CLOSE_GRACE_MS)]);
    killGroup(pid);
    await Promise.race([exited, delay(CLOSE_GRACE_MS)]);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    logger?.info({ pid }, 'Chromium for PDF rendering closed');
  }

  return {
    render,
    close() {
      closing ??= shutDown();
      return closing;
    },
    stats() {
      return { browser_pid: session?.alive ? session.pid : null, ...counters, busy, queued: waiters.length };
    },
  };
}
