import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import {
  bodyMarkerHtml,
  bodyMarkerText,
  classifyAutomated,
  findTicketMarker,
  inboundMailFromParsed,
  outgoingTicketMail,
  readTicketMessageId,
  safeHeaderText,
  threadInbound,
} from '../../../service/src/domain/tickets/ticket-mail';

const SECRET = 'test-secret-for-ticket-mail';

describe('safeHeaderText', () => {
  it('turns CR, LF and other control characters into spaces', () => {
    expect(safeHeaderText('Ana\r\nBcc: victima@example.com')).toBe('Ana Bcc: victima@example.com');
    expect(safeHeaderText('Hola\n\n\tmundo\u2028\u0085\u0000!')).toBe('Hola mundo !');
  });

  it('caps the length by characters without splitting an emoji', () => {
    expect(safeHeaderText('x'.repeat(500))).toHaveLength(200);
    expect(safeHeaderText('ab😀😀', 3)).toBe('ab😀');
    expect(safeHeaderText('José Muñoz 👨‍👩‍👧')).toBe('José Muñoz 👨‍👩‍👧');
  });
});

describe('outgoingTicketMail', () => {
  const base = {
    ticket_id: 42,
    message_id: 7,
    subject: 'Factura de marzo',
    domain: 'cuadra.test',
    secret: SECRET,
    support_address: 'soporte@cuadra.test',
    support_name: 'Soporte Cuadra',
  };

  it('marks acknowledgements as auto-generated and signs the Message-ID', () => {
    const mail = outgoingTicketMail({ ...base, kind: 'acknowledgement', in_reply_to: '<CAF123@mail.gmail.com>' });
    expect(mail).toEqual({
      messageId: expect.stringMatching(/^<ticket-42\.7\.[0-9a-f]{20}@cuadra\.test>$/),
      subject: '[#42] Factura de marzo',
      replyTo: { name: 'Soporte Cuadra', address: 'soporte@cuadra.test' },
      inReplyTo: '<CAF123@mail.gmail.com>',
      references: ['<CAF123@mail.gmail.com>'],
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
    expect(readTicketMessageId(mail.messageId, SECRET)).toEqual({ ticket_id: 42, message_id: 7 });
  });

  it('does not mark a person’s reply as automatic and keeps the thread’s references', () => {
    const mail = outgoingTicketMail({ ...base, kind: 'reply', references: ['<a@x>', '<b@x>'], in_reply_to: '<b@x>' });
    expect(mail.headers).toEqual({});
    expect(mail.references).toEqual(['<a@x>', '<b@x>']);
  });

  it('survives a real composer and parser: no injected header, emoji and accents intact, ours on the way back', async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const customerName = 'José Muñoz 😀\r\nBcc: victima@example.com';
    const subject = '¿Factura? Ñandú 👍🏽\r\nBcc: victima@example.com';
    const body = 'Hola José, ¿qué tal? 👋 <script>alert(1)</script>';
    const ticketMail = outgoingTicketMail({ ...base, kind: 'acknowledgement', subject });
    const info = await transport.sendMail({
      from: { name: 'Soporte Cuadra', address: 'soporte@cuadra.test' },
      to: { name: safeHeaderText(customerName), address: 'jose@example.com' },
      ...ticketMail,
      text: body + bodyMarkerText(42, SECRET),
      html: `<p>Hola José, ¿qué tal? 👋 &lt;script&gt;</p>${bodyMarkerHtml(42, SECRET)}`,
    });
    const raw = (info.message as Buffer).toString('utf8');
    expect(raw).not.toMatch(/^Bcc:/im);

    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('[#42] ¿Factura? Ñandú 👍🏽 Bcc: victima@example.com');
    expect(parsed.to).toMatchObject({ value: [{ name: 'José Muñoz 😀 Bcc: victima@example.com', address: 'jose@example.com' }] });
    expect(parsed.text).toContain(body);
    expect(parsed.messageId).toBe(ticketMail.messageId);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.replyTo?.value[0]?.address).toBe('soporte@cuadra.test');
    expect(findTicketMarker(parsed.text ?? '', SECRET)).toBe(42);
    expect(findTicketMarker(typeof parsed.html === 'string' ? parsed.html : '', SECRET)).toBe(42);
    // Our own acknowledgement, should it come back (a forwarding loop), is automated.
    expect(classifyAutomated(parsed.headers, parsed.from?.text ?? '', parsed.subject ?? '')).toMatchObject({ kind: 'auto_reply' });
  });

  it('threads the customer’s reply to the composed mail back to the ticket', async () => {
    const ack = outgoingTicketMail({ ...base, kind: 'acknowledgement' });
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const info = await transport.sendMail({
      from: 'Ana <ana@example.com>',
      to: 'soporte@cuadra.test',
      subject: `Re: ${ack.subject}`,
      inReplyTo: ack.messageId,
      references: [ack.messageId],
      text: 'Gracias 🙏',
    });
    const mail = inboundMailFromParsed(await simpleParser(info.message as Buffer));
    const decision = await threadInbound(mail, {
      secret: SECRET,
      isStoredMessage: () => false,
      findTicket: (id) => (id === 42 ? { customer_email: 'ana@example.com' } : null),
    });
    expect(decision).toEqual({ action: 'append', ticket_id: 42, matched_by: 'in_reply_to' });
    expect(mail.text.trim()).toBe('Gracias 🙏');
  });
});
