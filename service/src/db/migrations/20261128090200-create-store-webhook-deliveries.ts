import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128090200-create-store-webhook-deliveries',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_store_webhook_deliveries',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        store_id: { type: DataTypes.INTEGER, allowNull: false },
        delivery_id: { type: DataTypes.STRING(64), allowNull: false },
        topic: { type: DataTypes.STRING(40), allowNull: false },
        received_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_store_webhook_deliveries', ['store_id', 'delivery_id'], {
      unique: true,
      name: 'cuadra_store_webhook_deliveries_once',
    });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_store_webhook_deliveries');
  },
};
