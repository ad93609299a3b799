// Issuing throughput: 10,000 drafts issued on MariaDB (numbers, VERI*FACTU chain, rows written
// back) against the floor of merely INSERTing the same rows in batches, measured in the same run.
// Also e-mails/s through the outbox to a local SMTP server against raw nodemailer sends.
import { performance } from 'node:perf_hooks';
import { composeService } from '../service/src/boot';
import { loadConfig } from '../service/src/config';
import { createLogger } from '../service/src/logger';
import { createSmtpMailer } from '../service/src/adapters/mail/smtp-mailer';
import { createTestDatabase, makeTempDir, startSmtpServer } from '../test/harness';
import type { DraftInput } from '../service/src/services/invoices/invoice-service';
import type { Benchmark } from './lib/benchmark';
import type { LoadResult } from './lib/load';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 10_000);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 500);

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
  phone: '',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
  logo: null,
  iban: '',
  payment_terms: '',
};

function draft(email: string | null): DraftInput {
  return {
    kind: 'F1',
    customer_id: null,
    currency: 'EUR',
    prices_include_tax: false,
    irpf_percent: '15',
    simplified_limit_extended: false,
    language: 'es',
    operation_date: null,
    due_date: null,
    notes: '',
    payment_method: 'Transferencia',
    rectification: null,
    recipient: {
      legal_name: 'Acme Distribuciones SL',
      tax_id: 'A58818501',
      address_line: 'Av. de la Constitución 10',
      postal_code: '41001',
      city: 'Sevilla',
      province: 'Sevilla',
      country_code: 'ES',
      email: email ?? '',
    },
    lines: [
      {
        description: 'Cuota mensual',
        sku: 'PLAN-M',
        quantity: '1',
        unit_price: '4900',
        discount_percent: '0',
        vat: 21,
        recargo: false,
        irpf: true,
      },
      {
        description: 'Horas de soporte',
        sku: 'SUP-H',
        quantity: '2.5',
        unit_price: '3500',
        discount_percent: '10',
        vat: 21,
        recargo: false,
        irpf: true,
      },
    ],
  };
}

function throughput(label: string, items: number, seconds: number): LoadResult {
  return {
    label,
    url: 'in-process',
    requestsPerSec: Math.round((items / seconds) * 10) / 10,
    latencyP50Ms: 0,
    latencyP99Ms: 0,
    latencyAvgMs: Math.round((seconds * 1000 * 100) / items) / 100,
    requests: items,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
    durationSec: Math.round(seconds * 100) / 100,
    connections: 1,
  };
}

async function inParallel<T>(count: number, concurrency: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await make(i);
      }
    }),
  );
  return out;
}

const issuing: Benchmark = {
  name: 'issuing',
  description: `issue ${INVOICES} drafts on MariaDB vs batched INSERTs of the same rows; ${EMAILS} invoice e-mails via the outbox vs raw nodemailer`,
  async run() {
    const db = await createTestDatabase('mariadb');
    const smtp = await startSmtpServer();
    const config = loadConfig({
      DATABASE_URL: db.url,
      CUADRA_SECRET: 'bench-secret-0123456789-abcdefghijklmn',
      CUADRA_DATA_DIR: await makeTempDir('bench'),
      SMTP_HOST: smtp.host,
      SMTP_PORT: String(smtp.port),
      SMTP_SECURITY: 'none',
      MAIL_FROM: 'Ejemplo <facturas@example.es>',
      LOG_LEVEL: 'silent',
    });
    const service = composeService(config, createLogger('silent'));
    try {
      await service.prepareDatabase();
      await service.services.companySettings.updateCompanySettings({ ...COMPANY }, 1);
      const invoices = service.services.invoices;

      const drafts = await inParallel(INVOICES, 16, () => invoices.createDraft(draft(null), 1));
      let t = performance.now();
      const { issued, failed } = await invoices.issueInvoices(drafts.map((d) => d.id));
      const issueSeconds = (performance.now() - t) / 1000;
      if (failed.length || issued.length !== INVOICES) throw new Error(`issuing failed for ${failed.length} drafts`);

      // The floor: the same invoice and record rows, INSERTed in batches of 500 into copies of the tables.
      const seq = service.sequelize;
      await seq.query('CREATE TABLE bench_invoices LIKE cuadra_invoices');
      await seq.query('CREATE TABLE bench_records LIKE cuadra_verifactu_records');
      const [invoiceRows] = await seq.query('SELECT * FROM cuadra_invoices');
      const [recordRows] = await seq.query('SELECT * FROM cuadra_verifactu_records');
      const insertAll = async (table: string, rows: Record<string, unknown>[]) => {
        const columns = Object.keys(rows[0]!);
        for (let i = 0; i < rows.length; i += 500) {
          const batch = rows.slice(i, i + 500);
          await seq.query(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
            {
              replacements: batch.flatMap((row) => columns.map((c) => row[c] as string)),
            },
          );
        }
      };
      t = performance.now();
      await seq.transaction(async () => {
        await insertAll('bench_invoices', invoiceRows as Record<string, unknown>[]);
        await insertAll('bench_records', recordRows as Record<string, unknown>[]);
      });
      const insertSeconds = (performance.now() - t) / 1000;

      // E-mail: issue invoices with an address, then time the outbox draining to the local SMTP server.
      const mailDrafts = await inParallel(EMAILS, 16, () => invoices.createDraft(draft('compras@acme.example'), 1));
      await invoices.issueInvoices(mailDrafts.map((d) => d.id));
      t = performance.now();
      let sent = 0;
      while (sent < EMAILS) {
        const r = await service.services.outbox.deliverDue(100);
        if (r.failed) throw new Error('e-mail delivery failed in the benchmark');
        sent += r.sent;
      }
      const outboxSeconds = (performance.now() - t) / 1000;
      const mailer = createSmtpMailer({ host: smtp.host, port: smtp.port, security: 'none' });
      t = performance.now();
      for (let i = 0; i < EMAILS; i++) {
        await mailer.send({
          from: 'Ejemplo <facturas@example.es>',
          to: ['compras@acme.example'],
          subject: `Factura F-${i}`,
          text: 'Le adjuntamos la factura.',
          messageId: `<raw-${i}@example.es>`,
        });
      }
      const rawSeconds = (performance.now() - t) / 1000;
      mailer.close();

      return {
        runs: [
          throughput(`issue ${INVOICES} invoices (invoices/s)`, INVOICES, issueSeconds),
          throughput(`batched INSERT of the same rows (invoices/s)`, INVOICES, insertSeconds),
          throughput(`outbox → SMTP (e-mails/s)`, EMAILS, outboxSeconds),
          throughput(`raw nodemailer → SMTP (e-mails/s)`, EMAILS, rawSeconds),
        ],
        ratios: {
          'issue time / plain INSERT time (target ≤ 3)': Math.round((issueSeconds / insertSeconds) * 100) / 100,
          'outbox e-mails/s ÷ raw nodemailer': Math.round((rawSeconds / outboxSeconds) * 100) / 100,
        },
        context: { invoices: INVOICES, emails: EMAILS, lines_per_invoice: 2, database: 'MariaDB', pdf_attached: false },
      };
    } finally {
      await service.stop();
      await smtp.stop();
      await db.drop();
    }
  },
};

export default issuing;
