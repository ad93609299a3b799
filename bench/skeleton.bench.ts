// What the WordPress hop costs: the company settings straight from the service, the same through
// the plugin's REST proxy as a logged-in administrator, and WordPress's own REST index as the floor.
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { signRequest, type SignedUser } from '../service/src/http/auth/request-signature';
import { connectToMariaDbServer, startStack, wordpressVersion } from '../test/harness';
import type { Benchmark } from './lib/benchmark';
import { startKeepAliveFront } from './lib/keep-alive-front';
import { measure, type LoadResult } from './lib/load';

const ADMIN: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_manage', 'cuadra_billing', 'cuadra_support'] };

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

async function mariaDbVersion(): Promise<string> {
  const connection = await connectToMariaDbServer();
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return (rows as Array<{ version: string }>)[0]?.version ?? 'unknown';
  } finally {
    await connection.end();
  }
}

const skeleton: Benchmark = {
  name: 'skeleton',
  description: 'GET /settings/company: service direct vs through WordPress, against the WordPress REST index',
  async run(settings) {
    const stack = await startStack({ db: 'mariadb', connect: 'constants' });
    try {
      const service = stack.service!;
      const wp = stack.wordpress;

      // Real data in the answer, not the unconfigured defaults.
      const body = JSON.stringify(COMPANY);
      const seeded = await fetch(`${service.url}/settings/company`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...signRequest({ secret: service.secret, method: 'PUT', pathWithQuery: '/settings/company', body, user: ADMIN }),
        },
        body,
      });
      if (seeded.status !== 200) throw new Error(`seeding the company failed: HTTP ${seeded.status} ${await seeded.text()}`);

      const session = await wp.restSession(wp.adminUser, wp.adminPassword);
      const probe = await session.fetch('/wp-json/cuadra/v1/settings/company');
      if (probe.status !== 200) throw new Error(`the proxied route answers HTTP ${probe.status}: ${await probe.text()}`);

      // autocannon needs keep-alive and a delimited body; php -S gives neither (see keep-alive-front.ts).
      const front = await startKeepAliveFront(wp.url);
      const runs: LoadResult[] = [];
      try {
        // Sequential on purpose: the runs share the machine's cores.
        runs.push(
          await measure(
            {
              label: '(a) service GET /settings/company (signed)',
              url: `${service.url}/settings/company`,
              headersPerRequest: () =>
                signRequest({ secret: service.secret, method: 'GET', pathWithQuery: '/settings/company', user: ADMIN }),
            },
            settings,
          ),
        );
        runs.push(
          await measure(
            {
              label: '(b) WordPress GET /wp-json/cuadra/v1/settings/company (admin)',
              url: `${front.url}/wp-json/cuadra/v1/settings/company`,
              headers: session.headers,
            },
            settings,
          ),
        );
        runs.push(await measure({ label: '(c) WordPress GET /wp-json/ (baseline)', url: `${front.url}/wp-json/` }, settings));
      } finally {
        await front.stop();
      }

      const [direct, proxied, baseline] = runs as [LoadResult, LoadResult, LoadResult];
      return {
        runs,
        ratios: {
          'req/s (b)/(c)': proxied.requestsPerSec / baseline.requestsPerSec,
          'p50 (b)/(c)': proxied.latencyP50Ms / baseline.latencyP50Ms,
          'req/s (b)/(a)': proxied.requestsPerSec / direct.requestsPerSec,
        },
        context: {
          node: process.version,
          php: spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' }).stdout.trim(),
          wordpress: wordpressVersion(),
          mariadb: await mariaDbVersion(),
          cpus: os.cpus().length,
          cpu_model: os.cpus()[0]?.model ?? 'unknown',
          php_server: 'php -S, PHP_CLI_SERVER_WORKERS=4, opcache on, behind an in-process Node keep-alive front',
        },
      };
    } finally {
      await stack.stop();
    }
  },
};

export default skeleton;
