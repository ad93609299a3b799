import { startSmtpServer, type RunningSmtpServer } from '../harness/mail';
import { ADMIN, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { LIST_MAIL_ENV, optInMails, rawHeader, tokenIn } from './support/lists';
import { FORM_SUBMITTER, SUPPORT_AGENT } from './support/tickets';

/** RFC 4180 reader: quoted cells, doubled quotes, CRLF records (enough to read back what the export wrote). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('lists: administration, members and CSV export', () => {
  let sut: ServiceUnderTest;
  let smtp: RunningSmtpServer;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    sut = await startServiceUnderTest({ env: { ...LIST_MAIL_ENV, SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) } });
  });
  afterEach(async () => {
    await sut.stop();
    await smtp.stop();
  });

  const createList = async (body: object) => (await sut.signed('POST', '/lists', body, SUPPORT_AGENT).expect(201)).body;

  it('creates, reads, updates and deletes lists, with field errors and 404s', async () => {
    const list = await createList({ name: 'Clientes', description: 'Ofertas' });
    expect(list).toEqual({
      id: expect.any(Number),
      name: 'Clientes',
      description: 'Ofertas',
      double_opt_in: true,
      counts: { pending: 0, subscribed: 0, unsubscribed: 0 },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const updated = await sut.signed('PUT', `/lists/${list.id}`, { name: 'Clientes VIP', double_opt_in: false }, SUPPORT_AGENT).expect(200);
    expect(updated.body).toMatchObject({ name: 'Clientes VIP', description: '', double_opt_in: false });
    expectErrorShape((await sut.signed('POST', '/lists', { name: '' }, SUPPORT_AGENT).expect(422)).body, 'REQUIRED', 'name');
    expectErrorShape((await sut.signed('POST', '/lists', { name: 'a\nb' }, SUPPORT_AGENT).expect(422)).body, 'CONTROL_CHARACTERS', 'name');
    expectErrorShape((await sut.signed('GET', '/lists/999', undefined, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');
    expectErrorShape((await sut.signed('GET', '/lists/abc', undefined, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');
    await sut.signed('DELETE', `/lists/${list.id}`, undefined, SUPPORT_AGENT).expect(204);
    expect((await sut.signed('GET', '/lists', undefined, SUPPORT_AGENT).expect(200)).body.items).toEqual([]);
  });

  it('staff add a contact with a recorded consent source: pending with the opt-in e-mail; unsubscribed ones are never put back', async () => {
    const list = await createList({ name: 'Feria' });
    const body = {
      email: 'Luis@Example.es',
      name: 'Luis',
      source: 'import',
      consent_text: 'Hoja de inscripción en la feria, 2026-10-03',
      consent_version: 'papel-1',
    };
    const added = await sut.signed('POST', `/lists/${list.id}/members`, body, SUPPORT_AGENT).expect(201);
    expect(added.body).toMatchObject({
      status: 'pending',
      contact: { name: 'Luis', email: 'Luis@example.es' }, // the domain is lower-cased, the local part kept
      consent: { text: body.consent_text, version: 'papel-1', ip: '', user_agent: '', source: 'import:soporte' },
    });
    // The same again changes nothing and says so with 200.
    expect((await sut.signed('POST', `/lists/${list.id}/members`, body, SUPPORT_AGENT).expect(200)).body.status).toBe('pending');

    await sut.service.services.outbox.deliverDue();
    const [mail] = optInMails(await smtp.waitForMessages(1));
    expect(mail!.envelope.to).toEqual(['Luis@example.es']);
    expect(rawHeader(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    await sut.signed('POST', '/list-actions/confirm', { token: tokenIn(mail!.parsed.text!, 'confirm') }, FORM_SUBMITTER).expect(200);

    const contactId = added.body.contact.id as number;
    const left = await sut.signed('POST', `/lists/${list.id}/members/${contactId}/unsubscribe`, undefined, SUPPORT_AGENT).expect(200);
    expect(left.body).toMatchObject({ status: 'unsubscribed', unsubscribe_source: 'admin:soporte' });
    const again = await sut
      .signed('POST', `/lists/${list.id}/members`, { contact_id: contactId, consent_text: 'Otra vez' }, SUPPORT_AGENT)
      .expect(409);
    expectErrorShape(again.body, 'CONTACT_UNSUBSCRIBED');
    expect((await sut.signed('GET', `/lists/${list.id}`, undefined, SUPPORT_AGENT).expect(200)).body.counts).toEqual({
      pending: 0,
      subscribed: 0,
      unsubscribed: 1,
    });

    expectErrorShape(
      (await sut.signed('POST', `/lists/${list.id}/members`, { consent_text: 'x' }, SUPPORT_AGENT).expect(422)).body,
      'REQUIRED',
      'email',
    );
    expectErrorShape(
      (await sut.signed('POST', `/lists/${list.id}/members`, { email: 'x@example.es', consent_text: ' ' }, SUPPORT_AGENT).expect(422)).body,
      'REQUIRED',
      'consent_text',
    );
  });

  it('a single opt-in list subscribes at once; members filter by status and page', async () => {
    const list = await createList({ name: 'Directo', double_opt_in: false });
    for (let i = 1; i <= 5; i++) {
      await sut
        .signed('POST', `/lists/${list.id}/members`, { email: `p${i}@example.es`, consent_text: 'Mostrador' }, SUPPORT_AGENT)
        .expect(201);
    }
    const first = (await sut.signed('GET', `/lists/${list.id}/members?per_page=2`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(first).toMatchObject({ total: 5, page: 1, per_page: 2 });
    expect(first.items.map((m: { contact: { email: string } }) => m.contact.email)).toEqual(['p5@example.es', 'p4@example.es']);
    const third = (await sut.signed('GET', `/lists/${list.id}/members?per_page=2&page=3`, undefined, SUPPORT_AGENT).expect(200)).body;
    expect(third.items.map((m: { contact: { email: string } }) => m.contact.email)).toEqual(['p1@example.es']);
    expect(third.items[0]).toMatchObject({ status: 'subscribed', confirmed_at: expect.any(String) });
    await sut.signed('POST', `/lists/${list.id}/members/${third.items[0].contact.id}/unsubscribe`, undefined, ADMIN).expect(200);
    expect(
      (await sut.signed('GET', `/lists/${list.id}/members?status=unsubscribed`, undefined, SUPPORT_AGENT).expect(200)).body.total,
    ).toBe(1);
    expect((await sut.signed('GET', `/lists/${list.id}/members?status=subscribed`, undefined, SUPPORT_AGENT).expect(200)).body.total).toBe(
      4,
    );
    expectErrorShape(
      (await sut.signed('GET', `/lists/${list.id}/members?status=gone`, undefined, SUPPORT_AGENT).expect(422)).body,
      'INVALID_VALUE',
      'status.0',
    );
    // Single opt-in sends no confirmation e-mail.
    await sut.service.services.outbox.deliverDue();
    expect(optInMails(smtp.messages)).toHaveLength(0);
  });

  it('exports CSV with every consent field, escaped, and formula cells defused', async () => {
    const list = await createList({ name: 'Export', double_opt_in: false });
    const tricky = [
      { email: 'f1@example.es', name: '=HYPERLINK("http://evil.example","clic")', consent_text: '+34 600 000 000 dijo "sí", vale' },
      { email: 'f2@example.es', name: '@SUM(A1:A9)', consent_text: '-1+1\nsegunda línea' },
      { email: 'f3@example.es', name: 'Ñandú Pérez', consent_text: 'Normal, con coma' },
    ];
    for (const body of tricky) {
      await sut.signed('POST', `/lists/${list.id}/members`, { ...body, consent_version: 'v3' }, SUPPORT_AGENT).expect(201);
    }
    const res = await sut.signed('GET', `/lists/${list.id}/export.csv`, undefined, SUPPORT_AGENT).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="list-${list.id}.csv"`);
    const text = res.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      'name',
      'email',
      'status',
      'consent_text',
      'consent_version',
      'consent_ip',
      'consent_user_agent',
      'consent_source',
      'consented_at',
      'confirmed_at',
      'unsubscribed_at',
      'unsubscribe_source',
    ]);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([
      [`'=HYPERLINK("http://evil.example","clic")`, 'f1@example.es', 'subscribed', `'+34 600 000 000 dijo "sí", vale`, 'v3'],
      [`'@SUM(A1:A9)`, 'f2@example.es', 'subscribed', `'-1+1\nsegunda línea`, 'v3'],
      ['Ñandú Pérez', 'f3@example.es', 'subscribed', 'Normal, con coma', 'v3'],
    ]);
    expect(rows[1]![7]).toBe('admin:soporte');
    expect(rows[1]![8]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // No cell of the file starts a formula once the quotes are read away.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);

    // Form consent data (IP, browser) reaches the export too.
    await sut
      .signed(
        'POST',
        '/contact-submissions',
        {
          idempotency_key: 'export-form-0001',
          submitted_at: new Date().toISOString(),
          source: { post_id: 7, page_url: 'https://sitio.example/', form_id: 'f' },
          department_id: null,
          list_ids: [list.id],
          fields: { name: 'Eva', email: 'eva@example.es', message: 'Hola', privacy_accepted: true, marketing_consent: true },
          consent: { text: 'Quiero ofertas', version: 'v9', ip: '203.0.113.9', user_agent: 'Firefox' },
          locale: 'es_ES',
        },
        FORM_SUBMITTER,
      )
      .expect(201);
    const withForm = parseCsv(
      (await sut.signed('GET', `/lists/${list.id}/export.csv`, undefined, SUPPORT_AGENT).expect(200)).text.slice(1),
    );
    expect(withForm[4]!.slice(0, 8)).toEqual([
      'Eva',
      'eva@example.es',
      'subscribed',
      'Quiero ofertas',
      'v9',
      '203.0.113.9',
      'Firefox',
      'form:7',
    ]);
    expectErrorShape((await sut.signed('GET', '/lists/999/export.csv', undefined, SUPPORT_AGENT).expect(404)).body, 'NOT_FOUND');
  });
});
