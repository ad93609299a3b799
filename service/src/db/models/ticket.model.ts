import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { mediumText as mediumTextOf } from '../column-types';
import { dialectOf } from '../database';

// Times come from the service's clock (tests and metrics move it), so no automatic timestamps here.
const noTimestamps = { underscored: true, timestamps: false } as const;

/** A team that answers enquiries; its colour marks its tickets everywhere in the admin. */
export interface DepartmentRecord extends Model<InferAttributes<DepartmentRecord>, InferCreationAttributes<DepartmentRecord>> {
  id: CreationOptional<number>;
  name: string;
  colour: string;
  contact_user_id: number | null;
  contact_email: string;
  is_default: boolean;
  /** JSON `{ weekly_hours, holidays }`, read in the company time zone. */
  business_hours: string;
  created_at: Date;
  updated_at: Date;
}

export interface TicketRecord extends Model<InferAttributes<TicketRecord>, InferCreationAttributes<TicketRecord>> {
  id: CreationOptional<number>;
  contact_id: number;
  department_id: number;
  subject: string;
  status: string;
  priority: string;
  assignee_id: number | null;
  /** Where replies go and whose mail threads by subject: the address the ticket was opened from. */
  customer_email: string;
  customer_name: string;
  locale: string;
  created_at: Date;
  updated_at: Date;
  first_response_at: Date | null;
  closed_at: Date | null;
  last_customer_message_at: Date | null;
  last_message_at: Date;
}

export interface TicketMessageRecord extends Model<InferAttributes<TicketMessageRecord>, InferCreationAttributes<TicketMessageRecord>> {
  id: CreationOptional<number>;
  ticket_id: number;
  kind: string;
  author: string;
  staff_user_id: number | null;
  author_name: string;
  author_email: string;
  body_text: string;
  body_html: string | null;
  /** Ours (signed) for mail we send, the sender's for inbound mail; unique per ticket so a message is stored once. */
  message_id: string | null;
  in_reply_to: string | null;
  /** JSON array of `{ id, name, type, size }`. */
  attachments: string;
  created_at: Date;
}

export interface TicketAttachmentRecord extends Model<
  InferAttributes<TicketAttachmentRecord>,
  InferCreationAttributes<TicketAttachmentRecord>
> {
  id: CreationOptional<number>;
  ticket_id: number;
  message_id: number;
  name: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: Date;
}

/** What WordPress delivered for one form post, kept as received (consent data and lists included). */
export interface ContactSubmissionRecord extends Model<
  InferAttributes<ContactSubmissionRecord>,
  InferCreationAttributes<ContactSubmissionRecord>
> {
  id: CreationOptional<number>;
  idempotency_key: string;
  ticket_id: number;
  contact_id: number;
  department_id: number;
  submitted_at: Date;
  source_post_id: number | null;
  source_page_url: string;
  source_form_id: string;
  /** JSON array of list ids the contact asked to join (used by the lists feature). */
  list_ids: string;
  /** JSON of the validated fields (name, email, phone, subject, message, selects). */
  fields: string;
  privacy_accepted: boolean;
  marketing_consent: boolean;
  consent_text: string;
  consent_version: string;
  consent_ip: string;
  consent_user_agent: string;
  locale: string;
  created_at: Date;
}

/** How far the support mailbox has been read: the last UID, valid while UIDVALIDITY stays the same. */
export interface MailboxStateRecord extends Model<InferAttributes<MailboxStateRecord>, InferCreationAttributes<MailboxStateRecord>> {
  mailbox: string;
  uid_validity: string;
  last_uid: number;
  updated_at: Date;
}

/** An inbound message that could not be processed, kept with its bytes and the reason instead of being lost. */
export interface InboundMailFailureRecord extends Model<
  InferAttributes<InboundMailFailureRecord>,
  InferCreationAttributes<InboundMailFailureRecord>
> {
  id: CreationOptional<number>;
  mailbox: string;
  uid_validity: string;
  uid: number;
  reason: string;
  raw: Buffer | null;
  created_at: Date;
}

function longBlob(sequelize: Sequelize) {
  return dialectOf(sequelize) === 'mysql' ? DataTypes.BLOB('long') : DataTypes.BLOB;
}

function mediumText(sequelize: Sequelize) {
  return mediumTextOf(dialectOf(sequelize));
}

export function initDepartmentModel(sequelize: Sequelize): ModelStatic<DepartmentRecord> {
  return sequelize.define<DepartmentRecord>(
    'Department',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      colour: { type: DataTypes.STRING(7), allowNull: false },
      contact_user_id: { type: DataTypes.INTEGER, allowNull: true },
      contact_email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
      is_default: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      business_hours: { type: DataTypes.TEXT, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_departments', ...noTimestamps },
  );
}

export function initTicketModel(sequelize: Sequelize): ModelStatic<TicketRecord> {
  return sequelize.define<TicketRecord>(
    'Ticket',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      contact_id: { type: DataTypes.INTEGER, allowNull: false },
      department_id: { type: DataTypes.INTEGER, allowNull: false },
      subject: { type: DataTypes.STRING(250), allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false },
      priority: { type: DataTypes.STRING(10), allowNull: false },
      assignee_id: { type: DataTypes.INTEGER, allowNull: true },
      customer_email: { type: DataTypes.STRING(254), allowNull: false },
      customer_name: { type: DataTypes.STRING(200), allowNull: false },
      locale: { type: DataTypes.STRING(20), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
      first_response_at: { type: DataTypes.DATE(3), allowNull: true },
      closed_at: { type: DataTypes.DATE(3), allowNull: true },
      last_customer_message_at: { type: DataTypes.DATE(3), allowNull: true },
      last_message_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_tickets', ...noTimestamps },
  );
}

export function initTicketMessageModel(sequelize: Sequelize): ModelStatic<TicketMessageRecord> {
  return sequelize.define<TicketMessageRecord>(
    'TicketMessage',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      ticket_id: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(12), allowNull: false },
      author: { type: DataTypes.STRING(10), allowNull: false },
      staff_user_id: { type: DataTypes.INTEGER, allowNull: true },
      author_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      author_email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
      body_text: { type: mediumText(sequelize), allowNull: false },
      body_html: { type: mediumText(sequelize), allowNull: true },
      message_id: { type: DataTypes.STRING(250), allowNull: true },
      in_reply_to: { type: DataTypes.STRING(250), allowNull: true },
      attachments: { type: DataTypes.TEXT, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_ticket_messages', ...noTimestamps },
  );
}

export function initTicketAttachmentModel(sequelize: Sequelize): ModelStatic<TicketAttachmentRecord> {
  return sequelize.define<TicketAttachmentRecord>(
    'TicketAttachment',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      ticket_id: { type: DataTypes.INTEGER, allowNull: false },
      message_id: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      content_type: { type: DataTypes.STRING(100), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      content: { type: longBlob(sequelize), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_ticket_attachments', ...noTimestamps },
  );
}

export function initContactSubmissionModel(sequelize: Sequelize): ModelStatic<ContactSubmissionRecord> {
  return sequelize.define<ContactSubmissionRecord>(
    'ContactSubmission',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      idempotency_key: { type: DataTypes.STRING(64), allowNull: false, unique: 'cuadra_contact_submissions_key' },
      ticket_id: { type: DataTypes.INTEGER, allowNull: false },
      contact_id: { type: DataTypes.INTEGER, allowNull: false },
      department_id: { type: DataTypes.INTEGER, allowNull: false },
      submitted_at: { type: DataTypes.DATE(3), allowNull: false },
      source_post_id: { type: DataTypes.INTEGER, allowNull: true },
      source_page_url: { type: DataTypes.STRING(500), allowNull: false },
      source_form_id: { type: DataTypes.STRING(64), allowNull: false },
      list_ids: { type: DataTypes.TEXT, allowNull: false },
      fields: { type: mediumText(sequelize), allowNull: false },
      privacy_accepted: { type: DataTypes.BOOLEAN, allowNull: false },
      marketing_consent: { type: DataTypes.BOOLEAN, allowNull: false },
      consent_text: { type: DataTypes.TEXT, allowNull: false },
      consent_version: { type: DataTypes.STRING(64), allowNull: false },
      consent_ip: { type: DataTypes.STRING(45), allowNull: false },
      consent_user_agent: { type: DataTypes.STRING(500), allowNull: false },
      locale: { type: DataTypes.STRING(20), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_contact_submissions', ...noTimestamps },
  );
}

export function initMailboxStateModel(sequelize: Sequelize): ModelStatic<MailboxStateRecord> {
  return sequelize.define<MailboxStateRecord>(
    'MailboxState',
    {
      mailbox: { type: DataTypes.STRING(250), primaryKey: true, allowNull: false },
      uid_validity: { type: DataTypes.STRING(20), allowNull: false },
      last_uid: { type: DataTypes.BIGINT, allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_mailbox_states', ...noTimestamps },
  );
}

export function initInboundMailFailureModel(sequelize: Sequelize): ModelStatic<InboundMailFailureRecord> {
  return sequelize.define<InboundMailFailureRecord>(
    'InboundMailFailure',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      mailbox: { type: DataTypes.STRING(250), allowNull: false },
      uid_validity: { type: DataTypes.STRING(20), allowNull: false },
      uid: { type: DataTypes.BIGINT, allowNull: false },
      reason: { type: DataTypes.STRING(500), allowNull: false },
      raw: { type: longBlob(sequelize), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_inbound_mail_failures', ...noTimestamps },
  );
}
