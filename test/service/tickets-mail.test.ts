import { readTicketMessageId } from '../../service/src/domain/tickets/ticket-mail';
import { ticketMailSecret } from '../../service/src/services/tickets/ticket-models';
import { connectImap, startDovecot, startSmtpServer, type RunningDovecot, type RunningSmtpServer } from '../harness/mail';
import { TEST_SECRET, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

const MAIL_KEY = ticketMailSecret(TEST_SECRET);

interface RawMail {
  from: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  contentType?: string;
  body: string;
}

function rfc822(mail: RawMail): string {
  const lines = [
    `From: ${mail.from}`,
    'To: soporte@ejemplo.es',
    `Subject: ${mail.subject}`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0100',
    `Message-ID: ${mail.messageId}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    ...(mail.references ? [`References: ${mail.references.join(' ')}`] : []),
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    `Content-Type: ${mail.contentType ?? 'text/plain; charset=utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.body,
  ];
  return lines.join('\r\n');
}

describe('ticket e-mail: replies out through SMTP, answers back from a real Dovecot mailbox', () => {
  let sut: ServiceUnderTest;
  let smtp: RunningSmtpServer;
  let dovecot: RunningDovecot;

  beforeEach(async () => {
    [smtp, dovecot] = await Promise.all([startSmtpServer(), startDovecot({ users: { soporte: 'soporte-pw' } })]);
    sut = await startServiceUnderTest({
      env: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_SECURITY: 'none',
        MAIL_FROM: 'Ejemplo <hola@ejemplo.es>',
        SUPPORT_EMAIL: 'soporte@ejemplo.es',
        SUPPORT_IMAP_HOST: dovecot.host,
        SUPPORT_IMAP_PORT: String(dovecot.port),
        SUPPORT_IMAP_SECURITY: 'none',
        SUPPORT_IMAP_USER: 'soporte',
        SUPPORT_IMAP_PASSWORD: 'soporte-pw',
      },
    });
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

  const ticket = async (id: number) => (await sut.signed('GET', `/tickets/${id}`, undefined, SUPPORT_AGENT).expect(200)).body;
  const readMailbox = () => sut.service.services.supportMailbox.readNew();

  it('delivers a staff reply with attachments, threads the answer, strips quotes and reopens; robots, forgeries and repeats do nothing', async () => {
    const { ticket_id: ticketId } = (await sut.signed('POST', '/contact-submissions', submissionBody(), FORM_SUBMITTER).expect(201)).body;
    await sut.service.services.outbox.deliverDue();
    const [ack] = await smtp.waitForMessages(1);

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 7)]);
    const reply = await sut
      .signed(
        'POST',
        `/tickets/${ticketId}/replies`,
        {
          body: 'Hola Ana:\n\nTe adjunto el presupuesto. ¿Te encaja? 😊',
          attachments: [
            { name: 'presupuesto ñ.pdf', type: 'application/pdf', content_base64: pdf.toString('base64') },
            { name: 'notas.txt', type: 'text/plain', content_base64: Buffer.from('Línea uno\n').toString('base64') },
          ],
        },
        SUPPORT_AGENT,
      )
      .expect(201);
    expect(reply.body).toMatchObject({
      kind: 'reply',
      author: 'staff',
      staff_user_id: 3,
      attachments: [
        { name: 'presupuesto ñ.pdf', type: 'application/pdf', size: pdf.length },
        { name: 'notas.txt', type: 'text/plain', size: 11 },
      ],
    });
    expect(await ticket(ticketId)).toMatchObject({ status: 'waiting', awaiting_first_reply: false, first_response_at: expect.any(String) });

    // A note is stored on the thread and never leaves.
    await sut.signed('POST', `/tickets/${ticketId}/notes`, { body: 'Cliente importante, ojo.' }, SUPPORT_AGENT).expect(201);
    await sut.service.services.outbox.deliverDue();
    const sent = await smtp.waitForMessages(2);
    await sut.service.services.outbox.deliverDue();
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages.some((m) => m.parsed.text?.includes('Cliente importante'))).toBe(false);

    const outgoing = sent[1]!;
    expect(outgoing.envelope.to).toEqual(['ana@example.es']);
    expect(outgoing.parsed.subject).toBe(`[#${ticketId}] Hola`);
    expect(outgoing.parsed.replyTo?.value[0]?.address).toBe('soporte@ejemplo.es');
    expect(outgoing.parsed.headers.has('auto-submitted')).toBe(false);
    expect(readTicketMessageId(outgoing.parsed.messageId!, MAIL_KEY)).toEqual({ ticket_id: ticketId, message_id: reply.body.id });
    // The thread so far: our acknowledgement.
    expect(outgoing.parsed.references).toEqual(ack!.parsed.messageId);
    expect(outgoing.parsed.text).toContain('Te adjunto el presupuesto. ¿Te encaja? 😊');
    expect(outgoing.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.length])).toEqual([
      ['presupuesto ñ.pdf', 'application/pdf', pdf.length],
      ['notas.txt', 'text/plain', 11],
    ]);
    expect(outgoing.parsed.attachments[0]!.content.equals(pdf)).toBe(true);
    const download = await sut
      .signed('GET', `/tickets/${ticketId}/attachments/${reply.body.attachments[0].id}`, undefined, SUPPORT_AGENT)
      .expect(200);
    expect(Buffer.from(download.body as Buffer).equals(pdf)).toBe(true);

    // The customer answers from their client, quoting our mail below an attribution line.
    const answer: RawMail = {
      from: 'Ana <ana@example.es>',
      subject: `Re: [#${ticketId}] Hola`,
      messageId: '<answer-1@mail.example.es>',
      inReplyTo: outgoing.parsed.messageId!,
      references: [ack!.parsed.messageId!, outgoing.parsed.messageId!],
      body: [
        'Perfecto, me encaja. ¡Gracias! 🙌',
        '',
        'El mar, 1 dic 2026 a las 9:00, Ejemplo <soporte@ejemplo.es> escribió:',
        '> ##- Reply above this line / Responde encima de esta línea -##',
        '> Hola Ana:',
        '> Te adjunto el presupuesto.',
      ].join('\r\n'),
    };
    await append(answer);
    expect(await readMailbox()).toEqual({ read: 1, kept_aside: 0, outcomes: { appended: 1 } });
    const threaded = await ticket(ticketId);
    expect(threaded.status).toBe('open');
    expect(threaded.messages.at(-1)).toMatchObject({
      kind: 'reply',
      author: 'customer',
      author_email: 'ana@example.es',
      body_text: 'Perfecto, me encaja. ¡Gracias! 🙌',
      message_id: '<answer-1@mail.example.es>',
      in_reply_to: outgoing.parsed.messageId,
    });
    const messagesAfterAnswer = threaded.messages.length;

    // Closed now; robots must not reopen it, forgeries must not join it, repeats are stored once.
    await sut.signed('PUT', `/tickets/${ticketId}`, { status: 'closed' }, SUPPORT_AGENT).expect(200);
    await append(
      {
        from: 'Ana <ana@example.es>',
        subject: `Fuera de la oficina: Re: [#${ticketId}] Hola`,
        messageId: '<ooo-1@mail.example.es>',
        inReplyTo: outgoing.parsed.messageId!,
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'Estoy de vacaciones hasta el lunes.',
      },
      {
        from: 'Mail Delivery Subsystem <MAILER-DAEMON@mail.example.es>',
        subject: 'Undelivered Mail Returned to Sender',
        messageId: '<bounce-1@mail.example.es>',
        inReplyTo: outgoing.parsed.messageId!,
        contentType: 'multipart/report; report-type=delivery-status; boundary="b1"',
        body: [
          '--b1',
          'Content-Type: text/plain',
          '',
          'Your message could not be delivered.',
          '--b1',
          'Content-Type: message/delivery-status',
          '',
          'Final-Recipient: rfc822; ana@example.es',
          'Action: failed',
          'Status: 5.1.1',
          '--b1--',
        ].join('\r\n'),
      },
      // A stranger guessing our id format and the ticket number.
      {
        from: 'intruso@attacker.example',
        subject: `Re: [#${ticketId}] Hola`,
        messageId: '<forged-1@attacker.example>',
        inReplyTo: `<ticket-${ticketId}.${reply.body.id}.00000000000000000000@ejemplo.es>`,
        references: [`<ticket-${ticketId}.1.deadbeefdeadbeefdead@ejemplo.es>`],
        body: `Meto esto en tu ticket [ref:${ticketId}.0123456789ab]`,
      },
      answer,
      { from: 'Ejemplo <soporte@ejemplo.es>', subject: 'Copia', messageId: '<own-1@ejemplo.es>', body: 'Nuestro propio correo.' },
    );
    expect(await readMailbox()).toEqual({
      read: 5,
      kept_aside: 0,
      outcomes: { automated: 2, created: 1, duplicate: 1, own_mail: 1 },
    });
    const untouched = await ticket(ticketId);
    expect(untouched.status).toBe('closed');
    expect(untouched.messages).toHaveLength(messagesAfterAnswer);
    const list = (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(list.items.map((t: { id: number; contact: { email: string } }) => [t.id, t.contact.email])).toEqual([
      [expect.any(Number), 'intruso@attacker.example'],
      [ticketId, 'ana@example.es'],
    ]);

    // A real answer to a closed ticket reopens it; the UID is remembered, so nothing is read twice.
    await append({
      from: 'ana@example.es',
      subject: 'Otra cosa',
      messageId: '<answer-2@mail.example.es>',
      references: [outgoing.parsed.messageId!],
      body: 'Una pregunta más.\r\n\r\n-- \r\nAna',
    });
    expect(await readMailbox()).toEqual({ read: 1, kept_aside: 0, outcomes: { appended: 1 } });
    expect(await readMailbox()).toEqual({ read: 0, kept_aside: 0, outcomes: {} });
    const reopened = await ticket(ticketId);
    expect(reopened.status).toBe('open');
    expect(reopened.messages.at(-1).body_text).toBe('Una pregunta más.');
  });

  it('opens a ticket in the default department for mail from a new sender, and keeps unreadable mail aside', async () => {
    await append(
      {
        from: '"José Pérez" <jose@example.es>',
        subject: '¿Tenéis cita el jueves?',
        messageId: '<first@example.es>',
        body: 'Buenas, ¿tenéis hueco el jueves por la tarde?',
      },
      { from: '', subject: 'Sin remitente', messageId: '<nofrom@example.es>', body: 'Nadie sabe quién soy.' },
    );
    expect(await readMailbox()).toEqual({ read: 2, kept_aside: 1, outcomes: { created: 1 } });
    const list = (await sut.signed('GET', '/tickets', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(list.items).toEqual([
      expect.objectContaining({
        subject: '¿Tenéis cita el jueves?',
        status: 'new',
        department: expect.objectContaining({ name: 'General' }),
        contact: expect.objectContaining({ name: 'José Pérez', email: 'jose@example.es' }),
      }),
    ]);
    const failures = (await sut.signed('GET', '/tickets/inbound-failures', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(failures.items).toEqual([
      { id: expect.any(Number), uid: 2, reason: expect.stringContaining('no sender'), created_at: expect.any(String) },
    ]);
    // The new sender gets an acknowledgement, threaded to their own message.
    await sut.service.services.outbox.deliverDue();
    const [ack] = await smtp.waitForMessages(1);
    expect(ack!.envelope.to).toEqual(['jose@example.es']);
    expect(ack!.parsed.inReplyTo).toBe('<first@example.es>');
    expect(ack!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });
});
