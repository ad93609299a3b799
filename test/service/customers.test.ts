import { BOOKKEEPER, expectErrorShape, startServiceUnderTest, SUBSCRIBER, type ServiceUnderTest } from './support/service-under-test';

const ACME = {
  legal_name: 'Acme Distribuciones SL',
  tax_id: 'b 1234567-4',
  address_line: 'Avenida de la Constitución 10',
  postal_code: '41001',
  city: 'Sevilla',
  province: 'Sevilla',
  country_code: 'ES',
  email: 'compras@acme.es',
  additional_emails: ['pagos@acme.es'],
  phone: '954 000 000',
  payment_terms_days: 30,
};

describe('customers', () => {
  let sut: ServiceUnderTest;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
  });
  afterEach(async () => {
    await sut.stop();
  });

  const create = (body: object) => sut.signed('POST', '/customers', body, BOOKKEEPER);

  it('creates, reads and updates a customer with a normalised tax ID', async () => {
    const created = await create(ACME).expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(Number),
      tax_id: 'B12345674',
      additional_emails: ['pagos@acme.es'],
      payment_terms_days: 30,
    });
    const read = await sut.signed('GET', `/customers/${created.body.id}`, undefined, BOOKKEEPER).expect(200);
    expect(read.body).toEqual(created.body);
    const updated = await sut
      .signed('PUT', `/customers/${created.body.id}`, { ...ACME, city: 'Dos Hermanas', postal_code: '41700' }, BOOKKEEPER)
      .expect(200);
    expect(updated.body).toMatchObject({ id: created.body.id, city: 'Dos Hermanas' });
  });

  it('refuses a second customer with the same tax ID, however it is typed', async () => {
    const first = await create(ACME).expect(201);
    const dup = await create({ ...ACME, legal_name: 'Acme copy', tax_id: 'ESB12345674' }).expect(409);
    expectErrorShape(dup.body, 'DUPLICATE_TAX_ID', 'tax_id');
    expect(dup.body.errors[0].message).toContain(`#${first.body.id}`);
  });

  it('allows several customers without a tax ID (foreign consumers, simplified invoices)', async () => {
    await create({ legal_name: 'John Smith', country_code: 'GB', email: 'john@example.co.uk' }).expect(201);
    await create({ legal_name: 'Marie Dupont', country_code: 'FR', tax_id: null }).expect(201);
  });

  it('validates tax IDs per country and names the field', async () => {
    expectErrorShape((await create({ ...ACME, tax_id: 'B12345675' }).expect(422)).body, 'INVALID_TAX_ID', 'tax_id');
    const french = await create({ legal_name: 'Société Exemple', country_code: 'FR', tax_id: '40303265045' }).expect(201);
    expect(french.body.tax_id).toBe('FR40303265045');
    await create({ legal_name: 'US Corp', country_code: 'US', tax_id: '12-3456789' }).expect(201);
    expectErrorShape((await create({ ...ACME, tax_id: null, email: 'nope' }).expect(422)).body, 'INVALID_EMAIL', 'email');
    expectErrorShape((await create({ ...ACME, tax_id: null, payment_terms_days: -1 }).expect(422)).body, 'TOO_SMALL', 'payment_terms_days');
    expectErrorShape(
      (await create({ ...ACME, tax_id: null, additional_emails: ['ok@x.es', 'bad'] }).expect(422)).body,
      'INVALID_EMAIL',
      'additional_emails.1',
    );
  });

  it('searches by name, tax ID and e-mail, paginated', async () => {
    await create(ACME).expect(201);
    await create({ legal_name: 'Bodegas Ñandú SA', tax_id: 'A58818501', country_code: 'ES', email: 'hola@nandu.es' }).expect(201);
    for (let i = 1; i <= 3; i++) await create({ legal_name: `Cliente ${i}`, country_code: 'PT', email: `c${i}@example.pt` }).expect(201);

    const byName = await sut.signed('GET', '/customers?search=acme', undefined, BOOKKEEPER).expect(200);
    expect(byName.body.items.map((c: { legal_name: string }) => c.legal_name)).toEqual(['Acme Distribuciones SL']);
    const byTaxId = await sut.signed('GET', '/customers?search=a-5881', undefined, BOOKKEEPER).expect(200);
    expect(byTaxId.body.items.map((c: { legal_name: string }) => c.legal_name)).toEqual(['Bodegas Ñandú SA']);
    const byOtherEmail = await sut.signed('GET', '/customers?search=pagos%40acme', undefined, BOOKKEEPER).expect(200);
    expect(byOtherEmail.body.total).toBe(1);
    const page2 = await sut.signed('GET', '/customers?page=2&per_page=2', undefined, BOOKKEEPER).expect(200);
    expect(page2.body).toMatchObject({ total: 5, page: 2, per_page: 2 });
    expect(page2.body.items.map((c: { legal_name: string }) => c.legal_name)).toEqual(['Cliente 1', 'Cliente 2']);
    const wildcard = await sut.signed('GET', '/customers?search=%25', undefined, BOOKKEEPER).expect(200);
    expect(wildcard.body.total).toBe(5);
  });

  it('answers 404 for unknown or malformed ids and 403 without the billing capability', async () => {
    expectErrorShape((await sut.signed('GET', '/customers/999', undefined, BOOKKEEPER).expect(404)).body, 'NOT_FOUND');
    expectErrorShape((await sut.signed('GET', '/customers/abc', undefined, BOOKKEEPER).expect(404)).body, 'NOT_FOUND');
    expectErrorShape((await sut.signed('GET', '/customers', undefined, SUBSCRIBER).expect(403)).body, 'MISSING_CAPABILITY');
    expectErrorShape((await sut.signed('GET', '/customers?per_page=1000', undefined, BOOKKEEPER).expect(422)).body, 'TOO_BIG', 'per_page');
  });
});
