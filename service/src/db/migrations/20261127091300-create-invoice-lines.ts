import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127091300-create-invoice-lines',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_invoice_lines',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        invoice_id: { type: DataTypes.INTEGER, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        sku: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
        quantity: { type: DataTypes.STRING(24), allowNull: false },
        unit_price: { type: DataTypes.STRING(32), allowNull: false },
        discount_percent: { type: DataTypes.STRING(8), allowNull: false, defaultValue: '0' },
        vat: { type: DataTypes.STRING(12), allowNull: false },
        recargo: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        irpf: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        base: { type: DataTypes.BIGINT, allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_invoice_lines', ['invoice_id', 'position'], { unique: true, name: 'cuadra_invoice_lines_position' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_invoice_lines');
  },
};
