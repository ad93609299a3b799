import { createHash } from 'node:crypto';
import { startSmtpServer, type RunningSmtpServer } from '../harness/mail';
import { SUBSCRIBER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { LIST_MAIL_ENV, PUBLIC_URL, optInMails, rawHeader, tokenIn } from './support/lists';
import { EDITOR, FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('lists: consent from the form, double opt-in, one-click unsubscribe', () => {
  let sut: ServiceUnderTest;
  let smtp: RunningSmtpServer;
  let listId: number;
  // The service's clock: tests move it a day on to see what a later sign-up does.
  let clock: Date;
  const laterDays = (days: number) => {
    clock = new Date(clock.getTime() + days * 24 * 3600_000);
  };

  async function start(env: Record<string, string> = LIST_MAIL_ENV) {
    clock = new Date();
    smtp = await startSmtpServer();
    sut = await startServiceUnderTest({ env: { ...env, SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) }, now: () => clock });
    listId = (await sut.signed('POST', '/lists', { name: 'Novedades', description: 'Boletín mensual' }, SUPPORT_AGENT).expect(201)).body.id;
  }
  afterEach(async () => {
    await sut.stop();
    await smtp.stop();
  });

  const submit = (fields: Record<string, unknown>, lists = [listId]) =>
    sut
      .signed(
        'POST',
        '/contact-submissions',
        submissionBody({ list_ids: lists, fields, submitted_at: clock.toISOString() }),
        FORM_SUBMITTER,
      )
      .expect(201);
  const members = async (status?: string) =>
    (await sut.signed('GET', `/lists/${listId}/members${status ? `?status=${status}` : ''}`, undefined, SUPPORT_AGENT).expect(200)).body;
  const memberRows = () =>
    sut.service.sequelize.query('SELECT * FROM cuadra_list_members', { type: 'SELECT' }) as Promise<Record<string, unknown>[]>;

  /** Sends the outbox and returns the opt-in e-mails received so far. */
  async function optIns(expected: number) {
    await sut.service.services.outbox.deliverDue();
    const all = await smtp.waitForMessages(smtp.messages.length);
    const found = optInMails(all);
    expect(found).toHaveLength(expected);
    return found;
  }

  it('privacy acceptance alone never joins a list, even when the form names lists', async () => {
    await start();
    await submit({ privacy_accepted: true, marketing_consent: false });
    expect(await memberRows()).toEqual([]);
    await sut.service.services.outbox.deliverDue();
    await smtp.waitForMessages(1); // the acknowledgement only (no department contact)
    expect(optInMails(smtp.messages)).toHaveLength(0);
    expect((await members()).total).toBe(0);
  });

  it('the marketing checkbox makes the contact pending with the consent, mails the confirm link, and confirming subscribes', async () => {
    await start();
    const created = (await submit({ marketing_consent: true })).body;
    const [pending] = (await members('pending')).items;
    expect(pending).toEqual({
      list_id: listId,
      contact: { id: created.contact_id, name: 'Ana', email: 'ana@example.es' },
      status: 'pending',
      consent: {
        text: 'Acepto recibir comunicaciones comerciales.',
        version: 'v1',
        ip: '203.0.113.5',
        user_agent: 'Mozilla/5.0 (test)',
        source: 'form:12',
        consented_at: expect.any(String),
      },
      confirmed_at: null,
      unsubscribed_at: null,
      unsubscribe_source: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const [mail] = await optIns(1);
    expect(mail!.envelope.to).toEqual(['ana@example.es']);
    expect(mail!.parsed.subject).toBe('Confirma tu suscripción a «Novedades»');
    const text = mail!.parsed.text!;
    const confirmToken = tokenIn(text, 'confirm');
    expect(text).toContain(`${PUBLIC_URL}?cuadra_list_action=confirm&token=${confirmToken}`);

    // RFC 8058: the HTTPS link in List-Unsubscribe and the One-Click marker. No support mailbox reader is
    // configured here (SUPPORT_IMAP_HOST unset), so no mailto: nobody would read such a request.
    const unsubscribeToken = tokenIn(text, 'unsubscribe');
    expect(rawHeader(mail!, 'List-Unsubscribe')).toBe(`<${PUBLIC_URL}?cuadra_list_action=unsubscribe&token=${unsubscribeToken}>`);
    expect(rawHeader(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail!, 'Auto-Submitted')).toBe('auto-generated');

    // Tokens are stored only hashed: no column and no outbox payload holds a working link.
    const [row] = await memberRows();
    expect(row!.confirm_token_hash).toBe(sha256(confirmToken));
    expect(row!.unsubscribe_token_hash).toBe(sha256(unsubscribeToken));
    const everything =
      JSON.stringify(await memberRows()) + JSON.stringify(await sut.service.sequelize.query('SELECT payload FROM cuadra_outbox'));
    expect(everything).not.toContain(confirmToken);
    expect(everything).not.toContain(unsubscribeToken);

    // A GET-style look (link scanners, the page before the button) changes nothing.
    for (let i = 0; i < 3; i++) {
      const described = await sut.signed('GET', `/list-actions/describe?token=${confirmToken}`, undefined, FORM_SUBMITTER).expect(200);
      expect(described.body).toEqual({
        action: 'confirm',
        list: { id: listId, name: 'Novedades' },
        email_masked: 'a***@e***.es',
        status: 'pending',
        changed: false,
      });
    }
    expect((await members('pending')).total).toBe(1);

    const confirmed = await sut.signed('POST', '/list-actions/confirm', { token: confirmToken }, FORM_SUBMITTER).expect(200);
    expect(confirmed.body).toMatchObject({ action: 'confirm', status: 'subscribed', changed: true });
    const again = await sut.signed('POST', '/list-actions/confirm', { token: confirmToken }, FORM_SUBMITTER).expect(200);
    expect(again.body).toMatchObject({ status: 'subscribed', changed: false });
    const [subscribed] = (await members('subscribed')).items;
    expect(subscribed.confirmed_at).toEqual(expect.any(String));
  });

  it('a one-click POST unsubscribes (idempotently), and no later form with consent flips the contact back', async () => {
    await start();
    await submit({ marketing_consent: true });
    const [mail] = await optIns(1);
    const confirmToken = tokenIn(mail!.parsed.text!, 'confirm');
    await sut.signed('POST', '/list-actions/confirm', { token: confirmToken }, FORM_SUBMITTER).expect(200);
    const header = rawHeader(mail!, 'List-Unsubscribe')!;
    const unsubscribeToken = tokenIn(header, 'unsubscribe');

    const describe = await sut.signed('GET', `/list-actions/describe?token=${unsubscribeToken}`, undefined, FORM_SUBMITTER).expect(200);
    expect(describe.body).toMatchObject({ action: 'unsubscribe', status: 'subscribed', changed: false });
    expect((await members('subscribed')).total).toBe(1);

    const left = await sut
      .signed('POST', '/list-actions/unsubscribe', { token: unsubscribeToken, method: 'one-click' }, FORM_SUBMITTER)
      .expect(200);
    expect(left.body).toMatchObject({ action: 'unsubscribe', status: 'unsubscribed', changed: true });
    const twice = await sut.signed('POST', '/list-actions/unsubscribe', { token: unsubscribeToken }, FORM_SUBMITTER).expect(200);
    expect(twice.body).toMatchObject({ status: 'unsubscribed', changed: false });
    const [gone] = (await members('unsubscribed')).items;
    expect(gone).toMatchObject({ status: 'unsubscribed', unsubscribed_at: expect.any(String), unsubscribe_source: 'one-click' });

    // The same person ticks the box again a few days later (a new opt-in would be due): nothing changes, nothing is mailed.
    laterDays(3);
    await submit({ marketing_consent: true });
    expect((await members('unsubscribed')).total).toBe(1);
    expect((await members('pending,subscribed')).total).toBe(0);
    await optIns(1);
    // The old confirmation link cannot bring it back either.
    const late = await sut.signed('POST', '/list-actions/confirm', { token: confirmToken }, FORM_SUBMITTER).expect(200);
    expect(late.body).toMatchObject({ status: 'unsubscribed', changed: false });
    expect(sut.logs()).toContain('list sign-up left the membership as it was');
    expect(sut.logs()).toContain('"reason":"unsubscribed"');
  });

  it('a pending contact is mailed again at most once a day (only the newest link confirms); a subscribed one stays as it was', async () => {
    await start();
    await submit({ marketing_consent: true });
    await submit({ marketing_consent: true });
    const [first] = await optIns(1); // one opt-in e-mail, not two
    laterDays(2);
    await submit({ marketing_consent: true });
    const [, second] = await optIns(2);
    const stale = tokenIn(first!.parsed.text!, 'confirm');
    expectErrorShape(
      (await sut.signed('POST', '/list-actions/confirm', { token: stale }, FORM_SUBMITTER).expect(404)).body,
      'INVALID_TOKEN',
    );
    // The unsubscribe link of every e-mail keeps working: it is one token per membership.
    expect(tokenIn(rawHeader(second!, 'List-Unsubscribe')!, 'unsubscribe')).toBe(
      tokenIn(rawHeader(first!, 'List-Unsubscribe')!, 'unsubscribe'),
    );
    await sut.signed('POST', '/list-actions/confirm', { token: tokenIn(second!.parsed.text!, 'confirm') }, FORM_SUBMITTER).expect(200);

    const before = (await members()).items[0];
    expect(before.status).toBe('subscribed');
    laterDays(2);
    const other = { text: 'Otro texto', version: 'v2', ip: '198.51.100.7', user_agent: 'x' };
    await sut
      .signed(
        'POST',
        '/contact-submissions',
        submissionBody({ list_ids: [listId], fields: { marketing_consent: true }, consent: other, submitted_at: clock.toISOString() }),
        FORM_SUBMITTER,
      )
      .expect(201);
    expect((await members()).items[0]).toEqual(before);
    await optIns(2);
  });

  it('unknown and made-up tokens are refused without a hint, and malformed ones are a field error', async () => {
    await start();
    const madeUp = 'A'.repeat(43);
    for (const [method, path, body] of [
      ['GET', `/list-actions/describe?token=${madeUp}`, undefined],
      ['POST', '/list-actions/confirm', { token: madeUp }],
      ['POST', '/list-actions/unsubscribe', { token: madeUp }],
    ] as const) {
      expectErrorShape((await sut.signed(method, path, body, FORM_SUBMITTER).expect(404)).body, 'INVALID_TOKEN');
    }
    expectErrorShape(
      (await sut.signed('POST', '/list-actions/confirm', { token: 'x' }, FORM_SUBMITTER).expect(422)).body,
      'INVALID_TOKEN',
      'token',
    );
  });

  it('without CUADRA_PUBLIC_URL a form sign-up links to the form’s own page', async () => {
    const { CUADRA_PUBLIC_URL: _unset, ...env } = LIST_MAIL_ENV;
    await start(env);
    await submit({ marketing_consent: true });
    const [mail] = await optIns(1);
    expect(mail!.parsed.text).toMatch(/https:\/\/site\.example\/contacto\/\?cuadra_list_action=confirm&token=[A-Za-z0-9_-]{43}/);
    expect(rawHeader(mail!, 'List-Unsubscribe')).toMatch(/^<https:\/\/site\.example\/contacto\/\?cuadra_list_action=unsubscribe&token=/);
  });

  it('checks capabilities: visitors’ actions only for the form system user or support, lists for support', async () => {
    await start();
    const token = 'A'.repeat(43);
    for (const [method, path, body] of [
      ['GET', `/list-actions/describe?token=${token}`, undefined],
      ['POST', '/list-actions/confirm', { token }],
      ['POST', '/list-actions/unsubscribe', { token }],
      ['GET', '/lists', undefined],
      ['POST', '/lists', { name: 'X' }],
    ] as const) {
      expectErrorShape((await sut.signed(method, path, body, SUBSCRIBER).expect(403)).body, 'MISSING_CAPABILITY');
    }
    // The form system user may act on links but not see or change lists and members.
    for (const [method, path, body] of [
      ['POST', '/lists', { name: 'X' }],
      ['PUT', `/lists/${listId}`, { name: 'X' }],
      ['DELETE', `/lists/${listId}`, undefined],
      ['GET', `/lists/${listId}/members`, undefined],
      ['GET', `/lists/${listId}/export.csv`, undefined],
      ['POST', `/lists/${listId}/members`, { email: 'x@example.es', consent_text: 'x' }],
      ['POST', `/lists/${listId}/members/1/unsubscribe`, undefined],
      ['GET', '/contacts/personal-data?email=ana%40example.es', undefined],
      ['POST', '/contacts/erase', { email: 'ana@example.es' }],
    ] as const) {
      expectErrorShape((await sut.signed(method, path, body, FORM_SUBMITTER).expect(403)).body, 'MISSING_CAPABILITY');
    }
    // Editors see list names for the block's settings, never members.
    expect((await sut.signed('GET', '/lists', undefined, EDITOR).expect(200)).body.items).toEqual([
      expect.objectContaining({ id: listId, name: 'Novedades' }),
    ]);
    expectErrorShape((await sut.signed('GET', `/lists/${listId}/members`, undefined, EDITOR).expect(403)).body, 'MISSING_CAPABILITY');
  });
});
