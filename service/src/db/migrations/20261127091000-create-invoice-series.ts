import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127091000-create-invoice-series',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_invoice_series',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
        prefix: { type: DataTypes.STRING(40), allowNull: false },
        reset: { type: DataTypes.STRING(10), allowNull: false },
        padding: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(12), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_invoice_series');
  },
};
