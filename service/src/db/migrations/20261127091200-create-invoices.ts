import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127091200-create-invoices',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_invoices',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        kind: { type: DataTypes.STRING(2), allowNull: false },
        series_id: { type: DataTypes.INTEGER, allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: true },
        number: { type: DataTypes.INTEGER, allowNull: true },
        full_number: { type: DataTypes.STRING(60), allowNull: true },
        issue_date: { type: DataTypes.STRING(10), allowNull: true },
        operation_date: { type: DataTypes.STRING(10), allowNull: true },
        due_date: { type: DataTypes.STRING(10), allowNull: true },
        customer_id: { type: DataTypes.INTEGER, allowNull: true },
        recipient: { type: DataTypes.TEXT, allowNull: true },
        issuer: { type: DataTypes.TEXT, allowNull: true },
        currency: { type: DataTypes.STRING(3), allowNull: false },
        prices_include_tax: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        irpf_percent: { type: DataTypes.STRING(8), allowNull: false, defaultValue: '0' },
        simplified_limit_extended: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        language: { type: DataTypes.STRING(2), allowNull: false, defaultValue: 'es' },
        notes: { type: DataTypes.TEXT, allowNull: false },
        payment_method: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
        base_total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        vat_total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        recargo_total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        irpf_total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        tax_summary: { type: DataTypes.TEXT, allowNull: false },
        rectifies_invoice_id: { type: DataTypes.INTEGER, allowNull: true },
        rectification_method: { type: DataTypes.STRING(12), allowNull: true },
        rectification_reason: { type: DataTypes.STRING(500), allowNull: true },
        issued_at: { type: DataTypes.DATE(3), allowNull: true },
        paid_at: { type: DataTypes.DATE(3), allowNull: true },
        cancelled_at: { type: DataTypes.DATE(3), allowNull: true },
        created_by: { type: DataTypes.BIGINT, allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // Drafts have no number (NULLs never collide); issued numbers are unique per series and year.
    await qi.addIndex('cuadra_invoices', ['series_id', 'year', 'number'], { unique: true, name: 'cuadra_invoices_number' });
    await qi.addIndex('cuadra_invoices', ['status', 'issue_date'], { name: 'cuadra_invoices_status_date' });
    await qi.addIndex('cuadra_invoices', ['customer_id'], { name: 'cuadra_invoices_customer' });
    await qi.addIndex('cuadra_invoices', ['full_number'], { name: 'cuadra_invoices_full_number' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_invoices');
  },
};
