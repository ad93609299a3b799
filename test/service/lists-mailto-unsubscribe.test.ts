import { randomBytes } from 'node:crypto';
import { connectImap, startDovecot, startSmtpServer, type RunningDovecot, type RunningSmtpServer } from '../harness/mail';
import { expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { LIST_MAIL_ENV, PUBLIC_URL, optInMails, rawHeader, tokenIn } from './support/lists';
import { FORM_SUBMITTER, SUPPORT_AGENT } from './support/tickets';

interface RawMail {
  from: string;
  to?: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  headers?: Record<string, string>;
  contentType?: string;
  body: string;
}

function rfc822(mail: RawMail): string {
  return [
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    `From: ${mail.from}`,
    `To: ${mail.to ?? 'soporte@ejemplo.es'}`,
    `Subject: ${mail.subject}`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0100',
    `Message-ID: ${mail.messageId}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: ${mail.contentType ?? 'text/plain; charset=utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.body,
  ].join('\r\n');
}

/** The token of the mailto in a List-Unsubscribe header: `<mailto:…?subject=unsubscribe%20<token>>`. */
function mailtoToken(header: string): { address: string; subject: string; token: string } {
  const mailto = /<mailto:([^>]+)>/.exec(header);
  if (!mailto) throw new Error(`No mailto in ${header}`);
  const url = new URL(`mailto:${mailto[1]}`);
  const subject = url.searchParams.get('subject') ?? '';
  return { address: url.pathname, subject, token: subject.replace(/^unsubscribe /, '') };
}

describe('lists: unsubscribe by mail to the List-Unsubscribe mailto, read from a real Dovecot mailbox', () => {
  let sut: ServiceUnderTest;
  let smtp: RunningSmtpServer;
  let dovecot: RunningDovecot;
  let listId: number;

  beforeEach(async () => {
    [smtp, dovecot] = await Promise.all([startSmtpServer(), startDovecot({ users: { soporte: 'soporte-pw' } })]);
    sut = await startServiceUnderTest({
      env: {
        ...LIST_MAIL_ENV,
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SUPPORT_IMAP_HOST: dovecot.host,
        SUPPORT_IMAP_PORT: String(dovecot.port),
        SUPPORT_IMAP_SECURITY: 'none',
        SUPPORT_IMAP_USER: 'soporte',
        SUPPORT_IMAP_PASSWORD: 'soporte-pw',
      },
    });
    listId = (await sut.signed('POST', '/lists', { name: 'Novedades', double_opt_in: true }, SUPPORT_AGENT).expect(201)).body.id;
  });
  afterEach(async () => {
    await sut.stop();
    await Promise.all([smtp.stop(), dovecot.stop()]);
  });

  async function append(...mails: RawMail[]): Promise<void> {
    const imap = await connectImap(dovecot.host, dovecot.port);
    try {
      await imap.login('soporte', 'soporte-pw');
      for (const mail of mails) await imap.append('INBOX', rfc822(mail));
    } finally {
      await imap.close();
    }
  }

  const readMailbox = () => sut.service.services.supportMailbox.readNew();
  const member = async (contactId: number) =>
    (await sut.signed('GET', `/lists/${listId}/members?per_page=100`, undefined, SUPPORT_AGENT).expect(200)).body.items.find(
      (m: { contact: { id: number } }) => m.contact.id === contactId,
    );
  const ticketSubjects = async () =>
    (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body.items
      .map((t: { subject: string }) => t.subject)
      .sort();

  /** Adds a contact to the list, confirms it from the opt-in e-mail, and returns that e-mail. */
  async function subscribed(email: string) {
    const added = await sut
      .signed('POST', `/lists/${listId}/members`, { email, consent_text: 'Hoja de la feria', source: 'import' }, SUPPORT_AGENT)
      .expect(201);
    const sent = smtp.messages.length;
    await sut.service.services.outbox.deliverDue();
    const mail = optInMails((await smtp.waitForMessages(sent + 1)).slice(sent))[0]!;
    expect(mail.envelope.to).toEqual([email]);
    await sut.signed('POST', '/list-actions/confirm', { token: tokenIn(mail.parsed.text!, 'confirm') }, FORM_SUBMITTER).expect(200);
    const contactId = added.body.contact.id as number;
    expect(await member(contactId)).toMatchObject({ status: 'subscribed' });
    return { contactId, mail, mailto: mailtoToken(rawHeader(mail, 'List-Unsubscribe')!) };
  }

  it('the mailto unsubscribes like one click (final, idempotent, "mailto"), creates no ticket; forged tokens, bounces and auto-replies do not', async () => {
    const ana = await subscribed('ana@example.es');
    const luis = await subscribed('luis@example.es');
    // With the mailbox reader configured the header offers the mailto after the HTTPS link; it names the
    // support mailbox, with the member's own token in the subject.
    expect(rawHeader(ana.mail, 'List-Unsubscribe')).toBe(
      `<${PUBLIC_URL}?cuadra_list_action=unsubscribe&token=${ana.mailto.token}>, <mailto:soporte@ejemplo.es?subject=unsubscribe%20${ana.mailto.token}>`,
    );
    expect(ana.mailto.address).toBe('soporte@ejemplo.es');
    expect(ana.mailto.subject).toBe(`unsubscribe ${ana.mailto.token}`);
    expect(ana.mailto.token).toBe(tokenIn(ana.mail.parsed.text!, 'unsubscribe'));
    expect(luis.mailto.token).not.toBe(ana.mailto.token);

    // First what must NOT unsubscribe anyone.
    const forged = randomBytes(32).toString('base64url'); // the right shape, nobody's token
    await append(
      // A bounce that quotes a subject with a real token: a delivery report is never a request.
      {
        from: 'Mail Delivery Subsystem <MAILER-DAEMON@mail.example.es>',
        subject: `Undeliverable: unsubscribe ${luis.mailto.token}`,
        messageId: '<bounce-1@mail.example.es>',
        contentType: 'multipart/report; report-type=delivery-status; boundary="b1"',
        body: [
          '--b1',
          'Content-Type: text/plain',
          '',
          'Your message could not be delivered.',
          '--b1',
          'Content-Type: message/delivery-status',
          '',
          'Final-Recipient: rfc822; luis@example.es',
          'Action: failed',
          'Status: 5.1.1',
          '--b1--',
        ].join('\r\n'),
      },
      // An out-of-office answer to the opt-in e-mail: no ticket, no unsubscribe.
      {
        from: 'Ana <ana@example.es>',
        subject: 'Respuesta automática: Confirma tu suscripción a «Novedades»',
        messageId: '<ooo-1@example.es>',
        inReplyTo: ana.mail.parsed.messageId!,
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'Estoy fuera hasta el lunes.',
      },
      // A made-up token and a mangled one: ordinary mail (a ticket staff can act on), nobody unsubscribed.
      { from: 'intruso@attacker.example', subject: `unsubscribe ${forged}`, messageId: '<forged-1@attacker.example>', body: '' },
      {
        from: 'Ana <ana@example.es>',
        subject: `unsubscribe ${ana.mailto.token.slice(0, 40)}`,
        messageId: '<mangled-1@example.es>',
        body: 'Quiero darme de baja.',
      },
    );
    expect(await readMailbox()).toEqual({ read: 4, kept_aside: 0, outcomes: { automated: 2, created: 2 } });
    expect(await member(ana.contactId)).toMatchObject({ status: 'subscribed', unsubscribed_at: null });
    expect(await member(luis.contactId)).toMatchObject({ status: 'subscribed', unsubscribed_at: null });
    expect(await ticketSubjects()).toEqual([`unsubscribe ${ana.mailto.token.slice(0, 40)}`, `unsubscribe ${forged}`].sort());

    // Gmail's "Unsubscribe" button: exactly the subject of the mailto, an empty body. Sent twice (two clicks).
    // Luis's provider sends it from a robot to a plus-address of the mailbox.
    await append(
      { from: 'Ana <ana@example.es>', subject: ana.mailto.subject, messageId: '<unsub-1@example.es>', body: '' },
      { from: 'ana@example.es', subject: `Re: ${ana.mailto.subject}`, messageId: '<unsub-2@example.es>', body: '\r\n' },
      {
        from: 'luis@example.es',
        to: `soporte+unsubscribe-${luis.mailto.token}@ejemplo.es`,
        subject: 'Unsubscribe',
        messageId: '<unsub-3@example.es>',
        headers: { 'Delivered-To': `soporte+unsubscribe-${luis.mailto.token}@ejemplo.es`, 'Auto-Submitted': 'auto-generated' },
        body: 'This is an unsubscribe request.',
      },
    );
    expect(await readMailbox()).toEqual({ read: 3, kept_aside: 0, outcomes: { unsubscribed: 3 } });
    const anaLeft = await member(ana.contactId);
    expect(anaLeft).toMatchObject({ status: 'unsubscribed', unsubscribe_source: 'mailto', unsubscribed_at: expect.any(String) });
    expect(await member(luis.contactId)).toMatchObject({ status: 'unsubscribed', unsubscribe_source: 'mailto' });
    // No ticket for any of them, and nothing read twice.
    expect(await ticketSubjects()).toHaveLength(2);
    expect(await readMailbox()).toEqual({ read: 0, kept_aside: 0, outcomes: {} });
    expect(sut.logs()).toContain('list member unsubscribed by mailto');
    expect(sut.logs()).not.toContain(ana.mailto.token);

    // Idempotent and final: a later request changes nothing, the one-click link agrees, staff cannot put them back.
    await append({ from: 'ana@example.es', subject: ana.mailto.subject, messageId: '<unsub-4@example.es>', body: '' });
    expect(await readMailbox()).toEqual({ read: 1, kept_aside: 0, outcomes: { unsubscribed: 1 } });
    expect(await member(ana.contactId)).toEqual(anaLeft);
    const oneClick = await sut
      .signed('POST', '/list-actions/unsubscribe', { token: ana.mailto.token, method: 'one-click' }, FORM_SUBMITTER)
      .expect(200);
    expect(oneClick.body).toMatchObject({ status: 'unsubscribed', changed: false });
    const again = await sut
      .signed('POST', `/lists/${listId}/members`, { contact_id: ana.contactId, consent_text: 'Otra vez' }, SUPPORT_AGENT)
      .expect(409);
    expectErrorShape(again.body, 'CONTACT_UNSUBSCRIBED');
    expect(await ticketSubjects()).toHaveLength(2);
  });
});
