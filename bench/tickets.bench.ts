// Tickets created directly in the service: POST /contact-submissions over HTTP, HMAC-signed as the
// plugin's form user, on MariaDB (contact matched or created, ticket, first message, acknowledgement,
// outbox row, submission row with consent, all in one transaction). Measured against a trivial signed
// route (GET /connection) of the same service in the same run, so the figure carries its own floor.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { composeService } from '../service/src/boot';
import { loadConfig } from '../service/src/config';
import { signRequest, type SignedUser } from '../service/src/http/auth/request-signature';
import { createLogger } from '../service/src/logger';
import { createTestDatabase, makeTempDir } from '../test/harness';
import type { Benchmark } from './lib/benchmark';
import type { LoadResult, LoadSettings } from './lib/load';

const SECRET = 'bench-secret-0123456789-abcdefghijklmn';
const FORM_USER: SignedUser = { id: 0, login: 'cuadra-contact-form', caps: ['cuadra_form_submit'], locale: 'es_ES' };

function submission(i: number): string {
  return JSON.stringify({
    idempotency_key: randomUUID(),
    submitted_at: new Date().toISOString(),
    source: { post_id: 12, page_url: 'https://site.example/contacto/', form_id: 'a1b2c3' },
    department_id: null,
    list_ids: [1],
    fields: {
      name: `Visitante ${i}`,
      // One contact in five writes again: matching by e-mail is part of the work.
      email: `visitante-${i % 5 === 0 ? 0 : i}@example.es`,
      phone: '',
      subject: 'Presupuesto para una web',
      message: 'Hola, quería pedir presupuesto para una tienda online con unos 200 productos. ¡Gracias! 😊',
      selects: { Motivo: 'Ventas' },
      privacy_accepted: true,
      marketing_consent: i % 2 === 0,
    },
    consent: { text: 'Acepto recibir comunicaciones comerciales.', version: 'v1', ip: '203.0.113.5', user_agent: 'bench' },
    locale: 'es_ES',
  });
}

/** `connections` workers sending back to back for `seconds`; latencies of every request. */
async function drive(
  label: string,
  url: string,
  connections: number,
  seconds: number,
  request: (i: number) => { method: string; path: string; body?: string },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const { method, path, body } = request(counter++);
        const headers = {
          ...signRequest({ secret: SECRET, method, pathWithQuery: path, body: body ?? '', user: FORM_USER }),
          ...(body ? { 'content-type': 'application/json' } : {}),
        };
        const t = performance.now();
        try {
          const res = await fetch(`${url}${path}`, { method, headers, body });
          await res.arrayBuffer();
          statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
          latencies.push(performance.now() - t);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const duration = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const pick = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100) / 100;
  const ok = Object.entries(statusCodes).reduce((sum, [code, n]) => sum + (code.startsWith('2') ? n : 0), 0);
  return {
    label,
    url: `${url}${request(0).path}`,
    requestsPerSec: Math.round((ok / duration) * 10) / 10,
    latencyP50Ms: pick(50),
    latencyP99Ms: pick(99),
    latencyAvgMs: Math.round((latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)) * 100) / 100,
    requests: latencies.length,
    non2xx: latencies.length - ok,
    errors,
    timeouts: 0,
    statusCodes,
    durationSec: Math.round(duration * 100) / 100,
    connections,
  };
}

const tickets: Benchmark = {
  name: 'tickets',
  description: 'tickets/s: signed POST /contact-submissions straight into the service on MariaDB, vs a trivial signed GET',
  async run(settings: LoadSettings) {
    const db = await createTestDatabase('mariadb');
    const config = loadConfig({
      DATABASE_URL: db.url,
      CUADRA_SECRET: SECRET,
      CUADRA_DATA_DIR: await makeTempDir('bench'),
      CUADRA_JOBS: 'off',
      LOG_LEVEL: 'silent',
      PORT: '0',
    });
    // Jobs off: the outbox keeps the acknowledgements (no SMTP here); the ticket writes are what is measured.
    const service = composeService(config, createLogger('silent'));
    try {
      await service.prepareDatabase();
      const server = service.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const submit = (i: number) => ({ method: 'POST', path: '/contact-submissions', body: submission(i) });
        const connection = () => ({ method: 'GET', path: '/connection' });
        await drive('warm-up', url, settings.connections, settings.warmupSec, submit);
        const created = await drive(
          '(a) POST /contact-submissions (ticket created)',
          url,
          settings.connections,
          settings.durationSec,
          submit,
        );
        await drive('warm-up', url, settings.connections, settings.warmupSec, connection);
        const floor = await drive('(b) GET /connection (signed, no database)', url, settings.connections, settings.durationSec, connection);
        const [rows] = await service.sequelize.query('SELECT COUNT(*) AS n FROM cuadra_tickets');
        const stored = Number((rows as Array<{ n: number | string }>)[0]?.n ?? 0);
        const [versionRows] = await service.sequelize.query('SELECT VERSION() AS version');
        return {
          runs: [created, floor],
          ratios: { 'tickets/s': created.requestsPerSec, 'req/s (a)/(b)': created.requestsPerSec / floor.requestsPerSec },
          context: {
            tickets_stored: stored,
            node: process.version,
            mariadb: (versionRows as Array<{ version: string }>)[0]?.version ?? 'unknown',
            cpus: os.cpus().length,
            cpu_model: os.cpus()[0]?.model ?? 'unknown',
            transport: 'in-process service on a loopback port, Node fetch with keep-alive',
          },
        };
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      await service.stop();
      await db.drop();
    }
  },
};

export default tickets;
