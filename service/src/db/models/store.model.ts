import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { mediumText } from '../column-types';
import { dialectOf } from '../database';

/** 'woocommerce': read through its REST API; 'same_site': this WordPress site, which pushes its orders. */
export type StoreKind = 'woocommerce' | 'same_site';

export type StoreSyncState = 'idle' | 'queued' | 'running' | 'done' | 'failed' | 'interrupted' | 'cancelled';

/** A WooCommerce shop Cuadra reads orders from; every credential column holds ciphertext (adapters/crypto). */
export interface StoreRecord extends Model<InferAttributes<StoreRecord>, InferCreationAttributes<StoreRecord>> {
  id: CreationOptional<number>;
  name: string;
  kind: CreationOptional<StoreKind>;
  /** 'same_site' on the one same-site store, null on every other: UNIQUE, so there is never a second. */
  same_site_key: CreationOptional<'same_site' | null>;
  url: string;
  consumer_key_enc: CreationOptional<string | null>;
  consumer_secret_enc: CreationOptional<string | null>;
  webhook_secret_enc: CreationOptional<string | null>;
  imap_host: CreationOptional<string>;
  imap_port: CreationOptional<number | null>;
  imap_tls: CreationOptional<boolean>;
  imap_user: CreationOptional<string>;
  imap_password_enc: CreationOptional<string | null>;
  imap_folder: CreationOptional<string>;
  /** JSON array of WooCommerce statuses that count as "to invoice". */
  invoice_statuses: string;
  /** GMT "YYYY-MM-DDTHH:mm:ss" (the store's clock): orders modified after it are asked for next time. */
  sync_watermark: CreationOptional<string | null>;
  sync_state: CreationOptional<StoreSyncState>;
  /** 'first' (a full import, optionally from sync_from) or 'incremental'. */
  sync_mode: CreationOptional<string | null>;
  sync_from: CreationOptional<string | null>;
  /** The modified_after this run asks with (fixed when the run starts, so a resumed run asks the same). */
  sync_modified_after: CreationOptional<string | null>;
  /** The watermark this run will leave when it completes: the store's clock at its first answer. */
  sync_next_watermark: CreationOptional<string | null>;
  /** The page to ask next and the highest order id stored so far in this run: a resumed run starts here. */
  sync_page: CreationOptional<number>;
  sync_last_id: CreationOptional<number>;
  sync_done: CreationOptional<number>;
  sync_total: CreationOptional<number | null>;
  sync_requests: CreationOptional<number>;
  sync_started_at: CreationOptional<Date | null>;
  sync_finished_at: CreationOptional<Date | null>;
  sync_cancelled: CreationOptional<boolean>;
  webhook_last_received_at: CreationOptional<Date | null>;
  webhook_last_ping_at: CreationOptional<Date | null>;
  /** When WordPress last pushed orders of a same-site store. */
  push_last_received_at: CreationOptional<Date | null>;
  mail_uid_validity: CreationOptional<number | null>;
  mail_last_uid: CreationOptional<number>;
  mail_checked_at: CreationOptional<Date | null>;
  last_error_code: CreationOptional<string | null>;
  last_error_message: CreationOptional<string | null>;
  /** The store's answer that caused the error, truncated, for diagnosis. */
  last_error_raw: CreationOptional<string | null>;
  last_error_at: CreationOptional<Date | null>;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export function initStoreModel(sequelize: Sequelize): ModelStatic<StoreRecord> {
  return sequelize.define<StoreRecord>(
    'Store',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'woocommerce' },
      same_site_key: { type: DataTypes.STRING(12), allowNull: true },
      url: { type: DataTypes.STRING(500), allowNull: false },
      consumer_key_enc: { type: DataTypes.TEXT, allowNull: true },
      consumer_secret_enc: { type: DataTypes.TEXT, allowNull: true },
      webhook_secret_enc: { type: DataTypes.TEXT, allowNull: true },
      imap_host: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '' },
      imap_port: { type: DataTypes.INTEGER, allowNull: true },
      imap_tls: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      imap_user: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '' },
      imap_password_enc: { type: DataTypes.TEXT, allowNull: true },
      imap_folder: { type: DataTypes.STRING(255), allowNull: false, defaultValue: 'INBOX' },
      invoice_statuses: { type: DataTypes.STRING(500), allowNull: false },
      sync_watermark: { type: DataTypes.STRING(19), allowNull: true },
      sync_state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'idle' },
      sync_mode: { type: DataTypes.STRING(12), allowNull: true },
      sync_from: { type: DataTypes.STRING(19), allowNull: true },
      sync_modified_after: { type: DataTypes.STRING(19), allowNull: true },
      sync_next_watermark: { type: DataTypes.STRING(19), allowNull: true },
      sync_page: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      sync_last_id: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      sync_done: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      sync_total: { type: DataTypes.INTEGER, allowNull: true },
      sync_requests: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      sync_started_at: { type: DataTypes.DATE(3), allowNull: true },
      sync_finished_at: { type: DataTypes.DATE(3), allowNull: true },
      sync_cancelled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      webhook_last_received_at: { type: DataTypes.DATE(3), allowNull: true },
      webhook_last_ping_at: { type: DataTypes.DATE(3), allowNull: true },
      push_last_received_at: { type: DataTypes.DATE(3), allowNull: true },
      mail_uid_validity: { type: DataTypes.BIGINT, allowNull: true },
      mail_last_uid: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      mail_checked_at: { type: DataTypes.DATE(3), allowNull: true },
      last_error_code: { type: DataTypes.STRING(40), allowNull: true },
      last_error_message: { type: DataTypes.TEXT, allowNull: true },
      last_error_raw: { type: DataTypes.TEXT, allowNull: true },
      last_error_at: { type: DataTypes.DATE(3), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_stores', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}

/** One order of one store, whatever told Cuadra about it (API, webhook, e-mail); UNIQUE(store_id, woo_id). */
export interface StoreOrderRecord extends Model<InferAttributes<StoreOrderRecord>, InferCreationAttributes<StoreOrderRecord>> {
  id: CreationOptional<number>;
  store_id: number;
  /** WooCommerce's database id; null only for an e-mail order whose message carried no edit link. */
  woo_id: number | null;
  number: string;
  status: string;
  order_created_at: Date | null;
  order_modified_at: Date | null;
  paid_at: Date | null;
  customer_name: string;
  customer_email: string;
  currency: string;
  total: number;
  /** The normalised order (domain StoreOrder) as JSON; null while only an e-mail told of it. */
  order_json: string | null;
  /** The order as read from its "New order" e-mail (domain EmailOrder), kept for reference. */
  mail_json: CreationOptional<string | null>;
  /** Comma list of where it was seen: api, webhook, mail, push. */
  sources: string;
  /** True while the data comes only from an e-mail or an unconfirmed webhook payload. */
  provisional: CreationOptional<boolean>;
  invoice_id: CreationOptional<number | null>;
  /** JSON object refund id → rectifying draft id. */
  refund_invoices: CreationOptional<string | null>;
  /** Same-site stores: the order's refunds as WordPress pushed them with it (REST v3 JSON list); null until then. */
  pushed_refunds_json: CreationOptional<string | null>;
  changed_after_invoice: CreationOptional<boolean>;
  /** JSON array of { at, fields } describing changes seen after invoicing (never applied to the invoice). */
  changes: CreationOptional<string | null>;
  ignored: CreationOptional<boolean>;
  problem_code: CreationOptional<string | null>;
  problem_message: CreationOptional<string | null>;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export function initStoreOrderModel(sequelize: Sequelize): ModelStatic<StoreOrderRecord> {
  return sequelize.define<StoreOrderRecord>(
    'StoreOrder',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      store_id: { type: DataTypes.INTEGER, allowNull: false },
      woo_id: { type: DataTypes.BIGINT, allowNull: true },
      number: { type: DataTypes.STRING(40), allowNull: false },
      status: { type: DataTypes.STRING(30), allowNull: false },
      order_created_at: { type: DataTypes.DATE(3), allowNull: true },
      order_modified_at: { type: DataTypes.DATE(3), allowNull: true },
      paid_at: { type: DataTypes.DATE(3), allowNull: true },
      customer_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      customer_email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
      currency: { type: DataTypes.STRING(3), allowNull: false, defaultValue: '' },
      total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      order_json: { type: mediumText(dialectOf(sequelize)), allowNull: true },
      mail_json: { type: mediumText(dialectOf(sequelize)), allowNull: true },
      sources: { type: DataTypes.STRING(60), allowNull: false },
      provisional: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      invoice_id: { type: DataTypes.INTEGER, allowNull: true },
      refund_invoices: { type: DataTypes.TEXT, allowNull: true },
      pushed_refunds_json: { type: mediumText(dialectOf(sequelize)), allowNull: true },
      changed_after_invoice: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      changes: { type: DataTypes.TEXT, allowNull: true },
      ignored: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      problem_code: { type: DataTypes.STRING(40), allowNull: true },
      problem_message: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_store_orders', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}

/** A webhook delivery already handled: WooCommerce's X-WC-Webhook-Delivery-ID makes a repeat a no-op. */
export interface StoreWebhookDeliveryRecord extends Model<
  InferAttributes<StoreWebhookDeliveryRecord>,
  InferCreationAttributes<StoreWebhookDeliveryRecord>
> {
  id: CreationOptional<number>;
  store_id: number;
  delivery_id: string;
  topic: string;
  received_at: Date;
}

export function initStoreWebhookDeliveryModel(sequelize: Sequelize): ModelStatic<StoreWebhookDeliveryRecord> {
  return sequelize.define<StoreWebhookDeliveryRecord>(
    'StoreWebhookDelivery',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      store_id: { type: DataTypes.INTEGER, allowNull: false },
      delivery_id: { type: DataTypes.STRING(64), allowNull: false },
      topic: { type: DataTypes.STRING(40), allowNull: false },
      received_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_store_webhook_deliveries', underscored: true, timestamps: false },
  );
}

/** A mailbox message that was not a readable order e-mail: kept aside with the reason, never lost. */
export interface StoreMailRejectRecord extends Model<
  InferAttributes<StoreMailRejectRecord>,
  InferCreationAttributes<StoreMailRejectRecord>
> {
  id: CreationOptional<number>;
  store_id: number;
  uid_validity: number;
  uid: number;
  reason: string;
  subject: string;
  from_address: string;
  message_id: string | null;
  raw_size: number;
  /** The start of the raw message, for diagnosis. */
  raw_excerpt: string;
  created_at: CreationOptional<Date>;
}

export function initStoreMailRejectModel(sequelize: Sequelize): ModelStatic<StoreMailRejectRecord> {
  return sequelize.define<StoreMailRejectRecord>(
    'StoreMailReject',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      store_id: { type: DataTypes.INTEGER, allowNull: false },
      uid_validity: { type: DataTypes.BIGINT, allowNull: false },
      uid: { type: DataTypes.BIGINT, allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: false },
      subject: { type: DataTypes.STRING(500), allowNull: false, defaultValue: '' },
      from_address: { type: DataTypes.STRING(320), allowNull: false, defaultValue: '' },
      message_id: { type: DataTypes.STRING(500), allowNull: true },
      raw_size: { type: DataTypes.INTEGER, allowNull: false },
      raw_excerpt: { type: mediumText(dialectOf(sequelize)), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_store_mail_rejects', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
}
