import type { ModelStatic } from 'sequelize';
import type { ContactRecord } from '../../service/src/db/models/contact.model';
import { BOOKKEEPER, SUBSCRIBER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

const CUSTOMER_DATA = {
  legal_name: 'Ana Ruiz Consultoría SL',
  tax_id: 'B12345674',
  address_line: 'Calle Mayor 1',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'ES',
  email: 'ana@example.es',
  additional_emails: [],
  phone: '910 000 000',
  payment_terms_days: 30,
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('contacts for support staff: one contact per person, with tickets and list consent', () => {
  let sut: ServiceUnderTest;
  let listId: number;
  let departmentId: number;

  beforeEach(async () => {
    sut = await startServiceUnderTest();
    listId = (await sut.signed('POST', '/lists', { name: 'Novedades', double_opt_in: false }, SUPPORT_AGENT).expect(201)).body.id;
    departmentId = (
      await sut
        .signed('POST', '/departments', { name: 'Ventas', colour: '#00A32A', contact_user_id: 4, is_default: false }, SUPPORT_AGENT)
        .expect(201)
    ).body.id;
  });
  afterEach(async () => {
    await sut.stop();
  });

  async function submitForm(email: string, name: string, extra: { marketing?: boolean; subject?: string; phone?: string } = {}) {
    const body = submissionBody({
      department_id: departmentId,
      list_ids: extra.marketing ? [listId] : [],
      fields: {
        email,
        name,
        phone: extra.phone ?? '',
        subject: extra.subject ?? 'Presupuesto',
        marketing_consent: Boolean(extra.marketing),
      },
    });
    return (await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(201)).body as {
      ticket_id: number;
      contact_id: number;
    };
  }

  const search = async (query: string) => (await sut.signed('GET', `/contacts${query}`, undefined, SUPPORT_AGENT).expect(200)).body;

  it('a form lead who later becomes a customer is one contact, with its ticket and its list consent', async () => {
    const lead = await submitForm('ana@example.es', 'Ana Ruiz', { marketing: true, phone: '600 123 456' });
    const asLead = (await sut.signed('GET', `/contacts/${lead.contact_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(asLead).toMatchObject({
      id: lead.contact_id,
      name: 'Ana Ruiz',
      email: 'ana@example.es',
      phone: '600 123 456',
      kind: 'lead',
      editable: true,
    });

    // Billing staff enter the same person as a customer: the form contact is adopted, not duplicated.
    const customer = (await sut.signed('POST', '/customers', CUSTOMER_DATA, BOOKKEEPER).expect(201)).body;
    expect(customer.id).toBe(lead.contact_id);

    const page = await search('?search=ana%40example');
    expect(page).toMatchObject({ total: 1, page: 1, per_page: 20 });
    expect(page.items).toEqual([
      expect.objectContaining({ id: lead.contact_id, kind: 'customer', email: 'ana@example.es', ticket_count: 1, subscribed_lists: 1 }),
    ]);

    const detail = (await sut.signed('GET', `/contacts/${lead.contact_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(detail).toMatchObject({
      id: lead.contact_id,
      name: 'Ana Ruiz Consultoría SL',
      email: 'ana@example.es',
      phone: '910 000 000',
      kind: 'customer',
      source: 'form',
      editable: false,
      created_at: asLead.created_at,
    });
    expect(detail.tickets).toEqual([
      expect.objectContaining({
        id: lead.ticket_id,
        subject: 'Presupuesto',
        status: 'new',
        department: { id: departmentId, name: 'Ventas', colour: '#00a32a' },
      }),
    ]);
    expect(detail.list_memberships).toEqual([
      {
        list: { id: listId, name: 'Novedades' },
        status: 'subscribed',
        consent: expect.objectContaining({
          text: 'Acepto recibir comunicaciones comerciales.',
          version: 'v1',
          ip: '203.0.113.5',
          source: 'form:12',
          consented_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        }),
        confirmed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        unsubscribed_at: null,
        unsubscribe_source: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    // Billing data is not what support staff see here.
    expect(detail).not.toHaveProperty('tax_id');
    expect(detail).not.toHaveProperty('address_line');

    // An unsubscription shows with when it happened.
    await sut.signed('POST', `/lists/${listId}/members/${lead.contact_id}/unsubscribe`, undefined, SUPPORT_AGENT).expect(200);
    const after = (await sut.signed('GET', `/contacts/${lead.contact_id}`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(after.list_memberships[0]).toMatchObject({
      status: 'unsubscribed',
      unsubscribed_at: expect.stringMatching(/^\d{4}-/),
      unsubscribe_source: 'admin:soporte',
    });
    expect(after.subscribed_lists).toBe(0);
  });

  it('filters leads, customers and subscribers; pages with a total; most recently active first', async () => {
    const bea = await submitForm('bea@example.es', 'Bea Gil', { marketing: true });
    await pause(20);
    const carlos = await submitForm('carlos@example.es', 'Carlos Mora');
    await pause(20);
    const billed = (await sut.signed('POST', '/customers', { ...CUSTOMER_DATA, email: 'pagos@empresa.es' }, BOOKKEEPER).expect(201)).body;

    const ids = (page: { items: { id: number }[] }) => page.items.map((item) => item.id);
    expect(ids(await search(''))).toEqual([billed.id, carlos.contact_id, bea.contact_id]);
    expect(ids(await search('?filter=leads'))).toEqual([carlos.contact_id, bea.contact_id]);
    expect(ids(await search('?filter=customers'))).toEqual([billed.id]);
    expect(ids(await search('?filter=subscribers'))).toEqual([bea.contact_id]);
    expect(ids(await search(`?filter=subscribers&list_id=${listId}`))).toEqual([bea.contact_id]);
    expect((await search(`?filter=subscribers&list_id=${listId + 1000}`)).total).toBe(0);
    expect(ids(await search('?search=MORA'))).toEqual([carlos.contact_id]);
    expect(ids(await search('?search=example.es&filter=leads'))).toEqual([carlos.contact_id, bea.contact_id]);

    // Bea writes again: her new ticket makes her the most recently active contact.
    await pause(20);
    await submitForm('bea@example.es', 'Bea Gil', { subject: 'Otra pregunta' });
    const first = await search('?per_page=2');
    expect(first).toMatchObject({ total: 3, page: 1, per_page: 2 });
    expect(ids(first)).toEqual([bea.contact_id, billed.id]);
    expect(first.items[0]).toMatchObject({ kind: 'lead', ticket_count: 2, subscribed_lists: 1 });
    expect(Date.parse(first.items[0].last_activity_at)).toBeGreaterThan(Date.parse(first.items[1].last_activity_at));
    const second = await search('?per_page=2&page=2');
    expect(ids(second)).toEqual([carlos.contact_id]);
    expect(second.total).toBe(3);
  });

  it('support staff change the name and phone of a lead, never a customer’s data; bad input is 422 per field', async () => {
    const lead = await submitForm('dani@example.es', 'dani');
    const changed = await sut
      .signed('PUT', `/contacts/${lead.contact_id}`, { name: '  Daniel Pérez ', phone: '+34 600 000 111' }, SUPPORT_AGENT)
      .expect(200);
    expect(changed.body).toMatchObject({ id: lead.contact_id, name: 'Daniel Pérez', phone: '+34 600 000 111', kind: 'lead' });
    expect((await sut.signed('GET', `/contacts/${lead.contact_id}`, undefined, SUPPORT_AGENT).expect(200)).body.name).toBe('Daniel Pérez');

    expectErrorShape(
      (await sut.signed('PUT', `/contacts/${lead.contact_id}`, { name: '', phone: 'llámame' }, SUPPORT_AGENT).expect(422)).body,
      'REQUIRED',
      'name',
    );
    const both = (await sut.signed('PUT', `/contacts/${lead.contact_id}`, { name: '', phone: 'llámame' }, SUPPORT_AGENT).expect(422)).body;
    expect(both.errors.map((e: { property: string }) => e.property).sort()).toEqual(['name', 'phone']);
    expectErrorShape(
      (await sut.signed('PUT', `/contacts/${lead.contact_id}`, { name: 'Dani', tax_id: 'B12345674' }, SUPPORT_AGENT).expect(422)).body,
      'UNKNOWN_FIELD',
    );
    expectErrorShape(
      (await sut.signed('PUT', `/contacts/${lead.contact_id}`, { name: 'Dani\r\nBcc: x@y.z' }, SUPPORT_AGENT).expect(422)).body,
      'CONTROL_CHARACTERS',
      'name',
    );

    const customer = (await sut.signed('POST', '/customers', { ...CUSTOMER_DATA, email: 'compras@acme.es' }, BOOKKEEPER).expect(201)).body;
    expectErrorShape(
      (await sut.signed('PUT', `/contacts/${customer.id}`, { name: 'Otro nombre', phone: '' }, SUPPORT_AGENT).expect(409)).body,
      'CONTACT_IS_CUSTOMER',
    );
    const unchanged = (await sut.signed('GET', `/customers/${customer.id}`, undefined, BOOKKEEPER).expect(200)).body;
    expect(unchanged).toMatchObject({ legal_name: CUSTOMER_DATA.legal_name, phone: CUSTOMER_DATA.phone });

    expectErrorShape((await sut.signed('PUT', '/contacts/99999', { name: 'X' }, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');
  });

  it('answers 422 for a bad query and 404 for an unknown contact; the privacy routes under /contacts still work', async () => {
    const lead = await submitForm('eva@example.es', 'Eva');
    expectErrorShape(
      (await sut.signed('GET', '/contacts?filter=everyone', undefined, SUPPORT_AGENT).expect(422)).body,
      'INVALID_VALUE',
      'filter',
    );
    expectErrorShape((await sut.signed('GET', '/contacts?per_page=500', undefined, SUPPORT_AGENT).expect(422)).body, 'TOO_BIG', 'per_page');
    expectErrorShape((await sut.signed('GET', '/contacts?page=0', undefined, SUPPORT_AGENT).expect(422)).body, 'TOO_SMALL', 'page');
    expectErrorShape(
      (await sut.signed('GET', '/contacts?list_id=abc', undefined, SUPPORT_AGENT).expect(422)).body,
      'INVALID_TYPE',
      'list_id',
    );
    expectErrorShape((await sut.signed('GET', '/contacts/99999', undefined, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');
    expectErrorShape((await sut.signed('GET', '/contacts/abc', undefined, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');

    const exported = (await sut.signed('GET', `/contacts/${lead.contact_id}/personal-data`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(exported.contacts).toEqual([expect.objectContaining({ id: lead.contact_id, email: 'eva@example.es' })]);
    const byEmail = (await sut.signed('GET', '/contacts/personal-data?email=eva%40example.es', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(byEmail.contacts).toHaveLength(1);
  });

  it('the Contacts screen and the adoption by a new customer agree on who is still a lead, for every combination', async () => {
    const Contact = sut.service.sequelize.model('Contact') as ModelStatic<ContactRecord>;
    const combinations = ['billing', 'form', 'email'].flatMap((source) =>
      [null, '', 'B87654321'].flatMap((tax_id) => ['', 'Calle Sol 2'].map((address_line) => ({ source, tax_id, address_line }))),
    );
    const kinds: string[] = [];
    for (const [index, data] of combinations.entries()) {
      const email = `persona${index}@example.es`;
      const row = await Contact.create({
        ...data,
        legal_name: `Persona ${index}`,
        postal_code: '',
        city: '',
        province: '',
        country_code: 'ES',
        phone: '',
        payment_terms_days: 0,
        email,
        additional_emails: '[]',
        notes: '',
      });
      const label = JSON.stringify(data);
      const { kind } = (await sut.signed('GET', `/contacts/${row.id}`, undefined, SUPPORT_AGENT).expect(200)).body;
      kinds.push(kind);
      const found = async (filter: string) =>
        (await search(`?filter=${filter}&search=${encodeURIComponent(email)}`)).items.map((item: { id: number }) => item.id);
      expect({ label, leads: await found('leads'), customers: await found('customers') }).toEqual({
        label,
        leads: kind === 'lead' ? [row.id] : [],
        customers: kind === 'customer' ? [row.id] : [],
      });
      // Billing staff enter a customer with this address: only a lead is adopted, a customer is never overwritten.
      const created = (await sut.signed('POST', '/customers', { ...CUSTOMER_DATA, email }, BOOKKEEPER).expect(201)).body;
      expect({ label, adopted: created.id === row.id }).toEqual({ label, adopted: kind === 'lead' });
      await Contact.destroy({ where: {} });
    }
    // Only a form or e-mail contact with no tax ID and no address is a lead (2 sources × 2 empty tax IDs).
    expect(kinds.filter((kind) => kind === 'lead')).toHaveLength(4);
  });

  it('needs cuadra_support: billing-only staff and subscribers get 403', async () => {
    const lead = await submitForm('flor@example.es', 'Flor');
    for (const user of [BOOKKEEPER, SUBSCRIBER]) {
      expectErrorShape((await sut.signed('GET', '/contacts', undefined, user).expect(403)).body, 'MISSING_CAPABILITY');
      expectErrorShape((await sut.signed('GET', `/contacts/${lead.contact_id}`, undefined, user).expect(403)).body, 'MISSING_CAPABILITY');
      expectErrorShape(
        (await sut.signed('PUT', `/contacts/${lead.contact_id}`, { name: 'Otra', phone: '' }, user).expect(403)).body,
        'MISSING_CAPABILITY',
      );
    }
    expect((await sut.signed('GET', `/contacts/${lead.contact_id}`, undefined, SUPPORT_AGENT).expect(200)).body.name).toBe('Flor');
    await sut.http.get('/contacts').expect(401);
  });
});
