import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127091100-create-invoice-counters',
  async up({ context: qi }) {
    // One row per series and year (0 when the series never restarts); its row lock is what makes
    // numbering gapless and unique across every issuer and service instance.
    await qi.createTable('cuadra_invoice_counters', {
      series_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      last_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_invoice_counters');
  },
};
