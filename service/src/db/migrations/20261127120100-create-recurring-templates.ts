import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127120100-create-recurring-templates',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_recurring_templates',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        customer_id: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(2), allowNull: false, defaultValue: 'F1' },
        series_code: { type: DataTypes.STRING(20), allowNull: true },
        currency: { type: DataTypes.STRING(3), allowNull: false },
        language: { type: DataTypes.STRING(2), allowNull: false },
        prices_include_tax: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        irpf_percent: { type: DataTypes.STRING(10), allowNull: false, defaultValue: '0' },
        payment_method: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
        notes: { type: DataTypes.TEXT, allowNull: false },
        lines: { type: DataTypes.TEXT, allowNull: false },
        discount_percent: { type: DataTypes.STRING(10), allowNull: false, defaultValue: '0' },
        discount_cycles: { type: DataTypes.INTEGER, allowNull: true },
        interval_unit: { type: DataTypes.STRING(5), allowNull: false },
        interval_count: { type: DataTypes.INTEGER, allowNull: false },
        anchor_date: { type: DataTypes.STRING(10), allowNull: false },
        anchor_time: { type: DataTypes.STRING(5), allowNull: false },
        timezone: { type: DataTypes.STRING(64), allowNull: false },
        end_date: { type: DataTypes.STRING(10), allowNull: true },
        cycles: { type: DataTypes.INTEGER, allowNull: true },
        auto_send: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        status: { type: DataTypes.STRING(8), allowNull: false },
        next_period_index: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        issued_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        next_issue_at: { type: DataTypes.DATE(3), allowNull: true },
        mrr: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // The scheduler reads "active and due"; the MRR card sums per currency from the index alone.
    await qi.addIndex('cuadra_recurring_templates', ['status', 'next_issue_at'], { name: 'cuadra_recurring_templates_due' });
    await qi.addIndex('cuadra_recurring_templates', ['currency', 'mrr'], { name: 'cuadra_recurring_templates_mrr' });
    await qi.addIndex('cuadra_recurring_templates', ['customer_id'], { name: 'cuadra_recurring_templates_customer' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_recurring_templates');
  },
};
