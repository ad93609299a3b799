import { simpleParser } from 'mailparser';
import { classifyAutomated } from '../../../service/src/domain/tickets/ticket-mail';

/** Parses a raw message with mailparser, as the inbox adapter will, and classifies it. */
async function classifyRaw(raw: string) {
  const parsed = await simpleParser(raw.replace(/\r?\n/g, '\r\n'));
  return classifyAutomated(parsed.headers, parsed.from?.text ?? '', parsed.subject ?? '');
}

function plain(headers: string, body = 'Texto.'): string {
  return `${headers.trim()}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;
}

const customer = 'From: Ana Pérez <ana@example.com>\nTo: soporte@cuadra.test\nMessage-ID: <m1@example.com>';

describe('classifyAutomated', () => {
  it('lets a person’s reply through', async () => {
    await expect(classifyRaw(plain(`${customer}\nSubject: Re: [#42] Factura de marzo`))).resolves.toBeNull();
    // RFC 3834: "no" is what a person's mail may say explicitly.
    await expect(classifyRaw(plain(`${customer}\nSubject: Consulta\nAuto-Submitted: no`))).resolves.toBeNull();
    // A subject that merely mentions an absence, in a reply, is not an auto-reply.
    await expect(classifyRaw(plain(`${customer}\nSubject: Re: Out of office hours support?`))).resolves.toBeNull();
    // A list that is neither bulk nor junk is a person writing.
    await expect(classifyRaw(plain(`${customer}\nSubject: Pregunta\nPrecedence: list`))).resolves.toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto_reply'],
    ['Auto-Submitted: auto-generated', 'auto_reply'],
    ['Auto-Submitted: auto-notified; owner-email="x@example.com"', 'auto_reply'],
    ['X-Autoreply: yes', 'auto_reply'],
    ['X-Autorespond: Vacation', 'auto_reply'],
    ['X-Auto-Response-Suppress: All', 'auto_reply'],
    ['Precedence: auto_reply', 'auto_reply'],
    ['Precedence: bulk', 'bulk'],
    ['Precedence: junk', 'bulk'],
    ['Return-Path: <>', 'auto_reply'],
  ])('recognises %s', async (header, kind) => {
    await expect(classifyRaw(plain(`${customer}\nSubject: Re: Factura\n${header}`))).resolves.toMatchObject({ kind });
  });

  it.each([
    'Out of Office: Re: Factura',
    'Automatic reply: Factura de marzo',
    'Respuesta automática: Factura de marzo',
    'Fuera de la oficina: Factura',
    'Autoreply: Factura',
  ])('recognises the auto-reply subject %j', async (subject) => {
    await expect(classifyRaw(plain(`${customer}\nSubject: ${subject}`))).resolves.toMatchObject({ kind: 'auto_reply' });
  });

  it('recognises a Postfix bounce (multipart/report, delivery-status, MAILER-DAEMON)', async () => {
    const raw = `Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
To: soporte@cuadra.test
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce1@mx.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.com. I'm sorry to have to inform you that your message could not be delivered.
--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; nadie@example.com
Action: failed
Status: 5.1.1
--B1--
`;
    await expect(classifyRaw(raw)).resolves.toEqual({ kind: 'bounce', reason: 'delivery status report' });
  });

  it('recognises bounces by sender and by subject when there is no report', async () => {
    await expect(classifyRaw(plain('From: postmaster@example.com\nTo: soporte@cuadra.test\nSubject: Aviso'))).resolves.toMatchObject({
      kind: 'bounce',
    });
    await expect(
      classifyRaw(plain('From: Microsoft Outlook <admin@example.com>\nTo: soporte@cuadra.test\nSubject: Undeliverable: Factura')),
    ).resolves.toMatchObject({ kind: 'bounce' });
    await expect(
      classifyRaw(plain('From: sistema@example.com\nTo: soporte@cuadra.test\nSubject: Consulta\nX-Failed-Recipients: nadie@example.com')),
    ).resolves.toMatchObject({ kind: 'bounce' });
  });

  it('recognises an Exchange out-of-office reply', async () => {
    const raw = plain(
      `From: Luis <luis@empresa.es>
To: soporte@cuadra.test
Subject: Respuesta automática: [#42] Factura
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: luis@empresa.es`,
      'Estoy fuera de la oficina hasta el lunes.',
    );
    await expect(classifyRaw(raw)).resolves.toMatchObject({ kind: 'auto_reply' });
  });

  it('treats read receipts as automated', async () => {
    const raw = `From: ana@example.com
To: soporte@cuadra.test
Subject: Leído: Factura
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="B2"

--B2
Content-Type: text/plain

Su mensaje ha sido leído.
--B2--
`;
    await expect(classifyRaw(raw)).resolves.toMatchObject({ kind: 'auto_reply' });
  });

  it('accepts plain header objects too', () => {
    expect(classifyAutomated({ 'Auto-Submitted': 'auto-replied' }, 'ana@example.com', 'Hola')).toMatchObject({ kind: 'auto_reply' });
    expect(classifyAutomated({ 'Content-Type': 'multipart/report; report-type="delivery-status"' }, 'x@example.com', 'x')).toMatchObject({
      kind: 'bounce',
    });
    expect(classifyAutomated({}, 'Ana <ana@example.com>', 'Hola')).toBeNull();
  });
});
