import { DataTypes } from 'sequelize';
import { mediumText } from '../column-types';
import { dialectOf } from '../database';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128090100-create-store-orders',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_store_orders',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        store_id: { type: DataTypes.INTEGER, allowNull: false },
        woo_id: { type: DataTypes.BIGINT, allowNull: true },
        number: { type: DataTypes.STRING(40), allowNull: false },
        status: { type: DataTypes.STRING(30), allowNull: false },
        order_created_at: { type: DataTypes.DATE(3), allowNull: true },
        order_modified_at: { type: DataTypes.DATE(3), allowNull: true },
        paid_at: { type: DataTypes.DATE(3), allowNull: true },
        customer_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
        customer_email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
        currency: { type: DataTypes.STRING(3), allowNull: false, defaultValue: '' },
        total: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
        order_json: { type: mediumText(dialectOf(qi.sequelize)), allowNull: true },
        mail_json: { type: mediumText(dialectOf(qi.sequelize)), allowNull: true },
        sources: { type: DataTypes.STRING(60), allowNull: false },
        provisional: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        invoice_id: { type: DataTypes.INTEGER, allowNull: true },
        refund_invoices: { type: DataTypes.TEXT, allowNull: true },
        changed_after_invoice: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        changes: { type: DataTypes.TEXT, allowNull: true },
        ignored: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        problem_code: { type: DataTypes.STRING(40), allowNull: true },
        problem_message: { type: DataTypes.TEXT, allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_store_orders', ['store_id', 'woo_id'], { unique: true, name: 'cuadra_store_orders_store_woo' });
    // Look-ups by display number (the invoice editor's import) and the pending list.
    await qi.addIndex('cuadra_store_orders', ['store_id', 'number'], { name: 'cuadra_store_orders_number' });
    await qi.addIndex('cuadra_store_orders', ['invoice_id', 'ignored', 'status'], { name: 'cuadra_store_orders_pending' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_store_orders');
  },
};
