import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { sameContactEmail } from './contact-submission';
import type { TicketStatus } from './ticket-metrics';

// ---------------------------------------------------------------------------------------------
// Header text

/** Text safe to put in a header (a display name, a subject): one line, no control characters, capped in characters. */
export function safeHeaderText(value: string, maxChars = 200): string {
  const oneLine = value
    // eslint-disable-next-line no-control-regex -- CR, LF and every other control character are what header injection uses
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(oneLine); // by code point, so an emoji is never cut in half
  return characters.length <= maxChars ? oneLine : characters.slice(0, maxChars).join('').trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Signed references: Message-ID, body marker, subject tag

const MESSAGE_ID_SIGNATURE_HEX = 20; // 80 bits of HMAC-SHA256: unguessable, short enough for a header
const MARKER_SIGNATURE_HEX = 12;

function signature(secret: string, payload: string, hexLength: number): string {
  return createHmac('sha256', secret).update(payload).digest('hex').slice(0, hexLength);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface TicketMessageRef {
  ticket_id: number;
  message_id: number;
}

/** `<ticket-{ticket}.{message}.{hmac}@{domain}>`: the Message-ID of a message Cuadra sends for a ticket. */
export function ticketMessageId(ref: TicketMessageRef, domain: string, secret: string): string {
  const local = `ticket-${ref.ticket_id}.${ref.message_id}`;
  return `<${local}.${signature(secret, local, MESSAGE_ID_SIGNATURE_HEX)}@${domain}>`;
}

/** The ticket and message a Message-ID names, or null when it is not ours or its signature does not verify. */
export function readTicketMessageId(messageId: string, secret: string): TicketMessageRef | null {
  const match = /^<?ticket-(\d{1,15})\.(\d{1,15})\.([0-9a-f]+)@[^\s<>@]+>?$/i.exec(messageId.trim());
  if (!match) return null;
  const local = `ticket-${Number(match[1])}.${Number(match[2])}`;
  if (`ticket-${match[1]}.${match[2]}` !== local) return null; // leading zeros are a different, unsigned id
  if (!sameSignature(signature(secret, local, MESSAGE_ID_SIGNATURE_HEX), match[3]!)) return null;
  return { ticket_id: Number(match[1]), message_id: Number(match[2]) };
}

/** `[ref:{ticket}.{hmac}]`: survives in quoted replies whose clients drop the threading headers. */
export function ticketBodyMarker(ticketId: number, secret: string): string {
  return `[ref:${ticketId}.${signature(secret, `ref-${ticketId}`, MARKER_SIGNATURE_HEX)}]`;
}

/** The marker as the last line of a plain-text body. */
export function bodyMarkerText(ticketId: number, secret: string): string {
  return `\n\n${ticketBodyMarker(ticketId, secret)}\n`;
}

// Small and faint rather than display:none, which some clients drop when they quote a message.
export function bodyMarkerHtml(ticketId: number, secret: string): string {
  return `<div style="color:#b0b0b0;font-size:9px;line-height:1.2;margin-top:16px;">${ticketBodyMarker(ticketId, secret)}</div>`;
}

/** The ticket whose verified marker appears in a body (text or HTML), nearest the top first; null when none verifies. */
export function findTicketMarker(body: string, secret: string): number | null {
  for (const match of body.matchAll(/\[ref:(\d{1,15})\.([0-9a-f]{12})\]/gi)) {
    const ticketId = Number(match[1]);
    if (`${ticketId}` === match[1] && sameSignature(signature(secret, `ref-${ticketId}`, MARKER_SIGNATURE_HEX), match[2]!)) return ticketId;
  }
  return null;
}

/** A subject carrying the ticket number as `[#N]`, added once. */
export function ticketSubject(subject: string, ticketId: number): string {
  const tag = `[#${ticketId}]`;
  const clean = safeHeaderText(subject, 180);
  return clean.includes(tag) ? clean : `${tag} ${clean}`.trimEnd();
}

/** The ticket number a subject names with `[#N]`, or null. */
export function findSubjectTicketNumber(subject: string): number | null {
  const match = /\[#(\d{1,15})\]/.exec(subject);
  return match ? Number(match[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Outgoing mail

export interface OutgoingTicketMailInput {
  ticket_id: number;
  message_id: number;
  kind: 'acknowledgement' | 'reply';
  subject: string;
  /** Domain of our Message-IDs, normally the support mailbox's. */
  domain: string;
  secret: string;
  support_address: string;
  support_name: string;
  /** The customer's message this answers, and the thread's earlier ids, oldest first. */
  in_reply_to?: string | null;
  references?: string[];
}

/** The threading and loop-prevention part of a nodemailer message for a ticket. */
export interface OutgoingTicketMail {
  messageId: string;
  subject: string;
  replyTo: { name: string; address: string };
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
}

const MAX_REFERENCES = 20;

/**
 * Headers for mail Cuadra sends about a ticket: a signed Message-ID, Reply-To the support mailbox,
 * the `[#N]` subject tag, and on acknowledgements `Auto-Submitted: auto-generated` (RFC 3834) so
 * other robots do not answer them.
 */
export function outgoingTicketMail(input: OutgoingTicketMailInput): OutgoingTicketMail {
  const references = [...(input.references ?? []), ...(input.in_reply_to ? [input.in_reply_to] : [])]
    .map((id) => id.trim())
    .filter((id, index, all) => /^<[^\s<>]+>$/.test(id) && all.indexOf(id) === index)
    .slice(-MAX_REFERENCES);
  const headers: Record<string, string> =
    input.kind === 'acknowledgement' ? { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } : {};
  return {
    messageId: ticketMessageId({ ticket_id: input.ticket_id, message_id: input.message_id }, input.domain, input.secret),
    subject: ticketSubject(input.subject, input.ticket_id),
    replyTo: { name: safeHeaderText(input.support_name, 100), address: input.support_address },
    ...(input.in_reply_to && /^<[^\s<>]+>$/.test(input.in_reply_to.trim()) ? { inReplyTo: input.in_reply_to.trim() } : {}),
    ...(references.length > 0 ? { references } : {}),
    headers,
  };
}

// ---------------------------------------------------------------------------------------------
// Inbound mail: threading

/** What threading needs from an inbound message. */
export interface InboundMail {
  message_id: string | null;
  in_reply_to: string | null;
  /** As sent: oldest first. */
  references: string[];
  /** The sender's address only. */
  from: string;
  subject: string;
  date: string | null;
  text: string;
  html: string | null;
}

/** The fields of a message parsed by mailparser's `simpleParser`. */
export function inboundMailFromParsed(parsed: ParsedMail): InboundMail {
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  return {
    message_id: parsed.messageId ?? null,
    in_reply_to: parsed.inReplyTo ?? null,
    references: references.flatMap(messageIdsIn),
    from: parsed.from?.value[0]?.address ?? '',
    subject: parsed.subject ?? '',
    date: parsed.date ? parsed.date.toISOString() : null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
  };
}

function messageIdsIn(header: string): string[] {
  return header.match(/<[^\s<>]+>/g) ?? [];
}

/** A key to store an inbound message once: its Message-ID, or a content hash when the sender gave none. */
export function inboundMessageKey(mail: InboundMail): string {
  const given = mail.message_id ? messageIdsIn(mail.message_id)[0] : undefined;
  if (given) return given;
  const digest = createHash('sha256')
    .update(JSON.stringify([mail.from.toLowerCase(), mail.date, mail.subject, mail.text]))
    .digest('hex');
  return `<sha256-${digest.slice(0, 40)}@no-message-id.invalid>`;
}

export interface ThreadingLookups {
  secret: string;
  /** Whether a message with this key (see `inboundMessageKey`) is already stored. */
  isStoredMessage(key: string): boolean | Promise<boolean>;
  findTicket(ticketId: number): { customer_email: string } | null | Promise<{ customer_email: string } | null>;
  /** The ticket an earlier inbound message (by its Message-ID) belongs to, for a customer answering their own mail. */
  ticketOfStoredMessage?(messageId: string): number | null | Promise<number | null>;
}

export type ThreadMatch = 'in_reply_to' | 'references' | 'body_marker' | 'subject';

export type ThreadDecision =
  { action: 'duplicate' } | { action: 'append'; ticket_id: number; matched_by: ThreadMatch } | { action: 'new_ticket' };

/**
 * Where an inbound message belongs: already stored; an existing ticket by a signed In-Reply-To,
 * then signed References (right to left), then a signed body marker, then a subject `[#N]` only
 * when the sender is that ticket's customer; otherwise a new ticket. Unsigned ids of earlier
 * inbound mail count only when the sender is the ticket's customer. Automated mail is decided
 * separately by `classifyAutomated`.
 */
export async function threadInbound(mail: InboundMail, lookups: ThreadingLookups): Promise<ThreadDecision> {
  if (await lookups.isStoredMessage(inboundMessageKey(mail))) return { action: 'duplicate' };

  const fromCustomerOf = async (ticketId: number): Promise<boolean> => {
    const ticket = await lookups.findTicket(ticketId);
    return ticket !== null && mail.from !== '' && sameContactEmail(ticket.customer_email, mail.from);
  };
  const ticketByReference = async (messageId: string): Promise<number | null> => {
    const ours = readTicketMessageId(messageId, lookups.secret);
    if (ours) return (await lookups.findTicket(ours.ticket_id)) ? ours.ticket_id : null;
    const earlier = lookups.ticketOfStoredMessage ? await lookups.ticketOfStoredMessage(messageId) : null;
    return earlier !== null && (await fromCustomerOf(earlier)) ? earlier : null;
  };

  for (const id of messageIdsIn(mail.in_reply_to ?? '')) {
    const ticketId = await ticketByReference(id);
    if (ticketId !== null) return { action: 'append', ticket_id: ticketId, matched_by: 'in_reply_to' };
  }
  for (const id of [...mail.references].reverse()) {
    const ticketId = await ticketByReference(id);
    if (ticketId !== null) return { action: 'append', ticket_id: ticketId, matched_by: 'references' };
  }
  const marked = findTicketMarker(mail.text, lookups.secret) ?? findTicketMarker(mail.html ?? '', lookups.secret);
  if (marked !== null && (await lookups.findTicket(marked))) return { action: 'append', ticket_id: marked, matched_by: 'body_marker' };
  const tagged = findSubjectTicketNumber(mail.subject);
  if (tagged !== null && (await fromCustomerOf(tagged))) return { action: 'append', ticket_id: tagged, matched_by: 'subject' };
  return { action: 'new_ticket' };
}

/**
 * A customer's reply reopens a ticket that was waiting for them or closed; automated mail
 * (auto-replies, bounces) never changes the status.
 */
export function statusAfterCustomerReply(status: TicketStatus, automated: boolean): TicketStatus {
  if (automated) return status;
  return status === 'waiting' || status === 'closed' ? 'open' : status;
}

// ---------------------------------------------------------------------------------------------
// Inbound mail: auto-replies and bounces (RFC 3834, RFC 3464)

/** Headers as mailparser gives them (a Map of lower-case names to strings or structured values) or a plain object. */
export type MailHeaders = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

export interface AutomatedMail {
  kind: 'bounce' | 'auto_reply' | 'bulk';
  reason: string;
}

function rawHeader(headers: MailHeaders, name: string): unknown {
  if (headers instanceof Map) return headers.get(name);
  const record = headers as Readonly<Record<string, unknown>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

// mailparser turns address headers into { value, text } and parameterised ones into { value, params }.
function headerText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map(headerText)
      .filter((text) => text !== null)
      .join(', ');
  if (typeof value === 'object') {
    const structured = value as { text?: unknown; value?: unknown; params?: Record<string, string> };
    if (typeof structured.text === 'string') return structured.text;
    if (typeof structured.value === 'string') {
      const params = Object.entries(structured.params ?? {}).map(([key, param]) => `; ${key}=${param}`);
      return structured.value + params.join('');
    }
  }
  return null;
}

function header(headers: MailHeaders, name: string): string | null {
  const text = headerText(rawHeader(headers, name));
  return text === null ? null : text.trim();
}

/** The media type and report-type parameter of a Content-Type header value. */
function contentType(headers: MailHeaders): { type: string; reportType: string | null } {
  const text = header(headers, 'content-type') ?? '';
  const type = (text.split(';')[0] ?? '').trim().toLowerCase();
  const reportType = /;\s*report-type\s*=\s*"?([\w-]+)"?/i.exec(text)?.[1]?.toLowerCase() ?? null;
  return { type, reportType };
}

function senderAddress(from: string): string {
  const bracketed = /<([^<>]*)>/.exec(from);
  return (bracketed ? bracketed[1]! : from).trim().toLowerCase();
}

const BOUNCE_SENDERS = new Set(['mailer-daemon', 'postmaster', 'mail-daemon']);
const AUTO_REPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-autoreply-from', 'x-mail-autoreply'];
const BOUNCE_SUBJECT =
  /^\s*(undeliverable|undelivered mail|delivery status notification \((failure|delay)\)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|delivery failure|no se puede entregar|mensaje no entregado|error de entrega|notificación de estado de entrega)/i;
const AUTO_REPLY_SUBJECT =
  /^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response|respuesta)|autoreply|fuera de la oficina|respuesta autom[aá]tica|ausencia|ausente|vacaciones:|en vacaciones|absence|abwesenheit)/i;

/**
 * Whether an inbound message was sent by a machine (a bounce, an auto-reply or bulk mail), so it
 * creates no ticket, reopens none and is never acknowledged. Checks the RFC 3834 headers first,
 * then the conventions of common servers and clients, and last the usual subjects.
 */
export function classifyAutomated(headers: MailHeaders, from: string, subject: string): AutomatedMail | null {
  const { type, reportType } = contentType(headers);
  if (type === 'multipart/report' && reportType === 'delivery-status') return { kind: 'bounce', reason: 'delivery status report' };
  if (type === 'message/delivery-status') return { kind: 'bounce', reason: 'delivery status report' };
  const sender = senderAddress(from);
  const localPart = sender.includes('@') ? sender.slice(0, sender.lastIndexOf('@')) : sender;
  if (BOUNCE_SENDERS.has(localPart)) return { kind: 'bounce', reason: `sender ${localPart}` };
  if (header(headers, 'x-failed-recipients')) return { kind: 'bounce', reason: 'X-Failed-Recipients' };

  const autoSubmitted = (header(headers, 'auto-submitted') ?? '').split(';')[0]!.trim().toLowerCase();
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return { kind: 'auto_reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  if (type === 'multipart/report') return { kind: 'auto_reply', reason: `${reportType ?? 'unknown'} report` };
  for (const name of AUTO_REPLY_HEADERS) {
    if (header(headers, name) !== null) return { kind: 'auto_reply', reason: name };
  }
  const suppress = header(headers, 'x-auto-response-suppress');
  if (suppress !== null && suppress !== '') return { kind: 'auto_reply', reason: 'X-Auto-Response-Suppress' };
  if ((header(headers, 'x-autogenerated') ?? '').toLowerCase() === 'reply') return { kind: 'auto_reply', reason: 'X-Autogenerated' };
  const precedence = (header(headers, 'precedence') ?? '').toLowerCase();
  if (precedence === 'auto_reply') return { kind: 'auto_reply', reason: 'Precedence: auto_reply' };
  if (precedence === 'bulk' || precedence === 'junk') return { kind: 'bulk', reason: `Precedence: ${precedence}` };

  const returnPath = header(headers, 'return-path');
  const nullSender = returnPath !== null && returnPath.replace(/[<>\s]/g, '') === '';
  if (BOUNCE_SUBJECT.test(subject)) return { kind: 'bounce', reason: 'bounce subject' };
  if (nullSender) return { kind: 'auto_reply', reason: 'null Return-Path' };
  if (AUTO_REPLY_SUBJECT.test(subject)) return { kind: 'auto_reply', reason: 'auto-reply subject' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Inbound mail: quoted history

/** Placed above the quoted history in our mail; everything from it down is history. */
export const REPLY_ABOVE_THIS_LINE = '##- Reply above this line / Responde encima de esta línea -##';

const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(original message|mensaje original|message d'origine)\s*-{2,}\s*$/i;
const OUTLOOK_FROM = /^\s*\*?(from|de):\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(sent|date|enviado(?: el)?|fecha):\*?\s+\S/i;
const SEPARATOR_RULE = /^\s*_{10,}\s*$/;
const ATTRIBUTION = /^\s*(on\s.+\swrote|el\s.+\sescribi[oó])\s*:\s*$/i;
const QUOTED = /^\s*>/;
const SIGNATURE = /^-- ?$/;
const MOBILE_FOOTER = /^\s*(sent from my|sent from outlook|get outlook for|enviado desde (mi|outlook)|obtener outlook para)\b/i;

function isHistoryMarker(line: string): boolean {
  return ORIGINAL_MESSAGE.test(line) || line.includes(REPLY_ABOVE_THIS_LINE);
}

type QuoteStart = { line: number; soft: false } | { line: number; soft: true; headerLines: number };

function findQuoteStart(lines: string[]): QuoteStart | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isHistoryMarker(line)) return { line: i, soft: false };
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => OUTLOOK_SENT.test(next))) {
      const ruled = i > 0 && SEPARATOR_RULE.test(lines[i - 1]!);
      return { line: ruled ? i - 1 : i, soft: false };
    }
    // Gmail and Apple Mail wrap long attributions over up to three lines; a date always has digits.
    for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
      const joined = lines.slice(i, i + span).join(' ');
      if (span > 1 && lines[i + span - 1]!.trim() === '') break;
      if (ATTRIBUTION.test(joined) && /\d/.test(joined)) return { line: i, soft: true, headerLines: span };
    }
    if (QUOTED.test(line)) return { line: i, soft: true, headerLines: 0 };
  }
  return null;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * The customer's own text of a reply, without the quoted history their client appended (Gmail,
 * Outlook, Apple Mail, Thunderbird, in English and Spanish), their signature or a mobile footer.
 * Answers written between quoted lines are kept. When nothing of their own is left, the whole
 * text is kept rather than lose anything.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let own = lines;
  const start = findQuoteStart(lines);
  if (start) {
    own = lines.slice(0, start.line);
    if (start.soft) {
      const rest = lines.slice(start.line + start.headerLines);
      const firstQuoted = rest.findIndex((line) => QUOTED.test(line));
      const interleaved =
        firstQuoted >= 0 && rest.slice(firstQuoted).some((line) => line.trim() !== '' && !QUOTED.test(line) && !isHistoryMarker(line));
      // Bottom-posted or inline answers: keep the unquoted lines, drop the quoted ones.
      if (interleaved) own = [...own, ...rest.filter((line) => !QUOTED.test(line))];
    }
  }
  const signatureAt = own.findIndex((line) => SIGNATURE.test(line));
  if (signatureAt >= 0) own = own.slice(0, signatureAt);
  own = trimBlankLines(own);
  if (own.length > 0 && MOBILE_FOOTER.test(own[own.length - 1]!)) own = trimBlankLines(own.slice(0, -1));
  const result = own.join('\n').trim();
  return result === '' ? text.trim() : result;
}
