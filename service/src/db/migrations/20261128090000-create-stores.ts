import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128090000-create-stores',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_stores',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        name: { type: DataTypes.STRING(200), allowNull: false },
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
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_stores');
  },
};
