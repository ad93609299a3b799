import { readTicketMessageId } from '../../service/src/domain/tickets/ticket-mail';
import { ticketMailSecret } from '../../service/src/services/tickets/ticket-models';
import { startSmtpServer, type CapturedMail, type RunningSmtpServer } from '../harness/mail';
import {
  ADMIN,
  BOOKKEEPER,
  SUBSCRIBER,
  TEST_SECRET,
  expectErrorShape,
  startServiceUnderTest,
  type ServiceUnderTest,
} from './support/service-under-test';
import { EDITOR, FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

const MAIL_ENV = { SMTP_SECURITY: 'none', MAIL_FROM: 'Ejemplo <hola@ejemplo.es>', SUPPORT_EMAIL: 'soporte@ejemplo.es' };
const VENTAS = { name: 'Ventas', colour: '#D63638', contact_email: 'ventas@ejemplo.es' };

function header(mail: CapturedMail, name: string): string | undefined {
  const value = mail.parsed.headers.get(name);
  return value === undefined ? undefined : String(value);
}

describe('contact submissions become contacts and tickets', () => {
  let sut: ServiceUnderTest;
  let smtp: RunningSmtpServer;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    sut = await startServiceUnderTest({ env: { ...MAIL_ENV, SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) } });
  });
  afterEach(async () => {
    await sut.stop();
    await smtp.stop();
  });

  async function deliver(): Promise<void> {
    await sut.service.services.outbox.deliverDue();
  }

  it('stores contact, ticket and submission, then mails the acknowledgement and the department notice', async () => {
    const ventas = (await sut.signed('POST', '/departments', VENTAS, SUPPORT_AGENT).expect(201)).body;
    const body = submissionBody({
      department_id: ventas.id,
      list_ids: [1, 2],
      fields: { marketing_consent: true, phone: '+34 600 000 000' },
    });
    const created = await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(201);
    expect(created.body).toEqual({ ticket_id: expect.any(Number), ticket_number: created.body.ticket_id, contact_id: expect.any(Number) });
    const ticketId = created.body.ticket_id as number;

    // Stored before anything is mailed: the ticket is there while the outbox has not run.
    const ticket = (await sut.signed('GET', `/tickets/${ticketId}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(ticket).toMatchObject({
      id: ticketId,
      number: ticketId,
      subject: 'Hola',
      status: 'new',
      priority: 'normal',
      assignee_id: null,
      department: { id: ventas.id, name: 'Ventas', colour: '#d63638' },
      contact: { id: created.body.contact_id, name: 'Ana', email: 'ana@example.es' },
      awaiting_first_reply: true,
      submission: {
        source: { post_id: 12, page_url: 'https://site.example/contacto/', form_id: 'a1b2c3' },
        phone: '+34 600 000 000',
        selects: { Motivo: 'Ventas' },
        marketing_consent: true,
        list_ids: [1, 2],
      },
    });
    expect(ticket.messages).toEqual([
      expect.objectContaining({ kind: 'submission', author: 'customer', body_text: 'Quería información sobre vuestros servicios.' }),
      expect.objectContaining({ kind: 'reply', author: 'system', delivery: expect.objectContaining({ status: 'pending' }) }),
    ]);
    expect(smtp.messages).toHaveLength(0);

    // Consent is kept for the lists feature exactly as WordPress sent it.
    const [consentRow] = (await sut.service.sequelize.query(
      'SELECT list_ids, marketing_consent, consent_text, consent_version, consent_ip, consent_user_agent FROM cuadra_contact_submissions',
      { type: 'SELECT' },
    )) as Record<string, unknown>[];
    expect({ ...consentRow, marketing_consent: Boolean(consentRow!.marketing_consent) }).toEqual({
      list_ids: '[1,2]',
      marketing_consent: true,
      consent_text: 'Acepto recibir comunicaciones comerciales.',
      consent_version: 'v1',
      consent_ip: '203.0.113.5',
      consent_user_agent: 'Mozilla/5.0 (test)',
    });

    await deliver();
    const mails = await smtp.waitForMessages(2);
    const ack = mails.find((m) => m.envelope.to.includes('ana@example.es'))!;
    const notice = mails.find((m) => m.envelope.to.includes('ventas@ejemplo.es'))!;
    expect(ack.envelope.to).toEqual(['ana@example.es']);
    expect(header(ack, 'auto-submitted')).toBe('auto-generated');
    expect(ack.parsed.replyTo?.value).toEqual([{ name: 'Cuadra', address: 'soporte@ejemplo.es' }]);
    expect(ack.parsed.subject).toBe(`[#${ticketId}] Hola`);
    expect(readTicketMessageId(ack.parsed.messageId!, ticketMailSecret(TEST_SECRET))).toEqual({
      ticket_id: ticketId,
      message_id: ticket.messages[1].id,
    });
    // Signed with the derived mail key, never with the shared secret itself.
    expect(readTicketMessageId(ack.parsed.messageId!, TEST_SECRET)).toBeNull();
    expect(ack.parsed.messageId).toMatch(/@ejemplo\.es>$/);
    expect(ack.parsed.text).toContain('Quería información sobre vuestros servicios.');
    expect(ack.parsed.text).toContain(`#${ticketId}`);
    expect(ack.parsed.text).toMatch(/\[ref:\d+\.[0-9a-f]{12}\]/);

    expect(notice.envelope.to).toEqual(['ventas@ejemplo.es']);
    expect(header(notice, 'auto-submitted')).toBe('auto-generated');
    expect(notice.parsed.subject).toBe(`[#${ticketId}] Nuevo ticket en Ventas: Hola`);
    expect(notice.parsed.text).toContain('Motivo: Ventas');
    expect(notice.parsed.text).toContain('ana@example.es');

    const after = (await sut.signed('GET', `/tickets/${ticketId}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(after.messages[1].delivery).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('is idempotent by key: a repeated delivery answers 200 with the same ticket and sends nothing again', async () => {
    const body = submissionBody();
    const first = await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(201);
    const again = await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(200);
    expect(again.body).toEqual(first.body);
    // Two deliveries of one key at the same moment still store one ticket.
    const twin = submissionBody();
    const [a, b] = await Promise.all([
      sut.signed('POST', '/contact-submissions', twin, FORM_SUBMITTER),
      sut.signed('POST', '/contact-submissions', twin, FORM_SUBMITTER),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body).toEqual(b.body);
    const list = (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(list.total).toBe(2);
    await deliver();
    await deliver();
    // One acknowledgement per ticket; the default department has no contact, so no notice.
    expect(smtp.messages.map((m) => m.envelope.to.join())).toEqual(['ana@example.es', 'ana@example.es']);
  });

  it('a form contact who later becomes a customer is the same contact, with its ticket', async () => {
    const submitted = await sut
      .signed('POST', '/contact-submissions', submissionBody({ fields: { email: 'Luis@Example.es', name: 'Luis' } }), FORM_SUBMITTER)
      .expect(201);
    const customer = (
      await sut
        .signed(
          'POST',
          '/customers',
          {
            legal_name: 'Luis García SL',
            tax_id: 'B12345674',
            address_line: 'Calle Mayor 1',
            postal_code: '28013',
            city: 'Madrid',
            country_code: 'ES',
            email: 'luis@example.es',
          },
          BOOKKEEPER,
        )
        .expect(201)
    ).body;
    expect(customer.id).toBe(submitted.body.contact_id);
    expect(customer).toMatchObject({ legal_name: 'Luis García SL', tax_id: 'B12345674' });
    // Once it is a customer with an address, another customer with that e-mail is a new record, not a takeover.
    const other = (
      await sut
        .signed(
          'POST',
          '/customers',
          {
            legal_name: 'Otra SL',
            tax_id: 'A58818501',
            address_line: 'Av. 2',
            postal_code: '41001',
            city: 'Sevilla',
            country_code: 'ES',
            email: 'luis@example.es',
          },
          BOOKKEEPER,
        )
        .expect(201)
    ).body;
    expect(other.id).not.toBe(customer.id);
  });

  it('matches the one contact by e-mail, whatever its case, and a billing customer is that same contact', async () => {
    const customer = (
      await sut
        .signed(
          'POST',
          '/customers',
          { legal_name: 'Acme SL', tax_id: 'A58818501', country_code: 'ES', email: 'compras@acme.es' },
          BOOKKEEPER,
        )
        .expect(201)
    ).body;
    const first = await sut.signed('POST', '/contact-submissions', submissionBody(), FORM_SUBMITTER).expect(201);
    const second = await sut
      .signed('POST', '/contact-submissions', submissionBody({ fields: { email: 'ANA@Example.ES', name: 'Ana María' } }), FORM_SUBMITTER)
      .expect(201);
    expect(second.body.contact_id).toBe(first.body.contact_id);
    expect(second.body.ticket_id).not.toBe(first.body.ticket_id);

    const fromCustomer = await sut
      .signed(
        'POST',
        '/contact-submissions',
        submissionBody({ fields: { email: 'Compras@ACME.es', name: 'Pedro', phone: '912 345 678' } }),
        FORM_SUBMITTER,
      )
      .expect(201);
    expect(fromCustomer.body.contact_id).toBe(customer.id);
    // The customer keeps its billing name; it only gains the phone it lacked.
    const stored = (await sut.signed('GET', `/customers/${customer.id}`, undefined, BOOKKEEPER).expect(200)).body;
    expect(stored).toMatchObject({ legal_name: 'Acme SL', tax_id: 'A58818501', email: 'compras@acme.es', phone: '912 345 678' });
    // The form contact is a row of the same contacts table, marked as coming from the form.
    const [row] = (await sut.service.sequelize.query('SELECT legal_name, source, created_from FROM cuadra_contacts WHERE id = ?', {
      replacements: [first.body.contact_id],
      type: 'SELECT',
    })) as Record<string, unknown>[];
    expect(row).toEqual({ legal_name: 'Ana', source: 'form', created_from: 'https://site.example/contacto/' });
    const customers = (await sut.signed('GET', '/customers?search=example.es', undefined, BOOKKEEPER).expect(200)).body;
    expect(customers.items.map((c: { id: number }) => c.id)).toEqual([first.body.contact_id]);
  });

  it('takes a batch as WordPress queues it: each item judged on its own, once per key, in order', async () => {
    const done = submissionBody({ fields: { name: 'Delivered Before' } });
    const before = await sut.signed('POST', '/contact-submissions', done, FORM_SUBMITTER).expect(201);
    const fresh = submissionBody({ fields: { name: 'Luis', email: 'luis@example.es' } });
    const twice = submissionBody({ fields: { name: 'Eva', email: 'eva@example.es' } });
    const bad = { ...submissionBody({ fields: { email: 'no-es-un-correo' } }), idempotency_key: 'bad-item-0001' };
    const batch = await sut
      .signed('POST', '/contact-submissions/batch', { submissions: [fresh, bad, done, twice, twice] }, FORM_SUBMITTER)
      .expect(200);
    const results = batch.body.results as Array<Record<string, unknown>>;
    expect(results.map((r) => [r.index, r.idempotency_key, r.status])).toEqual([
      [0, fresh.idempotency_key, 'created'],
      [1, 'bad-item-0001', 'rejected'],
      [2, done.idempotency_key, 'existing'],
      [3, twice.idempotency_key, 'created'],
      [4, twice.idempotency_key, 'existing'],
    ]);
    expect(results[1]!.errors).toEqual([expect.objectContaining({ property: 'fields.email', code: 'INVALID_EMAIL' })]);
    expect(results[2]).toMatchObject({ ticket_id: before.body.ticket_id, contact_id: before.body.contact_id });
    expect(results[4]!.ticket_id).toBe(results[3]!.ticket_id);

    // The same batch again (WordPress lost the answer) creates nothing more.
    const again = await sut.signed('POST', '/contact-submissions/batch', { submissions: [fresh, twice] }, FORM_SUBMITTER).expect(200);
    expect(again.body.results.map((r: { status: string; ticket_id: number }) => [r.status, r.ticket_id])).toEqual([
      ['existing', results[0]!.ticket_id],
      ['existing', results[3]!.ticket_id],
    ]);
    const tickets = (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(tickets.total).toBe(3);
    const luis = (await sut.signed('GET', `/tickets/${results[0]!.ticket_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(luis.contact).toMatchObject({ name: 'Luis', email: 'luis@example.es' });

    // One acknowledgement per new ticket.
    await deliver();
    expect(smtp.messages.map((m) => m.envelope.to.join()).sort()).toEqual(['ana@example.es', 'eva@example.es', 'luis@example.es']);

    for (const wrong of [{}, { submissions: [] }, { submissions: 'x' }, { submissions: Array(101).fill(fresh) }]) {
      const refused = await sut.signed('POST', '/contact-submissions/batch', wrong, FORM_SUBMITTER).expect(422);
      expectErrorShape(refused.body, 'INVALID_VALUE', 'submissions');
    }
    // Only the form-submitter (or support) may deliver.
    await sut.signed('POST', '/contact-submissions/batch', { submissions: [fresh] }, BOOKKEEPER).expect(403);
  });

  it('a batch item the database refuses (fault injected) is reported for a retry of its own; the others are stored', async () => {
    const tickets = sut.service.services.tickets;
    const openTicket = tickets.openTicket;
    // Simulates a storage failure for one enquiry only (a constraint, a deadlock that keeps coming back).
    tickets.openTicket = async (tx, input) => {
      if (input.person.name === 'Falla') throw new Error('injected storage fault');
      return openTicket(tx, input);
    };
    try {
      const good = submissionBody({ fields: { name: 'Luis', email: 'luis@example.es' } });
      const bad = submissionBody({ fields: { name: 'Falla', email: 'falla@example.es' } });
      const after = submissionBody({ fields: { name: 'Eva', email: 'eva@example.es' } });
      const batch = await sut.signed('POST', '/contact-submissions/batch', { submissions: [good, bad, after] }, FORM_SUBMITTER).expect(200);
      expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'retry', 'created']);
      // No internal detail goes back to WordPress.
      expect(JSON.stringify(batch.body.results[1])).not.toContain('injected');
    } finally {
      tickets.openTicket = openTicket;
    }
    const list = (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(list.items.map((t: { contact: { name: string } }) => t.contact.name).sort()).toEqual(['Eva', 'Luis']);
  });

  it('answers field errors as 422 naming the property as sent', async () => {
    const long = await sut
      .signed('POST', '/contact-submissions', submissionBody({ fields: { message: 'a'.repeat(20_001) } }), FORM_SUBMITTER)
      .expect(422);
    expectErrorShape(long.body, 'TOO_LONG', 'fields.message');
    // Emoji count as one character each: 20,000 of them fit.
    await sut
      .signed('POST', '/contact-submissions', submissionBody({ fields: { message: '😀'.repeat(20_000) } }), FORM_SUBMITTER)
      .expect(201);

    const several = await sut
      .signed(
        'POST',
        '/contact-submissions',
        {
          ...submissionBody({ fields: { email: 'no-es-un-correo', privacy_accepted: false, selects: { Motivo: 7 } } }),
          idempotency_key: 'x',
        },
        FORM_SUBMITTER,
      )
      .expect(422);
    expectErrorShape(several.body, 'INVALID_EMAIL', 'fields.email');
    expectErrorShape(several.body, 'PRIVACY_NOT_ACCEPTED', 'fields.privacy_accepted');
    expectErrorShape(several.body, 'INVALID_IDEMPOTENCY_KEY', 'idempotency_key');
    expect(several.body.errors.map((e: { property: string }) => e.property)).toContain('fields.selects.Motivo');

    const missing = await sut.signed('POST', '/contact-submissions', { idempotency_key: 'abcdefgh-1234' }, FORM_SUBMITTER).expect(422);
    expectErrorShape(missing.body, 'REQUIRED', 'submitted_at');
    expectErrorShape(missing.body, 'REQUIRED', 'fields.email');
    const list = (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(list.total).toBe(1);
  });

  it('never lets a name or subject inject headers, and keeps emoji and accents exactly', async () => {
    const injected = await sut
      .signed(
        'POST',
        '/contact-submissions',
        submissionBody({ fields: { name: 'Ana\r\nBcc: evil@attacker.example', subject: 'Hola\nX-Evil: 1' } }),
        FORM_SUBMITTER,
      )
      .expect(422);
    expectErrorShape(injected.body, 'CONTROL_CHARACTERS', 'fields.name');
    expectErrorShape(injected.body, 'CONTROL_CHARACTERS', 'fields.subject');

    // Without line breaks, header-like text is just text: one recipient, the subject as typed.
    const tricky = {
      name: 'Eve" <evil@attacker.example>, "Bob',
      email: 'eve@example.es',
      subject: 'Hola Bcc: evil@attacker.example =?utf-8?q?X-Evil?=',
    };
    const created = await sut.signed('POST', '/contact-submissions', submissionBody({ fields: tricky }), FORM_SUBMITTER).expect(201);

    const text = {
      name: 'Begoña Ñúñez 👩‍💻',
      email: 'begona@ñandú.es',
      subject: 'Café ☕ y más — ¿qué tal?',
      message: 'Hola 😀 ¿qué tal?\náéíóú ÁÉÍÓÚ ñÑ üÜ ç 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 <script>alert(1)</script> & "comillas"',
    };
    const unicode = await sut.signed('POST', '/contact-submissions', submissionBody({ fields: text }), FORM_SUBMITTER).expect(201);
    const stored = (await sut.signed('GET', `/tickets/${unicode.body.ticket_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(stored.subject).toBe(text.subject);
    expect(stored.contact).toMatchObject({ name: text.name, email: 'begona@ñandú.es' });
    expect(stored.messages[0].body_text).toBe(text.message);

    await deliver();
    const mails = await smtp.waitForMessages(2);
    const trickyMail = mails.find((m) => m.envelope.to.includes('eve@example.es'))!;
    expect(trickyMail.envelope.to).toEqual(['eve@example.es']);
    expect(trickyMail.parsed.subject).toBe(`[#${created.body.ticket_id}] ${tricky.subject}`);
    expect(trickyMail.parsed.headers.has('bcc')).toBe(false);
    expect(trickyMail.parsed.headers.has('x-evil')).toBe(false);
    expect(trickyMail.parsed.to).toMatchObject({ value: [{ address: 'eve@example.es' }] });

    const unicodeMail = mails.find((m) => m !== trickyMail)!;
    expect(unicodeMail.parsed.subject).toBe(`[#${unicode.body.ticket_id}] ${text.subject}`);
    expect(unicodeMail.parsed.text).toContain(text.message);
    expect(unicodeMail.parsed.text).toContain(`Hola, ${text.name}:`);
  });

  it('counts new tickets in the notification summary until they are opened', async () => {
    const first = await sut
      .signed('POST', '/contact-submissions', submissionBody({ fields: { subject: 'Primera' } }), FORM_SUBMITTER)
      .expect(201);
    await sut.signed('POST', '/contact-submissions', submissionBody({ fields: { subject: 'Segunda' } }), FORM_SUBMITTER).expect(201);
    const summary = (await sut.signed('GET', '/notifications/summary', undefined, ADMIN).expect(200)).body;
    expect(summary.count).toBe(2);
    expect(summary.items[0]).toEqual({
      type: 'ticket',
      title: expect.stringContaining('Segunda'),
      url: expect.stringMatching(/^admin\.php\?page=cuadra-tickets&ticket=\d+$/),
      created_at: expect.any(String),
    });
    await sut
      .signed('PUT', `/tickets/${first.body.ticket_id}`, { status: 'open', assignee_id: 3, priority: 'high' }, SUPPORT_AGENT)
      .expect(200);
    expect((await sut.signed('GET', '/notifications/summary', undefined, ADMIN).expect(200)).body.count).toBe(1);
  });

  it('checks capabilities on every route', async () => {
    const body = submissionBody();
    for (const user of [BOOKKEEPER, SUBSCRIBER, EDITOR]) {
      expectErrorShape((await sut.signed('POST', '/contact-submissions', body, user).expect(403)).body, 'MISSING_CAPABILITY');
    }
    const created = (await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(201)).body;
    // The form's system user can submit and nothing else.
    for (const [method, path, payload] of [
      ['GET', '/tickets', undefined],
      ['GET', `/tickets/${created.ticket_id}`, undefined],
      ['PUT', `/tickets/${created.ticket_id}`, { status: 'closed' }],
      ['POST', `/tickets/${created.ticket_id}/replies`, { body: 'Hola' }],
      ['POST', `/tickets/${created.ticket_id}/notes`, { body: 'Nota' }],
      ['GET', '/tickets/metrics?from=2026-11-01&to=2026-11-30', undefined],
      ['GET', '/departments', undefined],
      ['POST', '/departments', VENTAS],
      ['GET', '/notifications/summary', undefined],
    ] as const) {
      await sut.signed(method, path, payload, FORM_SUBMITTER).expect(403);
    }
    for (const user of [BOOKKEEPER, EDITOR, SUBSCRIBER]) {
      await sut.signed('GET', '/tickets', undefined, user).expect(403);
      await sut.signed('POST', `/tickets/${created.ticket_id}/replies`, { body: 'Hola' }, user).expect(403);
      await sut.signed('POST', '/departments', VENTAS, user).expect(403);
    }
    // Departments are readable by the other Cuadra roles and by anyone who edits posts (the block editor).
    await sut.signed('GET', '/departments', undefined, BOOKKEEPER).expect(200);
    await sut.signed('GET', '/departments', undefined, EDITOR).expect(200);
    await sut.signed('GET', '/departments', undefined, SUBSCRIBER).expect(403);
    // A support agent may also deliver a submission (e.g. typed in from a phone call).
    await sut.signed('POST', '/contact-submissions', submissionBody(), SUPPORT_AGENT).expect(201);
  });
});
