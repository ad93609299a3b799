import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127100100-create-outbox',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_outbox',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        kind: { type: DataTypes.STRING(40), allowNull: false },
        dedupe_key: { type: DataTypes.STRING(120), allowNull: false, unique: true },
        payload: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
        last_error: { type: DataTypes.STRING(500), allowNull: true },
        message_id: { type: DataTypes.STRING(250), allowNull: true },
        sent_at: { type: DataTypes.DATE(3), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_outbox', ['status', 'next_attempt_at'], { name: 'cuadra_outbox_due' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_outbox');
  },
};
