import {
  ADMIN,
  BOOKKEEPER,
  SUBSCRIBER,
  expectErrorShape,
  startServiceUnderTest,
  type ServiceUnderTest,
} from './support/service-under-test';
import { FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

const COMPANY = {
  legal_name: 'Ejemplo Servicios Digitales SL',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'facturas@ejemplo.es',
  default_currency: 'EUR',
  timezone: 'Europe/Madrid',
};

describe('contacts: personal data export and erasure (GDPR)', () => {
  let sut: ServiceUnderTest;
  let listId: number;

  beforeEach(async () => {
    sut = await startServiceUnderTest({ env: { CUADRA_PUBLIC_URL: 'https://sitio.example/' } });
    listId = (await sut.signed('POST', '/lists', { name: 'Novedades' }, SUPPORT_AGENT).expect(201)).body.id;
  });
  afterEach(async () => {
    await sut.stop();
  });

  async function contactWithEverything(email: string) {
    const body = submissionBody({
      list_ids: [listId],
      fields: { email, name: 'Ana Ruiz', message: 'Mi teléfono es 600 123 456', marketing_consent: true },
    });
    const created = (await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(201)).body;
    await sut.signed('POST', `/tickets/${created.ticket_id}/notes`, { body: 'Llamar a Ana por la tarde' }, SUPPORT_AGENT).expect(201);
    return created as { ticket_id: number; contact_id: number };
  }

  it('exports everything about an address: contact, memberships with consent, submissions, tickets with messages', async () => {
    const { ticket_id, contact_id } = await contactWithEverything('ana@example.es');
    await contactWithEverything('otra@example.es');
    // Found whatever the case of the domain.
    const data = (await sut.signed('GET', '/contacts/personal-data?email=ana%40EXAMPLE.es', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(data.contacts).toEqual([expect.objectContaining({ id: contact_id, name: 'Ana Ruiz', email: 'ana@example.es', source: 'form' })]);
    expect(data.list_memberships).toEqual([
      expect.objectContaining({
        list: { id: listId, name: 'Novedades' },
        status: 'pending',
        consent: expect.objectContaining({ text: 'Acepto recibir comunicaciones comerciales.', ip: '203.0.113.5', source: 'form:12' }),
      }),
    ]);
    expect(data.contact_submissions).toEqual([
      expect.objectContaining({
        ticket_id,
        marketing_consent: true,
        fields: expect.objectContaining({ message: 'Mi teléfono es 600 123 456' }),
      }),
    ]);
    expect(data.tickets).toHaveLength(1);
    expect(data.tickets[0].messages.map((m: { kind: string; body_text: string }) => m.body_text)).toEqual(
      expect.arrayContaining(['Mi teléfono es 600 123 456', 'Llamar a Ana por la tarde']),
    );
    expect(JSON.stringify(data)).not.toContain('otra@example.es');
    expect(JSON.stringify(data)).not.toMatch(/token/);
    const byId = (await sut.signed('GET', `/contacts/${contact_id}/personal-data`, undefined, ADMIN).expect(200)).body;
    expect(byId).toEqual(data.email === byId.email ? data : { ...data, email: byId.email });
    expectErrorShape(
      (await sut.signed('GET', '/contacts/personal-data?email=nope', undefined, SUPPORT_AGENT).expect(422)).body,
      'INVALID_EMAIL',
      'email',
    );
    expectErrorShape((await sut.signed('GET', '/contacts/999/personal-data', undefined, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');
  });

  it('erases a form contact: memberships deleted, tickets anonymised, contact gone; others untouched', async () => {
    const { ticket_id } = await contactWithEverything('ana@example.es');
    const other = await contactWithEverything('otra@example.es');
    const erased = (await sut.signed('POST', '/contacts/erase', { email: 'ana@example.es' }, SUPPORT_AGENT).expect(200)).body;
    expect(erased).toEqual({
      email: 'ana@example.es',
      erased: { contacts: 1, list_memberships: 1, tickets: 1, messages: 3, attachments: 0, contact_submissions: 1 },
      retained: [],
    });
    const ticket = (await sut.signed('GET', `/tickets/${ticket_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(ticket).toMatchObject({ subject: '[erased]', contact: { name: '', email: '' } });
    expect(
      ticket.messages.every((m: { body_text: string; author_email: string }) => m.body_text === '[erased]' && m.author_email === ''),
    ).toBe(true);
    const after = (await sut.signed('GET', '/contacts/personal-data?email=ana%40example.es', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(after).toMatchObject({ contacts: [], list_memberships: [], contact_submissions: [], tickets: [] });
    const [submission] = (await sut.service.sequelize.query('SELECT * FROM cuadra_contact_submissions WHERE ticket_id = ?', {
      replacements: [ticket_id],
      type: 'SELECT',
    })) as Record<string, unknown>[];
    expect(submission).toMatchObject({ fields: '{}', consent_text: '', consent_ip: '', consent_user_agent: '' });
    expect(JSON.stringify(await sut.service.sequelize.query('SELECT * FROM cuadra_contacts', { type: 'SELECT' }))).not.toContain(
      'ana@example.es',
    );
    // The pending opt-in e-mail to the erased address is not sent any more.
    const outbox = JSON.stringify(
      await sut.service.sequelize.query("SELECT dedupe_key, status FROM cuadra_outbox WHERE dedupe_key LIKE 'list-confirmation:%'", {
        type: 'SELECT',
      }),
    );
    expect(outbox.match(/list-confirmation/g)).toHaveLength(1); // only the other contact's
    const untouched = (await sut.signed('GET', `/tickets/${other.ticket_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(untouched).toMatchObject({ subject: 'Hola', contact: { email: 'otra@example.es' } });
    expect((await sut.signed('GET', `/lists/${listId}/members`, undefined, SUPPORT_AGENT).expect(200)).body.total).toBe(1);
  });

  it('never deletes an invoice customer: the contact and its invoices are retained and reported, the rest is erased', async () => {
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    const customer = (
      await sut
        .signed(
          'POST',
          '/customers',
          {
            legal_name: 'Ana Ruiz',
            tax_id: '12345678Z',
            address_line: 'Calle Luna 2',
            postal_code: '28004',
            city: 'Madrid',
            country_code: 'ES',
            email: 'ana@example.es',
          },
          BOOKKEEPER,
        )
        .expect(201)
    ).body;
    const invoice = await sut
      .signed(
        'POST',
        '/invoices',
        { customer_id: customer.id, lines: [{ description: 'Consultoría', quantity: '1', unit_price: '10000', vat: 21 }] },
        BOOKKEEPER,
      )
      .expect(201);
    // The form contact with this address is the customer: one person.
    const { contact_id } = await contactWithEverything('ana@example.es');
    expect(contact_id).toBe(customer.id);

    const erased = (await sut.signed('POST', '/contacts/erase', { email: 'ana@example.es' }, ADMIN).expect(200)).body;
    expect(erased.erased).toMatchObject({ contacts: 0, list_memberships: 1, tickets: 1 });
    expect(erased.retained).toEqual([
      { what: 'contact', contact_id: customer.id, count: 1, reason: 'invoices required by law' },
      { what: 'invoices', contact_id: customer.id, count: 1, reason: 'invoices required by law' },
    ]);
    await sut.signed('GET', `/customers/${customer.id}`, undefined, BOOKKEEPER).expect(200);
    await sut.signed('GET', `/invoices/${invoice.body.id}`, undefined, BOOKKEEPER).expect(200);
    const after = (await sut.signed('GET', '/contacts/personal-data?email=ana%40example.es', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(after.invoices).toEqual([expect.objectContaining({ id: invoice.body.id })]);
    // The kept contact's tickets stay linked to it, but hold nothing of what was said.
    expect(after).toMatchObject({ list_memberships: [], tickets: [{ subject: '[erased]', name: '', email: '' }] });
    expect(JSON.stringify(after.tickets)).not.toContain('600 123 456');
  });

  it('needs support or manage', async () => {
    for (const user of [SUBSCRIBER, BOOKKEEPER, FORM_SUBMITTER]) {
      expectErrorShape(
        (await sut.signed('POST', '/contacts/erase', { email: 'ana@example.es' }, user).expect(403)).body,
        'MISSING_CAPABILITY',
      );
      expectErrorShape(
        (await sut.signed('GET', '/contacts/personal-data?email=ana%40example.es', undefined, user).expect(403)).body,
        'MISSING_CAPABILITY',
      );
    }
  });
});
