import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127120200-create-recurring-periods',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_recurring_periods',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        template_id: { type: DataTypes.INTEGER, allowNull: false },
        period_index: { type: DataTypes.INTEGER, allowNull: false },
        period_start: { type: DataTypes.STRING(10), allowNull: false },
        period_end: { type: DataTypes.STRING(10), allowNull: false },
        invoice_id: { type: DataTypes.INTEGER, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // Exactly once: one invoice per (template, period), whatever the number of schedulers or crashes.
    await qi.addIndex('cuadra_recurring_periods', ['template_id', 'period_index'], { name: 'cuadra_recurring_periods_once', unique: true });
    await qi.addIndex('cuadra_recurring_periods', ['invoice_id'], { name: 'cuadra_recurring_periods_invoice' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_recurring_periods');
  },
};
