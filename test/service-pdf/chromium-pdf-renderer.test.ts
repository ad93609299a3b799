// The Chromium adapter as a service uses it: a bounded pool under load, a browser that dies in the
// middle of renders, timeouts, a full queue, no network whatever the HTML asks for, and nothing left
// behind after close().
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createChromiumPdfRenderer, isPdfRenderError, type ChromiumPdfRenderer, type PdfRenderError } from '../../service/src/adapters/pdf';
import { renderInvoiceHtml } from '../../service/src/documents/invoice-html';
import { createLogger } from '../../service/src/logger';
import { processGroupMembers } from '../harness/process-tree';
import { requireAll, requirements } from '../harness/requirements';
import { spanishInvoice } from './invoice-fixtures';
import { flatten, pdfText, popplerRequirement } from './pdf-tools';

const page = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

/** Polls `condition` every millisecond (pool states last only a few ms). */
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function settle<T>(promises: Promise<T>[]): Promise<Array<{ ok: true; value: T } | { ok: false; error: PdfRenderError }>> {
  return (await Promise.allSettled(promises)).map((r) => {
    if (r.status === 'fulfilled') return { ok: true as const, value: r.value };
    if (!isPdfRenderError(r.reason)) throw r.reason;
    return { ok: false as const, error: r.reason };
  });
}

requireAll(requirements.chromium, popplerRequirement).describe('Chromium PDF renderer', () => {
  let tempDir: string;
  const renderers: ChromiumPdfRenderer[] = [];
  const browserPids = new Set<number>();

  function open(options: Parameters<typeof createChromiumPdfRenderer>[0] = {}): ChromiumPdfRenderer {
    const renderer = createChromiumPdfRenderer({ tempDir, ...options });
    renderers.push(renderer);
    return renderer;
  }

  function remember(renderer: ChromiumPdfRenderer): number {
    const pid = renderer.stats().browser_pid;
    if (!pid) throw new Error('no browser is running');
    browserPids.add(pid);
    return pid;
  }

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'cuadra-pdf-renderer-test-'));
  });

  afterAll(async () => {
    for (const renderer of renderers) {
      const pid = renderer.stats().browser_pid;
      if (pid) browserPids.add(pid);
      await renderer.close();
    }
    // No Chromium process and no profile folder survives close().
    for (const pid of browserPids) expect(processGroupMembers(pid)).toEqual([]);
    expect(await readdir(tempDir)).toEqual([]);
    await rm(tempDir, { recursive: true, force: true });
  });

  test('30 renders through a pool of 2: all succeed, at most 2 at once, the rest queued, no cross-talk', async () => {
    const renderer = open({ poolSize: 2 });
    const base = spanishInvoice();
    const docs = Array.from({ length: 30 }, (_, i) => ({ ...base, number: `F2026-${String(i + 1).padStart(4, '0')}` }));
    const htmls = await Promise.all(docs.map((doc) => renderInvoiceHtml(doc)));
    let maxBusy = 0;
    let maxQueued = 0;
    const sampler = setInterval(() => {
      const { busy, queued } = renderer.stats();
      maxBusy = Math.max(maxBusy, busy);
      maxQueued = Math.max(maxQueued, queued);
    }, 1);
    const pdfs = await Promise.all(htmls.map((html) => renderer.render(html)));
    clearInterval(sampler);
    remember(renderer);

    expect(maxBusy).toBeLessThanOrEqual(2);
    expect(maxQueued).toBeGreaterThan(0);
    expect(renderer.stats()).toMatchObject({ launches: 1, renders: 30, failures: 0, busy: 0, queued: 0 });
    // Reused tabs never print the previous invoice: each PDF holds its own number and no other.
    const texts = await Promise.all(pdfs.map(async (pdf) => flatten(await pdfText(pdf))));
    texts.forEach((text, i) => {
      expect(text).toContain(`Factura ${docs[i]!.number}`);
      const others = docs.filter((_, j) => j !== i).map((doc) => doc.number);
      expect(others.filter((number) => text.includes(number))).toEqual([]);
    });
  });

  test('Chromium killed during renders: those fail as retryable, the next render starts a new browser', async () => {
    const renderer = open({ poolSize: 2 });
    const html = await renderInvoiceHtml(spanishInvoice());
    const profilesBefore = (await readdir(tempDir)).length;
    await renderer.render(html); // the browser is up
    const firstPid = remember(renderer);

    const inFlight = Array.from({ length: 6 }, () => renderer.render(html));
    expect(renderer.stats().busy).toBe(2); // two on tabs, four queued
    process.kill(firstPid, 'SIGKILL'); // what the OOM killer or a crash does to browser.process()
    const results = await settle(inFlight);

    const failed = results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.error.code).toBe('PDF_BROWSER_CRASHED');
      expect(r.error.retryable).toBe(true);
    }
    // The caller retries (the outbox does, with backoff): the retry succeeds on a new browser.
    const retried = await Promise.all(failed.map(() => renderer.render(html)));
    for (const pdf of retried) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const secondPid = remember(renderer);
    expect(secondPid).not.toBe(firstPid);
    expect(renderer.stats().launches).toBe(2);
    // The dead browser's helpers are gone and its profile is deleted.
    await until(() => processGroupMembers(firstPid).length === 0, 'the old Chromium process group to be gone');
    await until(async () => (await readdir(tempDir)).length === profilesBefore + 1, "only the new browser's profile to be left");
  });

  test('an invoice can never reach the network: every remote reference is blocked before it leaves', async () => {
    // Connections, not only requests: Chromium preconnects to hosts it sees in the markup before
    // any request is made (request interception alone does not stop that; the proxy fence does).
    const hits: string[] = [];
    const server: Server = createServer((request, response) => {
      hits.push(`${request.method} ${request.url}`);
      response.end('x');
    });
    server.on('connection', (socket) => {
      hits.push(`connection from ${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const logged: Array<{ msg: string; url?: string }> = [];
    const logger = createLogger('debug', { write: (line: string) => void logged.push(JSON.parse(line) as { msg: string; url?: string }) });
    const renderer = open({ logger });
    try {
      const html = page(`
        <link rel="stylesheet" href="${local}/style.css">
        <style>@import url("${local}/import.css"); @font-face { font-family: x; src: url("${local}/font.woff2"); }
          body { background: url("${local}/background.png"); font-family: x; }</style>
        <p>Factura con recursos remotos</p>
        <img src="http://example.com/logo.png">
        <img src="${local}/logo.png">
        <iframe src="${local}/frame.html"></iframe>
        <object data="${local}/object.pdf"></object>
        <script src="${local}/script.js"></script>
        <script>fetch("${local}/fetch"); new Image().src = "http://example.com/beacon";</script>`);
      const pdf = await renderer.render(html);
      expect(flatten(await pdfText(pdf))).toContain('Factura con recursos remotos');
      remember(renderer);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(hits).toEqual([]);
    const blocked = logged.filter((entry) => entry.msg === 'blocked a network request from a PDF').map((entry) => entry.url);
    expect(blocked).toEqual(expect.arrayContaining(['http://example.com/logo.png', `${local}/logo.png`, `${local}/style.css`]));
  });

  test('scripts in the HTML do not run', async () => {
    const renderer = open();
    const pdf = await renderer.render(
      page('<p id="p">static text</p><script>document.getElementById("p").textContent = "PWNED";</script>'),
    );
    const text = flatten(await pdfText(pdf));
    expect(text).toContain('static text');
    expect(text).not.toContain('PWNED');
    remember(renderer);
  });

  test('Chromium runs as one process: no helper processes, no print compositor started per PDF', async () => {
    const renderer = open({ poolSize: 2 });
    const html = await renderInvoiceHtml(spanishInvoice());
    await Promise.all([renderer.render(html), renderer.render(html)]);
    const pid = remember(renderer);
    expect(processGroupMembers(pid)).toEqual([pid]);
  });

  test("singleProcess: false is Chromium's usual process model, with the same PDFs", async () => {
    const renderer = open({ poolSize: 1, singleProcess: false });
    const pdf = await renderer.render(page('<p>multi-process</p>'));
    expect(flatten(await pdfText(pdf))).toBe('multi-process');
    expect(processGroupMembers(remember(renderer)).length).toBeGreaterThan(1);
  });

  test('a render over its deadline fails with PDF_RENDER_TIMEOUT and the pool keeps working', async () => {
    const renderer = open({ poolSize: 1 });
    await renderer.render(page('<p>warm</p>'));
    remember(renderer);
    const huge = page(Array.from({ length: 4000 }, (_, i) => `<p>Línea ${i}</p>`).join(''));
    await expect(renderer.render(huge, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'PDF_RENDER_TIMEOUT', retryable: true });
    const pdf = await renderer.render(page('<p>after the timeout</p>'));
    expect(flatten(await pdfText(pdf))).toContain('after the timeout');
    remember(renderer);
    expect(renderer.stats()).toMatchObject({ busy: 0 });
  });

  test('a page still laying out after its deadline does not hold up the next renders (Chromium is restarted)', async () => {
    const renderer = open({ poolSize: 2 });
    await renderer.render(page('<p>warm</p>'));
    remember(renderer);
    // ~15 s of layout on a 2-core machine: in one process, closing its tab does not stop it.
    const slow = page(
      `<table>${Array.from({ length: 200_000 }, (_, i) => `<tr><td>Línea ${i}</td><td>${i * 3}</td></tr>`).join('')}</table>`,
    );
    await expect(renderer.render(slow, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'PDF_RENDER_TIMEOUT' });
    const started = Date.now();
    const pdf = await renderer.render(page('<p>next invoice</p>'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(flatten(await pdfText(pdf))).toBe('next invoice');
    remember(renderer);
    expect(renderer.stats()).toMatchObject({ launches: 2, busy: 0 });
  });

  test('tabs are replaced after maxRendersPerTab renders', async () => {
    const renderer = open({ poolSize: 1, maxRendersPerTab: 2 });
    for (let i = 0; i < 7; i++) {
      const pdf = await renderer.render(page(`<p>render ${i}</p>`));
      expect(flatten(await pdfText(pdf))).toBe(`render ${i}`);
    }
    remember(renderer);
    expect(renderer.stats()).toMatchObject({ launches: 1, renders: 7, tabs_opened: 4 });
  });

  test('a single-process browser is replaced by a fresh one after maxRendersPerBrowser renders, without failing any', async () => {
    const renderer = open({ poolSize: 2, maxRendersPerBrowser: 3 });
    const pids = new Set<number>();
    for (let round = 0; round < 3; round++) {
      const texts = await Promise.all(
        [0, 1, 2].map(async (i) => {
          const pdf = await renderer.render(page(`<p>round ${round} render ${i}</p>`));
          const pid = renderer.stats().browser_pid;
          if (pid) pids.add(pid);
          return flatten(await pdfText(pdf));
        }),
      );
      expect(texts).toEqual([0, 1, 2].map((i) => `round ${round} render ${i}`));
    }
    for (const pid of pids) browserPids.add(pid);
    expect(renderer.stats()).toMatchObject({ renders: 9, failures: 0, busy: 0 });
    expect(renderer.stats().launches).toBeGreaterThanOrEqual(3);
    // The replaced browsers are gone (their process groups empty) once their last render was done.
    const current = renderer.stats().browser_pid;
    await new Promise((r) => setTimeout(r, 1000));
    for (const pid of pids) if (pid !== current) expect(processGroupMembers(pid)).toEqual([]);
  });

  test('finished PDFs are not kept alive by the renderer (no per-render leak)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const renderer = open({ poolSize: 2 });
    const html = await renderInvoiceHtml(spanishInvoice());
    const batch = async (n: number) => {
      for (let i = 0; i < n; i += 2) await Promise.all([renderer.render(html), renderer.render(html)]);
    };
    await batch(20);
    gc();
    const before = process.memoryUsage().arrayBuffers;
    await batch(160); // ~48 kB each: a leak would keep ~7.5 MB
    gc();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * 1024 * 1024);
    remember(renderer);
  });

  test('a full queue refuses new renders at once', async () => {
    const renderer = open({ poolSize: 1, maxQueue: 1 });
    const html = page('<p>queued</p>');
    const results = await settle([renderer.render(html), renderer.render(html), renderer.render(html)]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'PDF_QUEUE_FULL']);
    remember(renderer);
  });

  test('a browser that cannot start fails with PDF_BROWSER_LAUNCH_FAILED, and nothing is left behind', async () => {
    const before = await readdir(tempDir);
    const renderer = open({ executablePath: path.join(tempDir, 'no-such-chromium') });
    await expect(renderer.render(page('<p>x</p>'))).rejects.toMatchObject({ code: 'PDF_BROWSER_LAUNCH_FAILED', retryable: true });
    await renderer.close();
    expect(await readdir(tempDir)).toEqual(before);
  });

  test('close() lets renders on a tab finish, refuses queued and new ones, and removes Chromium', async () => {
    const renderer = open({ poolSize: 1 });
    const html = await renderInvoiceHtml(spanishInvoice());
    await renderer.render(html);
    const pid = remember(renderer);
    const running = renderer.render(html);
    const queued = renderer.render(html);
    expect(renderer.stats()).toMatchObject({ busy: 1, queued: 1 });
    const closing = renderer.close();
    const [first, second] = await settle([running, queued]);
    await closing;
    expect(first?.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'PDF_RENDERER_CLOSED', retryable: false } });
    await expect(renderer.render(html)).rejects.toMatchObject({ code: 'PDF_RENDERER_CLOSED' });
    expect(processGroupMembers(pid)).toEqual([]);
    expect(renderer.stats().browser_pid).toBeNull();
  });
});
