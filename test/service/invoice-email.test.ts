import { freePort } from '../harness/ports';
import { startSmtpServer, type RunningSmtpServer } from '../harness/mail';
import { startService } from '../harness/service-process';
import { signRequest } from '../../service/src/http/auth/request-signature';
import { ADMIN, BOOKKEEPER, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

const COMPANY = {
  legal_name: 'Ejemplo Servicios Digitales SL',
  trade_name: 'Ejemplo',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  country_code: 'ES',
  email: 'facturas@ejemplo.es',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
};
const CUSTOMER = {
  legal_name: 'Acme SL',
  tax_id: 'A58818501',
  address_line: 'Av. 10',
  postal_code: '41001',
  city: 'Sevilla',
  country_code: 'ES',
  email: 'compras@acme.es',
};
const LINES = [{ description: 'Consultoría', quantity: '1', unit_price: '10000', vat: 21 }];

describe('invoice e-mail through the outbox', () => {
  let sut: ServiceUnderTest;
  let smtp: RunningSmtpServer | undefined;
  let clock = new Date();

  afterEach(async () => {
    await sut?.stop();
    await smtp?.stop();
    smtp = undefined;
  });

  it('keeps mail queued while SMTP is down and delivers each exactly once when it is back', async () => {
    const port = await freePort();
    clock = new Date();
    sut = await startServiceUnderTest({
      env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURITY: 'none', MAIL_FROM: 'Ejemplo <facturas@ejemplo.es>' },
      now: () => clock,
    });
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    const customer = (await sut.signed('POST', '/customers', CUSTOMER, BOOKKEEPER).expect(201)).body;
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const draft = await sut.signed('POST', '/invoices', { customer_id: customer.id, lines: LINES }, BOOKKEEPER).expect(201);
      numbers.push((await sut.signed('POST', `/invoices/${draft.body.id}/issue`, {}, BOOKKEEPER).expect(200)).body.number);
    }
    const outbox = sut.service.services.outbox;

    expect(await outbox.deliverDue()).toEqual({ sent: 0, failed: 3 });
    // Retries wait their backoff: nothing is due a second later.
    clock = new Date(clock.getTime() + 1000);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, failed: 0 });

    smtp = await startSmtpServer({ port });
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect(await outbox.deliverDue()).toEqual({ sent: 3, failed: 0 });
    expect(await outbox.deliverDue()).toEqual({ sent: 0, failed: 0 });

    const mails = await smtp.waitForMessages(3);
    expect(smtp.messages).toHaveLength(3);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual(numbers.map((n) => `Factura ${n} de Ejemplo`).sort());
    expect(mails.every((m) => m.envelope.to.join() === 'compras@acme.es')).toBe(true);
    // The invoice travels as a real PDF named after its number.
    for (const mail of mails) {
      expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`${mail.parsed.subject!.split(' ')[1]}.pdf`, 'application/pdf'],
      ]);
      expect(mail.parsed.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const emails = await sut.signed('GET', `/invoices/1/emails`, undefined, BOOKKEEPER).expect(200);
    expect(emails.body.emails).toEqual([
      expect.objectContaining({
        status: 'sent',
        attempts: 2,
        message_id: expect.stringMatching(/^<cuadra-invoice-email-\d+@ejemplo\.es>$/),
      }),
    ]);
    expect(mails.map((m) => m.parsed.messageId)).toContain(emails.body.emails[0].message_id);
  });

  it('resends on request as a new e-mail, and refuses drafts', async () => {
    const port = await freePort();
    smtp = await startSmtpServer({ port });
    sut = await startServiceUnderTest({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURITY: 'none' } });
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    const customer = (await sut.signed('POST', '/customers', CUSTOMER, BOOKKEEPER).expect(201)).body;
    const draft = await sut.signed('POST', '/invoices', { customer_id: customer.id, lines: LINES, language: 'en' }, BOOKKEEPER).expect(201);
    await sut.signed('POST', `/invoices/${draft.body.id}/send`, {}, BOOKKEEPER).expect(409);
    const issued = await sut.signed('POST', `/invoices/${draft.body.id}/issue`, {}, BOOKKEEPER).expect(200);
    await sut.signed('POST', `/invoices/${draft.body.id}/send`, { to: ['accounts@acme.example'] }, BOOKKEEPER).expect(202);
    await sut.service.services.outbox.deliverDue();
    const mails = await smtp.waitForMessages(2);
    expect(mails.map((m) => m.envelope.to.join()).sort()).toEqual(['accounts@acme.example', 'compras@acme.es']);
    expect(mails.every((m) => m.parsed.subject === `Invoice ${issued.body.number} from Ejemplo`)).toBe(true);
    expect(mails[0]!.parsed.text).toContain('€121.00');
  });
});

describe('a crash between issuing and sending (process killed)', () => {
  it('still sends exactly one e-mail once the service is back', async () => {
    const { createTestDatabase } = await import('../harness/database');
    const db = await createTestDatabase();
    const port = await freePort();
    const secret = 'crash-test-secret-0123456789-abcdefghij';
    const mailEnv = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURITY: 'none' };
    const smtp = await startSmtpServer({ port });
    // The first process records the e-mail but never gets to send it (jobs off stands for "killed
    // before the sender ran"), then dies without any chance to clean up.
    const first = await startService({ databaseUrl: db.url, secret, env: { ...mailEnv, CUADRA_JOBS: 'off' } });
    try {
      const call = async (method: string, path: string, body?: object) => {
        const raw = body ? JSON.stringify(body) : '';
        const res = await fetch(`${first.url}${path}`, {
          method,
          headers: {
            ...signRequest({ secret, method, pathWithQuery: path, body: raw, user: ADMIN }),
            ...(raw ? { 'content-type': 'application/json' } : {}),
          },
          body: raw || undefined,
        });
        return (await res.json()) as { id: number };
      };
      await call('PUT', '/settings/company', COMPANY);
      const customer = await call('POST', '/customers', CUSTOMER);
      const draft = await call('POST', '/invoices', { customer_id: customer.id, lines: LINES });
      await call('POST', `/invoices/${draft.id}/issue`);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.messages).toHaveLength(0);
      await first.kill();

      const second = await startService({ databaseUrl: db.url, secret, env: mailEnv });
      await smtp.waitForMessages(1, 20_000);
      await second.stop();
      const third = await startService({ databaseUrl: db.url, secret, env: mailEnv });
      await new Promise((r) => setTimeout(r, 1500));
      await third.stop();
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await first.stop().catch(() => undefined);
      await smtp.stop();
      await db.drop();
    }
  }, 60_000);
});
