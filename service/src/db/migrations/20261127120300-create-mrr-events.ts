import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127120300-create-mrr-events',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_mrr_events',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        template_id: { type: DataTypes.INTEGER, allowNull: false },
        customer_id: { type: DataTypes.INTEGER, allowNull: false },
        currency: { type: DataTypes.STRING(3), allowNull: false },
        delta: { type: DataTypes.BIGINT, allowNull: false },
        mrr_after: { type: DataTypes.BIGINT, allowNull: false },
        reason: { type: DataTypes.STRING(20), allowNull: false },
        occurred_on: { type: DataTypes.STRING(10), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // History and movements read by currency and day; the customer rides along for the month-end comparison.
    await qi.addIndex('cuadra_mrr_events', ['currency', 'occurred_on', 'customer_id', 'delta'], { name: 'cuadra_mrr_events_history' });
    await qi.addIndex('cuadra_mrr_events', ['template_id'], { name: 'cuadra_mrr_events_template' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_mrr_events');
  },
};
