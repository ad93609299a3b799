import { DateTime } from 'luxon';
import { testDatabaseTarget } from '../harness/database';
import { invoiceDocumentOf } from '../../service/src/services/invoices/invoice-document-mapper';
import { ADMIN, BOOKKEEPER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

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

const CUSTOMER = {
  legal_name: 'Acme Distribuciones SL',
  tax_id: 'A58818501',
  address_line: 'Avenida de la Constitución 10',
  postal_code: '41001',
  city: 'Sevilla',
  country_code: 'ES',
  email: 'compras@acme.es',
};

// 2 × 100,00 € at 21 % + 1 × 50,00 € at 10 % with 10 % discount, 15 % IRPF:
// bases 200,00 and 45,00; IVA 42,00 and 4,50; IRPF 15 % of 245,00 = 36,75; total 254,75.
const LINES = [
  { description: 'Consultoría', quantity: '2', unit_price: '10000', vat: 21 },
  { description: 'Formación', quantity: '1', unit_price: '5000', discount_percent: '10', vat: 10 },
];

const year = () => DateTime.now().setZone('Europe/Madrid').year;

describe('invoices', () => {
  let sut: ServiceUnderTest;
  let customerId: number;

  beforeEach(async () => {
    sut = await startServiceUnderTest();
    await sut.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
    customerId = (await sut.signed('POST', '/customers', CUSTOMER, BOOKKEEPER).expect(201)).body.id;
  });
  afterEach(async () => {
    await sut.stop();
  });

  const post = (path: string, body?: object) => sut.signed('POST', path, body ?? {}, BOOKKEEPER);
  const draft = (body: object = {}) => post('/invoices', { customer_id: customerId, irpf_percent: '15', lines: LINES, ...body });
  const count = async (table: string) =>
    Number(((await sut.service.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`))[0] as { n: number }[])[0]!.n);

  it('saves a draft with previewed totals and no number', async () => {
    const res = await draft().expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      kind: 'F1',
      number: null,
      series: { code: 'F' },
      totals: { base: 24500, vat: 4650, recargo: 0, irpf: 3675, tax: 4650, total: 25475 },
      tax_summary: [
        { vat: 21, vat_rate: '21', base: 20000, vat_amount: 4200 },
        { vat: 10, vat_rate: '10', base: 4500, vat_amount: 450 },
      ],
    });
    expect(res.body.lines.map((l: { base: number }) => l.base)).toEqual([20000, 4500]);
  });

  it('prints the bank account and payment terms as they were at issue, and refuses a wrong IBAN per field', async () => {
    const bad = await sut.signed('PUT', '/settings/company', { ...COMPANY, iban: 'ES91 2100 0418 4502 0005 1333' }, ADMIN).expect(422);
    expectErrorShape(bad.body, 'INVALID_IBAN', 'iban');
    await sut
      .signed(
        'PUT',
        '/settings/company',
        { ...COMPANY, iban: 'es91 2100 0418 4502 0005 1332', payment_terms: 'Transferencia a 30 días' },
        ADMIN,
      )
      .expect(200);
    const id = (await draft().expect(201)).body.id;
    const issued = (await post(`/invoices/${id}/issue`).expect(200)).body;
    expect(issued.issuer).toMatchObject({ iban: 'ES9121000418450200051332', payment_terms: 'Transferencia a 30 días' });
    // A later change of account does not rewrite what was issued.
    await sut.signed('PUT', '/settings/company', { ...COMPANY, iban: 'DE89 3704 0044 0532 0130 00' }, ADMIN).expect(200);
    const again = (await sut.signed('GET', `/invoices/${id}`, undefined, BOOKKEEPER).expect(200)).body;
    const doc = invoiceDocumentOf(again, null);
    expect(doc.payment).toEqual({ method: null, iban: 'ES91 2100 0418 4502 0005 1332', terms: 'Transferencia a 30 días' });
  });

  it('issues with the next gapless number, frozen parties and a chained VERI*FACTU record', async () => {
    const first = await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200);
    expect(first.body).toMatchObject({
      status: 'issued',
      number: `F${year()}-0001`,
      issue_date: DateTime.now().setZone('Europe/Madrid').toISODate(),
      recipient: { legal_name: 'Acme Distribuciones SL', tax_id: 'A58818501' },
      issuer: { legal_name: COMPANY.legal_name, tax_id: 'B12345674' },
      totals: { total: 25475 },
    });
    expect(first.body.verifactu.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(first.body.verifactu.qr_url).toBe(
      `https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=F${year()}-0001&fecha=${DateTime.now().setZone('Europe/Madrid').toFormat('dd-MM-yyyy')}&importe=291.5`,
    );
    const second = await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200);
    expect(second.body.number).toBe(`F${year()}-0002`);

    // A later change to the customer does not touch issued invoices.
    await sut.signed('PUT', `/customers/${customerId}`, { ...CUSTOMER, legal_name: 'Acme Renamed SL' }, BOOKKEEPER).expect(200);
    const reread = await sut.signed('GET', `/invoices/${first.body.id}`, undefined, BOOKKEEPER).expect(200);
    expect(reread.body.recipient.legal_name).toBe('Acme Distribuciones SL');

    const chain = await sut.signed('GET', '/verifactu/chain', undefined, BOOKKEEPER).expect(200);
    expect(chain.body).toEqual({ intact: true, records: 2 });
  });

  it('prints an issued invoice as a PDF with its mandatory data, and none for drafts', async () => {
    const { execFileSync } = await import('node:child_process');
    const id = (await draft().expect(201)).body.id;
    expectErrorShape((await sut.signed('GET', `/invoices/${id}/pdf`, undefined, BOOKKEEPER).expect(409)).body, 'INVOICE_NOT_ISSUED');
    const issued = await post(`/invoices/${id}/issue`).expect(200);
    const pdf = await sut
      .signed('GET', `/invoices/${id}/pdf`, undefined, BOOKKEEPER)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.body as Buffer }).toString('utf8');
    for (const expected of [
      issued.body.number,
      'B12345674',
      'A58818501',
      COMPANY.legal_name,
      'Acme Distribuciones SL',
      'Consultoría',
      'Formación',
      '254,75',
      'VERI*FACTU',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('refuses to change, delete or re-issue an issued invoice (409) and changes nothing', async () => {
    const id = (await draft().expect(201)).body.id;
    const issued = await post(`/invoices/${id}/issue`).expect(200);
    expectErrorShape(
      (await sut.signed('PUT', `/invoices/${id}`, { customer_id: customerId, lines: LINES }, BOOKKEEPER).expect(409)).body,
      'INVOICE_IMMUTABLE',
    );
    expectErrorShape((await sut.signed('DELETE', `/invoices/${id}`, undefined, BOOKKEEPER).expect(409)).body, 'INVOICE_IMMUTABLE');
    expectErrorShape((await post(`/invoices/${id}/issue`).expect(409)).body, 'INVOICE_IMMUTABLE');
    const after = await sut.signed('GET', `/invoices/${id}`, undefined, BOOKKEEPER).expect(200);
    expect(after.body).toEqual(issued.body);
    expect(await count('cuadra_verifactu_records')).toBe(1);
  });

  it.each([
    ['a negative quantity on an ordinary invoice', { lines: [{ ...LINES[0], quantity: '-1' }] }, 'NEGATIVE_QUANTITY', 'lines.0.quantity'],
    ['an unknown tax rate', { lines: [{ ...LINES[0], vat: 7 }] }, 'UNKNOWN_TAX_RATE', 'lines.0.vat'],
    ['an exempt line without reason', { lines: [{ ...LINES[0], vat: { exempt: '' } }] }, 'EXEMPT_WITHOUT_REASON', 'lines.0.vat.exempt'],
    ['a line in another currency', { lines: [{ ...LINES[0], currency: 'USD' }] }, 'CURRENCY_MISMATCH', 'lines.0.currency'],
    ['no lines', { lines: [] }, 'NO_LINES', 'lines'],
    ['an unknown customer', { customer_id: 999 }, 'UNKNOWN_CUSTOMER', 'customer_id'],
    ['a quantity with 5 decimals', { lines: [{ ...LINES[0], quantity: '1.00001' }] }, 'INVALID_QUANTITY', 'lines.0.quantity'],
  ])('rejects a draft with %s (422 naming the field) and stores nothing', async (_what, body, code, property) => {
    const res = await draft(body).expect(422);
    expectErrorShape(res.body, code, property);
    expect(await count('cuadra_invoices')).toBe(0);
    expect(await count('cuadra_invoice_lines')).toBe(0);
  });

  it('refuses to issue a full invoice without recipient data, and uses no number for it', async () => {
    const id = (await post('/invoices', { lines: LINES }).expect(201)).body.id;
    const res = await post(`/invoices/${id}/issue`).expect(422);
    expectErrorShape(res.body, 'MISSING_RECIPIENT_NAME', 'recipient.legal_name');
    expectErrorShape(res.body, 'MISSING_RECIPIENT_TAX_ID', 'recipient.tax_id');
    const ok = await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200);
    expect(ok.body.number).toBe(`F${year()}-0001`);
    expect(await count('cuadra_verifactu_records')).toBe(1);
  });

  it('issues simplified invoices in their own series and enforces the 400 € limit', async () => {
    const ticket = await post('/invoices', {
      kind: 'F2',
      prices_include_tax: true,
      lines: [{ description: 'Café', quantity: '3', unit_price: '999', vat: 21 }],
    }).expect(201);
    expect(ticket.body.totals).toMatchObject({ base: 2477, vat: 520, total: 2997 });
    const issued = await post(`/invoices/${ticket.body.id}/issue`).expect(200);
    expect(issued.body.number).toBe(`S${year()}-0001`);
    const big = await post('/invoices', {
      kind: 'F2',
      prices_include_tax: true,
      lines: [{ description: 'TV', quantity: '1', unit_price: '40001', vat: 21 }],
    }).expect(422);
    expectErrorShape(big.body, 'SIMPLIFIED_OVER_LIMIT', 'kind');
  });

  it('rectifies by differences in the rectifying series, links the original and marks it rectified', async () => {
    const original = await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200);
    const rectifying = await post('/invoices', {
      kind: 'R1',
      customer_id: customerId,
      lines: [{ description: 'Devolución formación', quantity: '-1', unit_price: '5000', discount_percent: '10', vat: 10 }],
      rectification: { invoice_id: original.body.id, method: 'differences', reason: 'Curso no impartido' },
    }).expect(201);
    expect(rectifying.body.totals).toMatchObject({ base: -4500, vat: -450, total: -4950 });
    const issued = await post(`/invoices/${rectifying.body.id}/issue`).expect(200);
    expect(issued.body).toMatchObject({
      number: `R${year()}-0001`,
      kind: 'R1',
      rectification: { invoice_id: original.body.id, method: 'differences' },
    });
    expect((await sut.signed('GET', `/invoices/${original.body.id}`, undefined, BOOKKEEPER).expect(200)).body.status).toBe('rectified');
    // Rectifying invoices need an original.
    expectErrorShape(
      (await post('/invoices', { kind: 'R1', customer_id: customerId, lines: LINES }).expect(422)).body,
      'MISSING_RECTIFICATION_METHOD',
      'rectification.method',
    );
  });

  it('cancels with a chained cancellation record; the chain verifies, and a tampered record is found', async () => {
    const a = await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200);
    const b = await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200);
    const cancelled = await post(`/invoices/${a.body.id}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expectErrorShape((await post(`/invoices/${a.body.id}/cancel`).expect(409)).body, 'INVALID_TRANSITION');
    expect((await sut.signed('GET', '/verifactu/chain', undefined, BOOKKEEPER).expect(200)).body).toEqual({ intact: true, records: 3 });

    // Someone edits the stored amount of the second invoice's record behind Cuadra's back.
    const [rows] = await sut.service.sequelize.query(`SELECT id, fields FROM cuadra_verifactu_records WHERE invoice_id = ${b.body.id}`);
    const row = (rows as { id: number; fields: string }[])[0]!;
    const fields = JSON.parse(row.fields);
    fields.ImporteTotal = '1.00';
    await sut.service.sequelize.query('UPDATE cuadra_verifactu_records SET fields = ? WHERE id = ?', {
      replacements: [JSON.stringify(fields), row.id],
    });
    const broken = await sut.signed('GET', '/verifactu/chain', undefined, BOOKKEEPER).expect(200);
    expect(broken.body).toEqual({
      intact: false,
      records: 3,
      first_broken_index: 1,
      reason: 'fingerprint_mismatch',
      first_broken_invoice_id: b.body.id,
    });
  });

  it('lists with filters, pagination and sums', async () => {
    const issuedIds: number[] = [];
    for (let i = 0; i < 3; i++) issuedIds.push((await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200)).body.id);
    await draft().expect(201);
    const issued = await sut.signed('GET', '/invoices?status=issued&per_page=2', undefined, BOOKKEEPER).expect(200);
    expect(issued.body).toMatchObject({ total: 3, page: 1, per_page: 2, sums: { base: 3 * 24500, tax: 3 * 4650, total: 3 * 25475 } });
    expect(issued.body.items).toHaveLength(2);
    expect(issued.body.items[0].lines).toBeUndefined();
    const search = await sut.signed('GET', `/invoices?search=F${year()}-0002`, undefined, BOOKKEEPER).expect(200);
    expect(search.body.items.map((i: { id: number }) => i.id)).toEqual([issuedIds[1]]);
    const drafts = await sut.signed('GET', '/invoices?status=draft', undefined, BOOKKEEPER).expect(200);
    expect(drafts.body.total).toBe(1);
  });

  it('issues a batch in one go: the valid drafts get consecutive numbers, the others say why', async () => {
    const good1 = (await draft().expect(201)).body.id;
    const noRecipient = (await post('/invoices', { lines: LINES }).expect(201)).body.id;
    const good2 = (await draft().expect(201)).body.id;
    const alreadyIssued = (await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200)).body.id;
    const result = await sut.service.services.invoices.issueInvoices([good1, noRecipient, good2, alreadyIssued, 999]);
    expect(result.issued).toEqual([
      { id: good1, number: `F${year()}-0002` },
      { id: good2, number: `F${year()}-0003` },
    ]);
    expect(result.failed.map((f) => [f.id, f.error.code])).toEqual([
      [noRecipient, 'MISSING_RECIPIENT_NAME'],
      [alreadyIssued, 'INVOICE_IMMUTABLE'],
      [999, 'NOT_FOUND'],
    ]);
    expect((await sut.signed('GET', '/verifactu/chain', undefined, BOOKKEEPER).expect(200)).body).toEqual({ intact: true, records: 3 });
  });

  it('numbers in a configured series: its own prefix, padding and counter', async () => {
    const series = await sut
      .signed('POST', '/invoice-series', { code: 'W', prefix: 'WEB-{YY}/', padding: 6, kind: 'ordinary' }, ADMIN)
      .expect(201);
    expect(series.body).toMatchObject({ code: 'W', prefix: 'WEB-{YY}/', reset: 'yearly', padding: 6 });
    const issued = await post(`/invoices/${(await draft({ series_code: 'W' }).expect(201)).body.id}/issue`).expect(200);
    expect(issued.body.number).toBe(`WEB-${String(year() % 100).padStart(2, '0')}/000001`);
    expect((await post(`/invoices/${(await draft().expect(201)).body.id}/issue`).expect(200)).body.number).toBe(`F${year()}-0001`);
    const list = await sut.signed('GET', '/invoice-series', undefined, BOOKKEEPER).expect(200);
    expect(list.body.items.map((s: { code: string }) => s.code).sort()).toEqual(['F', 'W']);
    expectErrorShape(
      (await sut.signed('POST', '/invoice-series', { code: 'W', prefix: 'X{YYYY}-' }, ADMIN).expect(409)).body,
      'DUPLICATE_SERIES',
      'code',
    );
    expectErrorShape(
      (await sut.signed('POST', '/invoice-series', { code: 'Y', prefix: 'Y-' }, ADMIN).expect(422)).body,
      'YEARLY_RESET_WITHOUT_YEAR',
      'prefix',
    );
    expectErrorShape(
      (await sut.signed('POST', '/invoice-series', { code: 'Z', prefix: 'Ñ{YYYY}' }, ADMIN).expect(422)).body,
      'INVALID_SERIES_PREFIX',
      'prefix',
    );
    expectErrorShape(
      (await sut.signed('POST', '/invoice-series', { code: 'Q', prefix: 'Q{YYYY}' }, BOOKKEEPER).expect(403)).body,
      'MISSING_CAPABILITY',
    );
    // A rectifying invoice cannot be numbered in an ordinary series.
    expectErrorShape(
      (await post('/invoices', { kind: 'R1', series_code: 'W', customer_id: customerId, lines: LINES }).expect(422)).body,
      'SERIES_KIND_MISMATCH',
      'series_code',
    );
  });

  it('equals externally given per-rate totals to the cent (a copied order), within 2 cents of the lines', async () => {
    // Two lines of 0,07 € at 21 %: per invoice IVA = round(0,14 × 21 %) = 0,03 €; a shop that rounds
    // per line charged 2 × round(0,0147) = 0,02 €. The invoice must say 0,02 like the order.
    const lines = [
      { description: 'Pegatina A', quantity: '1', unit_price: '7', vat: 21 },
      { description: 'Pegatina B', quantity: '1', unit_price: '7', vat: 21 },
    ];
    const plain = await draft({ irpf_percent: '0', lines }).expect(201);
    expect(plain.body.totals).toMatchObject({ base: 14, vat: 3, total: 17 });
    const copied = await draft({ irpf_percent: '0', lines, external_tax_totals: [{ vat: 21, base: 14, vat_amount: 2 }] }).expect(201);
    expect(copied.body.totals).toMatchObject({ base: 14, vat: 2, total: 16 });
    expect(copied.body.tax_summary).toEqual([expect.objectContaining({ vat: 21, base: 14, vat_amount: 2 })]);
    const issued = await post(`/invoices/${copied.body.id}/issue`).expect(200);
    expect(issued.body.totals).toMatchObject({ base: 14, vat: 2, total: 16 });
    const far = await draft({ irpf_percent: '0', lines, external_tax_totals: [{ vat: 21, base: 14, vat_amount: 8 }] }).expect(422);
    expectErrorShape(far.body, 'EXTERNAL_TOTALS_MISMATCH', 'external_tax_totals');
  });

  it('refuses to issue before the company is configured', async () => {
    const other = await startServiceUnderTest();
    try {
      const cust = await other.signed('POST', '/customers', CUSTOMER, BOOKKEEPER).expect(201);
      const d = await other.signed('POST', '/invoices', { customer_id: cust.body.id, lines: LINES }, BOOKKEEPER).expect(201);
      expectErrorShape(
        (await other.signed('POST', `/invoices/${d.body.id}/issue`, {}, BOOKKEEPER).expect(422)).body,
        'COMPANY_NOT_CONFIGURED',
        'company',
      );
    } finally {
      await other.stop();
    }
  });
});

// On MariaDB: 50 concurrent issuers × 100 invoices across three service instances; on SQLite a
// smaller run of the same shape (SQLite serialises writers by design).
const scale = testDatabaseTarget() === 'mariadb' ? { issuers: 50, each: 100 } : { issuers: 10, each: 20 };

describe(`gapless numbering under concurrency (${scale.issuers} issuers × ${scale.each})`, () => {
  it('gives every issued invoice a unique number with no gap, and chains every record', async () => {
    const first = await startServiceUnderTest();
    const others = [await startServiceUnderTest({ db: first.db }), await startServiceUnderTest({ db: first.db })];
    const instances = [first, ...others];
    try {
      await first.signed('PUT', '/settings/company', COMPANY, ADMIN).expect(200);
      const total = scale.issuers * scale.each;
      const ids: number[] = [];
      // Drafts are made up front (in parallel batches) so the measured part is issuing only.
      for (let batch = 0; batch < total; batch += 100) {
        const made = await Promise.all(
          Array.from({ length: Math.min(100, total - batch) }, () =>
            first.service.services.invoices.createDraft(
              {
                kind: 'F2',
                customer_id: null,
                recipient: null,
                currency: 'EUR',
                prices_include_tax: true,
                irpf_percent: '0',
                simplified_limit_extended: false,
                language: 'es',
                operation_date: null,
                due_date: null,
                notes: '',
                payment_method: '',
                lines: [
                  {
                    description: 'Ticket',
                    sku: '',
                    quantity: '1',
                    unit_price: '1210',
                    discount_percent: '0',
                    vat: 21,
                    recargo: false,
                    irpf: false,
                  },
                ],
                rectification: null,
              },
              null,
            ),
          ),
        );
        ids.push(...made.map((m) => m.id));
      }
      const failures: unknown[] = [];
      await Promise.all(
        Array.from({ length: scale.issuers }, async (_, issuer) => {
          const service = instances[issuer % instances.length]!.service.services.invoices;
          for (const id of ids.slice(issuer * scale.each, (issuer + 1) * scale.each)) {
            await service.issueInvoice(id).catch((err) => failures.push(err));
          }
        }),
      );
      expect(failures).toEqual([]);
      const [rows] = await first.service.sequelize.query("SELECT number FROM cuadra_invoices WHERE status = 'issued' ORDER BY number");
      const numbers = (rows as { number: number }[]).map((r) => Number(r.number));
      expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const chain = await first.signed('GET', '/verifactu/chain', undefined, BOOKKEEPER).expect(200);
      expect(chain.body).toEqual({ intact: true, records: total });
    } finally {
      for (const instance of instances.reverse()) await instance.stop();
    }
  }, 240_000);
});
