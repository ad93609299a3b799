import { ADMIN, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

const VALID = {
  legal_name: 'Ejemplo Servicios Digitales SL',
  trade_name: 'Ejemplo',
  tax_id: 'b-1234567-4',
  address_line: 'Calle Mayor 1, 2º B',
  postal_code: '28013',
  city: 'Madrid',
  province: 'Madrid',
  country_code: 'es',
  email: 'facturas@ejemplo.es',
  phone: '+34 910 000 000',
  default_currency: 'eur',
  timezone: 'Europe/Madrid',
  logo: null,
};

// 1×1 transparent PNG.
const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('company settings', () => {
  let sut: ServiceUnderTest;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('starts unconfigured with Spanish defaults', async () => {
    const res = await sut.signed('GET', '/settings/company').expect(200);
    expect(res.body).toMatchObject({
      configured: false,
      country_code: 'ES',
      default_currency: 'EUR',
      timezone: 'Europe/Madrid',
      logo: null,
    });
  });

  it('saves, normalises and reads back the company', async () => {
    const saved = await sut.signed('PUT', '/settings/company', VALID).expect(200);
    expect(saved.body).toMatchObject({
      configured: true,
      tax_id: 'B12345674',
      country_code: 'ES',
      default_currency: 'EUR',
      address_line: 'Calle Mayor 1, 2º B',
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const read = await sut.signed('GET', '/settings/company').expect(200);
    expect(read.body).toEqual(saved.body);
  });

  it("keeps accents, emoji and markup exactly as typed (escaping is the output's job)", async () => {
    const name = 'Ñandú & Cía <script>alert(1)</script> 🚀 Ltd.';
    const saved = await sut.signed('PUT', '/settings/company', { ...VALID, legal_name: name, logo: TINY_PNG }).expect(200);
    expect(saved.body.legal_name).toBe(name);
    const read = await sut.signed('GET', '/settings/company').expect(200);
    expect(read.body.legal_name).toBe(name);
    expect(read.body.logo).toBe(TINY_PNG);
  });

  it.each([
    ['tax_id', 'B12345675', 'INVALID_TAX_ID'],
    ['tax_id', '12345678A', 'INVALID_TAX_ID'],
    ['tax_id', 'hello', 'INVALID_TAX_ID'],
    ['email', 'not-an-email', 'INVALID_EMAIL'],
    ['postal_code', '99123', 'INVALID_POSTAL_CODE'],
    ['default_currency', 'EURO', 'INVALID_CURRENCY'],
    ['timezone', 'Europe/Atlantis', 'INVALID_TIMEZONE'],
    ['country_code', 'XX', 'INVALID_COUNTRY'],
    ['legal_name', '', 'REQUIRED'],
    ['legal_name', 'Evil\r\nBcc: victim@example.com', 'CONTROL_CHARACTERS'],
    ['phone', 'call me', 'INVALID_PHONE'],
    ['logo', 'data:text/html;base64,PGgxPg==', 'INVALID_LOGO'],
  ])('rejects %s = %j with 422 %s and saves nothing', async (field, value, code) => {
    const res = await sut.signed('PUT', '/settings/company', { ...VALID, [field]: value }).expect(422);
    expectErrorShape(res.body, code, field);
    const read = await sut.signed('GET', '/settings/company').expect(200);
    expect(read.body.configured).toBe(false);
  });

  it('names every invalid field at once', async () => {
    const res = await sut.signed('PUT', '/settings/company', { tax_id: 'B12345675', email: 'x', postal_code: '123' }).expect(422);
    const properties = res.body.errors.map((e: { property: string }) => e.property).sort();
    expect(properties).toEqual(
      ['address_line', 'city', 'country_code', 'default_currency', 'email', 'legal_name', 'postal_code', 'tax_id', 'timezone'].sort(),
    );
  });

  it('rejects a logo over 256 KB', async () => {
    const big = `data:image/png;base64,${Buffer.alloc(300 * 1024, 1).toString('base64')}`;
    const res = await sut.signed('PUT', '/settings/company', { ...VALID, logo: big }).expect(422);
    expectErrorShape(res.body, 'LOGO_TOO_LARGE', 'logo');
  });

  it('accepts NIE and foreign EU VAT numbers where they belong', async () => {
    await sut.signed('PUT', '/settings/company', { ...VALID, tax_id: 'X1234567L' }).expect(200);
    const foreign = await sut
      .signed('PUT', '/settings/company', { ...VALID, country_code: 'FR', postal_code: '75001', tax_id: 'FR40303265045' })
      .expect(200);
    expect(foreign.body.tax_id).toBe('FR40303265045');
  });

  it('rejects a body that is not an object', async () => {
    const res = await sut.signed('PUT', '/settings/company', '[1,2]').expect(400);
    expectErrorShape(res.body, 'BODY_REQUIRED');
  });

  it('records who changed the settings', async () => {
    await sut.signed('PUT', '/settings/company', VALID, ADMIN).expect(200);
    const [rows] = await sut.service.sequelize.query('SELECT updated_by FROM cuadra_settings');
    expect(rows).toEqual([{ updated_by: 1 }]);
  });
});
