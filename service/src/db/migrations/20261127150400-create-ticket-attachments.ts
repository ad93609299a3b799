import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150400-create-ticket-attachments',
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    await qi.createTable(
      'cuadra_ticket_attachments',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        ticket_id: { type: DataTypes.INTEGER, allowNull: false },
        message_id: { type: DataTypes.INTEGER, allowNull: false },
        name: { type: DataTypes.STRING(200), allowNull: false },
        content_type: { type: DataTypes.STRING(100), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        // In the database, not on a local disk: any service instance can send or serve it.
        content: { type: mysql ? DataTypes.BLOB('long') : DataTypes.BLOB, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_ticket_attachments', ['message_id'], { name: 'cuadra_ticket_attachments_message' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_ticket_attachments');
  },
};
