import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150300-create-ticket-messages',
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    const mediumText = mysql ? DataTypes.TEXT('medium') : DataTypes.TEXT;
    await qi.createTable(
      'cuadra_ticket_messages',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        ticket_id: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(12), allowNull: false },
        author: { type: DataTypes.STRING(10), allowNull: false },
        staff_user_id: { type: DataTypes.INTEGER, allowNull: true },
        author_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
        author_email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
        body_text: { type: mediumText, allowNull: false },
        body_html: { type: mediumText, allowNull: true },
        message_id: { type: DataTypes.STRING(250), allowNull: true },
        in_reply_to: { type: DataTypes.STRING(250), allowNull: true },
        attachments: { type: DataTypes.TEXT, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_ticket_messages', ['ticket_id', 'id'], { name: 'cuadra_ticket_messages_ticket' });
    // A message (by Message-ID) is stored once per ticket; NULLs (notes, form posts) are not compared.
    await qi.addIndex('cuadra_ticket_messages', ['ticket_id', 'message_id'], { unique: true, name: 'cuadra_ticket_messages_message_id' });
    await qi.addIndex('cuadra_ticket_messages', ['message_id'], { name: 'cuadra_ticket_messages_by_message_id' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_ticket_messages');
  },
};
