import { Op } from 'sequelize';
import type { OutgoingMail } from '../../adapters/mail/mailer';
import type { CompanySettingsRepository } from '../../db/company-settings-repository';
import {
  REPLY_ABOVE_THIS_LINE,
  bodyMarkerText,
  outgoingTicketMail,
  safeHeaderText,
  ticketSubject,
  type OutgoingTicketMail,
} from '../../domain/tickets/ticket-mail';
import type { MailComposer } from '../outbox/outbox-service';
import type { SupportMailSettings, TicketModels } from './ticket-models';

interface TicketMailPayload {
  ticket_id: number;
  message_id: number;
}

type Language = 'es' | 'en';
const languageOf = (locale: string): Language => (locale === '' || locale.toLowerCase().startsWith('es') ? 'es' : 'en');

// A display name inside double quotes: already one line (safeHeaderText), quotes and backslashes escaped.
function mailbox(name: string, address: string): string {
  const clean = safeHeaderText(name, 100).replace(/["\\]/g, '\\$&');
  return clean ? `"${clean}" <${address}>` : address;
}

/**
 * A subject shown exactly as typed. Text that looks like an RFC 2047 encoded word ("=?utf-8?q?…?=")
 * would be decoded by the reader's client into something else, so such a subject is sent encoded
 * itself (base64 words of a few characters each, which decode back to the literal text).
 */
export function literalSubject(subject: string): string {
  if (!subject.includes('=?')) return subject;
  const characters = Array.from(subject);
  const words: string[] = [];
  for (let i = 0; i < characters.length; i += 16) {
    words.push(`=?UTF-8?B?${Buffer.from(characters.slice(i, i + 16).join(''), 'utf8').toString('base64')}?=`);
  }
  return words.join(' ');
}

function threadingHeaders(threading: OutgoingTicketMail): Record<string, string> {
  return {
    ...threading.headers,
    ...(threading.inReplyTo ? { 'In-Reply-To': threading.inReplyTo } : {}),
    ...(threading.references ? { References: threading.references.join(' ') } : {}),
  };
}

/** The e-mails Cuadra sends about tickets, composed when the outbox sends them (so they read the stored ticket). */
export function ticketMailComposers({
  models,
  mail,
  companySettings,
}: {
  models: TicketModels;
  mail: SupportMailSettings;
  companySettings: CompanySettingsRepository;
}): Record<string, MailComposer> {
  const { Ticket, TicketMessage, TicketAttachment, Department, ContactSubmission } = models;

  async function supportName(): Promise<string> {
    const company = await companySettings.find();
    return company?.trade_name || company?.legal_name || 'Cuadra';
  }

  async function load(payload: unknown) {
    const { ticket_id, message_id } = payload as TicketMailPayload;
    const [ticket, message] = await Promise.all([Ticket.findByPk(ticket_id), TicketMessage.findByPk(message_id)]);
    if (!ticket || !message || message.ticket_id !== ticket.id) throw new Error(`Ticket mail ${ticket_id}/${message_id} no longer exists.`);
    // Every earlier e-mail of the thread, ours and the customer's, for References.
    const earlier = await TicketMessage.findAll({
      where: { ticket_id: ticket.id, id: { [Op.lt]: message.id }, message_id: { [Op.ne]: null }, kind: { [Op.ne]: 'note' } },
      order: [['id', 'ASC']],
      attributes: ['message_id'],
    });
    return { ticket, message, references: earlier.map((row) => row.message_id!) };
  }

  const acknowledgement: MailComposer = async (payload) => {
    const { ticket, message, references } = await load(payload);
    const name = await supportName();
    const first = await TicketMessage.findOne({ where: { ticket_id: ticket.id, kind: 'submission' } });
    const threading = outgoingTicketMail({
      ticket_id: ticket.id,
      message_id: message.id,
      kind: 'acknowledgement',
      subject: ticket.subject,
      domain: mail.messageIdDomain,
      secret: mail.secret,
      support_address: mail.supportAddress,
      support_name: name,
      in_reply_to: message.in_reply_to,
      references,
    });
    const language = languageOf(ticket.locale);
    const greeting = ticket.customer_name ? ticket.customer_name : '';
    const lines =
      language === 'es'
        ? [
            REPLY_ABOVE_THIS_LINE,
            '',
            greeting ? `Hola, ${greeting}:` : 'Hola:',
            '',
            `Hemos recibido tu mensaje y te responderemos lo antes posible. Tu consulta tiene el número #${ticket.id}.`,
            'Si quieres añadir algo, responde a este correo.',
            '',
            `Asunto: ${ticket.subject}`,
            '',
            first?.body_text ?? '',
            '',
            name,
          ]
        : [
            REPLY_ABOVE_THIS_LINE,
            '',
            greeting ? `Hello ${greeting},` : 'Hello,',
            '',
            `We have received your message and will answer as soon as we can. Your request number is #${ticket.id}.`,
            'To add anything, reply to this e-mail.',
            '',
            `Subject: ${ticket.subject}`,
            '',
            first?.body_text ?? '',
            '',
            name,
          ];
    return {
      from: mail.from,
      to: [ticket.customer_email],
      replyTo: mailbox(threading.replyTo.name, threading.replyTo.address),
      subject: literalSubject(threading.subject),
      text: `${lines.join('\n')}${bodyMarkerText(ticket.id, mail.secret)}`,
      messageId: threading.messageId,
      headers: threadingHeaders(threading),
    };
  };

  const reply: MailComposer = async (payload) => {
    const { ticket, message, references } = await load(payload);
    const name = await supportName();
    const threading = outgoingTicketMail({
      ticket_id: ticket.id,
      message_id: message.id,
      kind: 'reply',
      subject: ticket.subject,
      domain: mail.messageIdDomain,
      secret: mail.secret,
      support_address: mail.supportAddress,
      support_name: name,
      in_reply_to: message.in_reply_to,
      references,
    });
    const files = await TicketAttachment.findAll({ where: { message_id: message.id }, order: [['id', 'ASC']] });
    const attachments: OutgoingMail['attachments'] = files.map((file) => ({
      filename: file.name,
      content: Buffer.from(file.content),
      contentType: file.content_type,
    }));
    return {
      from: mail.from,
      to: [ticket.customer_email],
      replyTo: mailbox(threading.replyTo.name, threading.replyTo.address),
      subject: literalSubject(threading.subject),
      text: `${REPLY_ABOVE_THIS_LINE}\n\n${message.body_text}\n\n${name}${bodyMarkerText(ticket.id, mail.secret)}`,
      messageId: threading.messageId,
      headers: threadingHeaders(threading),
      attachments,
    };
  };

  const departmentNotice: MailComposer = async (payload) => {
    const { ticket_id } = payload as { ticket_id: number };
    const ticket = await Ticket.findByPk(ticket_id);
    if (!ticket) throw new Error(`Ticket ${ticket_id} no longer exists.`);
    const [department, first, submission] = await Promise.all([
      Department.findByPk(ticket.department_id),
      TicketMessage.findOne({ where: { ticket_id: ticket.id, kind: 'submission' } }),
      ContactSubmission.findOne({ where: { ticket_id: ticket.id } }),
    ]);
    if (!department?.contact_email) throw new Error(`The department of ticket ${ticket_id} has no contact e-mail.`);
    const fields = submission ? (JSON.parse(submission.fields) as { phone?: string; selects?: Record<string, string | string[]> }) : {};
    const selects = Object.entries(fields.selects ?? {}).map(
      ([label, value]) => `${safeHeaderText(label, 100)}: ${Array.isArray(value) ? value.join(', ') : value}`,
    );
    const lines = [
      `Nuevo ticket #${ticket.id} en ${department.name}.`,
      '',
      `De: ${ticket.customer_name} <${ticket.customer_email}>`,
      ...(fields.phone ? [`Teléfono: ${fields.phone}`] : []),
      ...selects,
      ...(submission?.source_page_url ? [`Página: ${submission.source_page_url}`] : []),
      `Asunto: ${ticket.subject}`,
      '',
      first?.body_text ?? '',
      '',
      'Responde desde Cuadra → Tickets para que la respuesta quede en el hilo.',
    ];
    return {
      from: mail.from,
      to: [department.contact_email],
      subject: literalSubject(ticketSubject(`Nuevo ticket en ${department.name}: ${ticket.subject}`, ticket.id)),
      text: lines.join('\n'),
      // A notice for staff: robots must not answer it, and it is not part of the customer's thread.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    };
  };

  return { ticket_acknowledgement: acknowledgement, ticket_reply: reply, ticket_department_notice: departmentNotice };
}
