import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150500-create-contact-submissions',
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    await qi.createTable(
      'cuadra_contact_submissions',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        idempotency_key: { type: DataTypes.STRING(64), allowNull: false },
        ticket_id: { type: DataTypes.INTEGER, allowNull: false },
        contact_id: { type: DataTypes.INTEGER, allowNull: false },
        department_id: { type: DataTypes.INTEGER, allowNull: false },
        submitted_at: { type: DataTypes.DATE(3), allowNull: false },
        source_post_id: { type: DataTypes.INTEGER, allowNull: true },
        source_page_url: { type: DataTypes.STRING(500), allowNull: false },
        source_form_id: { type: DataTypes.STRING(64), allowNull: false },
        list_ids: { type: DataTypes.TEXT, allowNull: false },
        fields: { type: mysql ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false },
        privacy_accepted: { type: DataTypes.BOOLEAN, allowNull: false },
        marketing_consent: { type: DataTypes.BOOLEAN, allowNull: false },
        consent_text: { type: DataTypes.TEXT, allowNull: false },
        consent_version: { type: DataTypes.STRING(64), allowNull: false },
        consent_ip: { type: DataTypes.STRING(45), allowNull: false },
        consent_user_agent: { type: DataTypes.STRING(500), allowNull: false },
        locale: { type: DataTypes.STRING(20), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // WordPress retries a delivery with the same key: the second one must find the first.
    await qi.addIndex('cuadra_contact_submissions', ['idempotency_key'], { unique: true, name: 'cuadra_contact_submissions_key' });
    await qi.addIndex('cuadra_contact_submissions', ['contact_id'], { name: 'cuadra_contact_submissions_contact' });
    await qi.addIndex('cuadra_contact_submissions', ['ticket_id'], { name: 'cuadra_contact_submissions_ticket' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_contact_submissions');
  },
};
