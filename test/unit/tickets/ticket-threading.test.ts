import { simpleParser } from 'mailparser';
import {
  findSubjectTicketNumber,
  findTicketMarker,
  inboundMailFromParsed,
  inboundMessageKey,
  readTicketMessageId,
  statusAfterCustomerReply,
  threadInbound,
  ticketBodyMarker,
  ticketMessageId,
  ticketSubject,
  type InboundMail,
  type ThreadingLookups,
} from '../../../service/src/domain/tickets/ticket-mail';

const SECRET = 'test-secret-for-ticket-mail';
const DOMAIN = 'cuadra.test';
const CUSTOMER = 'Ana.Perez@Example.com';

/** A raw RFC 5322 message with CRLF line ends, as an IMAP fetch returns it. */
function rawMail(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
}

async function inbound(headers: Record<string, string>, body = 'Gracias, ya funciona.'): Promise<InboundMail> {
  return inboundMailFromParsed(
    await simpleParser(rawMail({ From: `Ana Pérez <${CUSTOMER}>`, To: `soporte@${DOMAIN}`, Subject: 'Re: Factura', ...headers }, body)),
  );
}

function lookups(overrides: Partial<ThreadingLookups> = {}): ThreadingLookups {
  const tickets = new Map([
    [42, { customer_email: 'ana.perez@example.com' }],
    [7, { customer_email: 'otra@cliente.es' }],
  ]);
  return {
    secret: SECRET,
    isStoredMessage: () => false,
    findTicket: (id) => tickets.get(id) ?? null,
    ticketOfStoredMessage: (id) => (id === '<original-from-ana@example.com>' ? 42 : null),
    ...overrides,
  };
}

const ours = (ticketId: number, messageId: number) => ticketMessageId({ ticket_id: ticketId, message_id: messageId }, DOMAIN, SECRET);

describe('signed Message-IDs', () => {
  it('round-trip the ticket and message', () => {
    const id = ours(42, 7);
    expect(id).toMatch(/^<ticket-42\.7\.[0-9a-f]{20}@cuadra\.test>$/);
    expect(readTicketMessageId(id, SECRET)).toEqual({ ticket_id: 42, message_id: 7 });
    const upperCaseSignature = id.replace(/\.[0-9a-f]{20}@/, (signature) => signature.toUpperCase());
    expect(readTicketMessageId(upperCaseSignature, SECRET)).toEqual({ ticket_id: 42, message_id: 7 });
  });

  it('reject forged, re-targeted and foreign ids', () => {
    const signature = /\.([0-9a-f]{20})@/.exec(ours(42, 7))![1];
    expect(readTicketMessageId(`<ticket-43.7.${signature}@${DOMAIN}>`, SECRET)).toBeNull(); // signature of another ticket
    expect(readTicketMessageId(`<ticket-042.7.${signature}@${DOMAIN}>`, SECRET)).toBeNull(); // same number, different text
    expect(readTicketMessageId(`<ticket-42.7.00000000000000000000@${DOMAIN}>`, SECRET)).toBeNull();
    expect(readTicketMessageId(`<ticket-42.7.${signature!.slice(0, 12)}@${DOMAIN}>`, SECRET)).toBeNull(); // truncated
    expect(readTicketMessageId(ticketMessageId({ ticket_id: 42, message_id: 7 }, DOMAIN, 'another-secret'), SECRET)).toBeNull();
    expect(readTicketMessageId('<CAF=abc@mail.gmail.com>', SECRET)).toBeNull();
  });
});

describe('body marker and subject tag', () => {
  it('finds a verified marker in text and HTML, ignores forged ones', () => {
    const marker = ticketBodyMarker(42, SECRET);
    expect(findTicketMarker(`> Hola\n> ${marker}\n`, SECRET)).toBe(42);
    expect(findTicketMarker(`<blockquote><div style="color:#b0b0b0">${marker}</div></blockquote>`, SECRET)).toBe(42);
    expect(findTicketMarker(marker.replace('[ref:42.', '[ref:7.'), SECRET)).toBeNull();
    expect(findTicketMarker('[ref:42.000000000000]', SECRET)).toBeNull();
  });

  it('tags a subject once and reads the number back', () => {
    expect(ticketSubject('Factura de marzo', 42)).toBe('[#42] Factura de marzo');
    expect(ticketSubject('Re: [#42] Factura de marzo', 42)).toBe('Re: [#42] Factura de marzo');
    expect(findSubjectTicketNumber('RE: Re: [#42] Factura')).toBe(42);
    expect(findSubjectTicketNumber('Pedido #42')).toBeNull();
  });
});

describe('threadInbound', () => {
  it('threads by a signed In-Reply-To', async () => {
    const mail = await inbound({ 'Message-ID': '<r1@example.com>', 'In-Reply-To': ours(42, 3) });
    await expect(threadInbound(mail, lookups())).resolves.toEqual({ action: 'append', ticket_id: 42, matched_by: 'in_reply_to' });
  });

  it('threads by References read right to left when In-Reply-To is not ours', async () => {
    const mail = await inbound({
      'Message-ID': '<r2@example.com>',
      'In-Reply-To': '<something-else@example.com>',
      References: `<unknown@example.com> ${ours(7, 1)} ${ours(42, 5)} <something-else@example.com>`,
    });
    await expect(threadInbound(mail, lookups())).resolves.toEqual({ action: 'append', ticket_id: 42, matched_by: 'references' });
  });

  it('does not trust a forged Message-ID, even for a ticket that exists', async () => {
    const forged = `<ticket-7.1.0123456789abcdef0123@${DOMAIN}>`;
    const mail = await inbound({ 'Message-ID': '<r3@example.com>', 'In-Reply-To': forged, References: forged });
    await expect(threadInbound(mail, lookups())).resolves.toEqual({ action: 'new_ticket' });
  });

  it('skips a signed reference to a ticket that no longer exists', async () => {
    const mail = await inbound({ 'Message-ID': '<r4@example.com>', 'In-Reply-To': ours(99, 1) });
    await expect(threadInbound(mail, lookups())).resolves.toEqual({ action: 'new_ticket' });
  });

  it('falls back to the body marker when the client dropped the headers', async () => {
    const mail = await inbound(
      { 'Message-ID': '<r5@example.com>' },
      `Sigue sin funcionar.\n\nEl lun, 3 mar 2025 a las 10:15, Soporte escribió:\n> Hola\n> ${ticketBodyMarker(42, SECRET)}\n`,
    );
    await expect(threadInbound(mail, lookups())).resolves.toEqual({ action: 'append', ticket_id: 42, matched_by: 'body_marker' });
  });

  it('accepts a subject [#N] only from the ticket’s customer, compared without case', async () => {
    const fromCustomer = await inbound({ 'Message-ID': '<r6@example.com>', From: 'ANA.PEREZ@EXAMPLE.COM', Subject: 'Otra pregunta [#42]' });
    await expect(threadInbound(fromCustomer, lookups())).resolves.toEqual({ action: 'append', ticket_id: 42, matched_by: 'subject' });

    const fromStranger = await inbound({ 'Message-ID': '<r7@example.com>', From: 'intruso@malicioso.test', Subject: 'Re: [#42] Factura' });
    await expect(threadInbound(fromStranger, lookups())).resolves.toEqual({ action: 'new_ticket' });
  });

  it('threads a customer answering their own earlier mail, but not a stranger quoting its id', async () => {
    const own = await inbound({ 'Message-ID': '<r8@example.com>', 'In-Reply-To': '<original-from-ana@example.com>' });
    await expect(threadInbound(own, lookups())).resolves.toEqual({ action: 'append', ticket_id: 42, matched_by: 'in_reply_to' });

    const stranger = await inbound({
      'Message-ID': '<r9@example.com>',
      From: 'intruso@malicioso.test',
      'In-Reply-To': '<original-from-ana@example.com>',
    });
    await expect(threadInbound(stranger, lookups())).resolves.toEqual({ action: 'new_ticket' });
  });

  it('stores a duplicate Message-ID once', async () => {
    const stored = new Set<string>();
    const track = lookups({ isStoredMessage: (key) => stored.has(key) });
    const mail = await inbound({ 'Message-ID': '<dup@example.com>', 'In-Reply-To': ours(42, 3) });
    expect((await threadInbound(mail, track)).action).toBe('append');
    stored.add(inboundMessageKey(mail));
    await expect(threadInbound(mail, track)).resolves.toEqual({ action: 'duplicate' });
  });

  it('keys mail without a Message-ID by its content', async () => {
    const a = await inbound({ Date: 'Mon, 03 Mar 2025 10:00:00 +0100' }, 'Hola');
    const b = await inbound({ Date: 'Mon, 03 Mar 2025 10:00:00 +0100' }, 'Hola');
    const c = await inbound({ Date: 'Mon, 03 Mar 2025 10:00:00 +0100' }, 'Adiós');
    expect(a.message_id).toBeNull();
    expect(inboundMessageKey(a)).toBe(inboundMessageKey(b));
    expect(inboundMessageKey(a)).not.toBe(inboundMessageKey(c));
  });

  it('opens a new ticket for mail that references nothing', async () => {
    const mail = await inbound({ 'Message-ID': '<new@example.com>', Subject: 'Consulta' });
    await expect(threadInbound(mail, lookups())).resolves.toEqual({ action: 'new_ticket' });
  });
});

describe('statusAfterCustomerReply', () => {
  it('reopens waiting and closed tickets, leaves the rest, never for automated mail', () => {
    expect(statusAfterCustomerReply('waiting', false)).toBe('open');
    expect(statusAfterCustomerReply('closed', false)).toBe('open');
    expect(statusAfterCustomerReply('new', false)).toBe('new');
    expect(statusAfterCustomerReply('open', false)).toBe('open');
    expect(statusAfterCustomerReply('waiting', true)).toBe('waiting');
    expect(statusAfterCustomerReply('closed', true)).toBe('closed');
  });
});
