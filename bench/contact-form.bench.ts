// The contact-form block's cost to a site:
//  1. bytes of JS and CSS it adds to a front-end page, as Chromium downloads them (raw and gzip -9),
//     next to a page without the block (where it must add nothing);
//  2. submissions/s through WordPress's public REST route (each one validated, stored in
//     wp_cuadra_submissions, and delivered to the service in batches by WP-Cron runs that the
//     submissions spawn, as on a default site) against a trivial WordPress REST POST route with the
//     same body, in the same run. The service creates the tickets during the run, on the same
//     machine; what is still queued when the load stops is waited for and reported, and the
//     end-to-end rate (tickets created ÷ (load time + drain time)) is given next to the request rate.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { launchBrowser, startStack, wordpressVersion, type RunningWordPress } from '../test/harness';
import { CONTACT_FORM_MARKUP, formTokens, installBareTheme, publishPage, submissionRows } from '../test/e2e/support/contact-form-site';
import type { Benchmark } from './lib/benchmark';
import { startKeepAliveFront } from './lib/keep-alive-front';
import type { LoadResult, LoadSettings } from './lib/load';
import { groupCpuMs, processGroupOf } from './lib/proc';

interface AssetBytes {
  js: number;
  css: number;
  jsGzip: number;
  cssGzip: number;
  files: string[];
}

// The bench sends thousands of submissions from one address, and a trivial route to compare with.
const BENCH_MU_PLUGIN = `<?php
// Written by bench/contact-form.bench.ts: lifts the per-IP rate limit and adds the baseline route.
add_filter( 'cuadra_contact_rate_limit', static function () { return PHP_INT_MAX; } );
add_action( 'rest_api_init', static function () {
	register_rest_route( 'cuadra-bench/v1', '/ping', array(
		'methods'             => 'POST',
		'callback'            => static function () { return array( 'ok' => true ); },
		'permission_callback' => '__return_true',
	) );
} );
`;

/** Waits until no submission is queued (WP-Cron runs deliver them); the counts by status. */
async function waitForDrain(wp: RunningWordPress, timeoutMs: number): Promise<Record<string, number>> {
  const started = performance.now();
  for (;;) {
    const rows = await countRows(wp);
    if (!rows.queued) return rows;
    if (performance.now() - started > timeoutMs) {
      const waiting = await wp.phpJson<unknown[]>(
        'global $wpdb; return $wpdb->get_results("SELECT id, attempts, next_attempt_at, lease, last_error, UTC_TIMESTAMP() AS now FROM {$wpdb->prefix}cuadra_submissions WHERE status = \'queued\' LIMIT 5", ARRAY_A);',
      );
      throw new Error(`submissions still queued after ${timeoutMs} ms: ${JSON.stringify(rows)} ${JSON.stringify(waiting)}`);
    }
    // A page view runs WP-Cron if no run is going on (after a run ends, rows stored meanwhile wait for the next view).
    await fetch(wp.url).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** JS and CSS a page downloads, keyed by URL without its ?ver= query. */
async function pageAssets(url: string): Promise<Map<string, { type: 'js' | 'css'; body: Buffer }>> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const assets = new Map<string, { type: 'js' | 'css'; body: Buffer }>();
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      pending.push(
        response.buffer().then((body) => {
          assets.set(response.url().replace(/\?.*$/, ''), { type: type === 'script' ? 'js' : 'css', body });
        }),
      );
    });
    await page.goto(url, { waitUntil: 'networkidle0' });
    await Promise.all(pending);
    // WordPress inlines small block styles (wp_maybe_inline_styles): they cost bytes without a request.
    const inline = await page.evaluate(() =>
      Array.from(document.querySelectorAll('style, script:not([src])')).map((element) => ({
        key: `inline:${element.id || element.textContent}`,
        type: element.tagName === 'STYLE' ? ('css' as const) : ('js' as const),
        text: element.textContent ?? '',
      })),
    );
    for (const { key, type, text } of inline) assets.set(key, { type, body: Buffer.from(text, 'utf8') });
    return assets;
  } finally {
    await browser.close();
  }
}

function totals(entries: Array<[string, { type: 'js' | 'css'; body: Buffer }]>): AssetBytes {
  const sum = (type: 'js' | 'css', gzip: boolean) =>
    entries.filter(([, a]) => a.type === type).reduce((n, [, a]) => n + (gzip ? gzipSync(a.body, { level: 9 }).length : a.body.length), 0);
  return {
    js: sum('js', false),
    css: sum('css', false),
    jsGzip: sum('js', true),
    cssGzip: sum('css', true),
    files: entries.map(([u]) => u),
  };
}

async function postLoad(label: string, url: string, body: string, settings: LoadSettings): Promise<LoadResult> {
  const target = new URL(url);
  const run = (duration: number) =>
    autocannon({
      url: target.origin,
      connections: settings.connections,
      duration,
      timeout: 30,
      requests: [{ method: 'POST', path: target.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }],
    });
  if (settings.warmupSec > 0) await run(settings.warmupSec);
  const result = await run(settings.durationSec);
  return {
    label,
    url,
    requestsPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)])),
    durationSec: result.duration,
    connections: settings.connections,
  };
}

async function countRows(wp: RunningWordPress): Promise<Record<string, number>> {
  const rows = await wp.phpJson<Array<{ status: string; n: string }>>(
    'global $wpdb; return $wpdb->get_results("SELECT status, COUNT(*) AS n FROM {$wpdb->prefix}cuadra_submissions GROUP BY status", ARRAY_A);',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

const contactForm: Benchmark = {
  name: 'contact-form',
  description: 'contact-form block: JS/CSS bytes on a page (vs none without it), submissions/s vs a trivial REST POST route',
  async run(settings) {
    // WP-Cron on, as WordPress ships (the harness turns it off for quiet tests).
    const stack = await startStack({ db: 'mariadb', connect: 'constants', wordpress: { constants: { DISABLE_WP_CRON: false } } });
    try {
      const wp = stack.wordpress;
      await installBareTheme(wp);
      await writeFile(path.join(wp.dir, 'wp-content', 'mu-plugins', 'cuadra-bench.php'), BENCH_MU_PLUGIN);
      const formPage = await publishPage(wp, 'Contacto', CONTACT_FORM_MARKUP('b3nch0'));
      const plainPage = await publishPage(wp, 'Sin formulario', '<!-- wp:paragraph --><p>Hola.</p><!-- /wp:paragraph -->');

      // 1. Bytes, as an anonymous visitor's Chromium downloads them.
      const [withBlock, withoutBlock] = [await pageAssets(formPage.url), await pageAssets(plainPage.url)];
      const added = totals([...withBlock].filter(([url]) => !withoutBlock.has(url)));
      const cuadraOnPlainPage = totals([...withoutBlock].filter(([url]) => /\/plugins\/cuadra\/|^inline:cuadra/.test(url)));
      const baseline = totals([...withoutBlock]);

      // 2. Throughput. The time token must be at least 3 s old; cached pages reuse one token too.
      const tokens = await formTokens(formPage.url);
      await new Promise((resolve) => setTimeout(resolve, 3300));
      const body = new URLSearchParams({
        cuadra_post_id: tokens.postId,
        cuadra_form_id: tokens.formId,
        cuadra_token: tokens.token,
        cuadra_website: '',
        'cuadra[name]': 'Ana Pérez',
        'cuadra[email]': 'ana@example.es',
        'cuadra[subject]': 'Presupuesto',
        'cuadra[message]': 'Hola, ¿podéis enviarme un presupuesto? Gracias 😀',
        'cuadra[privacy]': '1',
      }).toString();
      const probe = await fetch(`${wp.url}/wp-json/cuadra/v1/contact-submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const probeBody = (await probe.json()) as { status?: string };
      if (probe.status !== 200 || probeBody.status !== 'sent')
        throw new Error(`probe submission: HTTP ${probe.status} ${JSON.stringify(probeBody)}`);
      const probeRows = await waitForDrain(wp, 30_000);
      if (probeRows.delivered !== 1) throw new Error(`probe submission not delivered: ${JSON.stringify(probeRows)}`);

      // Which process spent the CPU, per request of each run: PHP (requests and cron runs) and the service.
      const phpGroup = processGroupOf(`127.0.0.1:${new URL(wp.url).port}`);
      const serviceGroup = stack.service?.pid ?? null;
      // MariaDB is shared with anything else running on the machine: its figure is only an upper bound.
      const mariadbGroup = processGroupOf('mariadbd');
      const cpuNow = () => ({
        php: phpGroup ? groupCpuMs(phpGroup) : 0,
        service: serviceGroup ? groupCpuMs(serviceGroup) : 0,
        mariadb: mariadbGroup ? groupCpuMs(mariadbGroup) : 0,
      });
      const cpuPerRequest: Record<string, number> = {};
      const account = async (name: string, run: () => Promise<LoadResult>) => {
        const before = cpuNow();
        const result = await run();
        const after = cpuNow();
        // Includes the warm-up's requests, which autocannon does not count in `requests`: an estimate.
        const requests = result.requests * (1 + settings.warmupSec / settings.durationSec);
        cpuPerRequest[`cpu_ms_per_request_${name}_php`] = Math.round(((after.php - before.php) / requests) * 100) / 100;
        cpuPerRequest[`cpu_ms_per_request_${name}_service`] = Math.round(((after.service - before.service) / requests) * 100) / 100;
        cpuPerRequest[`cpu_ms_per_request_${name}_mariadb`] = Math.round(((after.mariadb - before.mariadb) / requests) * 100) / 100;
        return result;
      };
      const front = await startKeepAliveFront(wp.url);
      const runs: LoadResult[] = [];
      let drainSec = 0;
      let queuedAtEnd = 0;
      try {
        runs.push(
          await account('a', async () => {
            const result = await postLoad(
              '(a) POST /wp-json/cuadra/v1/contact-submissions',
              `${front.url}/wp-json/cuadra/v1/contact-submissions`,
              body,
              settings,
            );
            // Tickets still to create when the load stopped: waited for (and counted) before the baseline runs.
            queuedAtEnd = (await countRows(wp)).queued ?? 0;
            const drainStarted = performance.now();
            await waitForDrain(wp, 120_000);
            drainSec = (performance.now() - drainStarted) / 1000;
            return result;
          }),
        );
        runs.push(
          await account('b', () =>
            postLoad('(b) POST trivial WordPress REST route (baseline)', `${front.url}/wp-json/cuadra-bench/v1/ping`, body, settings),
          ),
        );
      } finally {
        await front.stop();
      }
      const rows = await countRows(wp);
      const stored = Object.values(rows).reduce((a, b) => a + b, 0);
      const sample = (await submissionRows(wp)).at(-1);
      const [submissions, trivial] = runs as [LoadResult, LoadResult];
      // Everything the measured run stored became a ticket by the end of the drain (the warm-up's too).
      const endToEnd = submissions.requests / (submissions.durationSec + drainSec);
      return {
        runs,
        ratios: {
          'req/s (a)/(b)': submissions.requestsPerSec / trivial.requestsPerSec,
          'tickets/s incl. drain (a)/(b) req/s': endToEnd / trivial.requestsPerSec,
          'p50 (a)/(b)': submissions.latencyP50Ms / trivial.latencyP50Ms,
        },
        context: {
          queued_when_load_stopped: queuedAtEnd,
          ...cpuPerRequest,
          drain_seconds_after_load: Math.round(drainSec * 100) / 100,
          block_added_js_bytes: added.js,
          block_added_js_gzip_bytes: added.jsGzip,
          block_added_css_bytes: added.css,
          block_added_css_gzip_bytes: added.cssGzip,
          block_added_total_gzip_bytes: added.jsGzip + added.cssGzip,
          block_added_files: added.files.map((u) => (u.startsWith('inline:') ? u.slice(0, 60) : new URL(u).pathname)).join(' '),
          page_without_block_cuadra_bytes: cuadraOnPlainPage.js + cuadraOnPlainPage.css,
          page_without_block_all_js_css_gzip_bytes: baseline.jsGzip + baseline.cssGzip,
          submissions_stored: stored,
          submissions_by_status: JSON.stringify(rows),
          last_row_last_error: sample?.last_error ?? '',
          node: process.version,
          php: spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' }).stdout.trim(),
          wordpress: wordpressVersion(),
          cpus: os.cpus().length,
          theme: 'bare classic test theme (Debian ships none)',
          php_server: 'php -S, PHP_CLI_SERVER_WORKERS=4, opcache on, behind an in-process Node keep-alive front',
          wp_cron: 'on (WordPress default)',
        },
      };
    } finally {
      await stack.stop();
    }
  },
};

export default contactForm;
